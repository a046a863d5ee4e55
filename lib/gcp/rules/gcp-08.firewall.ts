import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, isTrue, literal, unknown } from '../../core/rules/attributes';

/** GCP-08 / X-05: no ingress allowed from the internet. */
export const gcp08Firewall = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Firewall rules do not allow ingress from 0.0.0.0/0',
  fixHint: 'Restrict source_ranges to internal ranges or the IAP range 35.235.240.0/20',
  resourceTypes: ['google_compute_firewall'],
  check: (r) => {
    const a = r.attributes;
    for (const [k, v] of Object.entries({
      direction: a.direction,
      disabled: a.disabled,
      allow: a.allow,
    }))
      if (isExpression(v)) return unknown(`${k} is ${v}`);
    if (
      (a.direction ?? 'INGRESS') !== 'INGRESS' ||
      asList(a.allow).length === 0 ||
      isTrue(a.disabled)
    )
      return undefined;
    return literal(
      a.source_ranges ?? [],
      'source_ranges',
      (ranges: any[]) => asList(ranges).every((c) => c !== '0.0.0.0/0' && c !== '::/0'),
      () => 'allows ingress from 0.0.0.0/0 or ::/0',
    );
  },
});
