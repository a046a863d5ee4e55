import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown } from '../../core/rules/attributes';
import { referenced, waitsFor } from '../../core/rules/references';
import { companions } from './bucket-companions';
import { actionsNotAllowed, statements } from './policy-statements';

/**
 * A trail writing to a bucket of the stack needs the bucket policy to admit CloudTrail
 * (s3:GetBucketAcl, s3:PutObject) before CreateTrail runs: CloudTrail checks the policy when
 * the trail is created (InsufficientS3BucketPolicyException).
 */
export const x10CloudTrailBucketPolicy = defineApplyRule(__filename, {
  source:
    'AWS CloudTrail API CreateTrail, InsufficientS3BucketPolicyException (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html); CloudTrail User Guide, Amazon S3 bucket policy for CloudTrail (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html)',
  description:
    'Trails that write to a bucket of the stack wait for its bucket policy, which allows cloudtrail.amazonaws.com s3:GetBucketAcl and s3:PutObject',
  fixHint:
    'Add the CloudTrail statements to the bucket policy and depends_on = [<the aws_s3_bucket_policy>] on the trail',
  resourceTypes: ['aws_cloudtrail'],
  check: (r, stack) => {
    const bucket = referenced(stack, r.attributes.s3_bucket_name, 'aws_s3_bucket');
    if (!bucket) return undefined;
    const policy = companions(stack, 'aws_s3_bucket_policy', bucket)[0];
    if (!policy) return `${bucket.address} has no bucket policy admitting CloudTrail`;
    const st = statements(policy.attributes.policy, stack);
    if (st === undefined) return `${bucket.address} has no bucket policy admitting CloudTrail`;
    if (isUnknown(st)) return st;
    const missing = actionsNotAllowed(st, 'cloudtrail.amazonaws.com', [
      's3:GetBucketAcl',
      's3:PutObject',
    ]);
    if (missing.length > 0)
      return `the policy of ${bucket.address} does not allow cloudtrail.amazonaws.com ${missing.join(', ')}`;
    return (
      waitsFor(r, policy) ||
      `does not depend on ${policy.address} (CloudTrail checks it at CreateTrail)`
    );
  },
});
