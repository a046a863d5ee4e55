import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-23: alarm topics are KMS-encrypted. */
export const aws23SnsEncryption = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'SNS topics are encrypted with a KMS key',
  fixHint: 'Set kms_master_key_id on the aws_sns_topic',
  resourceTypes: ['aws_sns_topic'],
  check: (r) => {
    const key = readValue(r, 'kms_master_key_id');
    if (isUnknown(key) && !/\$\{aws_kms_key\./.test(String(r.attributes.kms_master_key_id)))
      return key;
    return Boolean(r.attributes.kms_master_key_id) || 'no kms_master_key_id';
  },
});
