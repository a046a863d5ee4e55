import { defineApplyRule } from '../../core/compliance/define-rule';
import { roleKey } from './rbac';
import { groupBy } from '../../core/rules/references';

/**
 * AZ-09 (apply): Azure accepts one assignment of a role to a principal at a scope; a second one
 * fails with 409 RoleAssignmentExists. azurerm names assignments with random GUIDs, so plan
 * does not see the clash. Identical expressions count as the same value.
 */
export const az09DuplicateAssignment = defineApplyRule(__filename, {
  source:
    'Azure RBAC troubleshooting, "The role assignment already exists" (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting); azurerm_role_assignment generates a random name (hashicorp/terraform-provider-azurerm v4.55.0 internal/services/authorization/role_assignment_resource.go)',
  description:
    'No two role assignments in the stack give the same role to the same principal at the same scope',
  fixHint: 'Remove the duplicate azurerm_role_assignment',
  resourceTypes: ['azurerm_role_assignment'],
  check: (r, stack) => {
    // One pass over the stack's assignments, grouped by scope, principal, role and condition.
    const groups = groupBy(
      stack,
      'azurerm_role_assignment',
      'duplicate-assignment',
      (a) =>
        `${String(a.attributes.scope).toLowerCase()}|${String(a.attributes.principal_id).toLowerCase()}|${roleKey(a)}|${JSON.stringify(a.attributes.condition ?? null)}`,
    );
    const mine = `${String(r.attributes.scope).toLowerCase()}|${String(r.attributes.principal_id).toLowerCase()}|${roleKey(r)}|${JSON.stringify(r.attributes.condition ?? null)}`;
    const twin = (groups.get(mine) ?? []).find((a) => a.address !== r.address);
    return twin === undefined || `same role, principal and scope as ${twin.address}`;
  },
});
