import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** AZ-07: the workspace uses managed VNet isolation. */
export const az07ManagedNetwork = defineRule({
  id: 'AZ-07',
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces use managed VNet isolation (AllowOnlyApprovedOutbound, or AllowInternetOutbound when chosen explicitly)',
  fixHint: "Set managed_network { isolation_mode = 'AllowOnlyApprovedOutbound' }",
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    const mode = attr(r, 'managed_network.isolation_mode');
    if (mode === 'AllowOnlyApprovedOutbound' || mode === 'AllowInternetOutbound') return true;
    return `managed_network.isolation_mode is '${mode ?? 'unset (Disabled)'}'`;
  },
});
