import { defineRule } from '../compliance/define-rule';
import { Rule, RuleLevel } from '../compliance/rule';

/**
 * stateful resources carry `lifecycle.prevent_destroy = true`. Opt-outs made with
 * `removalPolicy: DESTROY` are recorded as suppressions and show as SUPPRESSED.
 */
export function preventDestroyRule(statefulTypes: string[]): Rule {
  return defineRule({
    id: 'X-08',
    level: RuleLevel.ERROR,
    description: 'Stateful resources are protected from destroy (lifecycle.prevent_destroy)',
    fixHint:
      'Set lifecycle { prevent_destroy = true } (the constructs do this unless removalPolicy is DESTROY)',
    resourceTypes: statefulTypes,
    check: (r) =>
      r.attributes.lifecycle?.prevent_destroy === true || 'lifecycle.prevent_destroy is not true',
  });
}
