import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { block, companions } from './util';

/** AWS-07: ACLs disabled (BucketOwnerEnforced). */
export const aws07BucketOwnership = defineRule({
  id: 'AWS-07.ownership',
  level: RuleLevel.ERROR,
  description: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  fixHint: 'Add an aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const o = companions(stack, 'aws_s3_bucket_ownership_controls', r)[0];
    return (
      block(o?.attributes.rule)?.object_ownership === 'BucketOwnerEnforced' ||
      'object ownership is not BucketOwnerEnforced'
    );
  },
});
