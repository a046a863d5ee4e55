import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks, isUnknown, readValue } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

/** AWS-07: ACLs disabled (BucketOwnerEnforced). */
export const aws07BucketOwnership = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  fixHint: 'Add an aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const o = companions(stack, 'aws_s3_bucket_ownership_controls', r)[0];
    if (!o) return 'object ownership is not BucketOwnerEnforced';
    const rules = blocks(o, 'rule');
    if (isUnknown(rules)) return rules;
    const ownership = readValue(rules[0], 'object_ownership', 'rule.object_ownership');
    if (isUnknown(ownership)) return ownership;
    return ownership === 'BucketOwnerEnforced' || 'object ownership is not BucketOwnerEnforced';
  },
});
