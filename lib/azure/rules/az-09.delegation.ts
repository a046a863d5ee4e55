import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { unknown } from '../../core/rules/attributes';
import { grantsRole } from './rbac';

/** The built-in roles whose purpose is to create and delete role assignments. */
const ACCESS_ADMINISTRATORS = [
  'User Access Administrator',
  'Role Based Access Control Administrator',
];

const ATTRIBUTE = (source: string, name: string) =>
  `@${source}[Microsoft.Authorization/roleAssignments:${name}]`;

/**
 * AZ-09 / X-03: a delegated access-administrator assignment (User Access Administrator, Role
 * Based Access Control Administrator) carries a condition that constrains both the roles and the
 * principals of the assignments its holder creates and deletes. Constraining roles alone (the
 * "Constrain roles" example) still lets the holder assign those roles to itself. The check is
 * textual, on Microsoft's condition format ("Examples to delegate Azure role assignment
 * management with conditions", "Constrain roles and specific groups"; attributes
 * RoleDefinitionId and PrincipalId, from the request on roleAssignments/write and from the
 * existing assignment on roleAssignments/delete).
 */
export const az09Delegation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'User Access Administrator and Role Based Access Control Administrator assignments carry a condition constraining the roles and the principals (PrincipalId) of the role assignments written and deleted',
  fixHint:
    "Add a condition (condition_version 2.0) of Microsoft's 'Constrain roles and specific groups' form: on roleAssignments/write @Request[...:RoleDefinitionId] and @Request[...:PrincipalId] ForAnyOfAnyValues:GuidEquals, on roleAssignments/delete the same with @Resource; AzurePersonaRbac builds it",
  resourceTypes: ['azurerm_role_assignment'],
  check: (r) => {
    if (!grantsRole(r, ACCESS_ADMINISTRATORS)) return undefined;
    const condition = r.attributes.condition;
    if (condition === undefined || condition === null || condition === '')
      return 'no condition: the holder can assign any role to any principal, itself included';
    if (typeof condition !== 'string') return unknown(`condition is ${JSON.stringify(condition)}`);
    // a condition given whole from a variable or data source is known only at apply
    if (!condition.includes('ActionMatches') && /^\$\{[^]*\}$/.test(condition.trim()))
      return unknown(`condition is ${condition}`);
    const missing: string[] = [];
    const want: Array<[string, string, string]> = [
      ['write', 'Request', 'RoleDefinitionId'],
      ['write', 'Request', 'PrincipalId'],
      ['delete', 'Resource', 'RoleDefinitionId'],
      ['delete', 'Resource', 'PrincipalId'],
    ];
    for (const [action, source, name] of want) {
      if (!condition.includes(ATTRIBUTE(source, name)))
        missing.push(`${action} does not check ${ATTRIBUTE(source, name)}`);
    }
    return missing.length === 0 || `condition: ${missing.join('; ')}`;
  },
});
