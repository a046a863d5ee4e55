import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, asList, check } from '../../core/rules/attributes';

/**
 * AZ-11 (parity with GCP-14): an activity log alert rule is enabled and notifies an action group
 * (azurerm `action` blocks are optional and `enabled` may be false; either way a change the rule
 * watches alerts no one).
 */
export const az11AlertActions = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description: 'Activity log alert rules are enabled and notify at least one action group',
  fixHint:
    'Add an action { action_group_id = ... } block and leave enabled true (AzureMLWorkspace: alertEmails / alertActionGroupIds)',
  resourceTypes: ['azurerm_monitor_activity_log_alert'],
  check: (r) =>
    allOf([
      check(
        r,
        'action',
        (a) => asList(a).length > 0,
        () => 'no action: the alert notifies no one',
      ),
      check(
        r,
        'enabled',
        (e) => e !== false && e !== 'false',
        () => 'enabled is false',
      ),
    ]),
});
