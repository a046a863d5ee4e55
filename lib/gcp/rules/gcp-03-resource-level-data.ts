import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { DATA_PLANE_ROLES } from '../defaults';

/** GCP-03: data-plane roles are bound on buckets and datasets, not on the project. */
export const gcp03ResourceLevelData = defineRule({
  id: 'GCP-03',
  level: RuleLevel.ERROR,
  description:
    'Storage object and BigQuery data roles are bound on buckets/datasets, not project-wide',
  fixHint:
    'Use google_storage_bucket_iam_member / google_bigquery_dataset_iam_member on the data resources instead of google_project_iam_*',
  resourceTypes: ['google_project_iam_member', 'google_project_iam_binding'],
  check: (r) =>
    !DATA_PLANE_ROLES.includes(r.attributes.role) ||
    `grants ${r.attributes.role} on the whole project`,
});
