import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, blocks, isTrue, isUnknown, readValue } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

/** True when the bucket receives S3 server access logs (such buckets cannot use SSE-KMS). */
export function isAccessLogTarget(stack: StackView, bucket: ResourceView): boolean {
  if (stack.referencing('aws_s3_bucket_logging', 'target_bucket', bucket).length > 0) return true;
  const name = bucket.attributes.bucket;
  return (
    typeof name === 'string' &&
    stack.named('aws_s3_bucket_logging', 'target_bucket', name).length > 0
  );
}

/** AWS-07: SSE-KMS with a bucket key (SSE-S3 only for server access log targets). */
export const aws07BucketEncryption = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'S3 buckets use SSE-KMS with a customer managed key and a bucket key (server access log targets: SSE-S3, the only option S3 supports)',
  fixHint:
    'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms, kms_master_key_id and bucket_key_enabled = true',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const cfg = companions(stack, 'aws_s3_bucket_server_side_encryption_configuration', r)[0];
    if (!cfg) return 'no server-side encryption configuration';
    const rules = blocks(cfg, 'rule');
    if (isUnknown(rules)) return rules;
    const rule = rules[0];
    const algorithm = readValue(rule, 'apply_server_side_encryption_by_default.sse_algorithm');
    if (isUnknown(algorithm)) return algorithm;
    if (algorithm === 'AES256' && isAccessLogTarget(stack, r)) return true;
    if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse')
      return `sse_algorithm is ${algorithm}`;
    const key = readValue(rule, 'apply_server_side_encryption_by_default.kms_master_key_id');
    const bucketKey = readValue(rule, 'bucket_key_enabled');
    if (isUnknown(bucketKey)) return bucketKey;
    if (!isUnknown(key) && !key) return 'no kms_master_key_id (AWS managed key)';
    if (!isTrue(bucketKey)) return 'bucket_key_enabled is not true';
    if (isUnknown(key)) {
      // a reference to a customer managed key of the stack is known to be a CMK
      const raw = String(
        asList<any>(rule.apply_server_side_encryption_by_default)[0]?.kms_master_key_id,
      );
      return /^\$\{aws_kms_key\.[^}]*\}$/.test(raw) || key;
    }
    return !/alias\/aws\//.test(String(key)) || `kms_master_key_id ${key} is an AWS managed key`;
  },
});
