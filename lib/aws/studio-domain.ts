import { lightStackTraces } from '../core/stack-traces';
import { Construct } from 'constructs';
import { Annotations, TerraformOutput } from 'cdktf';
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import { SagemakerAppImageConfig } from '@cdktf/provider-aws/lib/sagemaker-app-image-config';
import { SagemakerDomain } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SagemakerSpace } from '@cdktf/provider-aws/lib/sagemaker-space';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Compliance } from '../core/compliance/compliance';
import { claimName } from '../core/name-claims';
import { uniqueName } from '../core/naming';
import { Persona, PersonaModel } from '../core/personas';
import { applyRemovalPolicy, REMOVAL_POLICY_RULE_ID, RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { Tagging } from '../core/tags';
import './profile';
import { AuditTrail } from './audit';
import {
  EFS_BACKUP_NAME_MAX_LENGTH,
  EFS_BACKUP_NAME_PREFIX,
  EFS_RETENTION_DELETE,
  forceDestroyRemovalOverrides,
  KEY_USE_SERVICES,
  KEY_USER_PERSONAS,
  PERIMETER_EXEMPT_PERSONAS,
  platformRoleNamePatterns,
  secureDomainSettings,
  secureNotebookInstanceSettings,
  studioIdleSettings,
  TENANT_TAG,
} from './defaults';
import { sagemakerSdkDefaults } from './sdk-defaults';
import { awsEnv, AwsEnv, deployerArn } from './env';
import { GuardrailPolicies } from './guardrails';
import { keyRemovalPolicy, PlatformKey } from './kms';
import { ec2Text } from './naming';
import { PrivateNetwork } from './network';
import {
  MONITOR_SETUP_ACTIONS,
  executionPolicy as executionPolicyDocument,
  personaPolicies,
  PolicyContext,
  studioExecutionPolicy,
  studioWorkspacePolicy as studioWorkspacePolicyDocument,
} from './persona-policies';
import { PERSONA_ROLE_SLUGS, PersonaRoles } from './persona-roles';
import {
  modelVersionArns,
  policyDocument,
  sagemakerTrustPolicy,
  Statement,
  trustPolicy,
} from './policy';
import { ModelRegistry } from './registry';
import { SecureBucket } from './secure-bucket';
import { ResolvedStudioDomainProps, resolveStudioDomainProps } from './studio-domain-resolve';
import { SageMakerStudioDomainProps, ScheduledPipelineSpec } from './studio-domain-props';
import { AuthMode, StudioUserProfile } from './user-profiles';
import { accountRegionScope } from './validation';

// The props and their parts, re-exported so that imports of them from this module keep working.
export * from './studio-domain-props';

const SDK_DEFAULTS_DESCRIPTION =
  'SageMaker Python SDK configuration (config.yaml; JSON is YAML) that satisfies the platform guardrails: write it to /etc/xdg/sagemaker/config.yaml in Studio (a lifecycle configuration) or point SAGEMAKER_ADMIN_CONFIG_OVERRIDE at it';

const IMMUTABLE_SETTINGS_DESCRIPTION =
  'Settings that force a new domain when changed (auth mode, VPC, subnets, KMS key): review any diff here';

/** The identities a domain builds: persona roles, and the scopes of the Studio execution roles. */
interface StudioIdentity {
  readonly personaRoles: PersonaRoles;
  readonly studioRoles: Construct;
  readonly studioRoleScopes: { [persona: string]: Construct };
}

/** The permissions a domain builds, and what the later parts refer to. */
interface StudioPermissions {
  readonly ctx: PolicyContext;
  readonly executionPolicy: IamPolicy;
  readonly tenantPolicyArn?: string;
  readonly studioWorkspacePolicy: IamPolicy;
  /** Policies every Studio execution role (team and per-user) carries besides its duties. */
  readonly guardrailArns: string[];
}

/**
 * A secure SageMaker Studio platform (AWS-01 … AWS-31): a VpcOnly domain encrypted with the
 * platform CMK in private subnets with endpoints, persona roles, guardrail policies (also as
 * SCP JSON), user profiles with their own security groups, a model registry, audit logs,
 * alarms, and optional spaces, schedules, notebook instances, custom images, Lake Formation and
 * EFS backup. Every part is a public property.
 */
export class SageMakerStudioDomain extends Construct {
  /** The domain. */
  public readonly domain: SagemakerDomain;
  /** The network. */
  public readonly network: PrivateNetwork;
  /** The platform key, when created. */
  public readonly platformKey?: PlatformKey;
  /** The KMS key ARN in use. */
  public readonly kmsKeyArn: string;
  /** Server access log bucket. */
  public readonly logBucket: SecureBucket;
  /** Platform data bucket (data, models, sharing, jobs prefixes). */
  public readonly dataBucket: SecureBucket;
  /** Shared Studio security group (domain, default user and space settings). */
  public readonly studioSecurityGroup: SecurityGroup;
  /** Security group for training/processing jobs (AWS-17). */
  public readonly jobsSecurityGroup: SecurityGroup;
  /** Persona roles. */
  public readonly personaRoles: PersonaRoles;
  /** Guardrail policies. */
  public readonly guardrails: GuardrailPolicies;
  /** Permissions of the TRAINING workload role (the role training and processing jobs run as). */
  public readonly executionPolicy: IamPolicy;
  /** Studio execution role of each Studio persona (team mode), by persona. */
  public readonly studioExecutionRoles: { [persona: string]: IamRole } = {};
  /** Duties of each persona's Studio execution roles (team and per-user), by persona. */
  public readonly studioExecutionPolicies: { [persona: string]: IamPolicy } = {};
  /** Studio workspace permissions shared by every Studio execution role (team and per-user). */
  public readonly studioWorkspacePolicy: IamPolicy;
  /** Principals that run Terraform (named in the key policy and the SCP). */
  public readonly deployerPrincipalArns: string[];
  /** User profiles by name. */
  public readonly userProfiles: { [name: string]: StudioUserProfile } = {};
  /** Model registry. */
  public readonly registry: ModelRegistry;
  /** Audit trail, logs and alarms. */
  public readonly audit: AuditTrail;
  /** Shared spaces by name. */
  public readonly spaces: { [name: string]: SagemakerSpace } = {};
  /** Notebook instances by name. */
  public readonly notebookInstances: { [name: string]: SagemakerNotebookInstance } = {};
  /** App image configs by name. */
  public readonly appImageConfigs: { [name: string]: SagemakerAppImageConfig } = {};
  /** The resolved platform tags. */
  public readonly tags: { [key: string]: string };
  /** Region (literal or token). */
  public readonly region: string;
  /** IAM path of per-user execution roles. */
  public readonly userRolePath: string;
  /** ARN of the tenant isolation policy (AWS-30), when `tenantId` is set. */
  public readonly tenantPolicyArn?: string;
  /**
   * The SageMaker Python SDK configuration (config.yaml) that matches the guardrails: default
   * bucket and prefix, job subnets and security group, inter-container encryption, and the
   * platform key on outputs, endpoint configurations and monitors.
   */
  public readonly sdkDefaultsOutput: TerraformOutput;
  private readonly env: AwsEnv;

  constructor(scope: Construct, id: string, props: SageMakerStudioDomainProps) {
    super(scope, id);
    // cdktf records a stack trace per token; skip formatting them while building (see stack-traces.ts).
    const restoreStackTraces = lightStackTraces();
    try {
      const r = resolveStudioDomainProps(this, id, props);
      this.tags = Tagging.apply(this, r.props.environment, r.tags);
      if (r.allowedRegions) DataResidency.enforce(this, r.allowedRegions, ['aws']);
      this.env = awsEnv(this, r.props.accountId);
      this.region = this.env.region;
      this.userRolePath = r.userRolePath;
      ({
        platformKey: this.platformKey,
        kmsKeyArn: this.kmsKeyArn,
        deployerPrincipalArns: this.deployerPrincipalArns,
      } = this.buildEncryption(r));
      ({ logBucket: this.logBucket, dataBucket: this.dataBucket } = this.buildStorage(r));
      ({
        network: this.network,
        studioSecurityGroup: this.studioSecurityGroup,
        jobsSecurityGroup: this.jobsSecurityGroup,
      } = this.buildNetwork(r));
      const identity = this.buildIdentity(r);
      this.personaRoles = identity.personaRoles;
      this.guardrails = this.buildGuardrails(r);
      this.domain = this.buildDomain(r);
      this.registry = new ModelRegistry(this, 'registry', {
        groups: r.modelPackageGroups,
        accountId: r.props.accountId,
        removalPolicy: r.removalPolicy,
      });
      this.audit = this.buildObservability(r);
      // The persona policies name the domain, registry and log groups, built after the roles
      // (and the key grants name the roles, built after the key): the parts keep their
      // construction order, which is the order of the synthesized Terraform, so these are
      // attached here once their targets exist.
      const permissions = this.buildPermissions(r, identity);
      ({
        executionPolicy: this.executionPolicy,
        tenantPolicyArn: this.tenantPolicyArn,
        studioWorkspacePolicy: this.studioWorkspacePolicy,
      } = permissions);
      this.grantKeyUse(permissions.ctx);
      this.shareRegistry();
      // AWS-07, AWS-18, AWS-22: only the deployer changes the protection of the data, access-log
      // and trail buckets (never empty: the prop needs one ARN, and the default is the
      // principal running Terraform)
      for (const bucket of [this.dataBucket, this.logBucket, this.audit.trailBucket])
        bucket?.restrictConfigurationChanges(this.deployerPrincipalArns);
      if (r.dataPerimeter) this.addDataPerimeter(r.props);
      this.buildWorkspaces(r, permissions);
      this.buildSchedules(r);
      this.buildNotebooksAndImages(r);
      this.buildLakeFormation(r, permissions.ctx);
      if (r.efsBackup) this.buildEfsBackup(r, r.efsBackup);
      this.sdkDefaultsOutput = new TerraformOutput(this, 'sagemaker-sdk-config', {
        description: SDK_DEFAULTS_DESCRIPTION,
        value: sagemakerSdkDefaults({
          bucketName: this.dataBucket.bucketName,
          keyArn: this.kmsKeyArn,
          subnetIds: this.network.subnetIds,
          securityGroupIds: [this.jobsSecurityGroup.id],
          networkIsolation: r.props.requireNetworkIsolation === true,
          tenantId: r.props.tenantId,
        }),
      });
      new TerraformOutput(this, 'domain-immutable-settings', {
        description: IMMUTABLE_SETTINGS_DESCRIPTION,
        value: {
          authMode: r.props.authMode,
          vpcId: this.network.vpcId,
          subnetIds: this.network.subnetIds,
          kmsKeyId: this.kmsKeyArn,
        },
      });
    } finally {
      restoreStackTraces();
    }
  }

  /** The Studio execution role ARN of a persona (team profiles), if the platform has one. */
  public studioExecutionRoleArn(persona: Persona): string | undefined {
    return this.studioExecutionRoles[persona]?.arn;
  }

  /** Encryption (AWS-05, X-04): the platform key, or the key given by ARN. */
  private buildEncryption(r: ResolvedStudioDomainProps): {
    platformKey?: PlatformKey;
    kmsKeyArn: string;
    deployerPrincipalArns: string[];
  } {
    const { props } = r;
    if (props.encryption?.kmsKeyArn) {
      Annotations.of(this).addInfo(
        'encryption.kmsKeyArn given: its key policy must admit CloudWatch Logs, CloudTrail, SNS publishers, the deploying principal and the platform roles (see the README, AWS section)',
      );
      return {
        kmsKeyArn: props.encryption.kmsKeyArn,
        deployerPrincipalArns: props.deployerPrincipalArns ?? [deployerArn(this)],
      };
    }
    const platformKey = new PlatformKey(this, 'key', {
      rotationPeriodDays: props.encryption?.rotationPeriodDays,
      accountId: props.accountId,
      deployerPrincipalArns: props.deployerPrincipalArns,
      // Creating an encrypted backup vault needs the key through AWS Backup (AWS-26 opt)
      deployerServices: r.deployerKeyServices,
      // when this domain's audit part keeps evidence encrypted with it (a trail, the account's
      // log groups), the key is kept while the evidence is
      removalPolicy:
        props.organizationTrailArn === undefined || props.createAccountLogGroups !== false
          ? keyRemovalPolicy(r.removalPolicy, props.auditRemovalPolicy)
          : r.removalPolicy,
    });
    return {
      platformKey,
      kmsKeyArn: platformKey.keyArn,
      deployerPrincipalArns: platformKey.deployerPrincipalArns,
    };
  }

  /** Storage (AWS-07): the access-log and data buckets; global names carry the account and region. */
  private buildStorage(r: ResolvedStudioDomainProps): {
    logBucket: SecureBucket;
    dataBucket: SecureBucket;
  } {
    const logBucket = new SecureBucket(this, 'access-logs', {
      serverAccessLogTarget: true,
      sourceAccountId: this.env.account,
      removalPolicy: r.removalPolicy,
    });
    const dataBucket = new SecureBucket(this, 'data', {
      kmsKeyArn: this.kmsKeyArn,
      kmsKeyId: this.platformKey?.key.keyId,
      accessLogBucket: logBucket,
      // the literal account, else the same aws_caller_identity data source (in the name)
      accountId: r.props.accountId,
      removalPolicy: r.removalPolicy,
    });
    return { logBucket, dataBucket };
  }

  /** Network (AWS-01/02/03/17/27): the network, and the Studio and jobs security groups. */
  private buildNetwork(r: ResolvedStudioDomainProps): {
    network: PrivateNetwork;
    studioSecurityGroup: SecurityGroup;
    jobsSecurityGroup: SecurityGroup;
  } {
    const { props } = r;
    const bucketArn = this.dataBucket.bucketArn;
    const network =
      props.sharedNetwork ??
      new PrivateNetwork(this, 'network', {
        organizationId: props.organizationId,
        ...(props.network ?? {}),
        kmsKeyArn: this.kmsKeyArn,
        accountId: props.accountId,
        removalPolicy: r.removalPolicy,
        allowedS3BucketArns: [bucketArn],
      });
    // the data bucket belongs to the platform's account (the network's, unless given)
    if (props.sharedNetwork) network.allowS3Bucket(bucketArn, props.accountId);
    const [studioSecurityGroup] = this.endpointClientGroup(
      network,
      'studio',
      'SageMaker Studio domain: egress to VPC endpoints, S3 and EFS only',
      'Studio',
    );
    const [jobsSecurityGroup, jobsRules] = this.endpointClientGroup(
      network,
      'jobs',
      'SageMaker training/processing jobs: between job nodes, and to endpoints',
      'jobs',
    );
    const betweenNodes = {
      securityGroupId: jobsSecurityGroup.id,
      referencedSecurityGroupId: jobsSecurityGroup.id,
      ipProtocol: '-1',
      description: 'Between nodes of a distributed job',
    };
    new VpcSecurityGroupIngressRule(jobsRules, 'self-ingress', betweenNodes);
    new VpcSecurityGroupEgressRule(jobsRules, 'self-egress', betweenNodes);
    return { network, studioSecurityGroup, jobsSecurityGroup };
  }

  /**
   * A security group (`<name>-sg`) whose members reach the VPC endpoints: egress rules to them
   * (under `<name>-sg-rules`, returned) and HTTPS admitted on the endpoints from `who`.
   */
  private endpointClientGroup(
    network: PrivateNetwork,
    name: string,
    description: string,
    who: string,
  ): [SecurityGroup, Construct] {
    const group = new SecurityGroup(this, `${name}-sg`, {
      vpcId: network.vpcId,
      description,
      revokeRulesOnDelete: true,
    });
    const rules = new Construct(this, `${name}-sg-rules`);
    network.allowEgressToEndpoints(rules, group.id);
    network.admitToEndpoints(group.id, ec2Text(`HTTPS from ${who} (${this.node.path})`));
    return [group, rules];
  }

  /**
   * Identity (X-01, X-02, AWS-18): the persona roles, and one Studio execution role per Studio
   * persona (segregation of duties: nobody runs Studio as the TRAINING workload role, and each
   * persona's role holds its own duties).
   */
  private buildIdentity(r: ResolvedStudioDomainProps): StudioIdentity {
    const { props } = r;
    const personaRoles = new PersonaRoles(this, 'roles', {
      personas: props.personas,
      sodExceptions: props.sodExceptions,
      namePrefix: r.namePrefix,
      permissionsBoundaryArn: props.permissionsBoundaryArn,
      accountId: props.accountId,
    });
    const studioRoles = new Construct(this, 'studio-roles');
    const studioRoleScopes: { [persona: string]: Construct } = {};
    for (const persona of r.studioPersonas) {
      const slug = PERSONA_ROLE_SLUGS[persona];
      const scope = new Construct(studioRoles, slug);
      studioRoleScopes[persona] = scope;
      this.studioExecutionRoles[persona] = new IamRole(scope, 'role', {
        name: uniqueName(scope, {
          prefix: `${r.namePrefix}-studio-${slug}`,
          maxLength: 64,
          lowercase: false,
        }),
        description: `SageMaker Studio execution role of the ${persona} persona (team profiles)`,
        assumeRolePolicy: sagemakerTrustPolicy(this.env.account),
        permissionsBoundary: props.permissionsBoundaryArn,
        tags: { persona },
      });
    }
    return { personaRoles, studioRoles, studioRoleScopes };
  }

  /**
   * Guardrails (AWS-12 … AWS-17, AWS-19). The SCP exempts the admin roles by name pattern, so
   * the SCPs of several platforms (tenants) in one account compose.
   */
  private buildGuardrails(r: ResolvedStudioDomainProps): GuardrailPolicies {
    const { partition, account } = this.env;
    const { props } = r;
    return new GuardrailPolicies(this, 'guardrails', {
      allowedInstanceTypes: props.allowedInstanceTypes,
      approvedImageArns: props.approvedImageArns,
      subnetIds: this.network.subnetIds,
      securityGroupIds: [this.jobsSecurityGroup.id],
      requireNetworkIsolation: props.requireNetworkIsolation,
      outputKmsKeyArn: this.kmsKeyArn,
      adminPrincipalArns: [
        `arn:${partition}:iam::${account}:role/${r.namePrefix}-${PERSONA_ROLE_SLUGS[Persona.PLATFORM_ADMIN]}-*`,
      ],
      deployerPrincipalArns: this.deployerPrincipalArns,
    });
  }

  /** The domain (AWS-01, 05, 06, 08, 09, 20, 26, 28) with its replacement guard. */
  private buildDomain(r: ResolvedStudioDomainProps): SagemakerDomain {
    const { props } = r;
    const secure = secureDomainSettings();
    const idleSettings = studioIdleSettings(r.idleTimeoutMinutes);
    const defaultStudioRoleArn = this.studioExecutionRoleArn(Persona.DATA_SCIENTIST)!;
    const domain = new SagemakerDomain(this, 'domain', {
      domainName: r.domainName,
      authMode: props.authMode,
      vpcId: this.network.vpcId,
      subnetIds: this.network.subnetIds,
      appNetworkAccessType: secure.appNetworkAccessType,
      kmsKeyId: this.kmsKeyArn,
      tagPropagation: secure.tagPropagation,
      domainSettings: {
        executionRoleIdentityConfig: secure.executionRoleIdentityConfig,
        securityGroupIds: [this.studioSecurityGroup.id],
      },
      defaultUserSettings: {
        executionRole: defaultStudioRoleArn,
        securityGroups: [this.studioSecurityGroup.id],
        sharingSettings: {
          notebookOutputOption: secure.notebookOutputOption,
          s3OutputPath: this.dataBucket.s3Url(secure.sharingPrefix),
          s3KmsKeyId: this.kmsKeyArn,
        },
        jupyterLabAppSettings: { appLifecycleManagement: idleSettings },
        codeEditorAppSettings: { appLifecycleManagement: idleSettings },
      },
      defaultSpaceSettings: {
        executionRole: defaultStudioRoleArn,
        securityGroups: [this.studioSecurityGroup.id],
        jupyterLabAppSettings: { appLifecycleManagement: idleSettings },
      },
      retentionPolicy: { homeEfsFileSystem: r.efsRetention },
    });
    applyRemovalPolicy(domain, r.removalPolicy);
    if (r.efsRetention === EFS_RETENTION_DELETE) {
      Compliance.suppress(
        domain,
        'AWS-26',
        'removalPolicy DESTROY with allowReplacement: the home EFS is deleted with the domain, explicitly',
      );
    }
    // The home EFS retention is chosen when the domain is created: retention_policy forces a new
    // domain, so a later change of removalPolicy or allowReplacement must not replace it.
    const lifecycle = { ...(domain.lifecycle ?? {}), ignoreChanges: ['retention_policy'] };
    if (props.allowReplacement) {
      // an intended rebuild: Terraform may replace the domain, whatever the removal policy
      domain.lifecycle = { ...lifecycle, preventDestroy: false };
      if (r.removalPolicy !== RemovalPolicy.DESTROY)
        Compliance.suppress(
          domain,
          REMOVAL_POLICY_RULE_ID,
          'allowReplacement: the domain may be replaced or destroyed, explicitly (its home EFS is retained)',
        );
    } else {
      // Replacement guard: auth mode, VPC, subnets and KMS key force a new domain.
      domain.lifecycle = { ...lifecycle, preventDestroy: true };
      if (r.removalPolicy === RemovalPolicy.DESTROY) {
        Annotations.of(this).addWarning(
          'removalPolicy is DESTROY but allowReplacement is false: the domain keeps prevent_destroy (see the README, AWS section)',
        );
      }
    }
    if (props.authMode === AuthMode.SSO) {
      Annotations.of(this).addInfo(
        'AuthMode.SSO: users sign in to Studio through IAM Identity Center. sagemaker:CreatePresignedDomainUrl works for IAM domains only, so no presigned-URL permission is granted; AWS-10/AWS-11 rely on Identity Center (its MFA and sign-in policies). presignedUrl.sourceIps only feeds the presigned-URL alarm.',
      );
    }
    return domain;
  }

  /** Observability (X-06, AWS-21/22/23): trail, log groups and alarms. */
  private buildObservability(r: ResolvedStudioDomainProps): AuditTrail {
    const { props } = r;
    const presigned = props.presignedUrl;
    const auditorArn = this.personaRoles.roleArn(Persona.AUDITOR);
    return new AuditTrail(this, 'audit', {
      kmsKeyArn: this.kmsKeyArn,
      platformKey: this.platformKey,
      accessLogBucket: this.logBucket,
      createLogGroups: props.createAccountLogGroups,
      logRetentionDays: r.logRetentionDays,
      organizationTrailArn: props.organizationTrailArn,
      dataEventBucketArns: [this.dataBucket.bucketArn],
      alarms: props.alarms,
      presignedUrlAllowedCidrs: [
        ...(presigned?.sourceIps ?? []),
        ...((presigned?.sourceVpceIds ?? []).length > 0 && this.network.vpcCidr
          ? [this.network.vpcCidr]
          : []),
      ],
      platformRoleNamePatterns: platformRoleNamePatterns(r.namePrefix),
      logReaderArns: auditorArn ? [auditorArn] : [],
      accountId: props.accountId,
      removalPolicy: props.auditRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /** What the persona policies refer to: the domain, key, buckets, roles, registry and logs. */
  private policyContext(r: ResolvedStudioDomainProps): PolicyContext {
    const { props } = r;
    const { partition, account } = this.env;
    const roles = this.personaRoles;
    const studioRoleArns: { [persona: string]: string } = {};
    for (const [persona, role] of Object.entries(this.studioExecutionRoles))
      studioRoleArns[persona] = role.arn;
    return {
      env: this.env,
      domainId: this.domain.id,
      keyArn: this.kmsKeyArn,
      dataBucketArn: this.dataBucket.bucketArn,
      studioRoleArns,
      userRolePrefix: `arn:${partition}:iam::${account}:role${this.userRolePath}`,
      pipelineRoleArn: roles.roleArn(Persona.PIPELINE)!,
      trainingRoleArn: roles.roleArn(Persona.TRAINING)!,
      deploymentRoleArn: roles.roleArn(Persona.DEPLOYMENT)!,
      monitoringRoleArn: roles.roleArn(Persona.MONITORING)!,
      modelPackageGroupArns: this.registry.groupArns,
      logGroupArns: this.audit.logGroupArns,
      approvedEcrRepositoryArns: props.approvedEcrRepositoryArns ?? [],
      presignedUrls: props.authMode === AuthMode.IAM,
      tenantId: props.tenantId,
      auditBucketArn: this.audit.trailBucket?.bucketArn,
      presignedSourceIps: props.presignedUrl?.sourceIps,
      presignedSourceVpces: props.presignedUrl?.sourceVpceIds,
    };
  }

  /**
   * Permissions: the workload policy, each persona role's duties and guardrails, the tenant
   * isolation, and the policies of the Studio execution roles (shared by the per-user roles of
   * each persona): the common workspace policy and the persona's duties.
   */
  private buildPermissions(
    r: ResolvedStudioDomainProps,
    identity: StudioIdentity,
  ): StudioPermissions {
    const ctx = this.policyContext(r);
    const roles = this.personaRoles;
    const executionPolicy = new IamPolicy(this, 'execution-policy', {
      description: 'SageMaker TRAINING workload permissions (jobs on the platform prefixes)',
      policy: executionPolicyDocument(ctx),
    });
    roles.attachManagedPolicy(Persona.TRAINING, 'execution', executionPolicy.arn);
    const buckets = [this.dataBucket.bucketArn, this.logBucket.bucketArn];
    for (const [persona, policy] of personaPolicies(ctx, buckets))
      roles.attachPolicy(persona, PERSONA_ROLE_SLUGS[persona], policy);
    const g = this.guardrails;
    for (const persona of Object.values(Persona)) {
      const apps =
        persona === Persona.PLATFORM_ADMIN ? g.adminStudioAppsPolicy : g.studioAppsPolicy;
      roles.attachManagedPolicy(persona, 'guardrails-apps', apps.arn);
      roles.attachManagedPolicy(persona, 'guardrails-domain', g.domainPolicy.arn);
      if (PersonaModel.isWorkload(persona))
        roles.attachManagedPolicy(persona, 'guardrails-jobs', g.jobsPolicy.arn);
    }
    roles.attachManagedPolicy(Persona.TRAINING, 'guardrails-job-tags', g.jobTagsPolicy.arn);
    const tenantPolicyArn = r.props.tenantId
      ? this.addTenantIsolation(r.props.tenantId)
      : undefined;
    const studioWorkspacePolicy = new IamPolicy(identity.studioRoles, 'workspace-policy', {
      description: 'SageMaker Studio workspace permissions of every Studio execution role',
      policy: studioWorkspacePolicyDocument(ctx),
    });
    const guardrailArns = [
      studioWorkspacePolicy.arn,
      g.studioAppsPolicy.arn,
      g.jobsPolicy.arn,
      g.jobTagsPolicy.arn,
      g.domainPolicy.arn,
      ...(tenantPolicyArn ? [tenantPolicyArn] : []),
    ];
    for (const persona of r.studioPersonas) {
      const scope = identity.studioRoleScopes[persona];
      const policy = new IamPolicy(scope, 'policy', {
        description: `SageMaker Studio duties of the ${persona} persona`,
        policy: studioExecutionPolicy(ctx, persona),
      });
      this.studioExecutionPolicies[persona] = policy;
      const roleName = this.studioExecutionRoles[persona].name;
      [policy.arn, ...guardrailArns].forEach((policyArn, i) => {
        new IamRolePolicyAttachment(scope, `attachment-${i}`, { role: roleName, policyArn });
      });
    }
    return { ctx, executionPolicy, tenantPolicyArn, studioWorkspacePolicy, guardrailArns };
  }

  /** Key use (AWS-05): named roles, through named services. */
  private grantKeyUse(ctx: PolicyContext): void {
    const key = this.platformKey;
    if (!key) return;
    for (const persona of KEY_USER_PERSONAS) {
      const a = this.personaRoles.roleArn(persona);
      if (a) for (const svc of KEY_USE_SERVICES) key.grantUseVia(a, svc);
    }
    for (const a of Object.values(ctx.studioRoleArns))
      for (const svc of KEY_USE_SERVICES) key.grantUseVia(a, svc);
    key.grantUseViaPattern('PerUserExecutionRoles', `${ctx.userRolePrefix}*`, KEY_USE_SERVICES);
  }

  /** Cross-account consumers of the registry read model artifacts (AWS-24). */
  private shareRegistry(): void {
    if (this.registry.consumerAccounts.length === 0) return;
    const consumers = this.registry.consumerAccounts.map(
      (a) => `arn:${this.env.partition}:iam::${a}:root`,
    );
    this.dataBucket.addToPolicy(
      JSON.stringify({
        Sid: 'RegistryConsumersReadModels',
        Effect: 'Allow',
        Principal: { AWS: consumers },
        Action: 's3:GetObject',
        Resource: `${this.dataBucket.bucketArn}/models/*`,
      }),
    );
    // read only: Decrypt through S3 for the data bucket, nothing to encrypt or grant
    this.platformKey?.grantS3ObjectRead(
      'RegistryConsumersDecryptModels',
      consumers,
      // a literal ARN where the name is known, so that the key does not wait for the bucket
      this.dataBucket.staticName !== undefined
        ? `arn:${this.env.partition}:s3:::${this.dataBucket.staticName}`
        : this.dataBucket.bucketArn,
      'models/*',
    );
  }

  /** User profiles (AWS-04, AWS-09) and shared spaces (AWS-28 opt). */
  private buildWorkspaces(r: ResolvedStudioDomainProps, permissions: StudioPermissions): void {
    const { props } = r;
    for (const spec of props.userProfiles ?? []) {
      this.userProfiles[spec.name] = new StudioUserProfile(this, `user-${spec.name}`, {
        spec,
        domainId: this.domain.id,
        authMode: props.authMode,
        vpcId: this.network.vpcId,
        studioSecurityGroupId: this.studioSecurityGroup.id,
        teamExecutionRoleArn: permissions.ctx.studioRoleArns[spec.persona],
        ownRolePolicyArns: [
          this.studioExecutionPolicies[spec.persona].arn,
          ...permissions.guardrailArns,
        ],
        ownRolePath: this.userRolePath,
        accountId: this.env.account,
        permissionsBoundaryArn: props.permissionsBoundaryArn,
      });
    }
    for (const s of props.spaces ?? []) {
      const owner = this.userProfiles[s.ownerProfileName];
      this.spaces[s.name] = new SagemakerSpace(this, `space-${s.name}`, {
        domainId: this.domain.id,
        spaceName: s.name,
        ownershipSettings: { ownerUserProfileName: owner.profile.userProfileName },
        spaceSharingSettings: { sharingType: 'Shared' },
        spaceSettings: { appType: 'JupyterLab' },
      });
    }
  }

  /** Scheduled pipelines (AWS-25 opt): EventBridge rules started by a dedicated role. */
  private buildSchedules(r: ResolvedStudioDomainProps): void {
    const pipelines = r.props.scheduledPipelines ?? [];
    if (pipelines.length === 0) return;
    const { partition, region, account } = this.env;
    const pipelineArn = (p: ScheduledPipelineSpec) =>
      `arn:${partition}:sagemaker:${region}:${account}:pipeline/${p.pipelineName.toLowerCase()}`;
    const schedulerRole = new IamRole(this, 'pipeline-scheduler-role', {
      description: 'EventBridge starts the scheduled SageMaker pipelines (AWS-25)',
      assumeRolePolicy: trustPolicy({
        services: ['events.amazonaws.com'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    new IamRolePolicy(this, 'pipeline-scheduler-policy', {
      role: schedulerRole.id,
      policy: policyDocument([
        {
          Sid: 'StartScheduledPipelines',
          Effect: 'Allow',
          Action: 'sagemaker:StartPipelineExecution',
          Resource: pipelines.map(pipelineArn),
        },
      ]),
    });
    pipelines.forEach((p, i) => {
      const rule = new CloudwatchEventRule(this, `schedule-${i}`, {
        description: `Start pipeline ${p.pipelineName}`,
        scheduleExpression: p.scheduleExpression,
      });
      new CloudwatchEventTarget(this, `schedule-${i}-target`, {
        rule: rule.name,
        arn: pipelineArn(p),
        roleArn: schedulerRole.arn,
        sagemakerPipelineTarget: { pipelineParameterList: [] },
      });
    });
  }

  /**
   * Notebook instances (AWS-31 opt) and custom images run as non-root UID 1000 / GID 100
   * (AWS-19 opt). Their names are unique in an account and Region (CreateNotebookInstance,
   * CreateAppImageConfig): another platform of the app creating the same name fails synth.
   */
  private buildNotebooksAndImages(r: ResolvedStudioDomainProps): void {
    const accountRegion = accountRegionScope(this, this.env.account, this.env.region);
    const claims: [string, string[], string][] = [
      [
        'SageMaker notebook instance',
        r.notebookInstances.map((nb) => nb.name),
        'notebookInstances',
      ],
      [
        'SageMaker app image config',
        r.customImages.map((img) => img.appImageConfigName),
        'customImages',
      ],
    ];
    for (const [kind, names, prop] of claims)
      for (const name of names) claimName(this, kind, accountRegion, name.toLowerCase(), prop);
    for (const nb of r.notebookInstances) {
      const instance = new SagemakerNotebookInstance(this, `notebook-${nb.name}`, {
        name: nb.name,
        instanceType: nb.instanceType,
        roleArn: this.personaRoles.roleArn(Persona.TRAINING)!,
        subnetId: this.network.subnetIds[0],
        securityGroups: [this.studioSecurityGroup.id],
        kmsKeyId: this.kmsKeyArn,
        ...secureNotebookInstanceSettings(),
      });
      applyRemovalPolicy(instance, r.removalPolicy);
      this.notebookInstances[nb.name] = instance;
    }
    for (const img of r.customImages) {
      this.appImageConfigs[img.appImageConfigName] = new SagemakerAppImageConfig(
        this,
        `image-config-${img.appImageConfigName}`,
        { appImageConfigName: img.appImageConfigName, ...img.config },
      );
    }
  }

  /** Lake Formation (AWS-29 opt): the execution roles may use the given databases. */
  private buildLakeFormation(r: ResolvedStudioDomainProps, ctx: PolicyContext): void {
    if (!r.props.lakeFormation) return;
    const principals = [
      ctx.trainingRoleArn,
      ctx.pipelineRoleArn,
      ...[Persona.DATA_SCIENTIST, Persona.DATA_ENGINEER]
        .map((p) => ctx.studioRoleArns[p])
        .filter((a): a is string => a !== undefined),
    ];
    r.props.lakeFormation.databases.forEach((db, i) => {
      principals.forEach((p, j) => {
        new LakeformationPermissions(this, `lakeformation-${i}-${j}`, {
          principal: p,
          permissions: r.lakeFormationPermissions,
          database: { name: db },
        });
      });
    });
  }

  /**
   * EFS backup (AWS-26 opt). Creating a vault with a customer managed key needs
   * kms:CreateGrant, DescribeKey, RetireGrant, Decrypt and GenerateDataKey for the caller
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html), through
   * AWS Backup: a created key admits it from the start (`deployerServices`). The backup role
   * uses the key through AWS Backup too.
   */
  private buildEfsBackup(
    r: ResolvedStudioDomainProps,
    backup: NonNullable<ResolvedStudioDomainProps['efsBackup']>,
  ): void {
    const { partition, region, account } = this.env;
    const name = () =>
      uniqueName(this, { prefix: EFS_BACKUP_NAME_PREFIX, maxLength: EFS_BACKUP_NAME_MAX_LENGTH });
    const vault = new BackupVault(this, 'backup-vault', {
      name: name(),
      kmsKeyArn: this.kmsKeyArn,
      forceDestroy: false,
    });
    applyRemovalPolicy(vault, r.removalPolicy, forceDestroyRemovalOverrides());
    const plan = new BackupPlan(this, 'backup-plan', {
      name: name(),
      rule: [
        {
          ruleName: 'daily',
          targetVaultName: vault.name,
          schedule: backup.schedule,
          lifecycle: { deleteAfter: backup.deleteAfterDays },
        },
      ],
    });
    const backupRole = new IamRole(this, 'backup-role', {
      description: 'AWS Backup of the Studio EFS',
      assumeRolePolicy: trustPolicy({
        services: ['backup.amazonaws.com'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    this.platformKey?.grantUseVia(backupRole.arn, 'backup');
    new IamRolePolicyAttachment(this, 'backup-role-policy', {
      role: backupRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
    });
    new BackupSelection(this, 'backup-selection', {
      name: 'studio-efs',
      planId: plan.id,
      iamRoleArn: backupRole.arn,
      resources: [
        `arn:${partition}:elasticfilesystem:${region}:${account}:file-system/${this.domain.homeEfsFileSystemId}`,
      ],
    });
  }

  /**
   * Data perimeter (AWS data-perimeter guidance): the data bucket and the platform key are used
   * only through the platform network or by AWS services, by principals of the account (or
   * organization) and the registry's consumer accounts. Roles that SageMaker uses from its own
   * network (pipelines, endpoints, model monitoring) are exempt from the network condition.
   */
  private addDataPerimeter(props: SageMakerStudioDomainProps): void {
    const serviceRoleArns = PERIMETER_EXEMPT_PERSONAS.map((p) =>
      this.personaRoles.roleArn(p),
    ).filter((a): a is string => a !== undefined);
    const trustedAccounts = this.registry.consumerAccounts;
    const s3Vpce = this.network.s3Endpoint?.id;
    const kmsVpce = this.network.interfaceEndpoints.kms?.id;
    this.platformKey?.addPerimeter({
      sourceVpceIds: kmsVpce ? [kmsVpce] : undefined,
      sourceVpcIds: [this.network.vpcId],
      exemptPrincipalArns: serviceRoleArns,
      organizationId: props.organizationId,
      trustedAccountIds: trustedAccounts,
    });
    const bucket = this.dataBucket.bucketArn;
    // Outside the platform network: no object use, and no listing except by the deployer, whose
    // every refresh of the bucket is a HeadBucket (s3:ListBucket) from outside the VPC.
    const network = (exempt: string[]) => ({
      StringNotEqualsIfExists: {
        ...(s3Vpce ? { 'aws:SourceVpce': [s3Vpce] } : { 'aws:SourceVpc': [this.network.vpcId] }),
        ...(trustedAccounts.length > 0 ? { 'aws:PrincipalAccount': trustedAccounts } : {}),
      },
      BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
      ...(exempt.length > 0 ? { ArnNotLikeIfExists: { 'aws:PrincipalArn': exempt } } : {}),
    });
    this.dataBucket.addToPolicy(
      JSON.stringify({
        Sid: 'DataPerimeterNetwork',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
          's3:RestoreObject',
        ],
        Resource: `${bucket}/*`,
        Condition: network(serviceRoleArns),
      }),
    );
    this.dataBucket.addToPolicy(
      JSON.stringify({
        Sid: 'DataPerimeterNetworkList',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:ListBucket*',
        Resource: bucket,
        Condition: network([...serviceRoleArns, ...this.deployerPrincipalArns]),
      }),
    );
    this.dataBucket.addToPolicy(
      JSON.stringify({
        Sid: 'DataPerimeterIdentity',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [bucket, `${bucket}/*`],
        Condition: {
          StringNotEqualsIfExists: props.organizationId
            ? {
                'aws:PrincipalOrgID': props.organizationId,
                ...(trustedAccounts.length > 0 ? { 'aws:PrincipalAccount': trustedAccounts } : {}),
              }
            : { 'aws:PrincipalAccount': [this.env.account, ...trustedAccounts] },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }

  /**
   * Tenant isolation (AWS-30): the tenant's roles may only act on resources tagged with its
   * tenant id and must tag what they create. New profiles and spaces go in the tenant's own
   * domain. What carries no tag is confined by its ARN: Studio apps to the tenant's own domain (`app/<domain id>/<profile or space>/<type>/<name>`), model
   * versions to the tenant's model package groups (`model-package/<group>/<version>`): a version
   * takes no tags of its own (CreateModelPackage with a group rejects `Tags`), so a tag
   * condition on approving it would never be met.
   */
  private addTenantIsolation(tenantId: string): string {
    const { partition, region, account } = this.env;
    const doc = policyDocument([
      {
        Sid: 'AWS30TenantResourcesOnly',
        Effect: 'Deny',
        Action: [
          'sagemaker:CreatePresignedDomainUrl',
          'sagemaker:DescribeUserProfile',
          'sagemaker:UpdateUserProfile',
          'sagemaker:DeleteUserProfile',
          'sagemaker:DescribeSpace',
          'sagemaker:UpdateSpace',
          'sagemaker:DeleteSpace',
          'sagemaker:DescribeDomain',
          'sagemaker:UpdateDomain',
          'sagemaker:DeleteDomain',
          'sagemaker:DescribeTrainingJob',
          'sagemaker:StopTrainingJob',
          'sagemaker:DescribeProcessingJob',
          'sagemaker:StopProcessingJob',
          'sagemaker:DescribeHyperParameterTuningJob',
          'sagemaker:StopHyperParameterTuningJob',
          // the deployment and monitoring roles' models, endpoints and schedules (their
          // duties grant them on every one of the account)
          'sagemaker:DescribeModel',
          'sagemaker:DeleteModel',
          'sagemaker:DescribeEndpointConfig',
          'sagemaker:DeleteEndpointConfig',
          'sagemaker:DescribeEndpoint',
          'sagemaker:UpdateEndpoint',
          'sagemaker:DeleteEndpoint',
          // every action on an existing monitor the deployment role sets up (its creations are
          // tagged on create, below)
          ...MONITOR_SETUP_ACTIONS.filter(
            (a) => !a.startsWith('sagemaker:Create') && a !== 'sagemaker:AddTags',
          ),
          'sagemaker:DescribeModelPackageGroup',
          'sagemaker:DescribePipeline',
          'sagemaker:UpdatePipeline',
          'sagemaker:UpdatePipelineVersion',
          'sagemaker:DeletePipeline',
          'sagemaker:StartPipelineExecution',
          'sagemaker:ListPipelineExecutions',
          'sagemaker:ListPipelineVersions',
          // the tenant admin's images, app image configs and lifecycle configs (ManageStudio
          // grants them on every one of the account); a new image version is authorized on
          // its image
          'sagemaker:UpdateImage',
          'sagemaker:DeleteImage',
          'sagemaker:CreateImageVersion',
          'sagemaker:UpdateAppImageConfig',
          'sagemaker:DeleteAppImageConfig',
          'sagemaker:DeleteStudioLifecycleConfig',
        ],
        Resource: '*',
        Condition: { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: tenantId } },
      },
      {
        Sid: 'AWS30TenantTagOnCreate',
        Effect: 'Deny',
        Action: [
          'sagemaker:CreateDomain',
          'sagemaker:CreateUserProfile',
          'sagemaker:CreateSpace',
          'sagemaker:CreateTrainingJob',
          'sagemaker:CreateProcessingJob',
          // the training jobs of a tuning job carry the tuning job's tags
          'sagemaker:CreateHyperParameterTuningJob',
          'sagemaker:CreateModel',
          'sagemaker:CreateEndpointConfig',
          'sagemaker:CreateEndpoint',
          'sagemaker:CreateMonitoringSchedule',
          'sagemaker:CreateDataQualityJobDefinition',
          'sagemaker:CreateModelQualityJobDefinition',
          'sagemaker:CreateModelBiasJobDefinition',
          'sagemaker:CreateModelExplainabilityJobDefinition',
          'sagemaker:CreatePipeline',
          'sagemaker:CreateModelPackageGroup',
          'sagemaker:CreateImage',
          'sagemaker:CreateAppImageConfig',
          'sagemaker:CreateStudioLifecycleConfig',
        ],
        Resource: '*',
        Condition: { StringNotEquals: { [`aws:RequestTag/${TENANT_TAG}`]: tenantId } },
      },
      {
        // The tenant tag is what the statements above key on: it is set when a resource is
        // created (sagemaker:TaggingAction names the create call) and never changed or removed
        // afterwards, or one tenant could claim another's domain by retagging it. Adding it again
        // with the tenant's own value changes nothing and stays allowed: Pipeline.upsert adds a
        // pipeline's existing tags back with the new ones.
        Sid: 'AWS30TenantTagImmutable',
        Effect: 'Deny',
        Action: 'sagemaker:AddTags',
        Resource: '*',
        Condition: {
          'ForAnyValue:StringEquals': { 'aws:TagKeys': [TENANT_TAG] },
          StringNotEquals: { [`aws:RequestTag/${TENANT_TAG}`]: tenantId },
          Null: { 'sagemaker:TaggingAction': 'true' },
        },
      },
      {
        Sid: 'AWS30TenantTagNotRemoved',
        Effect: 'Deny',
        Action: 'sagemaker:DeleteTags',
        Resource: '*',
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [TENANT_TAG] } },
      },
      {
        // Any other tag is changed only on the tenant's own resources, so that one tenant does
        // not relabel another's models or endpoints (ownership, cost or data classification
        // tags). Tagging on create is exempt: the new resource carries no tag yet.
        Sid: 'AWS30TenantTagsOnly',
        Effect: 'Deny',
        Action: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
        Resource: '*',
        Condition: {
          StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: tenantId },
          Null: { 'sagemaker:TaggingAction': 'true' },
        },
      },
      this.tenantModelVersionsOnly(),
      {
        Sid: 'AWS30TenantDomainAppsOnly',
        Effect: 'Deny',
        Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp'],
        NotResource: `arn:${partition}:sagemaker:${region}:${account}:app/${this.domain.id}/*`,
      },
      {
        // An endpoint config is authorized on itself only, not on the models it names, whose
        // tags IAM cannot read: a tenant's models are confined by name (`<tenant>-…`; model
        // ARNs carry the name in lower case), and its endpoint configs name only those.
        Sid: 'AWS30TenantModelsOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreateModel',
        NotResource: `arn:${partition}:sagemaker:${region}:${account}:model/${tenantId}-*`,
      },
      {
        Sid: 'AWS30TenantEndpointModelsOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreateEndpointConfig',
        Resource: '*',
        Condition: {
          'ForAnyValue:ArnNotLike': {
            'sagemaker:ModelArn': `arn:${partition}:sagemaker:${region}:${account}:model/${tenantId}-*`,
          },
        },
      },
      {
        // A pipeline execution's tags are not documented, and its ARN carries the pipeline's
        // name (`pipeline/<name>/execution/<id>`): pipelines are confined by name too, as models
        // are, and the executions of the tenant's pipelines are the only ones its roles stop,
        // retry or read.
        Sid: 'AWS30TenantPipelinesOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreatePipeline',
        NotResource: `arn:${partition}:sagemaker:${region}:${account}:pipeline/${tenantId}-*`,
      },
      {
        // Pipeline.upsert lists a pipeline's tags (ManagePipelines): of the tenant's own only
        Sid: 'AWS30TenantPipelineTagsOnly',
        Effect: 'Deny',
        Action: 'sagemaker:ListTags',
        Resource: `arn:${partition}:sagemaker:${region}:${account}:pipeline/*`,
        Condition: { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: tenantId } },
      },
      {
        Sid: 'AWS30TenantPipelineExecutionsOnly',
        Effect: 'Deny',
        Action: [
          'sagemaker:DescribePipelineExecution',
          'sagemaker:StopPipelineExecution',
          'sagemaker:RetryPipelineExecution',
          'sagemaker:UpdatePipelineExecution',
          'sagemaker:ListPipelineExecutionSteps',
          'sagemaker:DescribePipelineDefinitionForExecution',
          'sagemaker:ListPipelineParametersForExecution',
          'sagemaker:SendPipelineExecutionStepSuccess',
          'sagemaker:SendPipelineExecutionStepFailure',
        ],
        NotResource: `arn:${partition}:sagemaker:${region}:${account}:pipeline/${tenantId}-*/execution/*`,
      },
      {
        // CreateEndpoint is also authorized on the endpoint config it deploys
        Sid: 'AWS30TenantEndpointConfigsOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreateEndpoint',
        Resource: `arn:${partition}:sagemaker:${region}:${account}:endpoint-config/*`,
        Condition: { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: tenantId } },
      },
      {
        // a profile or space tagged with the tenant's id still belongs in the tenant's domain
        Sid: 'AWS30TenantDomainProfilesOnly',
        Effect: 'Deny',
        Action: ['sagemaker:CreateUserProfile', 'sagemaker:CreateSpace'],
        NotResource: [
          `arn:${partition}:sagemaker:${region}:${account}:user-profile/${this.domain.id}/*`,
          `arn:${partition}:sagemaker:${region}:${account}:space/${this.domain.id}/*`,
        ],
      },
      {
        // Image versions carry no tags (sagemaker:AddTags has no image-version resource), so
        // no tag tells whose a version is: tenant roles delete none (a tenant admin deletes
        // its own image, versions included, with DeleteImage).
        Sid: 'AWS30NoImageVersionDeletion',
        Effect: 'Deny',
        Action: 'sagemaker:DeleteImageVersion',
        Resource: '*',
      },
    ]);
    const policy = new IamPolicy(this, 'tenant-isolation', {
      description: `AWS-30 tenant isolation for ${tenantId}`,
      policy: doc,
    });
    for (const persona of Object.values(Persona))
      this.personaRoles.attachManagedPolicy(persona, 'tenant-isolation', policy.arn);
    return policy.arn;
  }

  /**
   * Model versions the tenant's roles may register, approve or reject (AWS-30): those of the
   * tenant's own model package groups. Versions carry no tags, so the ARN confines them. A
   * tenant that declares no group has no versions of its own to name: its roles register and
   * approve none (declare `modelPackageGroups` to use the registry).
   */
  private tenantModelVersionsOnly(): Statement {
    const deny: Statement = {
      Sid: 'AWS30TenantModelVersionsOnly',
      Effect: 'Deny',
      Action: ['sagemaker:CreateModelPackage', 'sagemaker:UpdateModelPackage'],
    };
    if (this.registry.groupArns.length === 0) return { ...deny, Resource: '*' };
    return {
      ...deny,
      NotResource: this.registry.groupArns.map(modelVersionArns),
    };
  }
}
