import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-12: versioning and lifecycle rules (data does not linger). */
export const gcp12BucketVersioning = defineRule({
  id: 'GCP-12.lifecycle',
  level: RuleLevel.ERROR,
  description: 'Buckets are versioned and have lifecycle rules so old data does not linger',
  fixHint: 'Set versioning.enabled = true and at least one lifecycle_rule with a Delete action',
  resourceTypes: ['google_storage_bucket'],
  check: (r) => {
    if (blocks(r.attributes.versioning)[0]?.enabled !== true) return 'versioning is not enabled';
    const rules = blocks(r.attributes.lifecycle_rule);
    return (
      rules.some((x) => blocks(x.action)[0]?.type === 'Delete') ||
      'no lifecycle_rule deletes objects'
    );
  },
});
