import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** Days of an ISO 8601 period such as P90D, P3M, P1Y (approximate for months and years). */
function periodDays(p: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(p);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
}

/** AZ-02 / X-04: Key Vault keys rotate automatically at most every 365 days. */
export const az02KeyRotation = defineRule({
  id: 'AZ-02.rotation',
  level: RuleLevel.ERROR,
  description: 'Key Vault keys have an automatic rotation policy of at most 365 days',
  fixHint:
    "Add rotation_policy { automatic { time_after_creation = 'P90D' } expire_after = 'P180D' }",
  resourceTypes: ['azurerm_key_vault_key'],
  check: (r) => {
    const after = attr(r, 'rotation_policy.automatic.time_after_creation');
    if (after === undefined)
      return 'no automatic rotation (rotation_policy.automatic.time_after_creation)';
    const days = periodDays(String(after));
    if (days === undefined) return `unrecognised rotation period '${after}'`;
    return days <= 365 || `rotation period ${after} exceeds 365 days`;
  },
});
