import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-21 / AWS-27: log groups encrypted with a CMK and with retention. */
export const aws21LogGroups = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'CloudWatch log groups are encrypted with a customer managed KMS key and have a retention period',
  fixHint:
    'Set kms_key_id (a key whose policy admits logs.<region>.amazonaws.com) and retention_in_days',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const key = readValue(r, 'kms_key_id');
    const retention = readValue(r, 'retention_in_days');
    return allOf([
      isUnknown(key) && !/\$\{aws_kms_key\./.test(String(r.attributes.kms_key_id))
        ? key
        : Boolean(r.attributes.kms_key_id) || 'no kms_key_id',
      isUnknown(retention)
        ? retention
        : (Boolean(retention) && Number(retention) !== 0) || 'no retention_in_days (never expires)',
    ]);
  },
});
