import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { BROAD_ROLES } from '../defaults';

/** GCP-02 / X-03: no broad predefined roles (owner, editor, aiplatform.admin, storage.admin, bigquery.admin). */
export const gcp02BroadRoles = defineRule({
  id: 'GCP-02',
  level: RuleLevel.ERROR,
  description: `No principal gets ${BROAD_ROLES.join(', ')}; custom roles with granular permissions are used instead`,
  fixHint:
    'Bind a custom role (google_project_iam_custom_role) or a narrow predefined role on the resource instead',
  resourceTypes: [
    'google_project_iam_member',
    'google_project_iam_binding',
    'google_storage_bucket_iam_member',
    'google_storage_bucket_iam_binding',
    'google_bigquery_dataset_iam_member',
    'google_bigquery_dataset_iam_binding',
    'google_artifact_registry_repository_iam_member',
    'google_service_account_iam_member',
    'google_kms_crypto_key_iam_member',
  ],
  check: (r) => !BROAD_ROLES.includes(r.attributes.role) || `grants ${r.attributes.role}`,
});
