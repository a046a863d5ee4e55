import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { ROLE_IDS } from '../defaults';
import { scopeKind, ScopeKind } from './scope';
import { lookup, unknown } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

const BROAD_NAMES = [
  'Owner',
  'Contributor',
  'User Access Administrator',
  'Role Based Access Control Administrator',
];
const BROAD_IDS = BROAD_NAMES.map((n) => ROLE_IDS[n]);
const WIDE = [ScopeKind.ROOT, ScopeKind.MANAGEMENT_GROUP, ScopeKind.SUBSCRIPTION];

/** AZ-09 / X-03: no broad roles at subscription or management-group scope. */
export const az09RoleAssignmentScope = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'No Owner, Contributor or access-administrator role is assigned at subscription or management-group scope',
  fixHint:
    'Assign AzureML / data-plane roles at the workspace, container or resource-group scope instead',
  resourceTypes: ['azurerm_role_assignment'],
  check: (r, stack) => {
    const name = lookup(r, 'role_definition_name');
    const id = lookup(r, 'role_definition_id');
    let broad: string | undefined;
    if (
      name.value !== undefined &&
      BROAD_NAMES.some((n) => n.toLowerCase() === String(name.value).toLowerCase())
    )
      broad = String(name.value);
    if (typeof id.value === 'string' && BROAD_IDS.some((g) => id.value.toLowerCase().endsWith(g)))
      broad = id.value;
    if (broad === undefined) {
      // A role known only at apply (a variable, a data source) may be broad.
      const roleExpr = name.expression ?? id.expression;
      if (roleExpr !== undefined) {
        const target = refTarget(stack, roleExpr);
        // A custom role defined in the stack is never one of the broad built-ins.
        if (target?.type === 'azurerm_role_definition') return true;
        if (!isWideScope(stack, r.attributes.scope)) return true;
        return unknown(`the role is ${roleExpr}`);
      }
      return true;
    }
    const scope = lookup(r, 'scope');
    const kind = scopeKind(stack, scope.expression ?? scope.value);
    if (kind === undefined)
      return unknown(
        `${broad} at a scope known only at apply (${scope.expression ?? scope.value})`,
      );
    return !WIDE.includes(kind) || `${broad} at ${kind} scope ${scope.expression ?? scope.value}`;
  },
});

/** False only when the scope is known to be narrower than a subscription. */
function isWideScope(stack: any, scope: any): boolean {
  const kind = scopeKind(stack, scope);
  return kind === undefined || WIDE.includes(kind);
}
