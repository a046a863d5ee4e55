import { lightStackTraces } from '../core/stack-traces';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { SodException } from '../core/personas';
import { RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { PlatformTags, Tagging } from '../core/tags';
import './profile';
import { providerRegion } from './env';
import { AuditTrail } from './audit';
import { PlatformKey } from './kms';
import { NetworkProps, PrivateNetwork } from './network';
import { ModelPackageGroupSpec } from './registry';
import { SecureBucket } from './secure-bucket';
import { SageMakerStudioDomain } from './studio-domain';
import { AuthMode, UserProfileSpec } from './user-profiles';
import { validateAllowedRegions, validateNetworkProps, validateTags } from './props-validation';
import {
  accountId,
  awsProvider,
  enumOf,
  iamPrincipal,
  objectListOf,
  organizationId,
  removalPolicy,
  serviceArn,
  stringListOf,
  studioInstanceType,
  UniqueNames,
} from './validation';

/** The props MultiTenantStudio knows (a misspelt prop is an error, not silently ignored). */
const TENANT_STUDIO_PROPS = [
  'environment',
  'authMode',
  'tenants',
  'network',
  'allowedInstanceTypes',
  'tags',
  'allowedRegions',
  'removalPolicy',
  'accountId',
  'organizationTrailArn',
  'deployerPrincipalArns',
  'organizationId',
];

/** The props of a tenant. */
const TENANT_SPEC_PROPS = [
  'tenantId',
  'personas',
  'sodExceptions',
  'userProfiles',
  'modelPackageGroups',
  'costCenter',
];

/** One tenant (team / line of business) of a multi-tenant platform. */
export interface TenantSpec {
  /** Tenant id: 1-31 lowercase letters, digits and hyphens; tagged as `tenant` on its resources. */
  readonly tenantId: string;
  /**
   * Persona → principals of this tenant.
   * @default - none
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * SoD exceptions of this tenant.
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /**
   * User profiles of this tenant.
   * @default - none
   */
  readonly userProfiles?: UserProfileSpec[];
  /**
   * Model package groups of this tenant.
   * @default - none
   */
  readonly modelPackageGroups?: ModelPackageGroupSpec[];
  /**
   * Cost center of the tenant (tag).
   * @default - the platform's
   */
  readonly costCenter?: string;
}

/** Props of {@link MultiTenantStudio}. */
export interface MultiTenantStudioProps {
  /** Environment. */
  readonly environment: string;
  /** Auth mode of every tenant domain (AWS-08). */
  readonly authMode: AuthMode;
  /** The tenants. */
  readonly tenants: TenantSpec[];
  /**
   * The shared network (one VPC, endpoints shared by all tenant domains).
   * @default - 10.20.0.0/20 over 3 AZs sized for `expectedUsers` of all tenants
   */
  readonly network?: NetworkProps;
  /**
   * Instance types (with 'system').
   * @default - the SageMakerStudioDomain default
   */
  readonly allowedInstanceTypes?: string[];
  /**
   * Platform tags.
   * @default - defaults
   */
  readonly tags?: PlatformTags;
  /**
   * Allowed regions.
   * @default - the provider region
   */
  readonly allowedRegions?: string[];
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Account id.
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
  /**
   * Organization trail ARN (then no trail is created).
   * @default - one trail for the account
   */
  readonly organizationTrailArn?: string;
  /**
   * IAM role/user ARNs that run Terraform (named in every key policy; see
   * `SageMakerStudioDomainProps.deployerPrincipalArns`).
   * @default - the role or user running Terraform
   */
  readonly deployerPrincipalArns?: string[];
  /**
   * AWS Organizations id for the data perimeter and the endpoint policies.
   * @default - the account only
   */
  readonly organizationId?: string;
}

/**
 * Many tenants in one account (AWS-30, s004 "Multilocação" multi-domain model): one shared
 * private network and audit trail, and per tenant its own SageMaker domain, CMK, buckets,
 * persona roles and registry, every resource tagged `tenant=<id>` and the tenant's roles
 * denied any SageMaker resource not tagged with their tenant.
 */
export class MultiTenantStudio extends Construct {
  /** Shared network. */
  public readonly network: PrivateNetwork;
  /** Key of the shared network and audit. */
  public readonly sharedKey: PlatformKey;
  /** Shared access-log bucket. */
  public readonly logBucket: SecureBucket;
  /** Shared account-level audit (log groups, trail, alarms). */
  public readonly audit: AuditTrail;
  /** Tenant domains by tenant id. */
  public readonly tenants: { [tenantId: string]: SageMakerStudioDomain } = {};

  constructor(scope: Construct, id: string, props: MultiTenantStudioProps) {
    super(scope, id);
    // cdktf records a stack trace per token; skip formatting them while building (see stack-traces.ts).
    const restoreStackTraces = lightStackTraces();
    try {
      props = requireProps(this, props, true);
      const v = new Validator(this);
      awsProvider(v, this);
      const region = providerRegion(this);
      const p = props as any;
      for (const k of Object.keys(p))
        if (!TENANT_STUDIO_PROPS.includes(k))
          v.add(k, p[k], `a prop of MultiTenantStudio (${TENANT_STUDIO_PROPS.join(', ')})`);
      if (
        v.string('environment', p.environment, { optional: false }) &&
        v.literal('environment', p.environment)
      )
        v.require(
          /^[a-zA-Z0-9-]{1,32}$/.test(p.environment),
          'environment',
          p.environment,
          '1-32 letters, digits and hyphens',
        );
      enumOf(v, 'authMode', p.authMode, Object.values(AuthMode), {
        optional: false,
        allowed:
          'AuthMode.IAM or AuthMode.SSO (chosen explicitly; it cannot change after creation)',
      });
      const ids = new UniqueNames(v, 'tenant ids');
      for (const { value: t, at } of objectListOf(v, 'tenants', p.tenants, {
        optional: false,
        minLength: 1,
        what: 'a list of tenants',
      })) {
        if (v.literal(`${at}.tenantId`, t.tenantId, "it names and tags the tenant's resources")) {
          if (typeof t.tenantId === 'string' && /^[a-z0-9][a-z0-9-]{0,30}$/.test(t.tenantId))
            ids.add(`${at}.tenantId`, t.tenantId);
          else v.add(`${at}.tenantId`, t.tenantId, '1-31 lowercase letters, digits and hyphens');
        }
        if (t.costCenter !== undefined) v.string(`${at}.costCenter`, t.costCenter);
        for (const k of Object.keys(t))
          if (!TENANT_SPEC_PROPS.includes(k))
            v.add(`${at}.${k}`, t[k], `a prop of a tenant (${TENANT_SPEC_PROPS.join(', ')})`);
      }
      validateNetworkProps(v, 'network', p.network, region);
      if (p.allowedInstanceTypes !== undefined) {
        const types = stringListOf(v, 'allowedInstanceTypes', p.allowedInstanceTypes, {
          unique: true,
          minLength: 1,
        });
        for (const t of types) studioInstanceType(v, t.at, t.value);
      }
      validateTags(v, 'tags', p.tags);
      if (p.allowedRegions !== undefined)
        validateAllowedRegions(v, 'allowedRegions', p.allowedRegions, region);
      removalPolicy(v, 'removalPolicy', p.removalPolicy);
      accountId(v, 'accountId', p.accountId);
      serviceArn(
        v,
        'organizationTrailArn',
        p.organizationTrailArn,
        'cloudtrail',
        'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
        /^trail\/.+$/,
      );
      for (const d of stringListOf(v, 'deployerPrincipalArns', p.deployerPrincipalArns, {
        unique: true,
        minLength: 1,
      }))
        iamPrincipal(v, d.at, d.value);
      organizationId(v, 'organizationId', p.organizationId);
      v.throwIfInvalid();
      const users = props.tenants.reduce(
        (n, t) => n + (Array.isArray(t.userProfiles) ? t.userProfiles.length : 0),
        0,
      );
      this.sharedKey = new PlatformKey(this, 'shared-key', {
        accountId: props.accountId,
        deployerPrincipalArns: props.deployerPrincipalArns,
        removalPolicy: props.removalPolicy,
      });
      this.logBucket = new SecureBucket(this, 'access-logs', {
        serverAccessLogTarget: true,
        sourceAccountId: props.accountId,
        removalPolicy: props.removalPolicy,
      });
      this.network = new PrivateNetwork(this, 'network', {
        ...(props.network?.capacity === undefined ? { expectedUsers: Math.max(users, 1) } : {}),
        ...(props.network ?? {}),
        organizationId: props.organizationId,
        kmsKeyArn: this.sharedKey.keyArn,
        accountId: props.accountId,
        removalPolicy: props.removalPolicy,
      });
      this.audit = new AuditTrail(this, 'audit', {
        kmsKeyArn: this.sharedKey.keyArn,
        platformKey: this.sharedKey,
        accessLogBucket: this.logBucket,
        organizationTrailArn: props.organizationTrailArn,
        platformRoleNamePatterns: [`mlops-${props.environment}`.slice(0, 32) + '-*', 'sm-*'],
        accountId: props.accountId,
        removalPolicy: props.removalPolicy,
      });
      for (const shared of [this.sharedKey, this.logBucket, this.network, this.audit]) {
        Tagging.apply(shared, props.environment, {
          ...(props.tags ?? {}),
          platform: props.tags?.platform ?? id,
        });
      }
      const allowed = props.allowedRegions ?? (region ? [region] : undefined);
      if (allowed) {
        for (const shared of [this.sharedKey, this.logBucket, this.network, this.audit])
          DataResidency.enforce(shared, allowed, ['aws']);
      }
      for (const t of props.tenants) {
        this.tenants[t.tenantId] = new SageMakerStudioDomain(this, t.tenantId, {
          environment: props.environment,
          authMode: props.authMode,
          domainName: `${t.tenantId}-${props.environment}`.slice(0, 63),
          sharedNetwork: this.network,
          personas: t.personas,
          sodExceptions: t.sodExceptions,
          userProfiles: t.userProfiles,
          modelPackageGroups: t.modelPackageGroups,
          allowedInstanceTypes: props.allowedInstanceTypes,
          tags: { ...(props.tags ?? {}), costCenter: t.costCenter ?? props.tags?.costCenter },
          allowedRegions: props.allowedRegions,
          removalPolicy: props.removalPolicy,
          accountId: props.accountId,
          deployerPrincipalArns: props.deployerPrincipalArns,
          organizationId: props.organizationId,
          tenantId: t.tenantId,
          // account-level log groups and the trail are shared (created once above)
          createAccountLogGroups: false,
          alarms: false,
          organizationTrailArn: props.organizationTrailArn ?? this.audit.trail?.arn,
        });
      }
    } finally {
      restoreStackTraces();
    }
  }
}
