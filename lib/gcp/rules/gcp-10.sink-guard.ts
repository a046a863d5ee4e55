import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { defineStackRule } from '../../core/rules/factories';
import { customRoleOf, iamMembers, PROJECT_IAM_TYPES } from './iam-members';

/**
 * Predefined roles that can create, update or delete sinks and log buckets, or update or delete
 * exclusions (iam-dataset gcp/roles).
 */
export const SINK_WRITER_ROLES = [
  'roles/owner',
  'roles/editor',
  'roles/logging.admin',
  'roles/logging.configWriter',
];

/**
 * Permissions that redirect or copy the audit trail: sinks and log buckets created, updated or
 * deleted (a new sink copies the logs to a bucket of its own), and the exclusion that keeps Data
 * Access logs out of `_Default` updated or deleted.
 */
const SINK_WRITE =
  /^logging\.((sinks|buckets)\.(create|update|delete)|exclusions\.(update|delete))$/;

/**
 * GCP-10: the audit sink cannot be redirected, copied or deleted by the people whose actions it
 * records: no project-level grant in the stack holds sink or bucket create, update or delete,
 * or exclusion update or delete.
 */
export const gcp10SinkGuard = defineStackRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'No principal of the stack can create, update or delete project sinks and log buckets, or update or delete exclusions: the audit trail cannot be redirected, copied or unexcluded',
  fixHint:
    'Grant a logging role without logging.sinks.create/update/delete, logging.buckets.create/update/delete and logging.exclusions.update/delete (e.g. the platform LOGGING_CONFIG custom role), or route audit logs with an organization-level sink',
  resourceTypes: ['google_logging_project_sink'],
  checkStack: (stack) => {
    const writers: string[] = [];
    let expression = false;
    for (const b of PROJECT_IAM_TYPES.flatMap((t) => stack.resources(t))) {
      const role = b.attributes.role;
      if (isExpression(role)) {
        const custom = customRoleOf(stack, role);
        if (isUnknown(custom)) {
          expression = true;
          continue;
        }
        if (custom.permissions.some((p) => SINK_WRITE.test(p)))
          writers.push(`${b.address} (${custom.role.address})`);
      } else if (SINK_WRITER_ROLES.includes(role)) {
        writers.push(`${b.address} (${role}: ${iamMembers(b).join(', ')})`);
      }
    }
    if (writers.length > 0) return `can redirect or delete the sink: ${writers.join('; ')}`;
    return expression ? unknown('a project role binding has an unresolved role') : true;
  },
});
