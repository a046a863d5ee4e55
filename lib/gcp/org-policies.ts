import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { Validator } from '../core/errors';
import { Validate, isGcpMultiRegion } from '../core/validate';
import { CMEK_REQUIRED_SERVICES } from './defaults';

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

/** The guardrail constraints (GCP-11). */
export const GUARDRAIL_CONSTRAINTS = [
  'gcp.resourceLocations',
  'iam.disableServiceAccountKeyCreation',
  'storage.uniformBucketLevelAccess',
  'storage.publicAccessPrevention',
  'compute.requireOsLogin',
  'compute.vmExternalIpAccess',
  'ainotebooks.restrictPublicIp',
  'ainotebooks.disableRootAccess',
  'gcp.restrictNonCmekServices',
  'iam.automaticIamGrantsForDefaultServiceAccounts',
];

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
      'iam.automaticIamGrantsForDefaultServiceAccounts': boolRule,
    };
    for (const constraint of GUARDRAIL_CONSTRAINTS) {
      if ((props.exclude ?? []).includes(constraint)) continue;
      const spec = { rules: rules[constraint] };
      this.policies[constraint] = new OrgPolicyPolicy(this, constraint.replace(/\./g, '-'), {
        parent,
        name: `${parent}/policies/${constraint}`,
        ...(props.dryRun ? { dryRunSpec: spec } : { spec }),
        dependsOn: props.dependsOn,
      });
    }
  }
}
