import { asList } from '../../core/rules/attributes';

/**
 * The enabled log or metric blocks of an `azurerm_monitor_diagnostic_setting`, in both forms
 * the provider has had (`enabled_log` / `enabled_metric`, and the older `log` / `metric` with
 * an `enabled` flag).
 */
export function enabledBlocks(setting: any, kind: 'log' | 'metric'): any[] {
  return [...asList<any>(setting?.[`enabled_${kind}`]), ...asList<any>(setting?.[kind])].filter(
    (b) => b?.enabled !== false,
  );
}
