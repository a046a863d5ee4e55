import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, lookup, unknown, Verdict } from '../../core/rules/attributes';
import { defineStackRule } from '../../core/rules/factories';
import { scopeKind, ScopeKind } from './scope';

/** Activity Log categories an export must hold at least (control-plane writes, security, policy). */
const REQUIRED = ['Administrative', 'Security', 'Policy'];

/** AZ-11 / X-06: a stack with an ML workspace exports the subscription Activity Log. */
export const az11ActivityLog = defineStackRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Stacks with an ML workspace export the subscription Activity Log (at least Administrative, Security and Policy) with a diagnostic setting',
  fixHint:
    "Add an azurerm_monitor_diagnostic_setting on the subscription id (data.azurerm_subscription) with enabled_log { category = 'Administrative' } (and Security, Policy, ...) to Log Analytics",
  resourceTypes: ['azurerm_machine_learning_workspace'],
  checkStack: activityLogExported,
});

function activityLogExported(stack: StackView): Verdict {
  const unknowns: string[] = [];
  for (const d of stack.resources('azurerm_monitor_diagnostic_setting')) {
    const target = lookup(d, 'target_resource_id');
    const kind = scopeKind(stack, target.expression ?? target.value);
    if (kind === undefined) {
      unknowns.push(`${d.address} targets ${target.expression ?? target.value}`);
      continue;
    }
    if (kind !== ScopeKind.SUBSCRIPTION) continue;
    const categories = asList(d.attributes.enabled_log).map((l: any) => l?.category);
    if (REQUIRED.every((c) => categories.includes(c))) return true;
  }
  if (unknowns.length > 0) return unknown(unknowns.join('; '));
  return 'no diagnostic setting exports the subscription Activity Log';
}
