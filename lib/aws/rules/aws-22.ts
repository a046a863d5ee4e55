import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, isTrue, isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-22: trails encrypted, validated and multi-region. */
export const aws22CloudTrail = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'CloudTrail trails are KMS-encrypted, validate log files and cover every region',
  fixHint: 'Set kms_key_id, enable_log_file_validation = true and is_multi_region_trail = true',
  resourceTypes: ['aws_cloudtrail'],
  check: (r) => {
    const key = readValue(r, 'kms_key_id');
    const validation = readValue(r, 'enable_log_file_validation');
    const multi = readValue(r, 'is_multi_region_trail');
    return allOf([
      isUnknown(key) && !/\$\{aws_kms_key\./.test(String(r.attributes.kms_key_id))
        ? key
        : Boolean(r.attributes.kms_key_id) || 'no kms_key_id',
      isUnknown(validation) ? validation : isTrue(validation) || 'log file validation off',
      isUnknown(multi) ? multi : isTrue(multi) || 'not multi-region',
    ]);
  },
});
