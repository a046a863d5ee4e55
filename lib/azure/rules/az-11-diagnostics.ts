import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, attr } from './util';

/** AZ-11: workspace, Key Vault and registry ship all logs and metrics to Log Analytics. */
export const az11Diagnostics = defineRule({
  id: 'AZ-11.diagnostics',
  level: RuleLevel.ERROR,
  description:
    'ML workspaces, Key Vaults and container registries have a diagnostic setting with all logs and metrics',
  fixHint:
    "Add an azurerm_monitor_diagnostic_setting with enabled_log { category_group = 'allLogs' } and enabled_metric { category = 'AllMetrics' }",
  resourceTypes: [
    'azurerm_machine_learning_workspace',
    'azurerm_key_vault',
    'azurerm_container_registry',
  ],
  check: (r, stack) => {
    const settings = stack
      .resources('azurerm_monitor_diagnostic_setting')
      .filter((d) => StackView.refersTo(attr(d, 'target_resource_id'), r));
    if (settings.length === 0) return 'no diagnostic setting targets this resource';
    const ok = settings.some((d) => {
      const logs = asList(attr(d, 'enabled_log'));
      const metrics = [...asList(attr(d, 'enabled_metric')), ...asList(attr(d, 'metric'))];
      return (
        logs.some((l) => l?.category_group === 'allLogs' || l?.category_group === 'audit') &&
        metrics.length > 0
      );
    });
    return ok || 'diagnostic settings do not ship allLogs and metrics';
  },
});
