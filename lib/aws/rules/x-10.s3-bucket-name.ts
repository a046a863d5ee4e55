import { defineApplyRule } from '../../core/compliance/define-rule';
import { AwsValidate } from '../validate';
import { isUnknown, readValue } from '../../core/rules/attributes';

/**
 * General purpose bucket names follow the S3 naming rules. The provider checks them only when it
 * creates the bucket (and skips most rules in us-east-1), so plan passes and apply fails.
 */
export const x10S3BucketName = defineApplyRule(__filename, {
  source:
    'Amazon S3 User Guide, general purpose bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html); terraform-provider-aws internal/service/s3/bucket.go validBucketName runs in Create, not at plan',
  description:
    'S3 bucket names (and prefixes) follow the S3 naming rules: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no reserved prefix or suffix',
  fixHint:
    'Use a name of lowercase letters, digits and hyphens (bucket_prefix: at most 37 characters)',
  resourceTypes: ['aws_s3_bucket'],
  check: (r) => {
    const name = readValue(r, 'bucket');
    if (isUnknown(name)) return name;
    if (typeof name === 'string') {
      const problem = AwsValidate.bucketName(name);
      return problem === undefined || `bucket '${name}': ${problem}`;
    }
    const prefix = readValue(r, 'bucket_prefix');
    if (isUnknown(prefix)) return prefix;
    if (typeof prefix !== 'string') return undefined;
    return (
      (prefix.length <= 37 &&
        /^[a-z0-9][a-z0-9.-]*$/.test(prefix) &&
        !/^(xn--|sthree-|amzn-s3-demo-)/.test(prefix)) ||
      `bucket_prefix '${prefix}' is not at most 37 lowercase letters, digits, dots and hyphens`
    );
  },
});
