import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { OrgPolicyCustomConstraint } from '@cdktf/provider-google/lib/org-policy-custom-constraint';
import { Validator, requireProps } from '../core/errors';
import { isGcpMultiRegion } from './validate';
import {
  BOOLEAN_GUARDRAILS,
  CMEK_REQUIRED_SERVICES,
  GUARDRAIL_CONSTRAINTS,
  JOB_SERVICE_ACCOUNT_CONSTRAINTS,
} from './defaults';
import {
  ONE_PER_PROJECT,
  checkBoolean,
  checkDuplicates,
  checkGoogleProvider,
  checkKnownKeys,
  checkList,
  checkLocation,
  checkPattern,
  checkProjectId,
  claim,
  literal,
  projectScope,
} from './validation';

export { BOOLEAN_GUARDRAILS, GUARDRAIL_CONSTRAINTS, JOB_SERVICE_ACCOUNT_CONSTRAINTS };

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
   * They are defined once per organization and app: a later GcpOrgPolicies with the same
   * organization only enforces them on its project (after them, or after their stack).
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

/** gcp.resourceLocations value for a location: value groups `in:<loc>-locations`. */
function locationValue(loc: string): string {
  return isGcpMultiRegion(loc) ? `in:${loc.toLowerCase()}-locations` : `in:${loc}-locations`;
}

const DEFINED = new WeakMap<IConstruct, Map<string, Map<string, OrgPolicyCustomConstraint>>>();

/** The custom constraints already defined in this app for an organization, by name. */
function definedConstraints(
  scope: IConstruct,
  organizationId: string,
): Map<string, OrgPolicyCustomConstraint> {
  const root = scope.node.root;
  let byOrg = DEFINED.get(root);
  if (!byOrg) DEFINED.set(root, (byOrg = new Map()));
  let byName = byOrg.get(organizationId);
  if (!byName) byOrg.set(organizationId, (byName = new Map()));
  return byName;
}

const PROPS_KEYS: { [K in keyof Required<GcpOrgPoliciesProps>]: true } = {
  projectId: true,
  allowedLocations: true,
  exclude: true,
  constraints: true,
  organizationId: true,
  workbenchNetworks: true,
  dryRun: true,
  dependsOn: true,
};

/**
 * Project-level organisation policy guardrails (GCP-11), via `google_org_policy_policy`.
 * Setting them needs `roles/orgpolicy.policyAdmin` on the organisation (or folder); turn them
 * off on the platform when the deployer cannot.
 */
export class GcpOrgPolicies extends Construct {
  /** Policies by constraint. */
  public readonly policies: { [constraint: string]: OrgPolicyPolicy } = {};
  /**
   * Custom constraints defined here, by name (with organizationId; empty when another
   * GcpOrgPolicies of the app defined them for that organization first: they are enforced here).
   */
  public readonly customConstraints: { [name: string]: OrgPolicyCustomConstraint } = {};

  constructor(scope: Construct, id: string, props: GcpOrgPoliciesProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    checkGoogleProvider(this, v);
    checkKnownKeys(v, '', props, PROPS_KEYS);
    checkProjectId(v, 'projectId', props.projectId);
    if (checkList(v, 'allowedLocations', props.allowedLocations, 'locations')) {
      v.require(
        (props.allowedLocations ?? []).length > 0,
        'allowedLocations',
        JSON.stringify(props.allowedLocations ?? []),
        'at least one location',
      );
      (props.allowedLocations ?? []).forEach((l, i) =>
        checkLocation(v, `allowedLocations[${i}]`, l, {
          literal: 'it is written into the gcp.resourceLocations policy',
        }),
      );
      checkDuplicates(
        v,
        'allowedLocations',
        props.allowedLocations,
        (l) => literal(l)?.toLowerCase(),
        'a location',
      );
    }
    for (const key of ['exclude', 'constraints'] as const) {
      if (!checkList(v, key, props[key], 'constraint names')) continue;
      (props[key] ?? []).forEach((c, i) =>
        v.require(
          GUARDRAIL_CONSTRAINTS.includes(c),
          `${key}[${i}]`,
          c,
          `one of ${GUARDRAIL_CONSTRAINTS.join(', ')}`,
        ),
      );
      checkDuplicates(v, key, props[key], literal, 'a constraint');
    }
    checkPattern(
      v,
      'organizationId',
      props.organizationId,
      /^\d{1,20}$/,
      'the numeric organization id, e.g. 123456789012',
      { optional: true },
    );
    if (checkList(v, 'workbenchNetworks', props.workbenchNetworks, 'networks')) {
      (props.workbenchNetworks ?? []).forEach((n, i) =>
        checkPattern(
          v,
          `workbenchNetworks[${i}]`,
          n,
          /^(under:(projects\/[^/\s]+|folders\/\d+|organizations\/\d+)|projects\/[^/\s]+\/global\/networks\/[^/\s]+)$/,
          'under:projects/P, under:folders/F, under:organizations/O or a network projects/P/global/networks/N',
        ),
      );
    }
    checkBoolean(v, 'dryRun', props.dryRun);
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();

    const parent = `projects/${props.projectId}`;
    const boolRule = [{ enforce: 'TRUE' }];
    const rules: { [constraint: string]: any[] } = {
      'gcp.resourceLocations': [
        {
          values: {
            allowedValues: props.allowedLocations.map(locationValue),
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
      // one policy per constraint and project: another stack or platform that sets it fights this one
      claim(
        this,
        'project organization policy',
        projectScope(props.projectId),
        constraint,
        'constraints',
        'set each constraint in one place: exclude it from one of the two (orgPolicyExclusions, or GcpOrgPolicies exclude) or turn its org policies off',
      );
      this.policies[constraint] = new OrgPolicyPolicy(this, constraint.replace(/\./g, '-'), {
        parent,
        name: `${parent}/policies/${constraint}`,
        ...(props.dryRun ? { dryRunSpec: spec } : { spec }),
        dependsOn: props.dependsOn,
      });
    }
    if (props.organizationId !== undefined) {
      // The custom constraints are defined once per organization. A later GcpOrgPolicies of the
      // same app and organization (another platform) enforces them on its project without
      // defining them again, which would fail with 409 at apply: in the same stack its policies
      // wait for the constraints; in another stack, that stack is deployed first.
      const shared = definedConstraints(this, props.organizationId);
      for (const [name, c] of Object.entries(JOB_SERVICE_ACCOUNT_CONSTRAINTS)) {
        const id = name.replace(/\./g, '-');
        claim(
          this,
          'project organization policy',
          projectScope(props.projectId),
          name,
          'organizationId',
          ONE_PER_PROJECT,
        );
        let constraint = shared.get(name);
        const stack = TerraformStack.of(this);
        if (constraint === undefined) {
          constraint = new OrgPolicyCustomConstraint(this, id, {
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
          shared.set(name, constraint);
          this.customConstraints[name] = constraint;
        } else if (TerraformStack.of(constraint) !== stack) {
          stack.addDependency(TerraformStack.of(constraint));
        }
        this.policies[name] = new OrgPolicyPolicy(this, `${id}-policy`, {
          parent,
          name: `${parent}/policies/${name}`,
          dependsOn: TerraformStack.of(constraint) === stack ? [constraint] : props.dependsOn,
          spec: { rules: [{ enforce: 'TRUE' }] },
        });
      }
    }
  }
}
