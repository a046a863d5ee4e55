import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, isTrue, isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-05 / X-04: customer managed keys rotate (<= 365 days) and have a 30-day deletion window. */
export const aws05KeyRotation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'KMS keys rotate at least yearly and have a 30-day deletion window',
  fixHint:
    'Set enable_key_rotation = true, rotation_period_in_days <= 365 and deletion_window_in_days = 30',
  resourceTypes: ['aws_kms_key'],
  check: (r) => {
    const rotation = readValue(r, 'enable_key_rotation');
    const period = readValue(r, 'rotation_period_in_days');
    const window = readValue(r, 'deletion_window_in_days');
    return allOf([
      isUnknown(rotation) ? rotation : isTrue(rotation) || 'enable_key_rotation is not true',
      isUnknown(period)
        ? period
        : period === undefined || Number(period) <= 365 || 'rotation period above 365 days',
      isUnknown(window)
        ? window
        : window === undefined || Number(window) === 30 || `deletion_window_in_days is ${window}`,
    ]);
  },
});
