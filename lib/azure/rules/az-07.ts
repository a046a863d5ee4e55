import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { check } from '../../core/rules/attributes';

/** AZ-07: the workspace uses managed VNet isolation. */
export const az07ManagedNetwork = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces use managed VNet isolation (AllowOnlyApprovedOutbound, or AllowInternetOutbound when chosen explicitly)',
  fixHint: "Set managed_network { isolation_mode = 'AllowOnlyApprovedOutbound' }",
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) =>
    check(
      r,
      'managed_network.isolation_mode',
      (m) => m === 'AllowOnlyApprovedOutbound' || m === 'AllowInternetOutbound',
      (m) => `managed_network.isolation_mode is '${m ?? 'unset (Disabled)'}'`,
    ),
});
