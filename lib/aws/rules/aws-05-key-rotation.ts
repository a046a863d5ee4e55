import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-05 / X-04: customer managed keys rotate (<= 365 days) and have a 30-day deletion window. */
export const aws05KeyRotation = defineRule({
  id: 'AWS-05.key',
  level: RuleLevel.ERROR,
  description: 'KMS keys rotate at least yearly and have a 30-day deletion window',
  fixHint:
    'Set enable_key_rotation = true, rotation_period_in_days <= 365 and deletion_window_in_days = 30',
  resourceTypes: ['aws_kms_key'],
  check: (r) => {
    const a = r.attributes;
    const problems: string[] = [];
    if (a.enable_key_rotation !== true) problems.push('enable_key_rotation is not true');
    if (typeof a.rotation_period_in_days === 'number' && a.rotation_period_in_days > 365)
      problems.push('rotation period above 365 days');
    if (a.deletion_window_in_days !== 30)
      problems.push(`deletion_window_in_days is ${a.deletion_window_in_days ?? '30 (default)'}`);
    if (a.deletion_window_in_days === undefined) problems.pop();
    return problems.length === 0 || problems.join('; ');
  },
});
