import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { lookupBlocks, lookup, unknown } from '../../core/rules/attributes';
import { byAddress, unresolvedRefs } from '../../core/rules/references';

/** AZ-11: workspace, Key Vault and registry ship all logs and metrics to Log Analytics. */
export const az11Diagnostics = defineRule(__filename, {
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
    const unknowns: string[] = [];
    // Settings that refer to this resource (indexed), and settings whose target is known only at apply.
    for (const d of unresolvedRefs(
      stack,
      'azurerm_monitor_diagnostic_setting',
      'target_resource_id',
    ))
      unknowns.push(`${d.address} targets ${lookup(d, 'target_resource_id').expression}`);
    const settings = byAddress(
      stack.referencing('azurerm_monitor_diagnostic_setting', 'target_resource_id', r),
    );
    for (const d of settings) {
      const logs = lookupBlocks(d, 'enabled_log');
      const metrics = lookupBlocks(d, 'enabled_metric');
      const legacy = lookupBlocks(d, 'metric');
      const expr = logs.expression ?? metrics.expression ?? legacy.expression;
      if (expr !== undefined) {
        unknowns.push(`${d.address} lookupBlocks are ${expr}`);
        continue;
      }
      const allLogs = logs.list.some(
        (l) => l?.category_group === 'allLogs' || l?.category_group === 'audit',
      );
      if (allLogs && metrics.list.length + legacy.list.length > 0) return true;
    }
    if (unknowns.length > 0) return unknown(unknowns.join('; '));
    return settings.length === 0
      ? 'no diagnostic setting targets this resource'
      : 'diagnostic settings do not ship allLogs and metrics';
  },
});
