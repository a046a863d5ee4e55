import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, mustBeFalse, mustBeTrue, present } from '../../core/rules/attributes';

/** AZ-01: the workspace is private, HBI, and runs as a user-assigned identity. */
export const az01Workspace = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces disable public network access, are high-business-impact and use a user-assigned identity',
  fixHint:
    'Set public_network_access_enabled = false, high_business_impact = true, identity type UserAssigned with primary_user_assigned_identity',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) =>
    allOf([
      mustBeFalse(r, 'public_network_access_enabled'),
      mustBeTrue(r, 'high_business_impact'),
      check(
        r,
        'identity.type',
        (t) => typeof t === 'string' && t.includes('UserAssigned'),
        (t) => `identity type is '${t ?? ''}', not UserAssigned`,
      ),
      present(r, 'primary_user_assigned_identity', 'primary_user_assigned_identity is not set'),
    ]),
});
