import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { defineStackRule } from '../../core/rules/factories';
import { DEPRECATED_POLICY_DEFINITIONS, POLICY_DEFINITIONS } from '../defaults';

const ASSIGNMENT_TYPES = [
  'azurerm_resource_group_policy_assignment',
  'azurerm_subscription_policy_assignment',
  'azurerm_management_group_policy_assignment',
];

/** AZ-12: the stack assigns the built-in Azure ML guardrail policies. */
export const az12PolicyAssignments = defineStackRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Stacks with an ML workspace assign the Azure ML guardrail policies (CMK, private link, public network off, compute local auth off, managed VNet mode, resource logs)',
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
