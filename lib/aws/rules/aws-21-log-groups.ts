import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-21 / AWS-27: log groups encrypted with a CMK and with retention. */
export const aws21LogGroups = defineRule({
  id: 'AWS-21',
  level: RuleLevel.ERROR,
  description:
    'CloudWatch log groups are encrypted with a customer managed KMS key and have a retention period',
  fixHint:
    'Set kms_key_id (a key whose policy admits logs.<region>.amazonaws.com) and retention_in_days',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const problems: string[] = [];
    if (!r.attributes.kms_key_id) problems.push('no kms_key_id');
    if (!r.attributes.retention_in_days) problems.push('no retention_in_days (never expires)');
    return problems.length === 0 || problems.join('; ');
  },
});
