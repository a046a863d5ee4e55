import { lightStackTraces } from '../core/stack-traces';
import { Construct } from 'constructs';
import { SodException } from '../core/personas';
import { RemovalPolicy } from '../core/removal-policy';
import { keyRemovalPolicy } from './kms';
import { DataResidency } from '../core/residency';
import { PlatformTags, Tagging } from '../core/tags';
import './profile';
import { AuditTrail } from './audit';
import { PlatformKey } from './kms';
import {
  ResolvedMultiTenantStudioProps,
  resolveMultiTenantStudioProps,
  tenantDomainName,
} from './multi-tenant-resolve';
import { NetworkProps, PrivateNetwork } from './network';
import { ModelPackageGroupSpec } from './registry';
import { SecureBucket } from './secure-bucket';
import { SageMakerStudioDomain } from './studio-domain';
import { AuthMode, UserProfileSpec } from './user-profiles';

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
  /**
   * Environment name (dev, staging, prod...): 1-16 lowercase letters, digits and hyphens,
   * starting with a letter and ending with a letter or digit, the one rule of every platform
   * (`PlatformCommonProps`). It forms resource names, so it must be a literal.
   */
  readonly environment: string;
  /** Auth mode of every tenant domain (AWS-08). */
  readonly authMode: AuthMode;
  /** The tenants. */
  readonly tenants: TenantSpec[];
  /**
   * The shared network (one VPC, endpoints shared by all tenant domains). Size its subnets for
   * every tenant's users to come (`expectedUsers` or `capacity`): subnet CIDRs are fixed once the
   * network exists, since a new CIDR replaces the subnets and every domain in them.
   * @default - 10.20.0.0/20 over 3 AZs, subnets sized for 100 users (the PrivateNetwork default)
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
   * Allow Terraform to destroy or replace the tenant domains (see
   * `SageMakerStudioDomainProps.allowReplacement`): needed, with `removalPolicy: DESTROY`, to tear
   * the platform down.
   * @default false
   */
  readonly allowReplacement?: boolean;
  /**
   * What `terraform destroy` may do to the audit evidence: the CloudTrail trail's bucket and log
   * group, and the account's SageMaker log groups (`/aws/sagemaker/*`). The trail covers every
   * Region of the account and the log groups every SageMaker workload of the account and Region,
   * not only this platform's, so they are kept unless this says DESTROY, whatever `removalPolicy`
   * says.
   * @default RemovalPolicy.RETAIN
   */
  readonly auditRemovalPolicy?: RemovalPolicy;
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
      const r = resolveMultiTenantStudioProps(this, id, props);
      ({
        sharedKey: this.sharedKey,
        logBucket: this.logBucket,
        network: this.network,
        audit: this.audit,
      } = this.buildSharedParts(r));
      for (const shared of [this.sharedKey, this.logBucket, this.network, this.audit])
        Tagging.apply(shared, r.props.environment, r.sharedTags);
      if (r.allowedRegions) {
        for (const shared of [this.sharedKey, this.logBucket, this.network, this.audit])
          DataResidency.enforce(shared, r.allowedRegions, ['aws']);
      }
      for (const t of r.props.tenants) this.tenants[t.tenantId] = this.buildTenant(r, t);
    } finally {
      restoreStackTraces();
    }
  }

  /** The parts every tenant shares: key, access-log bucket, network and account-level audit. */
  private buildSharedParts(r: ResolvedMultiTenantStudioProps): {
    sharedKey: PlatformKey;
    logBucket: SecureBucket;
    network: PrivateNetwork;
    audit: AuditTrail;
  } {
    const { props } = r;
    const sharedKey = new PlatformKey(this, 'shared-key', {
      accountId: props.accountId,
      deployerPrincipalArns: props.deployerPrincipalArns,
      // the audit evidence is encrypted with it: kept while the evidence is
      removalPolicy: keyRemovalPolicy(props.removalPolicy, props.auditRemovalPolicy),
    });
    const logBucket = new SecureBucket(this, 'access-logs', {
      serverAccessLogTarget: true,
      sourceAccountId: props.accountId,
      removalPolicy: props.removalPolicy,
    });
    // AWS-07, AWS-18: only the deployer changes the shared log bucket's protection
    logBucket.restrictConfigurationChanges(sharedKey.deployerPrincipalArns);
    const network = new PrivateNetwork(this, 'network', {
      ...(props.network ?? {}),
      organizationId: props.organizationId,
      kmsKeyArn: sharedKey.keyArn,
      accountId: props.accountId,
      removalPolicy: props.removalPolicy,
    });
    const audit = new AuditTrail(this, 'audit', {
      kmsKeyArn: sharedKey.keyArn,
      platformKey: sharedKey,
      accessLogBucket: logBucket,
      organizationTrailArn: props.organizationTrailArn,
      platformRoleNamePatterns: r.platformRoleNamePatterns,
      accountId: props.accountId,
      removalPolicy: props.auditRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    // AWS-07, AWS-22: nor the shared trail bucket's
    audit.trailBucket?.restrictConfigurationChanges(sharedKey.deployerPrincipalArns);
    return { sharedKey, logBucket, network, audit };
  }

  /** A tenant's domain on the shared network, with its own key, buckets, roles and registry. */
  private buildTenant(r: ResolvedMultiTenantStudioProps, t: TenantSpec): SageMakerStudioDomain {
    const { props } = r;
    return new SageMakerStudioDomain(this, t.tenantId, {
      environment: props.environment,
      authMode: props.authMode,
      domainName: tenantDomainName(t, props.environment),
      sharedNetwork: this.network,
      personas: t.personas,
      sodExceptions: t.sodExceptions,
      userProfiles: t.userProfiles,
      modelPackageGroups: t.modelPackageGroups,
      allowedInstanceTypes: props.allowedInstanceTypes,
      tags: { ...(props.tags ?? {}), costCenter: t.costCenter ?? props.tags?.costCenter },
      allowedRegions: props.allowedRegions,
      removalPolicy: props.removalPolicy,
      auditRemovalPolicy: props.auditRemovalPolicy,
      allowReplacement: props.allowReplacement,
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
}
