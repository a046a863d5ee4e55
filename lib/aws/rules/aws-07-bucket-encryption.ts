import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { block, companions, list } from './util';

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
export const aws07BucketEncryption = defineRule({
  id: 'AWS-07.encryption',
  level: RuleLevel.ERROR,
  description:
    'S3 buckets use SSE-KMS with a customer managed key and a bucket key (server access log targets: SSE-S3, the only option S3 supports)',
  fixHint:
    'Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms, kms_master_key_id and bucket_key_enabled = true',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const cfg = companions(stack, 'aws_s3_bucket_server_side_encryption_configuration', r)[0];
    if (!cfg) return 'no server-side encryption configuration';
    const rule = list(cfg.attributes.rule)[0] as any;
    const def = block(rule?.apply_server_side_encryption_by_default);
    if (def?.sse_algorithm === 'AES256' && isAccessLogTarget(stack, r)) return true;
    if (def?.sse_algorithm !== 'aws:kms' && def?.sse_algorithm !== 'aws:kms:dsse')
      return `sse_algorithm is ${def?.sse_algorithm}`;
    if (!def?.kms_master_key_id) return 'no kms_master_key_id (AWS managed key)';
    return rule?.bucket_key_enabled === true || 'bucket_key_enabled is not true';
  },
});
