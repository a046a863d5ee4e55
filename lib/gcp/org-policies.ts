import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { OrgPolicyCustomConstraint } from '@cdktf/provider-google/lib/org-policy-custom-constraint';
import { Validator } from '../core/errors';
import { Validate, isGcpMultiRegion } from '../core/validate';
import { BOOLEAN_GUARDRAILS, CMEK_REQUIRED_SERVICES, GUARDRAIL_CONSTRAINTS } from './defaults';

export { BOOLEAN_GUARDRAILS, GUARDRAIL_CONSTRAINTS };

/** Props of {@link GcpOrgPolicies}. */
export interface GcpOrgPoliciesProps {
  /** Project the policies are set on. */
  readonly projectId: string;
  /** Locations resources may be created in (gcp.resourceLocations). */
  readonly allowedLocations: string[];
  /**
   * Constraints to leave out (e.g. 'compute.requireOsLogin').
   * @default - none
   */
  readonly exclude?: string[];
  /**
   * Only these guardrail constraints (e.g. a network stack that owns just
   * iam.automaticIamGrantsForDefaultServiceAccounts).
   * @default - every guardrail constraint
   */
  readonly constraints?: string[];
  /**
   * Organization id (digits). With it, two custom constraints are defined at the organization
   * and enforced on the project: Vertex AI custom jobs and hyperparameter tuning jobs must name
   * a service account, so that nobody runs code as the Vertex AI Custom Code Service Agent
   * (GCP-01). Defining custom constraints needs roles/orgpolicy.policyAdmin at the organization.
   * @default - no custom constraints
   */
  readonly organizationId?: string;
  /**
   * Where Workbench instances may attach (ainotebooks.restrictVpcNetworks): `under:projects/P`,
   * `under:folders/F` or a network projects/P/global/networks/N.
   * @default - under:projects/<projectId>
   */
  readonly workbenchNetworks?: string[];
  /**
   * Put the policies in dry-run (dry_run_spec) instead of enforcing them.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Resources the policies wait for (the orgpolicy API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Workbench image every instance uses, and the only one `ainotebooks.environmentOptions`
 * allows (the provider's default image family for google_workbench_instance).
 */
export const WORKBENCH_IMAGE = {
  project: 'cloud-notebooks-managed',
  family: 'workbench-instances',
};

/**
 * The custom constraints (GCP-01): a Vertex AI job created without a service account runs as
 * the Custom Code Service Agent, which holds project-wide storage and BigQuery data access.
 * Resource types and fields: https://cloud.google.com/vertex-ai/docs/training/custom-constraints
 * (CustomJob.jobSpec.serviceAccount, HyperparameterTuningJob.trialJobSpec.serviceAccount).
 */
export const JOB_SERVICE_ACCOUNT_CONSTRAINTS: {
  [name: string]: { resourceType: string; condition: string; displayName: string };
} = {
  'custom.mlopsCustomJobServiceAccount': {
    resourceType: 'aiplatform.googleapis.com/CustomJob',
    condition: "resource.jobSpec.serviceAccount == ''",
    displayName: 'Vertex AI custom jobs name a service account',
  },
  'custom.mlopsTuningJobServiceAccount': {
    resourceType: 'aiplatform.googleapis.com/HyperparameterTuningJob',
    condition: "resource.trialJobSpec.serviceAccount == ''",
    displayName: 'Vertex AI tuning jobs name a service account',
  },
};

/** gcp.resourceLocations value for a location: value groups `in:<loc>-locations`. */
function locationValue(loc: string): string {
  return isGcpMultiRegion(loc) ? `in:${loc.toLowerCase()}-locations` : `in:${loc}-locations`;
}

/**
 * Project-level organisation policy guardrails (GCP-11), via `google_org_policy_policy`.
 * Setting them needs `roles/orgpolicy.policyAdmin` on the organisation (or folder); turn them
 * off on the platform when the deployer cannot.
 */
export class GcpOrgPolicies extends Construct {
  /** Policies by constraint. */
  public readonly policies: { [constraint: string]: OrgPolicyPolicy } = {};
  /** Custom constraints by name (with organizationId). */
  public readonly customConstraints: { [name: string]: OrgPolicyCustomConstraint } = {};

  constructor(scope: Construct, id: string, props: GcpOrgPoliciesProps) {
    super(scope, id);
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    v.require(props.allowedLocations.length > 0, 'allowedLocations', '[]', 'at least one location');
    props.allowedLocations.forEach((l, i) =>
      v.check(`allowedLocations[${i}]`, l, Validate.gcpLocation(l)),
    );
    (props.exclude ?? []).forEach((c, i) =>
      v.require(
        GUARDRAIL_CONSTRAINTS.includes(c),
        `exclude[${i}]`,
        c,
        GUARDRAIL_CONSTRAINTS.join(', '),
      ),
    );
    (props.constraints ?? []).forEach((c, i) =>
      v.require(
        GUARDRAIL_CONSTRAINTS.includes(c),
        `constraints[${i}]`,
        c,
        GUARDRAIL_CONSTRAINTS.join(', '),
      ),
    );
    if (props.organizationId !== undefined)
      v.require(
        Token.isUnresolved(props.organizationId) || /^\d+$/.test(props.organizationId),
        'organizationId',
        props.organizationId,
        'the numeric organization id, e.g. 123456789012',
      );
    v.throwIfInvalid();

    const parent = `projects/${props.projectId}`;
    const boolRule = [{ enforce: 'TRUE' }];
    const rules: { [constraint: string]: any[] } = {
      'gcp.resourceLocations': [
        {
          values: {
            allowedValues: props.allowedLocations
              .filter((l) => !Token.isUnresolved(l))
              .map(locationValue),
          },
        },
      ],
      'iam.disableServiceAccountKeyCreation': boolRule,
      'storage.uniformBucketLevelAccess': boolRule,
      'storage.publicAccessPrevention': boolRule,
      'compute.requireOsLogin': boolRule,
      'compute.vmExternalIpAccess': [{ denyAll: 'TRUE' }],
      'ainotebooks.restrictPublicIp': boolRule,
      'ainotebooks.disableRootAccess': boolRule,
      'gcp.restrictNonCmekServices': [{ values: { deniedValues: CMEK_REQUIRED_SERVICES } }],
      'ainotebooks.accessMode': [{ values: { allowedValues: ['single-user', 'service-account'] } }],
      'ainotebooks.restrictVpcNetworks': [
        {
          values: {
            allowedValues: props.workbenchNetworks ?? [`under:projects/${props.projectId}`],
          },
        },
      ],
      'ainotebooks.environmentOptions': [
        {
          values: {
            allowedValues: [
              `ainotebooks-vm/${WORKBENCH_IMAGE.project}/image-family/${WORKBENCH_IMAGE.family}`,
            ],
          },
        },
      ],
    };
    for (const c of BOOLEAN_GUARDRAILS) rules[c] ??= boolRule;
    for (const constraint of props.constraints ?? GUARDRAIL_CONSTRAINTS) {
      if ((props.exclude ?? []).includes(constraint)) continue;
      const spec = { rules: rules[constraint] };
      this.policies[constraint] = new OrgPolicyPolicy(this, constraint.replace(/\./g, '-'), {
        parent,
        name: `${parent}/policies/${constraint}`,
        ...(props.dryRun ? { dryRunSpec: spec } : { spec }),
        dependsOn: props.dependsOn,
      });
    }
    if (props.organizationId !== undefined) {
      for (const [name, c] of Object.entries(JOB_SERVICE_ACCOUNT_CONSTRAINTS)) {
        const id = name.replace(/\./g, '-');
        const constraint = new OrgPolicyCustomConstraint(this, id, {
          parent: `organizations/${props.organizationId}`,
          name,
          displayName: c.displayName,
          description:
            'Without a service account the job runs as the Vertex AI Custom Code Service Agent (GCP-01)',
          resourceTypes: [c.resourceType],
          methodTypes: ['CREATE'],
          condition: c.condition,
          actionType: 'DENY',
          dependsOn: props.dependsOn,
        });
        this.customConstraints[name] = constraint;
        this.policies[name] = new OrgPolicyPolicy(this, `${id}-policy`, {
          parent,
          name: `${parent}/policies/${name}`,
          dependsOn: [constraint],
          spec: { rules: [{ enforce: 'TRUE' }] },
        });
      }
    }
  }
}
