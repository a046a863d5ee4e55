import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-08 / X-05: no ingress allowed from the internet. */
export const gcp08Firewall = defineRule({
  id: 'GCP-08.firewall',
  level: RuleLevel.ERROR,
  description: 'Firewall rules do not allow ingress from 0.0.0.0/0',
  fixHint: 'Restrict source_ranges to internal ranges or the IAP range 35.235.240.0/20',
  resourceTypes: ['google_compute_firewall'],
  check: (r) => {
    const a = r.attributes;
    if (
      (a.direction ?? 'INGRESS') !== 'INGRESS' ||
      blocks(a.allow).length === 0 ||
      a.disabled === true
    )
      return undefined;
    const ranges: string[] = a.source_ranges ?? [];
    const open = ranges.filter((c) => c === '0.0.0.0/0' || c === '::/0');
    return open.length === 0 || `allows ingress from ${open.join(', ')}`;
  },
});
