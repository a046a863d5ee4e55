import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, check } from '../../core/rules/attributes';
import { kmsKeySet } from './kms-key';

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
    return allOf([
      kmsKeySet(r, 'kms_key_id'),
      check(
        r,
        'retention_in_days',
        (days) => Boolean(days) && Number(days) !== 0,
        () => 'no retention_in_days (never expires)',
      ),
    ]);
  },
});
