import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, isTrue, literal } from '../../core/rules/attributes';

/** GCP-12: uniform bucket-level access and public access prevention. */
export const gcp12BucketAccess = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Buckets use uniform bucket-level access and enforce public access prevention',
  fixHint: "Set uniform_bucket_level_access = true and public_access_prevention = 'enforced'",
  resourceTypes: ['google_storage_bucket'],
  check: (r) =>
    allOf([
      literal(
        r.attributes.uniform_bucket_level_access,
        'uniform_bucket_level_access',
        isTrue,
        () => 'uniform_bucket_level_access is not true',
      ),
      literal(
        r.attributes.public_access_prevention,
        'public_access_prevention',
        (v) => v === 'enforced',
        () => "public_access_prevention is not 'enforced'",
      ),
    ]),
});
