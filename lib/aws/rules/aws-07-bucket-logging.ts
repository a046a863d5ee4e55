import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { companions } from './util';
import { isAccessLogTarget } from './aws-07-bucket-encryption';

/** AWS-07: server access logging to a log bucket. */
export const aws07BucketLogging = defineRule({
  id: 'AWS-07.logging',
  level: RuleLevel.ERROR,
  description: 'S3 buckets log server access to a log bucket (log target buckets excepted)',
  fixHint: 'Add an aws_s3_bucket_logging with target_bucket set to the access-log bucket',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    if (isAccessLogTarget(stack, r)) return true;
    return companions(stack, 'aws_s3_bucket_logging', r).length > 0 || 'no server access logging';
  },
});
