import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { JOB_SERVICE_ACCOUNT_CONSTRAINTS } from '../defaults';
import { asList, isExpression, unknown } from '../../core/rules/attributes';

/** Permission -> the job resource type whose custom constraint must require a service account. */
const JOB_CREATE: { [permission: string]: { resourceType: string; field: string } } = {
  'aiplatform.customJobs.create': {
    resourceType: 'aiplatform.googleapis.com/CustomJob',
    field: 'jobSpec.serviceAccount',
  },
  'aiplatform.hyperparameterTuningJobs.create': {
    resourceType: 'aiplatform.googleapis.com/HyperparameterTuningJob',
    field: 'trialJobSpec.serviceAccount',
  },
};

/**
 * GCP-01: nobody runs code as the Vertex AI Custom Code Service Agent. A job created without a
 * service account runs as that agent, which holds project-wide Cloud Storage and BigQuery
 * access; so a custom role that can create custom or tuning jobs comes with an enforced custom
 * constraint that denies jobs without a service account.
 */
export const gcp01CustomCodeAgent = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Roles that create Vertex AI custom or tuning jobs come with an enforced custom constraint requiring a job service account (no code runs as the Custom Code Service Agent)',
  fixHint:
    'Pass organizationId to SecureVertexPipeline (GcpOrgPolicies) so the custom constraints are defined and enforced, or remove the job-create permissions',
  resourceTypes: ['google_project_iam_custom_role', 'google_organization_iam_custom_role'],
  check: (r, stack) => {
    const perms = r.attributes.permissions;
    if (isExpression(perms)) return unknown(`permissions is ${perms}`);
    const needed = asList(perms)
      .filter((p) => JOB_CREATE[p] !== undefined)
      .map((p) => JOB_CREATE[p]);
    if (needed.length === 0) return undefined;
    const constraints = stack.resources('google_org_policy_custom_constraint');
    const policies = stack.resources('google_org_policy_policy');
    const enforced = (name: string) =>
      policies.some(
        (p) =>
          String(p.attributes.name ?? '').endsWith(`/policies/${name}`) &&
          asList(
            (Array.isArray(p.attributes.spec) ? p.attributes.spec[0] : p.attributes.spec)?.rules,
          ).some((x: any) => x?.enforce === 'TRUE'),
      );
    const elsewhere: string[] = [];
    const missing = needed.filter(({ resourceType, field }) => {
      const c = constraints.find(
        (x) =>
          asList(x.attributes.resource_types).includes(resourceType) &&
          x.attributes.action_type === 'DENY' &&
          String(x.attributes.condition ?? '').includes(field),
      );
      if (!c) {
        // this library's constraint, defined by another stack of the organization and enforced here
        const known = Object.entries(JOB_SERVICE_ACCOUNT_CONSTRAINTS).find(
          ([, k]) => k.resourceType === resourceType,
        );
        if (known && enforced(known[0])) {
          elsewhere.push(known[0]);
          return false;
        }
        return true;
      }
      return !enforced(c.attributes.name);
    });
    if (missing.length === 0 && elsewhere.length > 0)
      return unknown(
        `${elsewhere.join(', ')} is enforced here but defined outside this stack: its condition cannot be read from this stack`,
      );
    return (
      missing.length === 0 ||
      `jobs of ${missing.map((m) => m.resourceType).join(', ')} can be created without a service account and run as the Custom Code Service Agent`
    );
  },
});
