import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { dependenciesOf } from '../../core/rules/references';

const GUARD = 'iam.automaticIamGrantsForDefaultServiceAccounts';

/**
 * GCP-01: the default compute service account never gets Editor. Enabling compute.googleapis.com
 * creates it, with roles/editor unless iam.automaticIamGrantsForDefaultServiceAccounts is
 * enforced already; so where a stack declares that policy, the Compute API waits for it.
 */
export const gcp01DefaultSaGuard = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `The Compute Engine API is enabled after the ${GUARD} policy of the stack, so the default compute SA is created without Editor`,
  fixHint: `Make google_project_service compute.googleapis.com depend on the ${GUARD} org policy (GcpProject.enableAfter)`,
  resourceTypes: ['google_project_service'],
  check: (r, stack) => {
    const service = r.attributes.service;
    if (isExpression(service)) return unknown(`service is ${service}`);
    if (service !== 'compute.googleapis.com') return undefined;
    const guards = stack
      .resources('google_org_policy_policy')
      .filter((p) => String(p.attributes.name ?? '').endsWith(`/policies/${GUARD}`));
    if (guards.length === 0) return undefined; // set higher up, or not at all: not this stack's
    const deps = dependenciesOf(stack, r.address);
    return (
      guards.some((g) => deps.has(g.address)) ||
      `enabled without waiting for ${guards.map((g) => g.address).join(', ')}: the default compute SA is created with Editor first`
    );
  },
});
