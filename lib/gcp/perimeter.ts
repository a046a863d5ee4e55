import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import {
  AccessContextManagerServicePerimeter,
  AccessContextManagerServicePerimeterStatus,
} from '@cdktf/provider-google/lib/access-context-manager-service-perimeter';
import { AccessContextManagerAccessLevel } from '@cdktf/provider-google/lib/access-context-manager-access-level';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { REQUIRED_RESTRICTED_SERVICES } from './defaults';

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
    const v = new Validator(this);
    v.require(
      Token.isUnresolved(props.accessPolicyId) || /^\d+$/.test(props.accessPolicyId),
      'accessPolicyId',
      props.accessPolicyId,
      'the numeric id of an access policy, e.g. 123456789012',
    );
    v.require(
      Token.isUnresolved(props.perimeterName) ||
        /^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(props.perimeterName),
      'perimeterName',
      props.perimeterName,
      "1-50 letters, digits and '_', starting with a letter",
    );
    v.require(
      props.projectResources.length > 0,
      'projectResources',
      '[]',
      'at least one projects/NUMBER',
    );
    props.projectResources.forEach((r, i) =>
      v.require(
        Token.isUnresolved(r) || /^projects\/\d+$/.test(r),
        `projectResources[${i}]`,
        r,
        'projects/NUMBER (project numbers, not ids)',
      ),
    );
    (props.additionalRestrictedServices ?? []).forEach((s, i) =>
      v.require(
        /^[a-z0-9.-]+\.googleapis\.com$/.test(s),
        `additionalRestrictedServices[${i}]`,
        s,
        'a service name such as dlp.googleapis.com',
      ),
    );
    const dryRun = props.dryRun ?? false;
    const deployers = props.deployerIdentities ?? [];
    v.require(
      dryRun || deployers.length > 0,
      'deployerIdentities',
      JSON.stringify(props.deployerIdentities ?? []),
      'the identities that run Terraform (serviceAccount: or user:), required for an enforced perimeter: without them the apply and later plans get 403s from outside the perimeter',
    );
    deployers.forEach((m, i) =>
      v.require(
        Token.isUnresolved(m) || /^(serviceAccount|user):[^@\s]+@[^@\s]+$/.test(m),
        `deployerIdentities[${i}]`,
        m,
        'serviceAccount:EMAIL or user:EMAIL (access level members cannot be groups)',
      ),
    );
    (props.ingressRules ?? []).forEach((r, i) => {
      (r.identities ?? []).forEach((m, j) =>
        v.check(`ingressRules[${i}].identities[${j}]`, m, Validate.gcpMember(m)),
      );
      v.require(
        !(r.identities?.length && r.identityType),
        `ingressRules[${i}]`,
        r.title,
        'either identities or identityType, not both',
      );
      v.require(
        (r.identities?.length ?? 0) > 0 || r.identityType !== undefined,
        `ingressRules[${i}].identities`,
        r.title,
        'identities or identityType (Access Context Manager needs both who and from where)',
      );
      v.require(
        (r.sourceAccessLevels?.length ?? 0) + (r.sourceResources?.length ?? 0) > 0,
        `ingressRules[${i}].sourceAccessLevels`,
        r.title,
        "sourceAccessLevels or sourceResources: Access Context Manager admits nothing through an ingress rule without sources ('*' for any source)",
      );
      v.require(
        (r.services ?? []).length > 0,
        `ingressRules[${i}].services`,
        r.title,
        'at least one service',
      );
    });
    (props.egressRules ?? []).forEach((r, i) => {
      (r.identities ?? []).forEach((m, j) =>
        v.check(`egressRules[${i}].identities[${j}]`, m, Validate.gcpMember(m)),
      );
      v.require(
        !(r.identities?.length && r.identityType),
        `egressRules[${i}]`,
        r.title,
        'either identities or identityType, not both',
      );
    });
    v.throwIfInvalid();

    const policy = `accessPolicies/${props.accessPolicyId}`;
    if (deployers.length > 0) {
      const levelName = `${props.perimeterName}_deployers`.slice(0, 50);
      this.deployerAccessLevel = new AccessContextManagerAccessLevel(this, 'deployers', {
        parent: policy,
        name: `${policy}/accessLevels/${levelName}`,
        title: levelName,
        description: 'The identities that run Terraform against the perimeter (GCP-07)',
        basic: { conditions: [{ members: deployers }] },
      });
    }
    const accessLevels = [
      ...(props.accessLevels ?? []),
      ...(this.deployerAccessLevel ? [this.deployerAccessLevel.name] : []),
    ];
    this.restrictedServices = [
      ...new Set([...REQUIRED_RESTRICTED_SERVICES, ...(props.additionalRestrictedServices ?? [])]),
    ].sort();
    const config: AccessContextManagerServicePerimeterStatus = {
      resources: props.projectResources,
      restrictedServices: this.restrictedServices,
      accessLevels: accessLevels.length > 0 ? accessLevels : undefined,
      vpcAccessibleServices: { enableRestriction: true, allowedServices: ['RESTRICTED-SERVICES'] },
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
        ingressTo: {
          resources: r.targetResources ?? ['*'],
          operations: (r.services ?? []).map((serviceName) => ({
            serviceName,
            methodSelectors: [{ method: '*' }],
          })),
        },
      })),
      egressPolicies: (props.egressRules ?? []).map((r) => ({
        title: r.title,
        egressFrom: { identities: r.identities, identityType: r.identityType },
        egressTo: {
          resources: r.targetResources,
          operations: (r.services ?? []).map((serviceName) => ({
            serviceName,
            methodSelectors: [{ method: '*' }],
          })),
        },
      })),
    };
    this.perimeter = new AccessContextManagerServicePerimeter(this, 'perimeter', {
      parent: policy,
      name: `${policy}/servicePerimeters/${props.perimeterName}`,
      title: props.title ?? props.perimeterName,
      perimeterType: 'PERIMETER_TYPE_REGULAR',
      useExplicitDryRunSpec: dryRun,
      ...(dryRun ? { spec: config } : { status: config }),
      dependsOn: props.dependsOn,
    });
  }
}
