// The props of SageMakerStudioDomain and the specs they hold.
import { PlatformCommonProps } from '../core/platform';
import { RemovalPolicy } from '../core/removal-policy';
import type { NetworkProps, PrivateNetwork } from './network';
import { ModelPackageGroupSpec } from './registry';
import { AuthMode, UserProfileSpec } from './user-profiles';

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
export interface SageMakerStudioDomainProps extends PlatformCommonProps {
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
   * Allow Terraform to destroy/replace the domain. Auth mode, VPC, subnets and KMS key force a
   * new domain; by default the domain carries `prevent_destroy`, so such a change fails at plan
   * instead of silently deleting every user's home directory. Set true only for an intended
   * rebuild (see the README, AWS section).
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
