import { defineRule, unknown } from '../compliance/define-rule';
import { Rule, RuleLevel, RuleProfile } from '../compliance/rule';
import { isExpression } from './attributes';

/**
 * stateful resources carry `lifecycle.prevent_destroy = true` (a platform convention).
 * Opt-outs made with `removalPolicy: DESTROY` are recorded as suppressions and show as SUPPRESSED.
 */
export function preventDestroyRule(statefulTypes: string[]): Rule {
  return defineRule(__filename, {
    level: RuleLevel.ERROR,
    profile: RuleProfile.PLATFORM,
    description: 'Stateful resources are protected from destroy (lifecycle.prevent_destroy)',
    fixHint:
      'Set lifecycle { prevent_destroy = true } (the constructs do this unless removalPolicy is DESTROY)',
    resourceTypes: statefulTypes,
    check: (r) => {
      const v = r.attributes.lifecycle?.prevent_destroy;
      if (isExpression(v)) return unknown(`lifecycle.prevent_destroy is ${v}`);
      return v === true || v === 'true' || 'lifecycle.prevent_destroy is not true';
    },
  });
}
