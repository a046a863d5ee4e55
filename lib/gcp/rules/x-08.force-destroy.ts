import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { ForceDestroySetting, forceDestroyVerdict, literalTrue } from '../../core/rules/exposure';

/** The Google provider's "destroy the contents too" settings (both default to false). */
const GCP_FORCE_DESTROY: { [type: string]: ForceDestroySetting[] } = {
  google_storage_bucket: [
    {
      attribute: 'force_destroy',
      destroys: literalTrue,
      effect: 'destroying the bucket deletes every object in it',
    },
  ],
  google_bigquery_dataset: [
    {
      attribute: 'delete_contents_on_destroy',
      destroys: literalTrue,
      effect: 'destroying the dataset deletes every table in it',
    },
  ],
};

/**
 * X-08 (any stack): no bucket or dataset is configured to take its data with it when destroyed.
 * `removalPolicy: DESTROY` records an X-08 suppression, which covers this facet.
 */
export const x08ForceDestroy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Buckets and datasets do not delete their contents on destroy (force_destroy, delete_contents_on_destroy)',
  fixHint: 'Remove the setting (the provider default keeps the data)',
  resourceTypes: Object.keys(GCP_FORCE_DESTROY),
  source:
    'Terraform Google provider docs: google_storage_bucket force_destroy, google_bigquery_dataset delete_contents_on_destroy (both default false)',
  check: (r, stack) => forceDestroyVerdict(r.attributes, GCP_FORCE_DESTROY[r.type] ?? [], stack),
});
