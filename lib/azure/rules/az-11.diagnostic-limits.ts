import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression } from '../../core/rules/attributes';
import { groupBy } from '../../core/rules/references';
import { enabledBlocks } from './diagnostic-settings';

/** What a setting sends: 'group:allLogs', 'category:X', 'metric:AllMetrics'. */
function streams(d: any): string[] {
  const out: string[] = [];
  for (const l of enabledBlocks(d, 'log')) {
    if (l?.category_group) out.push(`group:${l.category_group}`);
    if (l?.category) out.push(`category:${l.category}`);
  }
  for (const m of enabledBlocks(d, 'metric')) if (m?.category) out.push(`metric:${m.category}`);
  return out;
}

function overlap(a: string[], b: string[]): string | undefined {
  for (const x of a) {
    for (const y of b) {
      if (x === y) return x;
      const logs = (s: string) => s.startsWith('group:') || s.startsWith('category:');
      if (logs(x) && logs(y) && (x === 'group:allLogs' || y === 'group:allLogs'))
        return `${x} / ${y}`;
    }
  }
  return undefined;
}

const DESTINATIONS = [
  'log_analytics_workspace_id',
  'storage_account_id',
  'eventhub_authorization_rule_id',
  'partner_solution_id',
];

/**
 * AZ-11 (apply): a resource takes at most five diagnostic settings, and a log category (or
 * metric) goes to one destination once: a second setting sending it to the same workspace,
 * account or event hub fails. Targets and destinations are compared as written.
 */
export const az11DiagnosticLimits = defineApplyRule(__filename, {
  source:
    'Azure Monitor diagnostic settings: each resource can have up to five diagnostic settings; a category cannot be sent twice to the same destination (https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings)',
  description:
    'At most five diagnostic settings per target, and no two of them send the same logs or metrics to the same destination',
  fixHint: 'Merge the settings, or send the overlapping categories to different destinations',
  resourceTypes: ['azurerm_monitor_diagnostic_setting'],
  check: (r, stack) => {
    const target = r.attributes.target_resource_id;
    const same =
      groupBy(stack, 'azurerm_monitor_diagnostic_setting', 'diagnostic-target', (d) =>
        JSON.stringify(d.attributes.target_resource_id ?? null),
      ).get(JSON.stringify(target ?? null)) ?? [];
    const f: string[] = [];
    if (same.length > 5) f.push(`${same.length} diagnostic settings on ${target} (at most 5)`);
    const mine = streams(r.attributes);
    for (const d of same) {
      if (d.address === r.address) continue;
      for (const dest of DESTINATIONS) {
        const a = r.attributes[dest];
        if (a === undefined || a !== d.attributes[dest]) continue;
        const o = overlap(mine, streams(d.attributes));
        if (o)
          f.push(
            `${o} also sent to the same ${dest}${isExpression(a) ? ` ${a}` : ''} by ${d.address}`,
          );
      }
    }
    return f.length === 0 || f.join('; ');
  },
});
