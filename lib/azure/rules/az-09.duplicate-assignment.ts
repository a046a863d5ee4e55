import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, unknown } from '../../core/rules/attributes';
import { groupBy, perStack, refTarget } from '../../core/rules/references';
import { roleKey } from './rbac';

const PARTS = ['scope', 'principal_id', 'role', 'condition'] as const;

/** The compared parts of an assignment: scope, principal, role and condition, normalized. */
function partsOf(a: ResourceView): string[] {
  return [
    String(a.attributes.scope).toLowerCase(),
    String(a.attributes.principal_id).toLowerCase(),
    String(roleKey(a)),
    JSON.stringify(a.attributes.condition ?? null),
  ];
}

/**
 * The raw value of each part when it is an expression that names nothing in the stack (a
 * variable, a local, a function call...): its value, known only at apply, may equal anything.
 */
function opaqueParts(stack: StackView, a: ResourceView): (string | undefined)[] {
  const name = a.attributes.role_definition_name;
  const role =
    typeof name === 'string' && !isExpression(name)
      ? undefined
      : (name ?? a.attributes.role_definition_id);
  return [a.attributes.scope, a.attributes.principal_id, role, a.attributes.condition].map((v) =>
    isExpression(v) && !refTarget(stack, v) ? String(v) : undefined,
  );
}

/**
 * AZ-09 (apply): Azure accepts one assignment of a role to a principal at a scope; a second one
 * fails with 409 RoleAssignmentExists. azurerm names assignments with random GUIDs, so plan
 * does not see the clash. Identical expressions count as the same value, references to
 * different resources of the stack as different values; an expression that names nothing in the
 * stack (a variable, a function call) makes a clash possible but not certain: UNKNOWN.
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
    const groups = groupBy(stack, 'azurerm_role_assignment', 'duplicate-assignment', (a) =>
      partsOf(a).join('|'),
    );
    const mine = partsOf(r);
    const twin = (groups.get(mine.join('|')) ?? []).find((a) => a.address !== r.address);
    if (twin !== undefined) return `same role, principal and scope as ${twin.address}`;
    // Every assignment's parts, and those with a part that cannot be compared before apply,
    // computed once per stack.
    const all = perStack(stack, 'AZ-09.duplicate-assignment:parts', () =>
      stack
        .resources('azurerm_role_assignment')
        .map((a) => ({ a, parts: partsOf(a), opaque: opaqueParts(stack, a) })),
    );
    const opaque = perStack(stack, 'AZ-09.duplicate-assignment:opaque', () =>
      all.filter((x) => x.opaque.some((o) => o !== undefined)),
    );
    const myOpaque = opaqueParts(stack, r);
    const candidates = myOpaque.some((o) => o !== undefined) ? all : opaque;
    for (const c of candidates) {
      if (c.a.address === r.address) continue;
      const open = PARTS.filter(
        (_, i) =>
          mine[i] !== c.parts[i] && (myOpaque[i] !== undefined || c.opaque[i] !== undefined),
      );
      const settled = PARTS.every((p, i) => mine[i] === c.parts[i] || open.includes(p));
      if (settled && open.length > 0) {
        return unknown(
          `may give the same role, principal and scope as ${c.a.address}: ${open.join(', ')} known only at apply`,
        );
      }
    }
    return true;
  },
});
