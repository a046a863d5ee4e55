import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

const GUARDRAILS = [
  'iam.disableServiceAccountKeyCreation',
  'storage.uniformBucketLevelAccess',
  'storage.publicAccessPrevention',
  'compute.requireOsLogin',
  'ainotebooks.restrictPublicIp',
  'ainotebooks.disableRootAccess',
  'iam.automaticIamGrantsForDefaultServiceAccounts',
];

/** GCP-11: guardrail org policies, where declared, are enforced (not allow-all, not enforce FALSE). */
export const gcp11OrgPolicies = defineRule({
  id: 'GCP-11',
  level: RuleLevel.ERROR,
  description: 'Guardrail organisation policies are enforced, not relaxed',
  fixHint:
    "Set spec.rules.enforce = 'TRUE' (boolean constraints) or deny_all/allowed_values (list constraints)",
  resourceTypes: ['google_org_policy_policy'],
  check: (r) => {
    const name = String(r.attributes.name ?? '');
    const constraint = name.split('/policies/')[1];
    if (constraint === undefined || name.includes('${')) return undefined;
    const rules = blocks(
      blocks(r.attributes.spec)[0]?.rules ?? blocks(r.attributes.dry_run_spec)[0]?.rules,
    );
    if (rules.some((x) => x.allow_all === 'TRUE')) return 'a rule allows all values';
    if (GUARDRAILS.includes(constraint))
      return rules.some((x) => x.enforce === 'TRUE') || "no rule with enforce = 'TRUE'";
    if (constraint === 'compute.vmExternalIpAccess')
      return rules.some((x) => x.deny_all === 'TRUE') || "no rule with deny_all = 'TRUE'";
    if (constraint === 'gcp.resourceLocations')
      return (
        rules.some((x) => (blocks(x.values)[0]?.allowed_values ?? []).length > 0) ||
        'no allowed_values'
      );
    return undefined;
  },
});
