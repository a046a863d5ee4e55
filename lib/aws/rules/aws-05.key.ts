import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, mustBeTrue } from '../../core/rules/attributes';

/** AWS-05 / X-04: customer managed keys rotate (<= 365 days) and have a 30-day deletion window. */
export const aws05KeyRotation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'KMS keys rotate at least yearly and have a 30-day deletion window',
  fixHint:
    'Set enable_key_rotation = true, rotation_period_in_days <= 365 and deletion_window_in_days = 30',
  resourceTypes: ['aws_kms_key'],
  check: (r) => {
    return allOf([
      mustBeTrue(r, 'enable_key_rotation'),
      check(
        r,
        'rotation_period_in_days',
        (days) => days === undefined || Number(days) <= 365,
        () => 'rotation period above 365 days',
      ),
      check(
        r,
        'deletion_window_in_days',
        (days) => days === undefined || Number(days) === 30,
        (days) => `deletion_window_in_days is ${days}`,
      ),
    ]);
  },
});
