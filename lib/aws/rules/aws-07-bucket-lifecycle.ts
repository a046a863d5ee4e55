import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { companions, list } from './util';

/** AWS-07: lifecycle rules. */
export const aws07BucketLifecycle = defineRule({
  id: 'AWS-07.lifecycle',
  level: RuleLevel.WARNING,
  description: 'S3 buckets have lifecycle rules (noncurrent versions, incomplete uploads)',
  fixHint: 'Add an aws_s3_bucket_lifecycle_configuration with at least one Enabled rule',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const l = companions(stack, 'aws_s3_bucket_lifecycle_configuration', r)[0];
    return (
      list(l?.attributes.rule).some((x: any) => x.status === 'Enabled') ||
      'no enabled lifecycle rule'
    );
  },
});
