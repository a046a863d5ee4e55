import { defineApplyRule } from '../../core/compliance/define-rule';
import { isTrue, isUnknown, readValue } from '../../core/rules/attributes';
import { referenced, waitsFor } from '../../core/rules/references';
import { versioningStatus } from './bucket-companions';

/**
 * Object Lock on a bucket created without `object_lock_enabled` needs versioning enabled first:
 * PutObjectLockConfiguration fails with InvalidBucketState otherwise.
 */
export const x10S3ObjectLock = defineApplyRule(__filename, {
  source:
    'Amazon S3 API PutObjectLockConfiguration (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectLockConfiguration.html): enabling Object Lock on an existing bucket requires versioning to be enabled (InvalidBucketState)',
  description:
    'Object Lock configurations are on buckets created with object_lock_enabled, or wait for versioning Enabled on the bucket',
  fixHint:
    'Create the bucket with object_lock_enabled = true, or add an aws_s3_bucket_versioning Enabled and depends_on it',
  resourceTypes: ['aws_s3_bucket_object_lock_configuration'],
  check: (r, stack) => {
    const bucket = referenced(stack, r.attributes.bucket, 'aws_s3_bucket');
    if (!bucket) return undefined;
    const enabled = readValue(bucket, 'object_lock_enabled');
    if (isUnknown(enabled)) return enabled;
    if (isTrue(enabled)) return true;
    const { companion: versioning, value: status } = versioningStatus(stack, bucket);
    if (isUnknown(status)) return status;
    if (status !== 'Enabled')
      return `${bucket.address} has neither object_lock_enabled nor versioning Enabled`;
    return waitsFor(r, versioning!) || `does not depend on ${versioning!.address}`;
  },
});
