import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { AzurePolicy, azureReference } from '../reference';

const BUILT_IN =
  /^\/providers\/Microsoft\.Authorization\/(policyDefinitions|policySetDefinitions)\/([^/]+)$/i;

/** Policy assignment types (terraform-provider-azurerm) and their definition id attribute. */
const ASSIGNMENT_TYPES = [
  'azurerm_resource_group_policy_assignment',
  'azurerm_subscription_policy_assignment',
  'azurerm_management_group_policy_assignment',
  'azurerm_resource_policy_assignment',
];

function sameValue(a: any, b: any): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The verdict on the parameters (a JSON string `{"name": {"value": ...}}`) of a definition. */
export function checkParameters(policy: AzurePolicy, parameters: any, where: string): Verdict {
  if (isExpression(parameters)) return unknown(`${where} is ${parameters}`);
  let given: { [name: string]: any } = {};
  if (typeof parameters === 'string' && parameters.trim() !== '') {
    try {
      given = JSON.parse(parameters);
    } catch {
      return isExpression(parameters) ? unknown(`${where} is not literal JSON`) : undefined;
    }
  } else if (parameters && typeof parameters === 'object') given = parameters;
  const verdicts: Verdict[] = [];
  const seen = new Set<string>();
  for (const [name, wrapper] of Object.entries<any>(given ?? {})) {
    const declared = policy.parameters.get(name.toLowerCase());
    seen.add(name.toLowerCase());
    if (!declared) {
      verdicts.push(
        `${where}: "${name}" is not a parameter of ${policy.displayName} (${[...policy.parameters.values()].map((p) => p.name).join(', ') || 'it has none'})`,
      );
      continue;
    }
    const value =
      wrapper && typeof wrapper === 'object' && 'value' in wrapper ? wrapper.value : wrapper;
    if (!declared.allowed) continue;
    if (typeof value === 'string' && isExpression(value)) {
      verdicts.push(unknown(`${where}.${name} is ${value}`));
      continue;
    }
    const values = Array.isArray(value) && !declared.allowed.some(Array.isArray) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' && isExpression(v)) verdicts.push(unknown(`${where}.${name} ${v}`));
      else if (!declared.allowed.some((a) => sameValue(a, v))) {
        verdicts.push(
          `${where}: ${name} = ${JSON.stringify(v)} is not one of ${JSON.stringify(declared.allowed)}`,
        );
      }
    }
  }
  for (const p of policy.parameters.values()) {
    if (p.required && !seen.has(p.name.toLowerCase())) {
      verdicts.push(`${where}: required parameter ${p.name} (no default value) is missing`);
    }
  }
  return allOf(verdicts) ?? true;
}

/**
 * The verdict on one definition id, and on the parameters given to it unless `parameters` is
 * null (an initiative's references take ARM expressions such as `[parameters('effect')]`).
 */
export function checkDefinition(id: any, parameters: any, where: string): Verdict {
  if (typeof id !== 'string') return undefined;
  if (isExpression(id)) {
    if (/^\$\{azurerm_policy_(set_)?definition\.[A-Za-z0-9_-]+\.id\}$/.test(id)) return undefined;
    return unknown(`${where} is ${id}`);
  }
  const m = BUILT_IN.exec(id);
  if (!m) return undefined; // a custom definition (under a subscription or management group)
  const ref = azureReference();
  const initiative = m[1].toLowerCase() === 'policysetdefinitions';
  const policy = initiative ? ref.initiative(m[2]) : ref.policy(m[2]);
  if (!policy)
    return `${where}: ${id} is not a built-in ${initiative ? 'initiative' : 'policy definition'}`;
  if (policy.deprecated) {
    return `${where}: ${id} ("${policy.displayName}") is deprecated${policy.deprecationHint ? `: ${policy.deprecationHint}` : ''}; replace or remove the assignment`;
  }
  return parameters === null ? true : checkParameters(policy, parameters, `${where} parameters`);
}

/**
 * X-15 (Azure Policy): built-in policy definitions and initiatives that a stack assigns (or
 * groups into its own initiatives) exist, are not deprecated, and get only parameters they
 * declare, with allowed values, and every required parameter.
 */
export const x15AzurePolicy = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Azure built-in policy definitions and initiatives (Azure/azure-policy built-in-policies; scripts/reference-data/provenance.json)',
  description:
    'Every built-in policy definition or initiative assigned exists and is not deprecated, and its parameters are declared, required ones given and values allowed (allowedValues)',
  fixHint:
    'Use a current built-in definition id (a deprecated one names its replacement in its description), pass only declared parameters, and pick values from its allowedValues',
  resourceTypes: [
    ...ASSIGNMENT_TYPES,
    'azurerm_policy_set_definition',
    'azurerm_management_group_policy_set_definition',
  ],
  check: (r) => {
    if (ASSIGNMENT_TYPES.includes(r.type)) {
      return checkDefinition(
        r.attributes.policy_definition_id,
        r.attributes.parameters,
        'policy_definition_id',
      );
    }
    return allOf(
      asList(r.attributes.policy_definition_reference).map((ref: any, i: number) =>
        checkDefinition(ref?.policy_definition_id, null, `policy_definition_reference[${i}]`),
      ),
    );
  },
});
