import { defineApplyRule } from '../../core/compliance/define-rule';
import { BOOLEAN_GUARDRAILS } from '../defaults';
import { constraintOf, rulesOf } from './org-policy-rules';
import { allOf, block } from '../../core/rules/attributes';

/** Known list constraints (values / allow_all / deny_all; never enforce). */
export const LIST_CONSTRAINTS = [
  'gcp.resourceLocations',
  'gcp.restrictNonCmekServices',
  'compute.vmExternalIpAccess',
  'ainotebooks.accessMode',
  'ainotebooks.restrictVpcNetworks',
  'ainotebooks.environmentOptions',
  'gcp.restrictServiceUsage',
  'iam.allowedPolicyMemberDomains',
];

/**
 * GCP-11 (apply): a boolean constraint takes `enforce` only; a list constraint takes `values`,
 * `allow_all` or `deny_all`, never `enforce`. The provider plans either shape; the Org Policy
 * API rejects the wrong one.
 */
export const gcp11ConstraintShape = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/resource-manager/docs/reference/orgpolicy/rest/v2/organizations.policies#PolicyRule ("enforce: ... only be set in policies for boolean constraints"; "values: ... only be set in policies for list constraints"); constraint types: https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints',
  description:
    'Org policies on boolean constraints use enforce; policies on list constraints use values, allow_all or deny_all',
  fixHint:
    "Use enforce = 'TRUE' for boolean constraints, values { allowed_values = [...] } for list ones",
  resourceTypes: ['google_org_policy_policy'],
  check: (r) => {
    const constraint = constraintOf(r);
    if (typeof constraint !== 'string') return constraint;
    const isBool = BOOLEAN_GUARDRAILS.includes(constraint) || constraint.startsWith('custom.');
    const isList = LIST_CONSTRAINTS.includes(constraint);
    if (!isBool && !isList) return undefined;
    const rules = rulesOf(r);
    if (!Array.isArray(rules)) return rules;
    return allOf(
      rules.map((x) => {
        const listy =
          block(x.values) !== undefined || x.allow_all !== undefined || x.deny_all !== undefined;
        if (isBool && listy)
          return `${constraint} is a boolean constraint: values/allow_all/deny_all are rejected`;
        if (isList && x.enforce !== undefined)
          return `${constraint} is a list constraint: enforce is rejected`;
        return true;
      }),
    );
  },
});
