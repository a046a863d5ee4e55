import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, literal } from '../../core/rules/attributes';
import { ingressRuleCheck } from './firewall';

/** GCP-08 / X-05: no ingress allowed from the internet. */
export const gcp08Firewall = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Firewall rules do not allow ingress from 0.0.0.0/0',
  fixHint: 'Restrict source_ranges to internal ranges or the IAP range 35.235.240.0/20',
  resourceTypes: ['google_compute_firewall'],
  check: ingressRuleCheck((r) =>
    literal(
      r.attributes.source_ranges ?? [],
      'source_ranges',
      (ranges: any[]) => asList(ranges).every((c) => c !== '0.0.0.0/0' && c !== '::/0'),
      () => 'allows ingress from 0.0.0.0/0 or ::/0',
    ),
  ),
});
