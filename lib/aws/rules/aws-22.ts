import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, isTrue } from '../../core/rules/attributes';
import { kmsKeySet } from './kms-key';

/** AWS-22: trails encrypted, validated and multi-region. */
export const aws22CloudTrail = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'CloudTrail trails are KMS-encrypted, validate log files and cover every region',
  fixHint: 'Set kms_key_id, enable_log_file_validation = true and is_multi_region_trail = true',
  resourceTypes: ['aws_cloudtrail'],
  check: (r) => {
    return allOf([
      kmsKeySet(r, 'kms_key_id'),
      check(r, 'enable_log_file_validation', isTrue, () => 'log file validation off'),
      check(r, 'is_multi_region_trail', isTrue, () => 'not multi-region'),
    ]);
  },
});
