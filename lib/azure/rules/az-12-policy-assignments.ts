import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { POLICY_DEFINITIONS } from '../defaults';
import { attr } from './util';

const ASSIGNMENT_TYPES = [
  'azurerm_resource_group_policy_assignment',
  'azurerm_subscription_policy_assignment',
  'azurerm_management_group_policy_assignment',
];

/** AZ-12: the stack assigns the built-in Azure ML guardrail policies. */
export const az12PolicyAssignments = defineRule({
  id: 'AZ-12',
  level: RuleLevel.ERROR,
  description:
    'Stacks with an ML workspace assign the Azure ML guardrail policies (CMK, private link, public network off, compute local auth off, managed VNet mode, resource logs)',
  fixHint:
    'Assign the built-in definitions (AzureMlPolicyAssignments does) at resource-group or wider scope',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (_r, stack) => {
    const assigned = new Set<string>();
    for (const t of ASSIGNMENT_TYPES) {
      for (const a of stack.resources(t))
        assigned.add(String(attr(a, 'policy_definition_id') ?? '').toLowerCase());
    }
    const missing = Object.entries(POLICY_DEFINITIONS)
      .filter(([, id]) => !assigned.has(id.toLowerCase()))
      .map(([k]) => k);
    return missing.length === 0 || `missing policy assignments: ${missing.join(', ')}`;
  },
});
