import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { BOOLEAN_GUARDRAILS } from '../defaults';
import { constraintOf, rulesOf } from './org-policy-rules';
import { asList, block, isExpression, unknown } from '../../core/rules/attributes';

/** GCP-11: guardrail org policies, where declared, are enforced (not allow-all, not enforce FALSE). */
export const gcp11OrgPolicies = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Guardrail organisation policies are enforced, not relaxed',
  fixHint:
    "Set spec.rules.enforce = 'TRUE' (boolean constraints) or deny_all/allowed_values (list constraints)",
  resourceTypes: ['google_org_policy_policy'],
  check: (r) => {
    const constraint = constraintOf(r);
    if (typeof constraint !== 'string') return constraint;
    const rules = rulesOf(r);
    if (!Array.isArray(rules)) return rules;
    const val = (x: any, k: string): any => x?.[k];
    if (rules.some((x) => isExpression(val(x, 'allow_all')) || isExpression(val(x, 'enforce'))))
      return unknown('a rule has an expression');
    if (rules.some((x) => x.allow_all === 'TRUE')) return 'a rule allows all values';
    if (BOOLEAN_GUARDRAILS.includes(constraint))
      return rules.some((x) => x.enforce === 'TRUE') || "no rule with enforce = 'TRUE'";
    if (constraint === 'compute.vmExternalIpAccess')
      return rules.some((x) => x.deny_all === 'TRUE') || "no rule with deny_all = 'TRUE'";
    if (constraint === 'gcp.resourceLocations')
      return (
        rules.some((x) => asList(block(x.values)?.allowed_values).length > 0) || 'no allowed_values'
      );
    return undefined;
  },
});
