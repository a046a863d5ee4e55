import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { BROAD_ROLES, PROJECT_WIDE_FORBIDDEN_ROLES } from '../defaults';
import { grantedRoleVerdict, IAM_TYPES, PROJECT_IAM_TYPES } from './iam-members';

/**
 * GCP-02 / X-03: no broad predefined roles (owner, editor, aiplatform.admin, storage.admin,
 * bigquery.admin) on anything, and no roles/notebooks.admin project-wide (GCP-09: on the
 * instance only).
 */
export const gcp02BroadRoles = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `No principal gets ${BROAD_ROLES.join(', ')}, nor ${PROJECT_WIDE_FORBIDDEN_ROLES.join(', ')} project-wide; custom roles with granular permissions are used instead`,
  fixHint:
    'Bind a custom role (google_project_iam_custom_role) or a narrow predefined role on the resource instead',
  resourceTypes: IAM_TYPES,
  check: (r, stack) =>
    grantedRoleVerdict(
      r,
      stack,
      (role) =>
        !BROAD_ROLES.includes(role) &&
        !(PROJECT_IAM_TYPES.includes(r.type) && PROJECT_WIDE_FORBIDDEN_ROLES.includes(role)),
      (role) =>
        BROAD_ROLES.includes(role) ? `grants ${role}` : `grants ${role} on the whole project`,
    ),
});
