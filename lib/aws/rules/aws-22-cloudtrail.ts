import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-22: trails encrypted, validated and multi-region. */
export const aws22CloudTrail = defineRule({
  id: 'AWS-22',
  level: RuleLevel.ERROR,
  description: 'CloudTrail trails are KMS-encrypted, validate log files and cover every region',
  fixHint: 'Set kms_key_id, enable_log_file_validation = true and is_multi_region_trail = true',
  resourceTypes: ['aws_cloudtrail'],
  check: (r) => {
    const a = r.attributes;
    const problems: string[] = [];
    if (!a.kms_key_id) problems.push('no kms_key_id');
    if (a.enable_log_file_validation !== true) problems.push('log file validation off');
    if (a.is_multi_region_trail !== true) problems.push('not multi-region');
    return problems.length === 0 || problems.join('; ');
  },
});
