import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, isRef } from './util';

const BROAD = [
  'owner',
  'contributor',
  'user access administrator',
  'role based access control administrator',
];
const BROAD_IDS = [
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', // Owner
  'b24988ac-6180-42a0-ab88-20f7382dd24c', // Contributor
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', // User Access Administrator
];

/** AZ-09 / X-03: no broad roles at subscription or management-group scope. */
export const az09RoleAssignmentScope = defineRule({
  id: 'AZ-09',
  level: RuleLevel.ERROR,
  description:
    'No Owner, Contributor or access-administrator role is assigned at subscription or management-group scope',
  fixHint:
    'Assign AzureML / data-plane roles at the workspace, container or resource-group scope instead',
  resourceTypes: ['azurerm_role_assignment'],
  check: (r) => {
    const scope = attr(r, 'scope');
    if (typeof scope !== 'string' || isRef(scope)) return true;
    const broadScope =
      /^\/subscriptions\/[^/]+\/?$/i.test(scope) ||
      /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(scope) ||
      scope === '/';
    if (!broadScope) return true;
    const name = String(attr(r, 'role_definition_name') ?? '').toLowerCase();
    const id = String(attr(r, 'role_definition_id') ?? '').toLowerCase();
    if (BROAD.includes(name) || BROAD_IDS.some((g) => id.endsWith(g)))
      return `${name || id} at ${scope}`;
    return true;
  },
});
