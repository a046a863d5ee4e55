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
import {
  SagemakerAppImageConfig,
  SagemakerAppImageConfigCodeEditorAppImageConfig,
  SagemakerAppImageConfigJupyterLabImageConfig,
  SagemakerAppImageConfigKernelGatewayImageConfig,
} from '@cdktf/provider-aws/lib/sagemaker-app-image-config';
import { SagemakerDomain } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SagemakerSpace } from '@cdktf/provider-aws/lib/sagemaker-space';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Compliance } from '../core/compliance/compliance';
import { requireProps, Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { uniqueName, uniqueSuffix } from '../core/naming';
import { Persona, PersonaModel, SodException } from '../core/personas';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { PlatformTags, Tagging } from '../core/tags';
import './profile';
import { AuditTrail } from './audit';
import { DEFAULT_IDLE_TIMEOUT_MINUTES, DEFAULT_LOG_RETENTION_DAYS, TENANT_TAG } from './defaults';
import { awsEnv, AwsEnv, deployerArn, providerRegion } from './env';
import { GuardrailPolicies } from './guardrails';
import { PlatformKey } from './kms';
import { NetworkProps, PrivateNetwork } from './network';
import {
  adminPolicy,
  auditorPolicy,
  dataEngineerPolicy,
  dataScientistPolicy,
  deploymentPolicy,
  executionPolicy,
  mlEngineerPolicy,
  modelViewerPolicy,
  monitoringPolicy,
  pipelinePolicy,
  PolicyContext,
  studioExecutionPolicy,
  studioWorkspacePolicy,
} from './persona-policies';
import { PersonaRoles } from './persona-roles';
import { policyDocument, trustPolicy } from './policy';
import { ModelPackageGroupSpec, ModelRegistry } from './registry';
import { ec2Text } from './naming';
import { SecureBucket } from './secure-bucket';
import { AuthMode, ExecutionRoleMode, StudioUserProfile, UserProfileSpec } from './user-profiles';
import {
  humanPersona,
  validateAllowedRegions,
  validateNetworkProps,
  validatePersonas,
  validateTags,
} from './props-validation';
import {
  bool,
  accountId,
  accountRegionScope,
  awsProvider,
  enumOf,
  cidr,
  ec2Id,
  iamPolicyArn,
  iamPrincipal,
  integer,
  isToken,
  kmsKeyArn,
  LAKE_FORMATION_DATABASE_PERMISSIONS,
  logRetentionDays,
  notebookInstanceType,
  objectListOf,
  organizationId,
  removalPolicy,
  sagemakerName,
  scheduleExpression,
  serviceArn,
  stringListOf,
  studioInstanceType,
  UniqueNames,
} from './validation';

/** Encryption settings (create the platform CMK or bring a key ARN). */
export interface EncryptionProps {
  /**
   * ARN of an existing KMS key (bring your own). Its policy must admit CloudWatch Logs
   * (`logs.<region>.amazonaws.com` with the `kms:EncryptionContext:aws:logs:arn` condition),
   * CloudTrail, and the platform roles.
   * @default - a PlatformKey is created
   */
  readonly kmsKeyArn?: string;
  /**
   * Rotation period of a created key, days (90-365).
   * @default 90
   */
  readonly rotationPeriodDays?: number;
}

/** Presigned-URL restrictions (AWS-11). */
export interface PresignedUrlProps {
  /**
   * Corporate CIDRs allowed to create presigned URLs (`aws:SourceIp`).
   * @default - no IP restriction
   */
  readonly sourceIps?: string[];
  /**
   * VPC endpoint ids allowed (`aws:sourceVpce`), e.g. the Studio/API endpoints.
   * @default - no VPC endpoint restriction
   */
  readonly sourceVpceIds?: string[];
}

/** A shared space (AWS-28). */
export interface SharedSpaceSpec {
  /** Space name. */
  readonly name: string;
  /** Owner user profile (must be in `userProfiles`). */
  readonly ownerProfileName: string;
}

/** A SageMaker pipeline started on a schedule by EventBridge (AWS-25). */
export interface ScheduledPipelineSpec {
  /** Pipeline name. */
  readonly pipelineName: string;
  /** EventBridge schedule expression, e.g. 'cron(0 3 * * ? *)'. */
  readonly scheduleExpression: string;
}

/** A notebook instance (AWS-31). */
export interface NotebookInstanceSpec {
  /** Name. */
  readonly name: string;
  /**
   * Instance type.
   * @default 'ml.t3.medium'
   */
  readonly instanceType?: string;
}

/** The Studio application a custom image runs in. */
export enum StudioAppType {
  /** JupyterLab (Studio) apps: `jupyter_lab_image_config`. */
  JUPYTER_LAB = 'JupyterLab',
  /** Kernel gateway apps (Studio Classic and kernels): `kernel_gateway_image_config`. */
  KERNEL_GATEWAY = 'KernelGateway',
  /** Code Editor apps: `code_editor_app_image_config`. */
  CODE_EDITOR = 'CodeEditor',
}

/** A custom Studio image configuration (AWS-19 opt). */
export interface CustomImageSpec {
  /** Name of the app image config. */
  readonly appImageConfigName: string;
  /**
   * The app type the image runs in.
   * @default StudioAppType.KERNEL_GATEWAY
   */
  readonly appType?: StudioAppType;
  /**
   * Kernel name inside the image (kernel gateway images only, where it is required).
   * @default - none
   */
  readonly kernelName?: string;
  /**
   * Kernel display name.
   * @default - the kernel name
   */
  readonly kernelDisplayName?: string;
}

/** Lake Formation registration of the execution roles (AWS-29 opt). */
export interface LakeFormationProps {
  /** Glue databases the execution roles may use. */
  readonly databases: string[];
  /**
   * Lake Formation permissions granted on each database.
   * @default ['DESCRIBE']
   */
  readonly permissions?: string[];
}

/** AWS Backup of the domain EFS (AWS-26 opt). */
export interface EfsBackupProps {
  /**
   * Backup schedule.
   * @default 'cron(0 5 * * ? *)'
   */
  readonly schedule?: string;
  /**
   * Days backups are kept.
   * @default 35
   */
  readonly deleteAfterDays?: number;
}

/** Props of {@link SageMakerStudioDomain}. */
export interface SageMakerStudioDomainProps {
  /** Environment (dev, staging, prod...). */
  readonly environment: string;
  /** Authentication mode (AWS-08). Required and immutable: changing it replaces the domain. */
  readonly authMode: AuthMode;
  /**
   * Domain name.
   * @default - '<id>-<environment>'
   */
  readonly domainName?: string;
  /**
   * Network: create a VPC (vpcCidr, capacity inputs) or bring one (vpcId, subnetIds).
   * @default - a VPC 10.20.0.0/20 over 3 AZs, sized for 100 users
   */
  readonly network?: NetworkProps;
  /**
   * A PrivateNetwork shared with other domains (multi-tenant); `network` is then ignored.
   * @default - a PrivateNetwork is created from `network`
   */
  readonly sharedNetwork?: PrivateNetwork;
  /**
   * Encryption: create the CMK or bring one.
   * @default - a PlatformKey is created
   */
  readonly encryption?: EncryptionProps;
  /**
   * Persona → principals (IAM ARNs or account ids) that may assume the persona's role.
   * @default - none (only workload roles are created)
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * Reasoned exceptions to segregation of duties (X-02).
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /**
   * Studio user profiles.
   * @default - none
   */
  readonly userProfiles?: UserProfileSpec[];
  /**
   * Instance types Studio apps may use; must include 'system' (AWS-12).
   * @default ['ml.t3.medium', 'ml.t3.large', 'ml.m5.large', 'ml.m5.xlarge', 'system']
   */
  readonly allowedInstanceTypes?: string[];
  /**
   * Approved image ARNs (AWS-13).
   * @default - no image restriction
   */
  readonly approvedImageArns?: string[];
  /**
   * Presigned URL source restrictions (AWS-11).
   * @default - none
   */
  readonly presignedUrl?: PresignedUrlProps;
  /**
   * Idle shutdown of JupyterLab and Code Editor apps, minutes (60-525600) (AWS-20).
   * @default 60
   */
  readonly idleTimeoutMinutes?: number;
  /**
   * Model package groups of the registry (AWS-24).
   * @default - none
   */
  readonly modelPackageGroups?: ModelPackageGroupSpec[];
  /**
   * Tags (X-09).
   * @default - platform tags with defaults
   */
  readonly tags?: PlatformTags;
  /**
   * Allowed regions (X-07).
   * @default - the stack's AWS provider region
   */
  readonly allowedRegions?: string[];
  /**
   * What happens to stateful resources on destroy (X-08).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Allow Terraform to destroy/replace the domain. Auth mode, VPC, subnets and KMS key force a
   * new domain; by default the domain carries `prevent_destroy`, so such a change fails at plan
   * instead of silently deleting every user's home directory. Set true only for an intended
   * rebuild (see the README, AWS section).
   * @default false
   */
  readonly allowReplacement?: boolean;
  /**
   * Account id (readable ARNs; residency checks).
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
  /**
   * Tenant id (AWS-30): tags every resource with `tenant` and adds tenant-isolation denies.
   * @default - single tenant
   */
  readonly tenantId?: string;
  /**
   * ARN of an organization trail recording this account; then no trail is created (AWS-22).
   * @default - a trail is created
   */
  readonly organizationTrailArn?: string;
  /**
   * Create the account-level SageMaker log groups (set false when another stack owns them).
   * @default true
   */
  readonly createAccountLogGroups?: boolean;
  /**
   * Create alarms and the SNS topic (AWS-23).
   * @default true
   */
  readonly alarms?: boolean;
  /**
   * Log retention, days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Require network isolation on jobs (AWS-17 opt).
   * @default false
   */
  readonly requireNetworkIsolation?: boolean;
  /**
   * Shared spaces (AWS-28 opt).
   * @default - none
   */
  readonly spaces?: SharedSpaceSpec[];
  /**
   * Scheduled pipelines (AWS-25 opt).
   * @default - none
   */
  readonly scheduledPipelines?: ScheduledPipelineSpec[];
  /**
   * Notebook instances (AWS-31 opt).
   * @default - none
   */
  readonly notebookInstances?: NotebookInstanceSpec[];
  /**
   * Custom image configurations run as UID 1000 / GID 100 (AWS-19 opt).
   * @default - none
   */
  readonly customImages?: CustomImageSpec[];
  /**
   * Lake Formation permissions for the execution roles (AWS-29 opt).
   * @default - none
   */
  readonly lakeFormation?: LakeFormationProps;
  /**
   * AWS Backup plan for the domain EFS (AWS-26 opt).
   * @default - none
   */
  readonly efsBackup?: EfsBackupProps;
  /**
   * Permissions boundary for every role.
   * @default - none
   */
  readonly permissionsBoundaryArn?: string;
  /**
   * IAM role/user ARNs that run Terraform for this platform. The platform key admits them only
   * through the services that need the key at apply time (SageMaker and EFS for the domain, AWS
   * Backup for the vault); the SCP output exempts them from the UpdateDomain sharing-key rule.
   * These principals must exist before the first apply (see the README, "Applying on a fresh
   * account").
   * @default - the role or user running Terraform (`aws_iam_session_context` data source)
   */
  readonly deployerPrincipalArns?: string[];
  /**
   * AWS Organizations id: VPC endpoint policies, the data bucket and the platform key admit
   * principals of the organization (`aws:PrincipalOrgID`) instead of only the account.
   * @default - the account only
   */
  readonly organizationId?: string;
  /**
   * ECR repository ARNs outside the platform account that workloads may pull images from
   * (e.g. the Deep Learning Containers of your region, `arn:aws:ecr:eu-west-1:763104351884:repository/*`).
   * The account of each ARN must be named (no `*`).
   * @default - only the platform account's repositories
   */
  readonly approvedEcrRepositoryArns?: string[];
  /**
   * Data perimeter on the data bucket and the platform key (AWS data-perimeter guidance): object
   * and cryptographic use only through the platform network (`aws:SourceVpce`/`aws:SourceVpc`)
   * or by AWS services (`aws:ViaAWSService`), only by principals of the account or organization.
   * @default true
   */
  readonly dataPerimeter?: boolean;
}

/** The props SageMakerStudioDomain knows (a misspelt prop is an error, not silently ignored). */
const DOMAIN_PROPS = [
  'environment',
  'authMode',
  'domainName',
  'network',
  'sharedNetwork',
  'encryption',
  'personas',
  'sodExceptions',
  'userProfiles',
  'allowedInstanceTypes',
  'approvedImageArns',
  'presignedUrl',
  'idleTimeoutMinutes',
  'modelPackageGroups',
  'tags',
  'allowedRegions',
  'removalPolicy',
  'allowReplacement',
  'accountId',
  'tenantId',
  'organizationTrailArn',
  'createAccountLogGroups',
  'alarms',
  'logRetentionDays',
  'requireNetworkIsolation',
  'spaces',
  'scheduledPipelines',
  'notebookInstances',
  'customImages',
  'lakeFormation',
  'efsBackup',
  'permissionsBoundaryArn',
  'deployerPrincipalArns',
  'organizationId',
  'approvedEcrRepositoryArns',
  'dataPerimeter',
];

const IMAGE_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9*-]+:(\d{12}|\*):image(-version)?\/.+$/;
/** KernelSpec Name of CreateAppImageConfig. */
const KERNEL_NAME = /^[a-zA-Z0-9_-]{1,1024}$/;

/** The domain name when none is given: `<id>-<environment>`, within SageMaker's 63 characters. */
function defaultDomainName(id: string, environment: string): string {
  return `${id}-${environment}`.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 63);
}

/** Personas that always get a Studio execution role (other human personas only with a profile). */
const STUDIO_PERSONAS: Persona[] = [
  Persona.DATA_SCIENTIST,
  Persona.ML_ENGINEER,
  Persona.DATA_ENGINEER,
];

const PERSONA_SLUG: { [persona: string]: string } = {
  [Persona.PLATFORM_ADMIN]: 'ml-admin',
  [Persona.ML_ENGINEER]: 'ml-engineer',
  [Persona.DATA_SCIENTIST]: 'data-scientist',
  [Persona.DATA_ENGINEER]: 'data-engineer',
  [Persona.MODEL_VIEWER]: 'model-viewer',
  [Persona.AUDITOR]: 'auditor',
};

/** The image config block of a custom image: non-root UID 1000 / GID 100 for every app type. */
function customImageConfig(img: CustomImageSpec): {
  jupyterLabImageConfig?: SagemakerAppImageConfigJupyterLabImageConfig;
  codeEditorAppImageConfig?: SagemakerAppImageConfigCodeEditorAppImageConfig;
  kernelGatewayImageConfig?: SagemakerAppImageConfigKernelGatewayImageConfig;
} {
  const fileSystemConfig = { defaultUid: 1000, defaultGid: 100, mountPath: '/home/sagemaker-user' };
  switch (img.appType ?? StudioAppType.KERNEL_GATEWAY) {
    case StudioAppType.JUPYTER_LAB:
      return { jupyterLabImageConfig: { fileSystemConfig } };
    case StudioAppType.CODE_EDITOR:
      return { codeEditorAppImageConfig: { fileSystemConfig } };
    default:
      return {
        kernelGatewayImageConfig: {
          kernelSpec: [
            { name: img.kernelName!, displayName: img.kernelDisplayName ?? img.kernelName },
          ],
          fileSystemConfig,
        },
      };
  }
}

/**
 * A secure SageMaker Studio platform (AWS-01 … AWS-31): a VpcOnly domain encrypted with the
 * platform CMK in private subnets with endpoints, persona roles, guardrail policies (also as
 * SCP JSON), user profiles with their own security groups, a model registry, audit logs,
 * alarms, and optional spaces, schedules, notebook instances, custom images, Lake Formation and
 * EFS backup. Every part is a public property (X-13).
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
  private readonly env: AwsEnv;

  constructor(scope: Construct, id: string, props: SageMakerStudioDomainProps) {
    super(scope, id);
    // cdktf records a stack trace per token; skip formatting them while building (see stack-traces.ts).
    const restoreStackTraces = lightStackTraces();
    try {
      props = requireProps(this, props, true);
      this.validate(props, id);
      const extra = {
        ...(props.tags?.extra ?? {}),
        ...(props.tenantId ? { [TENANT_TAG]: props.tenantId } : {}),
      };
      this.tags = Tagging.apply(this, props.environment, { ...(props.tags ?? {}), extra });
      const literalRegion = providerRegion(this);
      const allowed = props.allowedRegions ?? (literalRegion ? [literalRegion] : undefined);
      if (allowed) DataResidency.enforce(this, allowed, ['aws']);
      this.env = awsEnv(this, props.accountId);
      this.region = this.env.region;
      const { partition, region, account } = this.env;
      const removal = props.removalPolicy;
      const domainName = props.domainName ?? defaultDomainName(id, props.environment);
      this.userRolePath = `/secure-mlops/${uniqueSuffix(this, 8)}/`;

      // Key (AWS-05, X-04)
      if (props.encryption?.kmsKeyArn) {
        this.kmsKeyArn = props.encryption.kmsKeyArn;
        this.deployerPrincipalArns = props.deployerPrincipalArns ?? [deployerArn(this)];
        Annotations.of(this).addInfo(
          'encryption.kmsKeyArn given: its key policy must admit CloudWatch Logs, CloudTrail, SNS publishers, the deploying principal and the platform roles (see the README, AWS section)',
        );
      } else {
        this.platformKey = new PlatformKey(this, 'key', {
          rotationPeriodDays: props.encryption?.rotationPeriodDays,
          accountId: props.accountId,
          deployerPrincipalArns: props.deployerPrincipalArns,
          removalPolicy: removal,
        });
        this.kmsKeyArn = this.platformKey.keyArn;
        this.deployerPrincipalArns = this.platformKey.deployerPrincipalArns;
      }

      // Buckets (AWS-07): global names carry the account and region (unique, stable)
      this.logBucket = new SecureBucket(this, 'access-logs', {
        serverAccessLogTarget: true,
        sourceAccountId: account,
        removalPolicy: removal,
      });
      this.dataBucket = new SecureBucket(this, 'data', {
        kmsKeyArn: this.kmsKeyArn,
        accessLogBucket: this.logBucket,
        // the literal account, else the same aws_caller_identity data source (in the name)
        accountId: props.accountId,
        removalPolicy: removal,
      });

      // Network (AWS-01/02/03/27)
      this.network =
        props.sharedNetwork ??
        new PrivateNetwork(this, 'network', {
          organizationId: props.organizationId,
          ...(props.network ?? {}),
          kmsKeyArn: this.kmsKeyArn,
          accountId: props.accountId,
          removalPolicy: removal,
        });
      this.network.allowS3Bucket(this.dataBucket.bucketArn);
      this.studioSecurityGroup = new SecurityGroup(this, 'studio-sg', {
        vpcId: this.network.vpcId,
        description: 'SageMaker Studio domain: egress to VPC endpoints, S3 and EFS only',
        revokeRulesOnDelete: true,
      });
      const studioEgress = new Construct(this, 'studio-sg-rules');
      this.network.allowEgressToEndpoints(studioEgress, this.studioSecurityGroup.id);
      this.network.admitToEndpoints(
        this.studioSecurityGroup.id,
        ec2Text(`HTTPS from Studio (${this.node.path})`),
      );
      this.jobsSecurityGroup = new SecurityGroup(this, 'jobs-sg', {
        vpcId: this.network.vpcId,
        description: 'SageMaker training/processing jobs: between job nodes, and to endpoints',
        revokeRulesOnDelete: true,
      });
      const jobsRules = new Construct(this, 'jobs-sg-rules');
      this.network.allowEgressToEndpoints(jobsRules, this.jobsSecurityGroup.id);
      this.network.admitToEndpoints(
        this.jobsSecurityGroup.id,
        ec2Text(`HTTPS from jobs (${this.node.path})`),
      );
      new VpcSecurityGroupIngressRule(jobsRules, 'self-ingress', {
        securityGroupId: this.jobsSecurityGroup.id,
        referencedSecurityGroupId: this.jobsSecurityGroup.id,
        ipProtocol: '-1',
        description: 'Between nodes of a distributed job',
      });
      new VpcSecurityGroupEgressRule(jobsRules, 'self-egress', {
        securityGroupId: this.jobsSecurityGroup.id,
        referencedSecurityGroupId: this.jobsSecurityGroup.id,
        ipProtocol: '-1',
        description: 'Between nodes of a distributed job',
      });

      // Persona roles (X-01, X-02, AWS-18)
      const namePrefix = `mlops-${props.environment}`.slice(0, 32);
      this.personaRoles = new PersonaRoles(this, 'roles', {
        personas: props.personas,
        sodExceptions: props.sodExceptions,
        namePrefix,
        permissionsBoundaryArn: props.permissionsBoundaryArn,
        accountId: props.accountId,
      });
      const roles = this.personaRoles;
      const trainingRoleArn = roles.roleArn(Persona.TRAINING)!;

      // Studio execution roles, one per Studio persona (segregation of duties: nobody runs
      // Studio as the TRAINING workload role, and each persona's role holds its own duties)
      const profilePersonas = new Set((props.userProfiles ?? []).map((u) => u.persona));
      const studioPersonas = PersonaModel.HUMAN.filter(
        (p) => STUDIO_PERSONAS.includes(p) || profilePersonas.has(p),
      );
      const studioRoles = new Construct(this, 'studio-roles');
      const studioRoleScopes: { [persona: string]: Construct } = {};
      for (const persona of studioPersonas) {
        const scope = new Construct(studioRoles, PERSONA_SLUG[persona]);
        studioRoleScopes[persona] = scope;
        this.studioExecutionRoles[persona] = new IamRole(scope, 'role', {
          name: uniqueName(scope, {
            prefix: `${namePrefix}-studio-${PERSONA_SLUG[persona]}`,
            maxLength: 64,
            lowercase: false,
          }),
          description: `SageMaker Studio execution role of the ${persona} persona (team profiles)`,
          assumeRolePolicy: trustPolicy({
            services: ['sagemaker.amazonaws.com'],
            actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
            conditions: { StringEquals: { 'aws:SourceAccount': account } },
          }),
          permissionsBoundary: props.permissionsBoundaryArn,
          tags: { persona },
        });
      }
      const defaultStudioRoleArn = this.studioExecutionRoleArn(Persona.DATA_SCIENTIST)!;

      // Guardrails (AWS-12 … AWS-17, AWS-19). The SCP exempts the admin roles by name pattern,
      // so the SCPs of several platforms (tenants) in one account compose.
      const adminRolePattern = `arn:${partition}:iam::${account}:role/${namePrefix}-ml-admin-*`;
      this.guardrails = new GuardrailPolicies(this, 'guardrails', {
        allowedInstanceTypes: props.allowedInstanceTypes,
        approvedImageArns: props.approvedImageArns,
        subnetIds: this.network.subnetIds,
        securityGroupIds: [this.jobsSecurityGroup.id],
        requireNetworkIsolation: props.requireNetworkIsolation,
        adminPrincipalArns: [adminRolePattern],
        deployerPrincipalArns: this.deployerPrincipalArns,
      });

      // Domain (AWS-01, 05, 06, 08, 09, 20, 26, 28)
      const idle = props.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
      const idleSettings = {
        idleSettings: {
          lifecycleManagement: 'ENABLED',
          idleTimeoutInMinutes: idle,
          minIdleTimeoutInMinutes: 60,
          maxIdleTimeoutInMinutes: idle,
        },
      };
      const efsRetention =
        removal === RemovalPolicy.DESTROY && props.allowReplacement ? 'Delete' : 'Retain';
      this.domain = new SagemakerDomain(this, 'domain', {
        domainName,
        authMode: props.authMode,
        vpcId: this.network.vpcId,
        subnetIds: this.network.subnetIds,
        appNetworkAccessType: 'VpcOnly',
        kmsKeyId: this.kmsKeyArn,
        tagPropagation: 'ENABLED',
        domainSettings: {
          executionRoleIdentityConfig: 'USER_PROFILE_NAME',
          securityGroupIds: [this.studioSecurityGroup.id],
        },
        defaultUserSettings: {
          executionRole: defaultStudioRoleArn,
          securityGroups: [this.studioSecurityGroup.id],
          sharingSettings: {
            notebookOutputOption: 'Allowed',
            s3OutputPath: this.dataBucket.s3Url('sharing/'),
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
        retentionPolicy: { homeEfsFileSystem: efsRetention },
      });
      applyRemovalPolicy(this.domain, removal);
      if (efsRetention === 'Delete') {
        Compliance.suppress(
          this.domain,
          'AWS-26',
          'removalPolicy DESTROY with allowReplacement: the home EFS is deleted with the domain, explicitly',
        );
      }
      if (!props.allowReplacement) {
        // Replacement guard: auth mode, VPC, subnets and KMS key force a new domain.
        this.domain.lifecycle = { ...(this.domain.lifecycle ?? {}), preventDestroy: true };
        if (removal === RemovalPolicy.DESTROY) {
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

      // Registry (AWS-24)
      this.registry = new ModelRegistry(this, 'registry', {
        groups: props.modelPackageGroups ?? [],
        accountId: props.accountId,
        removalPolicy: removal,
      });

      // Audit (X-06, AWS-21/22/23)
      const presignedCidrs = [
        ...(props.presignedUrl?.sourceIps ?? []),
        ...((props.presignedUrl?.sourceVpceIds ?? []).length > 0 && this.network.vpcCidr
          ? [this.network.vpcCidr]
          : []),
      ];
      this.audit = new AuditTrail(this, 'audit', {
        kmsKeyArn: this.kmsKeyArn,
        platformKey: this.platformKey,
        accessLogBucket: this.logBucket,
        createLogGroups: props.createAccountLogGroups,
        logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        organizationTrailArn: props.organizationTrailArn,
        dataEventBucketArns: [this.dataBucket.bucketArn],
        alarms: props.alarms,
        presignedUrlAllowedCidrs: presignedCidrs,
        platformRoleNamePatterns: [`${namePrefix}-*`, 'sm-*'],
        logReaderArns: roles.roleArn(Persona.AUDITOR) ? [roles.roleArn(Persona.AUDITOR)!] : [],
        accountId: props.accountId,
        removalPolicy: removal,
      });

      // Policies of the persona roles
      const userRolePattern = `arn:${partition}:iam::${account}:role${this.userRolePath}*`;
      const studioRoleArns: { [persona: string]: string } = {};
      for (const [persona, role] of Object.entries(this.studioExecutionRoles))
        studioRoleArns[persona] = role.arn;
      const ctx: PolicyContext = {
        env: this.env,
        domainId: this.domain.id,
        keyArn: this.kmsKeyArn,
        dataBucketArn: this.dataBucket.bucketArn,
        studioRoleArns,
        userRolePrefix: `arn:${partition}:iam::${account}:role${this.userRolePath}`,
        pipelineRoleArn: roles.roleArn(Persona.PIPELINE)!,
        trainingRoleArn,
        deploymentRoleArn: roles.roleArn(Persona.DEPLOYMENT)!,
        monitoringRoleArn: roles.roleArn(Persona.MONITORING)!,
        modelPackageGroupArns: this.registry.groupArns,
        logGroupArns: this.audit.logGroupArns,
        approvedEcrRepositoryArns: props.approvedEcrRepositoryArns ?? [],
        presignedUrls: props.authMode === AuthMode.IAM,
        auditBucketArn: this.audit.trailBucket?.bucketArn,
        presignedSourceIps: props.presignedUrl?.sourceIps,
        presignedSourceVpces: props.presignedUrl?.sourceVpceIds,
      };
      this.executionPolicy = new IamPolicy(this, 'execution-policy', {
        description: 'SageMaker TRAINING workload permissions (jobs on the platform prefixes)',
        policy: executionPolicy(ctx),
      });
      roles.attachManagedPolicy(Persona.TRAINING, 'execution', this.executionPolicy.arn);
      roles.attachPolicy(
        Persona.PLATFORM_ADMIN,
        'ml-admin',
        adminPolicy(ctx, [this.dataBucket.bucketArn, this.logBucket.bucketArn]),
      );
      roles.attachPolicy(Persona.DATA_SCIENTIST, 'data-scientist', dataScientistPolicy(ctx));
      roles.attachPolicy(Persona.ML_ENGINEER, 'ml-engineer', mlEngineerPolicy(ctx));
      roles.attachPolicy(Persona.DATA_ENGINEER, 'data-engineer', dataEngineerPolicy(ctx));
      roles.attachPolicy(Persona.MODEL_VIEWER, 'model-viewer', modelViewerPolicy(ctx));
      roles.attachPolicy(Persona.AUDITOR, 'auditor', auditorPolicy(ctx));
      roles.attachPolicy(Persona.PIPELINE, 'pipeline', pipelinePolicy(ctx));
      roles.attachPolicy(Persona.DEPLOYMENT, 'deployment', deploymentPolicy(ctx));
      roles.attachPolicy(Persona.MONITORING, 'monitoring', monitoringPolicy(ctx));
      for (const persona of Object.values(Persona)) {
        if (persona === Persona.PLATFORM_ADMIN) {
          roles.attachManagedPolicy(
            persona,
            'guardrails-apps',
            this.guardrails.adminStudioAppsPolicy.arn,
          );
        } else {
          roles.attachManagedPolicy(
            persona,
            'guardrails-apps',
            this.guardrails.studioAppsPolicy.arn,
          );
        }
        roles.attachManagedPolicy(persona, 'guardrails-domain', this.guardrails.domainPolicy.arn);
        if (PersonaModel.isWorkload(persona))
          roles.attachManagedPolicy(persona, 'guardrails-jobs', this.guardrails.jobsPolicy.arn);
      }
      roles.attachManagedPolicy(
        Persona.TRAINING,
        'guardrails-job-tags',
        this.guardrails.jobTagsPolicy.arn,
      );
      if (props.tenantId) this.tenantPolicyArn = this.addTenantIsolation(props.tenantId);

      // Policies of the Studio execution roles (shared by the per-user roles of the persona): the
      // common workspace policy and the persona's duties
      this.studioWorkspacePolicy = new IamPolicy(studioRoles, 'workspace-policy', {
        description: 'SageMaker Studio workspace permissions of every Studio execution role',
        policy: studioWorkspacePolicy(ctx),
      });
      const guardrailArns = [
        this.studioWorkspacePolicy.arn,
        this.guardrails.studioAppsPolicy.arn,
        this.guardrails.jobsPolicy.arn,
        this.guardrails.jobTagsPolicy.arn,
        this.guardrails.domainPolicy.arn,
        ...(this.tenantPolicyArn ? [this.tenantPolicyArn] : []),
      ];
      for (const persona of studioPersonas) {
        const scope = studioRoleScopes[persona];
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

      // Key use (AWS-05: named roles, through named services)
      if (this.platformKey) {
        for (const persona of [
          Persona.TRAINING,
          Persona.PIPELINE,
          Persona.DEPLOYMENT,
          Persona.MONITORING,
          Persona.DATA_ENGINEER,
        ]) {
          const a = roles.roleArn(persona);
          if (a)
            for (const svc of ['s3', 'sagemaker', 'elasticfilesystem'])
              this.platformKey.grantUseVia(a, svc);
        }
        for (const a of Object.values(studioRoleArns))
          for (const svc of ['s3', 'sagemaker', 'elasticfilesystem'])
            this.platformKey.grantUseVia(a, svc);
        this.platformKey.grantUseViaPattern('PerUserExecutionRoles', userRolePattern, [
          's3',
          'sagemaker',
          'elasticfilesystem',
        ]);
      }

      // Cross-account consumers of the registry read model artifacts (AWS-24)
      if (this.registry.consumerAccounts.length > 0) {
        const consumers = this.registry.consumerAccounts.map(
          (a) => `arn:${partition}:iam::${a}:root`,
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
        if (this.platformKey) for (const c of consumers) this.platformKey.grantUseVia(c, 's3');
      }

      // Data perimeter (AWS data-perimeter guidance): the data bucket and the platform key are
      // used only through the platform network or by AWS services, by principals of the account
      // (or organization) and the registry's consumer accounts. Roles that SageMaker uses from
      // its own network (pipelines, endpoints, model monitoring) are exempt from the network
      // condition.
      if (props.dataPerimeter ?? true) {
        const serviceRoles = [Persona.PIPELINE, Persona.DEPLOYMENT, Persona.MONITORING]
          .map((p) => roles.roleArn(p))
          .filter((a): a is string => a !== undefined);
        const trusted = this.registry.consumerAccounts;
        this.addDataPerimeter(props, serviceRoles, trusted);
      }

      // User profiles (AWS-04, AWS-09)
      const domainId = this.domain.id;
      const studioSgId = this.studioSecurityGroup.id;
      for (const spec of props.userProfiles ?? []) {
        this.userProfiles[spec.name] = new StudioUserProfile(this, `user-${spec.name}`, {
          spec,
          domainId,
          authMode: props.authMode,
          vpcId: this.network.vpcId,
          studioSecurityGroupId: studioSgId,
          teamExecutionRoleArn: studioRoleArns[spec.persona],
          ownRolePolicyArns: [this.studioExecutionPolicies[spec.persona].arn, ...guardrailArns],
          ownRolePath: this.userRolePath,
          accountId: account,
          permissionsBoundaryArn: props.permissionsBoundaryArn,
        });
      }

      // Shared spaces (AWS-28 opt)
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

      // Scheduled pipelines (AWS-25 opt)
      if ((props.scheduledPipelines ?? []).length > 0) {
        const pipelines = props.scheduledPipelines!;
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
              Resource: pipelines.map(
                (p) =>
                  `arn:${partition}:sagemaker:${region}:${account}:pipeline/${p.pipelineName.toLowerCase()}`,
              ),
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
            arn: `arn:${partition}:sagemaker:${region}:${account}:pipeline/${p.pipelineName.toLowerCase()}`,
            roleArn: schedulerRole.arn,
            sagemakerPipelineTarget: { pipelineParameterList: [] },
          });
        });
      }

      // Names unique in an account and Region (CreateNotebookInstance, CreateAppImageConfig):
      // another platform of the app creating the same name fails synth, naming both
      const accountRegion = accountRegionScope(this, account, region);
      for (const nb of props.notebookInstances ?? [])
        claimName(
          this,
          'SageMaker notebook instance',
          accountRegion,
          nb.name.toLowerCase(),
          'notebookInstances',
        );
      for (const img of props.customImages ?? [])
        claimName(
          this,
          'SageMaker app image config',
          accountRegion,
          img.appImageConfigName.toLowerCase(),
          'customImages',
        );

      // Notebook instances (AWS-31 opt)
      for (const nb of props.notebookInstances ?? []) {
        const instance = new SagemakerNotebookInstance(this, `notebook-${nb.name}`, {
          name: nb.name,
          instanceType: nb.instanceType ?? 'ml.t3.medium',
          roleArn: trainingRoleArn,
          subnetId: this.network.subnetIds[0],
          securityGroups: [this.studioSecurityGroup.id],
          kmsKeyId: this.kmsKeyArn,
          directInternetAccess: 'Disabled',
          rootAccess: 'Disabled',
          instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
        });
        applyRemovalPolicy(instance, removal);
        this.notebookInstances[nb.name] = instance;
      }

      // Custom images run as non-root UID 1000 / GID 100 (AWS-19 opt), for JupyterLab, Code
      // Editor and kernel gateway apps
      for (const img of props.customImages ?? []) {
        this.appImageConfigs[img.appImageConfigName] = new SagemakerAppImageConfig(
          this,
          `image-config-${img.appImageConfigName}`,
          { appImageConfigName: img.appImageConfigName, ...customImageConfig(img) },
        );
      }

      // Lake Formation (AWS-29 opt)
      if (props.lakeFormation) {
        const principals = [
          trainingRoleArn,
          roles.roleArn(Persona.PIPELINE)!,
          ...[Persona.DATA_SCIENTIST, Persona.DATA_ENGINEER]
            .map((p) => studioRoleArns[p])
            .filter((a): a is string => a !== undefined),
        ];
        props.lakeFormation.databases.forEach((db, i) => {
          principals.forEach((p, j) => {
            new LakeformationPermissions(this, `lakeformation-${i}-${j}`, {
              principal: p,
              permissions: props.lakeFormation!.permissions ?? ['DESCRIBE'],
              database: { name: db },
            });
          });
        });
      }

      // EFS backup (AWS-26 opt). Creating a vault with a customer managed key needs
      // kms:CreateGrant, DescribeKey, RetireGrant, Decrypt and GenerateDataKey for the caller
      // (https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html), through
      // AWS Backup; the backup role uses the key through AWS Backup too.
      if (props.efsBackup) {
        this.platformKey?.grantDeployerVia('backup');
        const vault = new BackupVault(this, 'backup-vault', {
          name: uniqueName(this, { prefix: 'mlops-studio-efs', maxLength: 50 }),
          kmsKeyArn: this.kmsKeyArn,
          forceDestroy: false,
        });
        applyRemovalPolicy(vault, removal, {
          retain: { force_destroy: false },
          destroy: { force_destroy: true },
        });
        const plan = new BackupPlan(this, 'backup-plan', {
          name: uniqueName(this, { prefix: 'mlops-studio-efs', maxLength: 50 }),
          rule: [
            {
              ruleName: 'daily',
              targetVaultName: vault.name,
              schedule: props.efsBackup.schedule ?? 'cron(0 5 * * ? *)',
              lifecycle: { deleteAfter: props.efsBackup.deleteAfterDays ?? 35 },
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

      new TerraformOutput(this, 'domain-immutable-settings', {
        description:
          'Settings that force a new domain when changed (auth mode, VPC, subnets, KMS key): review any diff here',
        value: {
          authMode: props.authMode,
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

  /** The data perimeter statements of the data bucket and the platform key. */
  private addDataPerimeter(
    props: SageMakerStudioDomainProps,
    serviceRoleArns: string[],
    trustedAccounts: string[],
  ): void {
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
    this.dataBucket.addToPolicy(
      JSON.stringify({
        Sid: 'DataPerimeterNetwork',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:ListBucket*',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
          's3:RestoreObject',
        ],
        Resource: [bucket, `${bucket}/*`],
        Condition: {
          StringNotEqualsIfExists: {
            ...(s3Vpce
              ? { 'aws:SourceVpce': [s3Vpce] }
              : { 'aws:SourceVpc': [this.network.vpcId] }),
            ...(trustedAccounts.length > 0 ? { 'aws:PrincipalAccount': trustedAccounts } : {}),
          },
          BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
          ...(serviceRoleArns.length > 0
            ? { ArnNotLikeIfExists: { 'aws:PrincipalArn': serviceRoleArns } }
            : {}),
        },
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

  /** Tenant isolation (AWS-30): the tenant's roles may only act on resources tagged with its tenant id. */
  private addTenantIsolation(tenantId: string): string {
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
          'sagemaker:DescribeModelPackageGroup',
          'sagemaker:UpdateModelPackage',
          'sagemaker:DescribePipeline',
          'sagemaker:StartPipelineExecution',
        ],
        Resource: '*',
        Condition: { StringNotEquals: { [`aws:ResourceTag/${TENANT_TAG}`]: tenantId } },
      },
      {
        Sid: 'AWS30TenantTagOnCreate',
        Effect: 'Deny',
        Action: [
          'sagemaker:CreateUserProfile',
          'sagemaker:CreateSpace',
          'sagemaker:CreateTrainingJob',
          'sagemaker:CreateProcessingJob',
          'sagemaker:CreatePipeline',
          'sagemaker:CreateModelPackageGroup',
        ],
        Resource: '*',
        Condition: { StringNotEquals: { [`aws:RequestTag/${TENANT_TAG}`]: tenantId } },
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

  private validate(props: SageMakerStudioDomainProps, id: string): void {
    const v = new Validator(this);
    awsProvider(v, this);
    const region = providerRegion(this);
    const p = props as any;
    for (const k of Object.keys(p))
      if (!DOMAIN_PROPS.includes(k))
        v.add(k, p[k], `a prop of SageMakerStudioDomain (${DOMAIN_PROPS.join(', ')})`);

    // identity of the platform: literals, they form names
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
      allowed: 'AuthMode.IAM or AuthMode.SSO (chosen explicitly; it cannot change after creation)',
    });
    if (p.domainName !== undefined) sagemakerName(v, 'domainName', p.domainName);
    else if (typeof p.environment === 'string' && !isToken(p.environment)) {
      const derived = defaultDomainName(id, p.environment);
      if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(derived))
        v.add(
          'domainName',
          derived,
          `a domain name of 1-63 letters, digits and hyphens, starting and ending with a letter or digit: the one derived from the construct id '${id}' and the environment is not; set domainName`,
        );
    }
    accountId(v, 'accountId', p.accountId);
    if (
      p.tenantId !== undefined &&
      v.literal('tenantId', p.tenantId, "it tags and names the tenant's resources")
    )
      v.require(
        typeof p.tenantId === 'string' && /^[a-z0-9][a-z0-9-]{0,30}$/.test(p.tenantId),
        'tenantId',
        p.tenantId,
        '1-31 lowercase letters, digits and hyphens',
      );
    removalPolicy(v, 'removalPolicy', p.removalPolicy);
    for (const k of [
      'allowReplacement',
      'createAccountLogGroups',
      'alarms',
      'requireNetworkIsolation',
      'dataPerimeter',
    ])
      bool(v, k, p[k]);
    validateTags(v, 'tags', p.tags);
    if (p.allowedRegions !== undefined)
      validateAllowedRegions(v, 'allowedRegions', p.allowedRegions, region);

    // network and encryption
    if (p.sharedNetwork !== undefined) {
      v.require(
        p.sharedNetwork instanceof PrivateNetwork,
        'sharedNetwork',
        typeof p.sharedNetwork === 'object'
          ? 'an object that is not a PrivateNetwork'
          : p.sharedNetwork,
        'a PrivateNetwork construct',
      );
      if (p.network !== undefined)
        v.add('network', p.network, 'not with sharedNetwork (the shared network is used as it is)');
    } else validateNetworkProps(v, 'network', p.network, region);
    if (p.encryption !== undefined && v.object('encryption', p.encryption)) {
      const e = p.encryption;
      if (e.kmsKeyArn !== undefined) {
        kmsKeyArn(v, 'encryption.kmsKeyArn', e.kmsKeyArn);
        if (e.rotationPeriodDays !== undefined)
          v.add(
            'encryption.rotationPeriodDays',
            e.rotationPeriodDays,
            'only for a created key (the rotation of a key given by kmsKeyArn is set on that key)',
          );
      }
      integer(v, 'encryption.rotationPeriodDays', e.rotationPeriodDays, { min: 90, max: 365 });
    }

    // identities
    validatePersonas(v, this, 'personas', p.personas, p.sodExceptions);
    for (const d of stringListOf(v, 'deployerPrincipalArns', p.deployerPrincipalArns, {
      unique: true,
      minLength: 1,
    }))
      iamPrincipal(v, d.at, d.value);
    iamPolicyArn(v, 'permissionsBoundaryArn', p.permissionsBoundaryArn);
    organizationId(v, 'organizationId', p.organizationId);
    if (p.organizationTrailArn !== undefined)
      serviceArn(
        v,
        'organizationTrailArn',
        p.organizationTrailArn,
        'cloudtrail',
        'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
        /^trail\/.+$/,
      );

    // Studio
    const profiles = new UniqueNames(v, 'profile names', true);
    const profileNames = new Set<string>(); // as written: spaces name their owner exactly
    const ssoUsers = new UniqueNames(
      v,
      'Identity Center users (one profile per user and domain)',
      true,
    );
    for (const { value: u, at } of objectListOf(v, 'userProfiles', p.userProfiles)) {
      if (sagemakerName(v, `${at}.name`, u.name, { literal: true })) {
        profiles.add(`${at}.name`, u.name);
        profileNames.add(u.name);
      }
      humanPersona(v, `${at}.persona`, u.persona);
      v.enumValue(`${at}.executionRole`, u.executionRole, Object.values(ExecutionRoleMode));
      if (u.ssoUserName !== undefined) {
        if (v.string(`${at}.ssoUserName`, u.ssoUserName))
          v.require(
            p.authMode === AuthMode.SSO,
            `${at}.ssoUserName`,
            u.ssoUserName,
            'only with authMode SSO',
          );
        if (typeof u.ssoUserName === 'string' && u.ssoUserName.length > 256)
          v.add(
            `${at}.ssoUserName`,
            u.ssoUserName,
            'an Identity Center user name of at most 256 characters',
          );
      }
      if (p.authMode === AuthMode.SSO) {
        const user = u.ssoUserName ?? u.name;
        if (typeof user === 'string')
          ssoUsers.add(u.ssoUserName !== undefined ? `${at}.ssoUserName` : `${at}.name`, user);
      }
    }
    if (p.allowedInstanceTypes !== undefined) {
      const types = stringListOf(v, 'allowedInstanceTypes', p.allowedInstanceTypes, {
        unique: true,
        minLength: 1,
      });
      for (const t of types) studioInstanceType(v, t.at, t.value);
      if (Array.isArray(p.allowedInstanceTypes) && types.length === p.allowedInstanceTypes.length)
        v.require(
          p.allowedInstanceTypes.includes('system'),
          'allowedInstanceTypes',
          p.allowedInstanceTypes,
          "a list that includes 'system' (the default Jupyter Server and system apps run on it; without it nobody can open Studio)",
        );
    }
    for (const a of stringListOf(v, 'approvedImageArns', p.approvedImageArns, { unique: true }))
      v.require(
        IMAGE_ARN.test(a.value),
        a.at,
        a.value,
        'SageMaker image ARNs or patterns such as arn:aws:sagemaker:eu-west-1:*:image/sagemaker-distribution-*',
      );
    if (p.presignedUrl !== undefined && v.object('presignedUrl', p.presignedUrl)) {
      for (const c of stringListOf(v, 'presignedUrl.sourceIps', p.presignedUrl.sourceIps, {
        unique: true,
      }))
        cidr(v, c.at, c.value, { allowList: true });
      for (const e of stringListOf(v, 'presignedUrl.sourceVpceIds', p.presignedUrl.sourceVpceIds, {
        unique: true,
      }))
        ec2Id(v, e.at, e.value, 'vpce');
    }
    integer(v, 'idleTimeoutMinutes', p.idleTimeoutMinutes, { min: 60, max: 525600 });
    logRetentionDays(v, 'logRetentionDays', p.logRetentionDays);
    const groups = new UniqueNames(v, 'group names', true);
    for (const { value: g, at } of objectListOf(v, 'modelPackageGroups', p.modelPackageGroups)) {
      if (sagemakerName(v, `${at}.name`, g.name, { literal: true }))
        groups.add(`${at}.name`, g.name);
      if (
        g.description !== undefined &&
        v.string(`${at}.description`, g.description, { allowEmpty: true })
      )
        v.require(
          g.description.length <= 1024,
          `${at}.description`,
          g.description,
          'at most 1024 characters',
        );
      for (const a of stringListOf(v, `${at}.consumerAccounts`, g.consumerAccounts, {
        unique: true,
      }))
        accountId(v, a.at, a.value, false);
    }
    const spaces = new UniqueNames(v, 'space names', true);
    for (const { value: s, at } of objectListOf(v, 'spaces', p.spaces)) {
      if (sagemakerName(v, `${at}.name`, s.name, { literal: true }))
        spaces.add(`${at}.name`, s.name);
      if (
        v.literal(
          `${at}.ownerProfileName`,
          s.ownerProfileName,
          'it names a profile of userProfiles',
        ) &&
        !(typeof s.ownerProfileName === 'string' && profileNames.has(s.ownerProfileName))
      )
        v.add(
          `${at}.ownerProfileName`,
          s.ownerProfileName,
          'the name of a profile in userProfiles',
        );
    }
    const pipelines = new UniqueNames(v, 'pipeline names', true);
    for (const { value: sp, at } of objectListOf(v, 'scheduledPipelines', p.scheduledPipelines)) {
      if (
        sagemakerName(v, `${at}.pipelineName`, sp.pipelineName, { literal: true, maxLength: 256 })
      )
        pipelines.add(`${at}.pipelineName`, sp.pipelineName);
      scheduleExpression(v, `${at}.scheduleExpression`, sp.scheduleExpression, { rate: true });
    }
    const notebooks = new UniqueNames(v, 'notebook instance names', true);
    for (const { value: nb, at } of objectListOf(v, 'notebookInstances', p.notebookInstances)) {
      if (sagemakerName(v, `${at}.name`, nb.name, { literal: true }))
        notebooks.add(`${at}.name`, nb.name);
      if (nb.instanceType !== undefined)
        notebookInstanceType(v, `${at}.instanceType`, nb.instanceType);
    }
    const images = new UniqueNames(v, 'app image config names', true);
    for (const { value: c, at } of objectListOf(v, 'customImages', p.customImages)) {
      if (sagemakerName(v, `${at}.appImageConfigName`, c.appImageConfigName, { literal: true }))
        images.add(`${at}.appImageConfigName`, c.appImageConfigName);
      if (v.enumValue(`${at}.appType`, c.appType, Object.values(StudioAppType))) {
        const kernelGateway =
          (c.appType ?? StudioAppType.KERNEL_GATEWAY) === StudioAppType.KERNEL_GATEWAY;
        if (kernelGateway)
          v.require(
            typeof c.kernelName === 'string' && KERNEL_NAME.test(c.kernelName),
            `${at}.kernelName`,
            c.kernelName,
            'a kernel name of 1-1024 letters, digits, hyphens and underscores (required for kernel gateway images)',
          );
        else
          for (const k of ['kernelName', 'kernelDisplayName'])
            if (c[k] !== undefined)
              v.add(`${at}.${k}`, c[k], 'only for kernel gateway images (appType KernelGateway)');
      }
      if (
        c.kernelDisplayName !== undefined &&
        v.string(`${at}.kernelDisplayName`, c.kernelDisplayName)
      )
        v.require(
          c.kernelDisplayName.length <= 1024,
          `${at}.kernelDisplayName`,
          c.kernelDisplayName,
          'at most 1024 characters',
        );
    }
    if (p.lakeFormation !== undefined && v.object('lakeFormation', p.lakeFormation)) {
      stringListOf(v, 'lakeFormation.databases', p.lakeFormation.databases, {
        optional: false,
        unique: true,
        minLength: 1,
      }).forEach((d) =>
        v.require(
          d.value.length <= 255,
          d.at,
          d.value,
          'a Glue database name of at most 255 characters',
        ),
      );
      stringListOf(v, 'lakeFormation.permissions', p.lakeFormation.permissions, {
        unique: true,
        minLength: 1,
      }).forEach((x) => v.enumValue(x.at, x.value, LAKE_FORMATION_DATABASE_PERMISSIONS, false));
    }
    if (p.efsBackup !== undefined && v.object('efsBackup', p.efsBackup)) {
      if (p.efsBackup.schedule !== undefined)
        scheduleExpression(v, 'efsBackup.schedule', p.efsBackup.schedule, { rate: false });
      integer(v, 'efsBackup.deleteAfterDays', p.efsBackup.deleteAfterDays, { min: 1 });
    }
    for (const a of stringListOf(v, 'approvedEcrRepositoryArns', p.approvedEcrRepositoryArns, {
      unique: true,
    }))
      v.require(
        /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/.+$/.test(a.value),
        a.at,
        a.value,
        'an ECR repository ARN (or pattern) in a named account, e.g. arn:aws:ecr:eu-west-1:763104351884:repository/* (no "*" account)',
      );
    v.throwIfInvalid();
  }
}
