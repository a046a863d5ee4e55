import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression } from '../../core/rules/attributes';
import { dependenciesOf } from '../../core/rules/references';
import { IAM_TYPES, iamMembers } from './iam-members';

const COMPUTE_AGENT = /@compute-system\.iam\.gserviceaccount\.com/;

/**
 * GCP-05 (apply): the Compute Engine service agent (service-NUMBER@compute-system) has no
 * google_project_service_identity; it is created by the enablement of compute.googleapis.com,
 * asynchronously. A grant to it in the same apply as that enablement must wait (time_sleep)
 * after it, or IAM answers "Service account ... does not exist".
 */
export const gcp05ComputeAgent = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-google#9969 (grants to service agents that do not exist yet); https://cloud.google.com/compute/docs/access/service-accounts#compute_engine_service_agent',
  description:
    'Grants to the Compute Engine service agent wait (time_sleep) after the compute API enablement of the same stack',
  fixHint:
    'Add a time_sleep that depends on google_project_service compute.googleapis.com and make the grant depend on it (GcpServiceAgents does this)',
  resourceTypes: IAM_TYPES,
  check: (r, stack) => {
    if (!iamMembers(r).some((m) => COMPUTE_AGENT.test(String(m)))) return undefined;
    const compute = stack
      .resources('google_project_service')
      .filter((s) => s.attributes.service === 'compute.googleapis.com');
    if (compute.length === 0) return true; // enabled before this stack: the agent exists
    const deps = dependenciesOf(stack, r.address);
    const waits = stack
      .resources('time_sleep')
      .filter((t) => deps.has(t.address))
      .filter((t) => compute.some((c) => dependenciesOf(stack, t.address).has(c.address)));
    if (waits.length > 0) return true;
    if (isExpression(r.attributes.member) && !COMPUTE_AGENT.test(r.attributes.member))
      return undefined;
    return `grants to the Compute Engine agent without waiting after ${compute.map((c) => c.address).join(', ')}`;
  },
});
