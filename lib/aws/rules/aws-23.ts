import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { kmsKeySet } from './kms-key';

/** AWS-23: alarm topics are KMS-encrypted. */
export const aws23SnsEncryption = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'SNS topics are encrypted with a KMS key',
  fixHint: 'Set kms_master_key_id on the aws_sns_topic',
  resourceTypes: ['aws_sns_topic'],
  check: (r) => kmsKeySet(r, 'kms_master_key_id'),
});
