import { defineApplyRule } from '../../core/compliance/define-rule';
import { block, isExpression, literal, unknown } from '../../core/rules/attributes';

/**
 * GCP-12 (apply): a bucket's soft delete retention is 0 (off) or between 7 and 90 days; the
 * provider plans any number and Cloud Storage rejects the rest.
 */
export const gcp12SoftDelete = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/storage/docs/soft-delete#retention-duration (0, or 7 to 90 days); provider docs website/docs/r/storage_bucket.html.markdown (soft_delete_policy.retention_duration_seconds)',
  description: 'Bucket soft delete retention is 0 or 604800-7776000 seconds (7-90 days)',
  fixHint: 'Set soft_delete_policy.retention_duration_seconds to 0 or between 604800 and 7776000',
  resourceTypes: ['google_storage_bucket'],
  check: (r) => {
    const policy = r.attributes.soft_delete_policy;
    if (isExpression(policy)) return unknown(`soft_delete_policy is ${policy}`);
    const v = block(policy)?.retention_duration_seconds;
    if (v === undefined || v === null) return undefined;
    return literal(
      v,
      'soft_delete_policy.retention_duration_seconds',
      (x) => Number(x) === 0 || (Number(x) >= 604800 && Number(x) <= 7776000),
      (x) => `soft delete retention ${x}s is neither 0 nor between 7 and 90 days`,
    );
  },
});
