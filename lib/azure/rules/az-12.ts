import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { defineStackRule } from '../../core/rules/factories';
import {
  DEPRECATED_POLICY_DEFINITIONS,
  NETWORK_POLICY_DEFINITIONS as N,
  POLICY_DEFINITIONS,
} from '../defaults';

const ASSIGNMENT_TYPES = [
  'azurerm_resource_group_policy_assignment',
  'azurerm_subscription_policy_assignment',
  'azurerm_management_group_policy_assignment',
];

/**
 * The dependencies a stack's Key Vaults, storage accounts and registries need kept private, and
 * the definitions that do it (public network access Disabled, or for vaults and accounts that
 * admit allow-listed IPs, the firewall's default action Deny).
 */
const NETWORK_GUARDS: { type: string; what: string; ids: string[] }[] = [
  {
    type: 'azurerm_key_vault',
    what: 'KEY_VAULT_PUBLIC_NETWORK_DISABLED (or KEY_VAULT_FIREWALL)',
    ids: [N.KEY_VAULT_PUBLIC_NETWORK_DISABLED, N.KEY_VAULT_FIREWALL],
  },
  {
    type: 'azurerm_storage_account',
    what: 'STORAGE_PUBLIC_NETWORK_DISABLED (or STORAGE_FIREWALL)',
    ids: [N.STORAGE_PUBLIC_NETWORK_DISABLED, N.STORAGE_FIREWALL],
  },
  {
    type: 'azurerm_storage_account',
    what: 'STORAGE_SHARED_KEY_DISABLED',
    ids: [N.STORAGE_SHARED_KEY_DISABLED],
  },
  {
    type: 'azurerm_container_registry',
    what: 'REGISTRY_PUBLIC_NETWORK_DISABLED',
    ids: [N.REGISTRY_PUBLIC_NETWORK_DISABLED],
  },
];

/**
 * AZ-12: the stack assigns the built-in Azure ML guardrail policies, and, for the Key Vaults,
 * storage accounts and registries it has, the ones that keep their public network access off
 * (without them a Contributor can reopen them after deploy).
 */
export const az12PolicyAssignments = defineStackRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Stacks with an ML workspace assign the Azure ML guardrail policies (CMK, private link, public network off, compute local auth off, managed VNet mode, resource logs) and, for their Key Vaults, storage accounts and container registries, public network access off (or the vault/storage firewall on) and, for their storage accounts, shared key access off',
  fixHint:
    'Assign the built-in definitions (AzureMlPolicyAssignments does) at resource-group or wider scope; replace deprecated definitions (40cec1dd-... private link is now 45e05259-...)',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  checkStack: policiesAssigned,
});

function policiesAssigned(stack: StackView): Verdict {
  const assigned = new Set<string>();
  const expressions: string[] = [];
  for (const t of ASSIGNMENT_TYPES) {
    for (const a of stack.resources(t)) {
      const id = a.attributes.policy_definition_id;
      if (isExpression(id)) expressions.push(String(id));
      else if (typeof id === 'string') assigned.add(id.toLowerCase());
    }
  }
  const missing = Object.entries(POLICY_DEFINITIONS)
    .filter(([, id]) => !assigned.has(id.toLowerCase()))
    .map(([k]) => k);
  for (const g of NETWORK_GUARDS) {
    if (stack.resources(g.type).length === 0) continue;
    if (!g.ids.some((id) => assigned.has(id.toLowerCase()))) missing.push(g.what);
  }
  if (missing.length === 0) return true;
  if (expressions.length > 0)
    return unknown(
      `missing ${missing.join(', ')} unless assigned through ${expressions.join(', ')}`,
    );
  const deprecated = [...assigned]
    .map((id) => id.split('/').pop()!)
    .filter((g) => DEPRECATED_POLICY_DEFINITIONS[g] !== undefined)
    .map((g) => `${g} is deprecated (use ${DEPRECATED_POLICY_DEFINITIONS[g]})`);
  return [`missing policy assignments: ${missing.join(', ')}`, ...deprecated].join('; ');
}
