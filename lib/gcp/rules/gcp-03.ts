import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { DATA_PLANE_ROLES } from '../defaults';
import { grantedRoleVerdict, PROJECT_IAM_TYPES } from './iam-members';

/** GCP-03: data-plane roles are bound on buckets and datasets, not on the project. */
export const gcp03ResourceLevelData = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Storage object and BigQuery data roles are bound on buckets/datasets, not project-wide',
  fixHint:
    'Use google_storage_bucket_iam_member / google_bigquery_dataset_iam_member on the data resources instead of google_project_iam_*',
  resourceTypes: PROJECT_IAM_TYPES,
  check: (r, stack) =>
    grantedRoleVerdict(
      r,
      stack,
      (role) => !DATA_PLANE_ROLES.includes(role),
      (role) => `grants ${role} on the whole project`,
    ),
});
