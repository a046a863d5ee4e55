import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isFalse, unknown } from '../../core/rules/attributes';
import { resolve } from '../../core/rules/exposure';

/**
 * X-06 (any stack): a CloudTrail trail is logging. `enable_logging = false` creates the trail
 * and stops it (StopLogging): the configuration looks audited while nothing is recorded.
 */
export const x06TrailLogging = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'CloudTrail trails are logging (enable_logging is not false)',
  fixHint: 'Remove enable_logging or set it to true',
  resourceTypes: ['aws_cloudtrail'],
  source:
    'CIS AWS Foundations Benchmark v3.0.0 3.1 (CloudTrail enabled in all regions: IsLogging true); Terraform AWS provider, aws_cloudtrail enable_logging (default true)',
  check: (r, stack) => {
    const v = r.attributes.enable_logging;
    if (v === undefined || v === null) return true;
    const res = resolve(v, stack);
    if (!res.known) return unknown(`enable_logging is ${v}`);
    return !isFalse(res.value) || 'enable_logging is false (the trail is stopped)';
  },
});
