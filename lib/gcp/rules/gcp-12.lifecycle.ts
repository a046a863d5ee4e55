import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { asList, block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-12: versioning and lifecycle rules (data does not linger). */
export const gcp12BucketVersioning = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'Buckets are versioned and have lifecycle rules so old data does not linger',
  fixHint: 'Set versioning.enabled = true and at least one lifecycle_rule with a Delete action',
  resourceTypes: ['google_storage_bucket'],
  check: (r) => {
    const versioning = r.attributes.versioning;
    if (isExpression(versioning)) return unknown(`versioning is ${versioning}`);
    const enabled = block(versioning)?.enabled;
    if (isExpression(enabled)) return unknown(`versioning.enabled is ${enabled}`);
    if (!isTrue(enabled)) return 'versioning is not enabled';
    const rules = r.attributes.lifecycle_rule;
    if (isExpression(rules)) return unknown(`lifecycle_rule is ${rules}`);
    const types = asList(rules).map((x) => block(x?.action)?.type);
    if (types.includes('Delete')) return true;
    return types.some(isExpression)
      ? unknown('a lifecycle action type is an expression')
      : 'no lifecycle_rule deletes objects';
  },
});
