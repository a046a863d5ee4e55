import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown } from '../../core/rules/attributes';
import { companionSetting } from './bucket-companions';

/** AWS-07: ACLs disabled (BucketOwnerEnforced). */
export const aws07BucketOwnership = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  fixHint: 'Add an aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const { value } = companionSetting(
      stack,
      r,
      'aws_s3_bucket_ownership_controls',
      'rule',
      'object_ownership',
    );
    if (isUnknown(value)) return value;
    return value === 'BucketOwnerEnforced' || 'object ownership is not BucketOwnerEnforced';
  },
});
