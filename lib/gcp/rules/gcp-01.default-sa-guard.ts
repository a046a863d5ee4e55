import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { dependenciesOf } from '../../core/rules/references';

const GUARD = 'iam.automaticIamGrantsForDefaultServiceAccounts';

/**
 * GCP-01: the default compute service account never gets Editor. Enabling compute.googleapis.com
 * creates it, with roles/editor unless iam.automaticIamGrantsForDefaultServiceAccounts is
 * enforced already; so where a stack declares that policy, the Compute API waits for it, and
 * for a settle wait (a `time_sleep` that depends on the policy) after it: an organization policy
 * change takes effect only after it has propagated, which the policy's create call does not
 * wait for (https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy).
 */
export const gcp01DefaultSaGuard = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `The Compute Engine API is enabled after the ${GUARD} policy of the stack, so the default compute SA is created without Editor`,
  fixHint: `Make google_project_service compute.googleapis.com depend on a time_sleep (e.g. 120s, DEFAULT_SA_GUARD_WAIT) that depends on the ${GUARD} org policy (GcpProject.enableAfter)`,
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
    const awaited = guards.filter((g) => deps.has(g.address));
    if (awaited.length === 0)
      return `enabled without waiting for ${guards.map((g) => g.address).join(', ')}: the default compute SA is created with Editor first`;
    const settled = stack
      .resources('time_sleep')
      .some(
        (w) =>
          deps.has(w.address) &&
          awaited.some((g) => dependenciesOf(stack, w.address).has(g.address)),
      );
    return (
      settled ||
      `enabled right after ${awaited.map((g) => g.address).join(', ')} with no settle wait (a time_sleep that depends on the policy): the policy may not have propagated when the default compute SA is created`
    );
  },
});
