// The secure defaults of the AWS constructs, in one place (aws-solutions-constructs style).
import { Persona } from '../core/personas';

/** Key rotation period in days (X-04: <= 365, default 90). */
export const DEFAULT_KEY_ROTATION_DAYS = 90;
/** KMS key deletion window in days (AWS-05). */
export const DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;
/** CloudWatch Logs retention in days (AWS-21, AWS-27). */
export const DEFAULT_LOG_RETENTION_DAYS = 365;
/** Idle shutdown of Studio apps in minutes (AWS-20). */
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 60;
/** VPC CIDR when a network is created and none is given. */
export const DEFAULT_VPC_CIDR = '10.20.0.0/20';
/** Number of Availability Zones / private subnets when a network is created. */
export const DEFAULT_AZ_COUNT = 3;
/** Expected concurrent users for capacity planning when none is given. */
export const DEFAULT_EXPECTED_USERS = 100;
/** Days after which noncurrent object versions expire (AWS-07 lifecycle). */
export const DEFAULT_NONCURRENT_VERSION_DAYS = 365;
/** Days after which incomplete multipart uploads are aborted (AWS-07 lifecycle). */
export const DEFAULT_ABORT_MULTIPART_DAYS = 7;
/** Object Lock retention of the audit bucket, days (AWS-22). */
export const DEFAULT_AUDIT_LOCK_DAYS = 365;
/** Instance types allowed for Studio apps when none are given (AWS-12; `system` always added). */
export const DEFAULT_ALLOWED_INSTANCE_TYPES = [
  'ml.t3.medium',
  'ml.t3.large',
  'ml.m5.large',
  'ml.m5.xlarge',
];
/** The tag key that ties a user profile to its human principal (AWS-09, AWS-10). */
export const STUDIO_USER_TAG = 'studiouserid';
/** The tag key of the tenant (AWS-30). */
export const TENANT_TAG = 'tenant';

/** Interface endpoint service suffixes that are always created (AWS-02). */
export const REQUIRED_INTERFACE_ENDPOINTS = [
  'sagemaker.api',
  'sagemaker.runtime',
  'studio',
  'sts',
  'logs',
  'kms',
  'ecr.api',
  'ecr.dkr',
  'elasticfilesystem',
];

/** The full endpoint service name for a suffix in a region. */
export function endpointServiceName(region: string, suffix: string): string {
  return suffix === 'studio'
    ? `aws.sagemaker.${region}.studio`
    : `com.amazonaws.${region}.${suffix}`;
}

/** The S3 actions the S3 gateway endpoint policy admits on an admitted bucket (AWS-02). */
export const S3_GATEWAY_BUCKET_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:ListBucket',
  's3:GetBucketLocation',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

/**
 * The AWS-owned bucket of Amazon ECR image layers in a region: the S3 gateway endpoint admits it
 * without an account condition (ECR User Guide, interface VPC endpoints: minimum S3 bucket
 * permissions).
 */
export function ecrLayerBucketArn(partition: string, region: string): string {
  return `arn:${partition}:s3:::prod-${region}-starport-layer-bucket`;
}

/** SageMaker managed policies never attached by this library. */
export const FORBIDDEN_MANAGED_POLICIES = [
  'AmazonSageMakerFullAccess',
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
];

/** Prefix of the IAM path of per-user Studio execution roles; a per-domain suffix follows. */
export const USER_ROLE_PATH_PREFIX = '/secure-mlops/';
/** Length of the per-domain suffix of the per-user role path. */
export const USER_ROLE_PATH_SUFFIX_LENGTH = 8;

/** The IAM path of a domain's per-user execution roles: `/secure-mlops/<suffix>/`. */
export function defaultUserRolePath(suffix: string): string {
  return `${USER_ROLE_PATH_PREFIX}${suffix}/`;
}

/** The prefix of a platform's role names: `mlops-<environment>`, within 32 characters. */
export function defaultRoleNamePrefix(environment: string): string {
  return `mlops-${environment}`.slice(0, 32);
}

/** The domain name when none is given: `<id>-<environment>`, within SageMaker's 63 characters. */
export function defaultDomainName(id: string, environment: string): string {
  return `${id}-${environment}`.replace(/[^a-zA-Z0-9-]/g, '-').slice(0, 63);
}

/** Personas that always get a Studio execution role (other human personas only with a profile). */
export const DEFAULT_STUDIO_PERSONAS: Persona[] = [
  Persona.DATA_SCIENTIST,
  Persona.ML_ENGINEER,
  Persona.DATA_ENGINEER,
];

/** Persona roles that use the platform key, through {@link KEY_USE_SERVICES} only (AWS-05). */
export const KEY_USER_PERSONAS: Persona[] = [
  Persona.TRAINING,
  Persona.PIPELINE,
  Persona.DEPLOYMENT,
  Persona.MONITORING,
  Persona.DATA_ENGINEER,
];

/** The services through which workload and Studio roles use the platform key (AWS-05). */
export const KEY_USE_SERVICES = ['s3', 'sagemaker', 'elasticfilesystem'];

/** Roles SageMaker uses from its own network: exempt from the data perimeter's network condition. */
export const PERIMETER_EXEMPT_PERSONAS: Persona[] = [
  Persona.PIPELINE,
  Persona.DEPLOYMENT,
  Persona.MONITORING,
];

/** Lowest idle timeout users may choose for their apps, minutes (AWS-20). */
export const MIN_IDLE_TIMEOUT_MINUTES = 60;

/** App lifecycle management of Studio apps: idle shutdown on, users may only shorten it (AWS-20). */
export function studioIdleSettings(idleTimeoutMinutes: number) {
  return {
    idleSettings: {
      lifecycleManagement: 'ENABLED',
      idleTimeoutInMinutes: idleTimeoutMinutes,
      minIdleTimeoutInMinutes: MIN_IDLE_TIMEOUT_MINUTES,
      maxIdleTimeoutInMinutes: idleTimeoutMinutes,
    },
  };
}

/** The secure settings of a Studio domain: VpcOnly apps, tag propagation, per-profile identity (AWS-01, AWS-09). */
export function secureDomainSettings() {
  return {
    appNetworkAccessType: 'VpcOnly',
    tagPropagation: 'ENABLED',
    executionRoleIdentityConfig: 'USER_PROFILE_NAME',
    notebookOutputOption: 'Allowed',
    sharingPrefix: 'sharing/',
  };
}

/** Instance type of a notebook instance when none is given (AWS-31). */
export const DEFAULT_NOTEBOOK_INSTANCE_TYPE = 'ml.t3.medium';

/** The secure settings of a notebook instance: no internet, no root, IMDSv2 (AWS-31). */
export function secureNotebookInstanceSettings() {
  return {
    directInternetAccess: 'Disabled',
    rootAccess: 'Disabled',
    instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
  };
}

/** The file system of a custom image: non-root UID 1000 / GID 100 (AWS-19). */
export function nonRootImageFileSystemConfig() {
  return { defaultUid: 1000, defaultGid: 100, mountPath: '/home/sagemaker-user' };
}

/** Lake Formation permissions on each database when none are given (AWS-29). */
export const DEFAULT_LAKE_FORMATION_PERMISSIONS = ['DESCRIBE'];

/** The service that creates the EFS backup vault with the platform key at apply time (AWS-26). */
export const AWS_BACKUP_SERVICE = 'backup';
/** Schedule of the EFS backup when none is given (AWS-26). */
export const DEFAULT_EFS_BACKUP_SCHEDULE = 'cron(0 5 * * ? *)';
/** Days EFS backups are kept when not given (AWS-26). */
export const DEFAULT_EFS_BACKUP_DELETE_AFTER_DAYS = 35;
/** Name prefix of the EFS backup vault and plan. */
export const EFS_BACKUP_NAME_PREFIX = 'mlops-studio-efs';
/** Maximum length of the EFS backup vault and plan names. */
export const EFS_BACKUP_NAME_MAX_LENGTH = 50;

/** The home EFS of a domain is deleted with the domain (removalPolicy DESTROY with allowReplacement). */
export const EFS_RETENTION_DELETE = 'Delete';
/** The home EFS of a domain outlives the domain (AWS-26). */
export const EFS_RETENTION_RETAIN = 'Retain';

/** The instance type of the default Jupyter Server and system apps, always allowed (AWS-12). */
export const SYSTEM_INSTANCE_TYPE = 'system';

/** Tag keys required on jobs created by users when none are given (AWS-15). */
export const DEFAULT_REQUIRED_JOB_TAG_KEYS = [STUDIO_USER_TAG];

/**
 * Merges props over defaults (aws-solutions-constructs' `consolidateProps`): a prop left
 * undefined keeps its default.
 */
export function withDefaults<D extends object, P extends object>(defaults: D, props: P): D & P {
  const out: any = { ...defaults };
  for (const [k, value] of Object.entries(props)) if (value !== undefined) out[k] = value;
  return out;
}

/** The secure defaults of GuardrailPolicies: the default instance types, `studiouserid` on jobs, SCP outputs. */
export function defaultGuardrailPoliciesProps() {
  return {
    allowedInstanceTypes: DEFAULT_ALLOWED_INSTANCE_TYPES,
    requiredJobTagKeys: DEFAULT_REQUIRED_JOB_TAG_KEYS,
    requireNetworkIsolation: false,
    emitScpOutputs: true,
  };
}

/** Errors in the Studio log group per 5 minutes that raise the alarm (AWS-23). */
export const DEFAULT_ERROR_ALARM_THRESHOLD = 10;

/** The secure defaults of AuditTrail: account log groups, a year of retention, locked trail bucket, alarms. */
export function defaultAuditTrailProps() {
  return {
    createLogGroups: true,
    logRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
    trailBucketLockDays: DEFAULT_AUDIT_LOCK_DAYS,
    alarms: true,
    errorAlarmThreshold: DEFAULT_ERROR_ALARM_THRESHOLD,
    dataEventBucketArns: [] as string[],
    presignedUrlAllowedCidrs: [] as string[],
    platformRoleNamePatterns: [] as string[],
    logReaderArns: [] as string[],
  };
}

/** CloudWatch namespace of the platform's metrics (AWS-23). */
export const METRIC_NAMESPACE = 'SecureMlops';

/** How a platform alarm evaluates its metric: any breach in a 5-minute sum, missing data is fine (AWS-23). */
export function alarmEvaluationSettings() {
  return {
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
  };
}

/** Log groups that keep their data on destroy unless the removal policy says otherwise. */
export function logGroupRemovalOverrides() {
  return {
    retain: { deletion_protection_enabled: true },
    destroy: { deletion_protection_enabled: false },
  };
}

/** The flow-log group name of a network, derived from its construct path (AWS-27). */
export function flowLogGroupName(constructPath: string): string {
  return `/aws/vpc/flow-logs/${constructPath.replace(/[^a-zA-Z0-9/_-]/g, '-')}`;
}

/** VPC settings: DNS on, for the private DNS names of the interface endpoints (AWS-02). */
export function secureVpcSettings() {
  return { enableDnsHostnames: true, enableDnsSupport: true };
}

/** Flow-log settings: all traffic, aggregated per minute (AWS-27). */
export function secureFlowLogSettings() {
  return { trafficType: 'ALL', maxAggregationInterval: 60 };
}

/** The secure defaults of SecureBucket: not a log target, noncurrent versions kept a year (AWS-07). */
export function defaultSecureBucketProps() {
  return {
    serverAccessLogTarget: false,
    noncurrentVersionExpirationDays: DEFAULT_NONCURRENT_VERSION_DAYS,
  };
}

/** Resources that keep their data on destroy (`force_destroy = false`) unless the removal policy says DESTROY. */
export function forceDestroyRemovalOverrides() {
  return { retain: { force_destroy: false }, destroy: { force_destroy: true } };
}

/** Server-side encryption: SSE-KMS with a bucket key, or SSE-S3 for server access log targets (AWS-07). */
export function bucketEncryptionRule(kmsKeyArn?: string) {
  return kmsKeyArn !== undefined
    ? {
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: kmsKeyArn },
        bucketKeyEnabled: true,
      }
    : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
}

/** The four S3 public access blocks (AWS-07). */
export function bucketPublicAccessBlock() {
  return {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  };
}

/** Object ownership of every bucket: ACLs disabled (AWS-07). */
export const BUCKET_OBJECT_OWNERSHIP = 'BucketOwnerEnforced';

/** Object Lock mode of locked buckets (AWS-22). */
export const OBJECT_LOCK_MODE = 'GOVERNANCE';

/** Lifecycle rules: abort incomplete uploads, expire noncurrent versions, and current objects when asked (AWS-07). */
export function bucketLifecycleRules(
  noncurrentVersionExpirationDays: number,
  expirationDays?: number,
) {
  return [
    {
      id: 'abort-incomplete-multipart-uploads',
      status: 'Enabled',
      filter: [{}],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: DEFAULT_ABORT_MULTIPART_DAYS }],
    },
    {
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: [{}],
      noncurrentVersionExpiration: [{ noncurrentDays: noncurrentVersionExpirationDays }],
    },
    ...(expirationDays !== undefined
      ? [
          {
            id: 'expire-current-objects',
            status: 'Enabled',
            filter: [{}],
            expiration: [{ days: expirationDays }],
          },
        ]
      : []),
  ];
}

/** The secure defaults of PlatformKey: 90-day rotation, 30-day deletion window (AWS-05, X-04). */
export function defaultPlatformKeyProps() {
  return {
    rotationPeriodDays: DEFAULT_KEY_ROTATION_DAYS,
    deletionWindowDays: DEFAULT_KEY_DELETION_WINDOW_DAYS,
  };
}

/** The settings of a platform key: automatic rotation on, with its period and deletion window (AWS-05, X-04). */
export function secureKeySettings(rotationPeriodDays: number, deletionWindowDays: number) {
  return {
    enableKeyRotation: true,
    rotationPeriodInDays: rotationPeriodDays,
    deletionWindowInDays: deletionWindowDays,
  };
}

/** The alias of a platform key when none is given: `secure-mlops/<construct path>`. */
export function defaultKeyAlias(constructPath: string): string {
  return `secure-mlops/${constructPath.replace(/[^a-zA-Z0-9/_-]/g, '-')}`;
}

/** The IAM role name patterns of a platform, watched by the IAM-change alarm (AWS-23): its roles and SageMaker's `sm-*`. */
export function platformRoleNamePatterns(roleNamePrefix: string): string[] {
  return [`${roleNamePrefix}-*`, 'sm-*'];
}
