import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-23: alarm topics are KMS-encrypted. */
export const aws23SnsEncryption = defineRule({
  id: 'AWS-23',
  level: RuleLevel.ERROR,
  description: 'SNS topics are encrypted with a KMS key',
  fixHint: 'Set kms_master_key_id on the aws_sns_topic',
  resourceTypes: ['aws_sns_topic'],
  check: (r) => Boolean(r.attributes.kms_master_key_id) || 'no kms_master_key_id',
});
