import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-01: the workspace is private, HBI, and runs as a user-assigned identity. */
export const az01Workspace = defineRule({
  id: 'AZ-01',
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces disable public network access, are high-business-impact and use a user-assigned identity',
  fixHint:
    'Set public_network_access_enabled = false, high_business_impact = true, identity type UserAssigned with primary_user_assigned_identity',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'public_network_access_enabled') !== false)
      f.push('public_network_access_enabled is not false');
    if (attr(r, 'high_business_impact') !== true) f.push('high_business_impact is not true');
    const type = String(attr(r, 'identity.type') ?? '');
    if (!type.includes('UserAssigned')) f.push(`identity type is '${type}', not UserAssigned`);
    if (attr(r, 'primary_user_assigned_identity') === undefined)
      f.push('primary_user_assigned_identity is not set');
    return verdict(f);
  },
});
