import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import {
  AccessContextManagerServicePerimeter,
  AccessContextManagerServicePerimeterStatus,
} from '@cdktf/provider-google/lib/access-context-manager-service-perimeter';
import { AccessContextManagerAccessLevel } from '@cdktf/provider-google/lib/access-context-manager-access-level';
import { Validator, requireProps } from '../core/errors';
import {
  PERIMETER_TYPE,
  REQUIRED_RESTRICTED_SERVICES,
  deployerAccessLevelName,
  perimeterVpcAccessibleServices,
} from './defaults';
import {
  GCP_PRINCIPALS,
  checkBoolean,
  checkDuplicates,
  checkKnownKeys,
  checkList,
  checkNonEmptyList,
  checkMember,
  checkObjectList,
  checkPattern,
  claim,
  literal,
  openValidation,
} from './validation';

const SERVICE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com$/;
const IDENTITY_TYPES = ['ANY_IDENTITY', 'ANY_USER_ACCOUNT', 'ANY_SERVICE_ACCOUNT'];

function checkAccessLevel(v: Validator, prop: string, value: unknown, policyId?: string): void {
  if (
    !checkPattern(
      v,
      prop,
      value,
      /^accessPolicies\/\d+\/accessLevels\/[A-Za-z][A-Za-z0-9_]{0,49}$/,
      'an access level name accessPolicies/POLICY/accessLevels/LEVEL',
    )
  )
    return;
  const p = literal(value)?.split('/')[1];
  if (p !== undefined && policyId !== undefined && p !== policyId)
    v.add(
      prop,
      value,
      `an access level of the perimeter's access policy accessPolicies/${policyId}`,
    );
}

function checkIdentities(
  v: Validator,
  prop: string,
  r: { identities?: string[]; identityType?: string },
): void {
  if (checkList(v, `${prop}.identities`, r.identities, 'IAM members'))
    (r.identities ?? []).forEach((m, j) => checkMember(v, `${prop}.identities[${j}]`, m));
  v.enumValue(`${prop}.identityType`, r.identityType, IDENTITY_TYPES);
  v.require(
    !(Array.isArray(r.identities) && r.identities.length > 0 && r.identityType !== undefined),
    prop,
    r.identityType,
    'either identities or identityType, not both',
  );
}

function checkServices(v: Validator, prop: string, services: unknown, required: boolean): void {
  if (!checkList(v, prop, services, 'service names')) return;
  const list = (services as unknown[] | undefined) ?? [];
  if (required) v.require(list.length > 0, prop, JSON.stringify(list), 'at least one service');
  list.forEach((sv, j) =>
    checkPattern(
      v,
      `${prop}[${j}]`,
      sv,
      SERVICE,
      'a service name such as aiplatform.googleapis.com',
    ),
  );
}

/**
 * The title and identities of an ingress or egress rule; `noIdentities` is the problem of a rule
 * with neither identities nor identityType.
 */
function checkRuleHead(
  v: Validator,
  prop: string,
  r: { title?: string; identities?: string[]; identityType?: string },
  noIdentities: string,
): void {
  checkPattern(v, `${prop}.title`, r.title, /^.{1,100}$/, 'a title of 1-100 characters');
  checkIdentities(v, prop, r);
  v.require(
    (Array.isArray(r.identities) && r.identities.length > 0) || r.identityType !== undefined,
    `${prop}.identities`,
    r.title,
    noIdentities,
  );
}

function checkIngressRule(
  v: Validator,
  prop: string,
  r: GcpPerimeterIngressRule,
  policyId?: string,
): void {
  checkRuleHead(
    v,
    prop,
    r,
    'identities or identityType (Access Context Manager needs both who and from where)',
  );
  const levels = checkList(
    v,
    `${prop}.sourceAccessLevels`,
    r.sourceAccessLevels,
    "access levels or '*'",
  )
    ? (r.sourceAccessLevels ?? [])
    : [];
  levels.forEach((l, j) => {
    if (l !== '*') checkAccessLevel(v, `${prop}.sourceAccessLevels[${j}]`, l, policyId);
  });
  const resources = checkList(v, `${prop}.sourceResources`, r.sourceResources, 'resources')
    ? (r.sourceResources ?? [])
    : [];
  resources.forEach((x, j) =>
    checkPattern(
      v,
      `${prop}.sourceResources[${j}]`,
      x,
      /^(projects\/\d+|\/\/compute\.googleapis\.com\/projects\/[^/\s]+\/global\/networks\/[^/\s]+)$/,
      'projects/NUMBER or a VPC network //compute.googleapis.com/projects/P/global/networks/N',
    ),
  );
  v.require(
    levels.length + resources.length > 0,
    `${prop}.sourceAccessLevels`,
    r.title,
    "sourceAccessLevels or sourceResources: Access Context Manager admits nothing through an ingress rule without sources ('*' for any source)",
  );
  // any identity from any source is the perimeter's 0.0.0.0/0
  v.require(
    !(r.identityType === 'ANY_IDENTITY' && levels.includes('*')),
    `${prop}.identityType`,
    r.identityType,
    "named identities, ANY_USER_ACCOUNT or ANY_SERVICE_ACCOUNT, or named sources: ANY_IDENTITY from any source ('*') opens the perimeter to everyone",
  );
  checkServices(v, `${prop}.services`, r.services, true);
  if (checkList(v, `${prop}.targetResources`, r.targetResources, "projects/NUMBER or '*'"))
    (r.targetResources ?? []).forEach((x, j) =>
      checkPattern(
        v,
        `${prop}.targetResources[${j}]`,
        x,
        /^(\*|projects\/\d+)$/,
        "projects/NUMBER or '*'",
      ),
    );
}

function checkEgressRule(v: Validator, prop: string, r: GcpPerimeterEgressRule): void {
  checkRuleHead(
    v,
    prop,
    r,
    'identities or identityType (an egress rule without either admits nobody)',
  );
  checkServices(v, `${prop}.services`, r.services, true);
  if (
    checkNonEmptyList(
      v,
      `${prop}.targetResources`,
      r.targetResources,
      'projects/NUMBER',
      'at least one projects/NUMBER outside the perimeter',
    )
  ) {
    (r.targetResources ?? []).forEach((x, j) =>
      checkPattern(
        v,
        `${prop}.targetResources[${j}]`,
        x,
        /^projects\/\d+$/,
        "projects/NUMBER (never '*': an egress rule to every project is an open exfiltration path)",
      ),
    );
  }
}

/** One ingress rule of the perimeter (simplified form of the provider's ingress policy). */
export interface GcpPerimeterIngressRule {
  /** Title of the rule. */
  readonly title: string;
  /**
   * Identities allowed in (user:, group:, serviceAccount:, principal:...).
   * @default - none (use identityType)
   */
  readonly identities?: string[];
  /**
   * Identity type (ANY_IDENTITY, ANY_USER_ACCOUNT, ANY_SERVICE_ACCOUNT) instead of identities.
   * @default - none
   */
  readonly identityType?: string;
  /**
   * Access level names allowed as sources ('*' admits requests from any source, the identities
   * still apply). Access Context Manager needs sources as well as identities: give this or
   * sourceResources.
   * @default - none
   */
  readonly sourceAccessLevels?: string[];
  /**
   * Source resources (projects/NUMBER, or a VPC network
   * //compute.googleapis.com/projects/P/global/networks/N).
   * @default - none
   */
  readonly sourceResources?: string[];
  /**
   * Services the rule opens (e.g. aiplatform.googleapis.com), all methods.
   * @default - none
   */
  readonly services?: string[];
  /**
   * Target resources inside the perimeter.
   * @default ['*'] (every resource of the perimeter)
   */
  readonly targetResources?: string[];
}

/** One egress rule of the perimeter. */
export interface GcpPerimeterEgressRule {
  /** Title of the rule. */
  readonly title: string;
  /**
   * Identities allowed out.
   * @default - none (use identityType)
   */
  readonly identities?: string[];
  /**
   * Identity type instead of identities.
   * @default - none
   */
  readonly identityType?: string;
  /**
   * Services the rule opens, all methods.
   * @default - none
   */
  readonly services?: string[];
  /** Target resources outside the perimeter (projects/NUMBER). */
  readonly targetResources: string[];
}

/** Props of {@link ServicePerimeter}. */
export interface ServicePerimeterProps {
  /** Access policy id (digits) the perimeter belongs to. */
  readonly accessPolicyId: string;
  /** Perimeter name (letters, digits, '_'), unique in the policy. */
  readonly perimeterName: string;
  /** Protected projects as `projects/NUMBER` (tokens allowed). */
  readonly projectResources: string[];
  /**
   * Dry-run: the configuration goes to `spec` with `use_explicit_dry_run_spec` and is only
   * logged; false enforces it (`status`). Switching is this one prop.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Services restricted on top of the required ones (GCP-07).
   * @default - the required list only
   */
  readonly additionalRestrictedServices?: string[];
  /**
   * Access level names (accessPolicies/P/accessLevels/L) admitted.
   * @default - none
   */
  readonly accessLevels?: string[];
  /**
   * The identities that run Terraform against the protected project (serviceAccount: or user:).
   * They are put in an access level of their own, admitted by the perimeter, so that the first
   * apply and every later plan reach the restricted APIs from outside the perimeter. Required
   * for an enforced perimeter.
   * @default - none (only with dryRun)
   */
  readonly deployerIdentities?: string[];
  /**
   * Ingress rules.
   * @default - none
   */
  readonly ingressRules?: GcpPerimeterIngressRule[];
  /**
   * Egress rules.
   * @default - none
   */
  readonly egressRules?: GcpPerimeterEgressRule[];
  /**
   * Title.
   * @default - the perimeter name
   */
  readonly title?: string;
  /**
   * Resources that must exist before the perimeter is enforced (private API routing and DNS,
   * enabled APIs), so workloads reach the restricted VIP from the first enforced request.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const INGRESS_KEYS: { [K in keyof Required<GcpPerimeterIngressRule>]: true } = {
  title: true,
  identities: true,
  identityType: true,
  sourceAccessLevels: true,
  sourceResources: true,
  services: true,
  targetResources: true,
};
const EGRESS_KEYS: { [K in keyof Required<GcpPerimeterEgressRule>]: true } = {
  title: true,
  identities: true,
  identityType: true,
  services: true,
  targetResources: true,
};
const PROPS_KEYS: { [K in keyof Required<ServicePerimeterProps>]: true } = {
  accessPolicyId: true,
  perimeterName: true,
  projectResources: true,
  dryRun: true,
  additionalRestrictedServices: true,
  accessLevels: true,
  deployerIdentities: true,
  ingressRules: true,
  egressRules: true,
  title: true,
  dependsOn: true,
};

/** The resolved configuration of a {@link ServicePerimeter}. */
interface ResolvedPerimeter {
  readonly policyId?: string;
  readonly dryRun: boolean;
  readonly deployers: string[];
}

/** Validates the props of a ServicePerimeter (one ValidationError) and resolves their defaults. */
function resolvePerimeterProps(scope: Construct, props: ServicePerimeterProps): ResolvedPerimeter {
  const v = openValidation(scope, props, PROPS_KEYS);
  checkPattern(
    v,
    'accessPolicyId',
    props.accessPolicyId,
    /^\d{1,20}$/,
    'the numeric id of an access policy, e.g. 123456789012',
  );
  checkPattern(
    v,
    'perimeterName',
    props.perimeterName,
    /^[A-Za-z][A-Za-z0-9_]{0,49}$/,
    "1-50 letters, digits and '_', starting with a letter",
    { literal: 'it forms the perimeter and access level names' },
  );
  checkPattern(v, 'title', props.title, /^.{1,100}$/, 'a title of 1-100 characters', {
    optional: true,
  });
  checkBoolean(v, 'dryRun', props.dryRun);
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  const policyId = literal(props.accessPolicyId);
  if (
    checkNonEmptyList(
      v,
      'projectResources',
      props.projectResources,
      'projects/NUMBER',
      'at least one projects/NUMBER',
    )
  ) {
    (props.projectResources ?? []).forEach((r, i) =>
      checkPattern(
        v,
        `projectResources[${i}]`,
        r,
        /^projects\/\d+$/,
        'projects/NUMBER (project numbers, not ids)',
      ),
    );
    checkDuplicates(v, 'projectResources', props.projectResources, literal, 'a project');
  }
  if (
    checkList(
      v,
      'additionalRestrictedServices',
      props.additionalRestrictedServices,
      'service names',
    )
  ) {
    (props.additionalRestrictedServices ?? []).forEach((sv, i) =>
      checkPattern(
        v,
        `additionalRestrictedServices[${i}]`,
        sv,
        SERVICE,
        'a service name such as dlp.googleapis.com',
      ),
    );
  }
  if (checkList(v, 'accessLevels', props.accessLevels, 'access level names')) {
    (props.accessLevels ?? []).forEach((l, i) =>
      checkAccessLevel(v, `accessLevels[${i}]`, l, policyId),
    );
    checkDuplicates(v, 'accessLevels', props.accessLevels, literal, 'an access level');
  }
  const dryRun = props.dryRun ?? false;
  const deployers = Array.isArray(props.deployerIdentities) ? props.deployerIdentities : [];
  if (checkList(v, 'deployerIdentities', props.deployerIdentities, 'identities')) {
    v.require(
      dryRun || deployers.length > 0,
      'deployerIdentities',
      JSON.stringify(props.deployerIdentities ?? []),
      'the identities that run Terraform (serviceAccount: or user:), required for an enforced perimeter: without them the apply and later plans get 403s from outside the perimeter',
    );
    deployers.forEach((m, i) =>
      checkPattern(
        v,
        `deployerIdentities[${i}]`,
        m,
        /^(serviceAccount|user):[^@\s:]+@[^@\s]+$/,
        'serviceAccount:EMAIL or user:EMAIL (access level members cannot be groups)',
      ),
    );
    checkDuplicates(
      v,
      'deployerIdentities',
      deployers,
      (m) => (literal(m) ? GCP_PRINCIPALS.canonicalize(m) : undefined),
      'an identity',
    );
  }
  if (checkObjectList(v, 'ingressRules', props.ingressRules, 'ingress rules')) {
    (props.ingressRules ?? []).forEach((r, i) =>
      checkKnownKeys(v, `ingressRules[${i}]`, r, INGRESS_KEYS),
    );
    (props.ingressRules ?? []).forEach((r, i) =>
      checkIngressRule(v, `ingressRules[${i}]`, r, policyId),
    );
    checkDuplicates(v, 'ingressRules', props.ingressRules, (r) => literal(r.title), 'a rule title');
  }
  if (checkObjectList(v, 'egressRules', props.egressRules, 'egress rules')) {
    (props.egressRules ?? []).forEach((r, i) =>
      checkKnownKeys(v, `egressRules[${i}]`, r, EGRESS_KEYS),
    );
    (props.egressRules ?? []).forEach((r, i) => checkEgressRule(v, `egressRules[${i}]`, r));
    checkDuplicates(v, 'egressRules', props.egressRules, (r) => literal(r.title), 'a rule title');
  }
  v.throwIfInvalid();
  return { policyId, dryRun, deployers };
}

/**
 * The perimeter configuration (status when enforced, spec in dry-run): the projects, the
 * restricted services, VPC-accessible services limited to them, access levels and the
 * ingress and egress rules (GCP-07).
 */
function perimeterConfig(
  props: ServicePerimeterProps,
  restrictedServices: string[],
  accessLevels: string[],
): AccessContextManagerServicePerimeterStatus {
  const operations = (services?: string[]) =>
    (services ?? []).map((serviceName) => ({ serviceName, methodSelectors: [{ method: '*' }] }));
  return {
    resources: props.projectResources,
    restrictedServices,
    accessLevels: accessLevels.length > 0 ? accessLevels : undefined,
    vpcAccessibleServices: perimeterVpcAccessibleServices(),
    ingressPolicies: (props.ingressRules ?? []).map((r) => ({
      title: r.title,
      ingressFrom: {
        identities: r.identities,
        identityType: r.identityType,
        sources: [
          ...(r.sourceAccessLevels ?? []).map((accessLevel) => ({ accessLevel })),
          ...(r.sourceResources ?? []).map((resource) => ({ resource })),
        ],
      },
      ingressTo: { resources: r.targetResources ?? ['*'], operations: operations(r.services) },
    })),
    egressPolicies: (props.egressRules ?? []).map((r) => ({
      title: r.title,
      egressFrom: { identities: r.identities, identityType: r.identityType },
      egressTo: { resources: r.targetResources, operations: operations(r.services) },
    })),
  };
}

/**
 * A VPC Service Controls perimeter around the platform project (GCP-07). The perimeter is the
 * single owner of its membership: projects are listed inline (never with
 * `google_access_context_manager_service_perimeter_resource`, which would fight over it).
 * Restricted services at least aiplatform, storage, bigquery, artifactregistry, notebooks,
 * cloudkms, logging, monitoring, containerregistry; VPC-accessible services restricted to the
 * restricted services. Dry-run vs enforced is the `dryRun` prop. The deploying identities get
 * an access level of their own (`deployerIdentities`), required when enforced. Ingress rules
 * need identities and sources (Access Context Manager admits nothing otherwise).
 */
export class ServicePerimeter extends Construct {
  /** The perimeter. */
  public readonly perimeter: AccessContextManagerServicePerimeter;
  /** The restricted services. */
  public readonly restrictedServices: string[];
  /** The access level of the deployer identities (when given). */
  public readonly deployerAccessLevel?: AccessContextManagerAccessLevel;

  constructor(scope: Construct, id: string, props: ServicePerimeterProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const r = resolvePerimeterProps(this, props);
    this.claimNames(props, r.policyId);
    const policy = `accessPolicies/${props.accessPolicyId}`;
    if (r.deployers.length > 0)
      this.deployerAccessLevel = this.buildDeployerLevel(props, r, policy);
    const accessLevels = [
      ...(props.accessLevels ?? []),
      ...(this.deployerAccessLevel ? [this.deployerAccessLevel.name] : []),
    ];
    this.restrictedServices = [
      ...new Set([...REQUIRED_RESTRICTED_SERVICES, ...(props.additionalRestrictedServices ?? [])]),
    ].sort();
    const config = perimeterConfig(props, this.restrictedServices, accessLevels);
    this.perimeter = new AccessContextManagerServicePerimeter(this, 'perimeter', {
      parent: policy,
      name: `${policy}/servicePerimeters/${props.perimeterName}`,
      title: props.title ?? props.perimeterName,
      perimeterType: PERIMETER_TYPE,
      useExplicitDryRunSpec: r.dryRun,
      ...(r.dryRun ? { spec: config } : { status: config }),
      dependsOn: props.dependsOn,
    });
  }

  /** Claims the perimeter name and title, and its projects (one regular perimeter each). */
  private claimNames(props: ServicePerimeterProps, policyId: string | undefined): void {
    const policyScope = policyId && `access policy ${policyId}`;
    claim(this, 'service perimeter', policyScope, props.perimeterName, 'perimeterName');
    claim(
      this,
      'service perimeter title',
      policyScope,
      props.title ?? props.perimeterName,
      props.title ? 'title' : 'perimeterName',
    );
    // a project belongs to one regular perimeter at most
    for (const r of props.projectResources)
      claim(
        this,
        'regular service perimeter member',
        'VPC Service Controls (a project is in one regular perimeter)',
        r,
        'projectResources',
      );
  }

  /** The access level of the identities that run Terraform (GCP-07). */
  private buildDeployerLevel(
    props: ServicePerimeterProps,
    r: ResolvedPerimeter,
    policy: string,
  ): AccessContextManagerAccessLevel {
    const levelName = deployerAccessLevelName(props.perimeterName);
    claim(
      this,
      'VPC-SC access level',
      r.policyId && `access policy ${r.policyId}`,
      levelName,
      'perimeterName',
    );
    return new AccessContextManagerAccessLevel(this, 'deployers', {
      parent: policy,
      name: `${policy}/accessLevels/${levelName}`,
      title: levelName,
      description: 'The identities that run Terraform against the perimeter (GCP-07)',
      basic: { conditions: [{ members: r.deployers }] },
    });
  }
}
