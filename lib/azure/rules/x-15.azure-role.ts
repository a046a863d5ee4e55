import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { groupBy } from '../../core/rules/references';
import { azureReference } from '../reference';

const ROLE_DEFINITION_ID =
  /^((?:\/subscriptions\/[^/]+)?)\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-fA-F-]{36})$/i;

/** The verdict on role_definition_name: a built-in role, or a custom role this stack defines. */
export function checkRoleName(name: any, stack?: StackView): Verdict {
  if (name === undefined || name === null) return undefined;
  if (typeof name !== 'string') return undefined;
  if (isExpression(name)) return unknown(`role_definition_name is ${name}`);
  const builtIn = azureReference().builtInRoleByName(name);
  if (builtIn) return true; // Azure matches role names case-insensitively
  const custom =
    stack !== undefined &&
    groupBy(stack, 'azurerm_role_definition', 'role-definition-name-exact', (d) =>
      typeof d.attributes.name === 'string' ? d.attributes.name : undefined,
    ).has(name);
  if (custom) return true;
  return `role_definition_name "${name}" is not a built-in role, and no azurerm_role_definition of this stack defines it`;
}

/**
 * The verdict on role_definition_id: a built-in role guid under /providers/... (the tenant-wide
 * form of built-in roles) must exist; ids under a subscription may be custom roles and are
 * judged only when they carry a built-in guid.
 */
export function checkRoleId(id: any): Verdict {
  if (typeof id !== 'string') return undefined;
  if (isExpression(id)) {
    if (/^\$\{azurerm_role_definition\.[A-Za-z0-9_-]+\.[a-z_]+\}$/.test(id)) return undefined;
    return unknown(`role_definition_id is ${id}`);
  }
  const m = ROLE_DEFINITION_ID.exec(id);
  if (!m) return `role_definition_id "${id}" is not a role definition id`;
  if (azureReference().builtInRoleById(m[2])) return true;
  if (m[1]) return undefined; // a custom role under a subscription
  return `role_definition_id "${id}" names no built-in role`;
}

/** X-15 (Azure roles): role assignments name built-in roles (or the stack's custom roles). */
export const x15AzureRole = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Azure built-in roles (iann0036/iam-dataset azure/built-in-roles-raw.json; scripts/reference-data/provenance.json)',
  description:
    'Every role assignment names an existing built-in role (by name or id) or a custom role defined in the stack',
  fixHint:
    'Use the built-in role name exactly as Azure spells it (e.g. "AzureML Data Scientist") or its id; reference custom roles by their role_definition_resource_id',
  resourceTypes: [
    'azurerm_role_assignment',
    'azurerm_pim_eligible_role_assignment',
    'azurerm_pim_active_role_assignment',
  ],
  check: (r, stack) =>
    allOf([
      checkRoleName(r.attributes.role_definition_name, stack),
      checkRoleId(r.attributes.role_definition_id),
    ]),
});
