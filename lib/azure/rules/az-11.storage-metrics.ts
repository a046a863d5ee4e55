import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { StackView } from '../../core/compliance/stack-view';
import { refTarget } from '../../core/rules/references';
import { enabledBlocks } from './diagnostic-settings';

/** The metric categories a storage account and its services take in a diagnostic setting. */
const STORAGE_METRICS = ['transaction', 'capacity'];

/** A storage account's ARM id, or that of one of its services. */
const STORAGE_ID = /\/providers\/Microsoft\.Storage\/storageAccounts\//i;

/**
 * Whether a diagnostic setting's target is a storage account or one of its services: a
 * reference to an `azurerm_storage_account` (resource or data source) id, optionally followed
 * by `/blobServices/default` and the like, or an ARM id under `Microsoft.Storage/storageAccounts`.
 * A reference to another resource type is not; undefined when the target is an expression
 * that names no resource (a variable, a local, a module output).
 */
function storageTarget(target: unknown, stack: StackView): boolean | undefined {
  if (typeof target !== 'string') return false;
  if (!isExpression(target)) return STORAGE_ID.test(target);
  const referenced = refTarget(stack, target)?.type;
  const written = /^\$\{(data\.)?(azurerm_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.id\}/.exec(target)?.[2];
  const type = referenced?.replace(/^data\./, '') ?? written;
  if (type !== undefined) return type === 'azurerm_storage_account';
  return STORAGE_ID.test(target) ? true : undefined;
}

/**
 * AZ-11 (apply): a diagnostic setting on a storage account, or on its blob, file, queue or table
 * service, ships the metric categories storage has ('Transaction', 'Capacity'): Azure Monitor
 * rejects 'AllMetrics' there (400 BadRequest) although azurerm passes any category through.
 */
export const az11StorageMetrics = defineApplyRule(__filename, {
  source:
    "Azure Monitor diagnostic settings API: a storage account answers 400 BadRequest \"Metric category 'AllMetrics' is not supported, supported categories are: 'Capacity;Transaction'\" (Azure/terraform-azurerm-avm-res-storage-storageaccount#325 and #387, Azure/azure-powershell#6520); Microsoft.Storage/storageAccounts supported metrics (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-metrics)",
  description:
    "Diagnostic settings on a storage account or its services ship the 'Transaction' (or 'Capacity') metric category, not 'AllMetrics'",
  fixHint:
    'Set enabled_metric { category = "Transaction" } on settings whose target is a storage account or its blob/file/queue/table service',
  resourceTypes: ['azurerm_monitor_diagnostic_setting'],
  check: (r, stack) => {
    const target = r.attributes.target_resource_id;
    const metrics = enabledBlocks(r.attributes, 'metric').map((m) => m?.category);
    if (metrics.length === 0) return undefined;
    const storage = storageTarget(target, stack);
    if (storage === false) return undefined;
    const bad = metrics.filter(
      (c) =>
        typeof c === 'string' && !isExpression(c) && !STORAGE_METRICS.includes(c.toLowerCase()),
    );
    if (storage === undefined)
      return bad.length > 0 ? unknown(`target_resource_id is ${String(target)}`) : undefined;
    if (bad.length > 0)
      return `metric categories ${bad.map((c) => `'${c}'`).join(', ')} on a storage target: Azure takes only 'Transaction' and 'Capacity' there`;
    const exprs = metrics.filter((c) => typeof c !== 'string' || isExpression(c));
    return exprs.length > 0 ? unknown(`metric category ${String(exprs[0])}`) : true;
  },
});
