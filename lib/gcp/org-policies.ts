import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { OrgPolicyCustomConstraint } from '@cdktf/provider-google/lib/org-policy-custom-constraint';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { requireProps } from '../core/errors';
import { appRegistry } from '../core/name-claims';
import { timeProvider } from './common';
import type { GcpProject } from './project';
import {
  BOOLEAN_GUARDRAILS,
  DEFAULT_SA_GUARD_WAIT,
  GUARDRAIL_CONSTRAINTS,
  JOB_SERVICE_ACCOUNT_CONSTRAINTS,
  WORKBENCH_IMAGE,
  enforced,
  guardrailRules,
} from './defaults';
import {
  ONE_PER_PROJECT,
  checkBoolean,
  checkDuplicates,
  checkList,
  checkNonEmptyList,
  checkLocation,
  checkPattern,
  claim,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

export {
  BOOLEAN_GUARDRAILS,
  GUARDRAIL_CONSTRAINTS,
  JOB_SERVICE_ACCOUNT_CONSTRAINTS,
  WORKBENCH_IMAGE,
};

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

const DEFINED = new WeakMap<IConstruct, Map<string, Map<string, OrgPolicyCustomConstraint>>>();

/** The custom constraints already defined in this app for an organization, by name. */
function definedConstraints(
  scope: IConstruct,
  organizationId: string,
): Map<string, OrgPolicyCustomConstraint> {
  const byOrg = appRegistry(DEFINED, scope);
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

/** Validates the props of GcpOrgPolicies (one ValidationError). */
function validateOrgPolicyProps(scope: Construct, props: GcpOrgPoliciesProps): void {
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  if (
    checkNonEmptyList(
      v,
      'allowedLocations',
      props.allowedLocations,
      'locations',
      'at least one location',
    )
  ) {
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
}

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
    validateOrgPolicyProps(this, props);
    const parent = `projects/${props.projectId}`;
    const rules = guardrailRules({
      allowedLocations: props.allowedLocations,
      workbenchNetworks: props.workbenchNetworks ?? [`under:projects/${props.projectId}`],
    });
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
    if (props.organizationId !== undefined)
      this.enforceJobServiceAccounts(props, props.organizationId, parent);
  }

  /**
   * Makes the project's Compute Engine API wait for this set's default-SA guard policy
   * (`iam.automaticIamGrantsForDefaultServiceAccounts`) and a settle wait after it (GCP-01):
   * enabling the API creates the default compute service account, with Editor unless the policy
   * is already in force, and a policy takes effect only once it has propagated.
   * @param scope where the wait (`default-sa-guard-wait`, a `time_sleep`) is created
   * @param project the project whose `compute.googleapis.com` enablement waits
   * @param createDuration how long the wait is (default: DEFAULT_SA_GUARD_WAIT, 120s)
   * @returns the wait, or undefined when this set holds no guard policy
   */
  public guardComputeApi(
    scope: Construct,
    project: GcpProject,
    createDuration: string = DEFAULT_SA_GUARD_WAIT,
  ): Sleep | undefined {
    const guard = this.policies['iam.automaticIamGrantsForDefaultServiceAccounts'];
    if (!guard) return undefined;
    const wait = new Sleep(scope, 'default-sa-guard-wait', {
      provider: timeProvider(scope),
      createDuration,
      dependsOn: [guard],
    });
    project.enableAfter('compute.googleapis.com', [wait]);
    return wait;
  }

  /**
   * The custom constraints (GCP-01), defined once per organization. A later GcpOrgPolicies of the
   * same app and organization (another platform) enforces them on its project without defining
   * them again, which would fail with 409 at apply: in the same stack its policies wait for the
   * constraints; in another stack, that stack is deployed first.
   */
  private enforceJobServiceAccounts(
    props: GcpOrgPoliciesProps,
    organizationId: string,
    parent: string,
  ): void {
    const shared = definedConstraints(this, organizationId);
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
          parent: `organizations/${organizationId}`,
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
        spec: { rules: enforced() },
      });
    }
  }
}
