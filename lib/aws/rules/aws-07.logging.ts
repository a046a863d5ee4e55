import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { isAccessLogTarget } from './aws-07.encryption';
import { isUnknown, readValue } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

/** AWS-07: server access logging to a log bucket. */
export const aws07BucketLogging = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'S3 buckets log server access to a log bucket (log target buckets excepted)',
  fixHint: 'Add an aws_s3_bucket_logging with target_bucket set to the access-log bucket',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    if (isAccessLogTarget(stack, r)) return true;
    const logging = companions(stack, 'aws_s3_bucket_logging', r)[0];
    if (!logging) return 'no server access logging';
    const target = readValue(logging, 'target_bucket');
    if (isUnknown(target) && !/\$\{aws_s3_bucket\./.test(String(logging.attributes.target_bucket)))
      return target;
    return Boolean(logging.attributes.target_bucket) || 'no target_bucket';
  },
});
