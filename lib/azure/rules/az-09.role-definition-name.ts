import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { groupBy } from '../../core/rules/references';

/** AZ-09 (apply): custom role names are unique in the tenant; two in one stack fail at apply. */
export const az09RoleDefinitionName = defineApplyRule(__filename, {
  source:
    'Azure custom roles: the role name must be unique in the Microsoft Entra directory (https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties); a second definition fails with RoleDefinitionWithSameNameExists',
  description: 'Custom role definitions of the stack have distinct names',
  fixHint: 'Give each azurerm_role_definition a unique name (the constructs add a stable suffix)',
  resourceTypes: ['azurerm_role_definition'],
  check: (r, stack) => {
    const name = r.attributes.name;
    if (isExpression(name)) return unknown(`name is ${name}`);
    const byName = groupBy(stack, 'azurerm_role_definition', 'role-definition-name', (d) =>
      typeof d.attributes.name === 'string' ? d.attributes.name.toLowerCase() : undefined,
    );
    const twin = (byName.get(String(name).toLowerCase()) ?? []).find(
      (d) => d.address !== r.address,
    );
    return twin === undefined || `name '${name}' is also used by ${twin.address}`;
  },
});
