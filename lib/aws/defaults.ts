// The secure defaults of the AWS constructs, in one place (aws-solutions-constructs style).

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

/** SageMaker managed policies never attached by this library. */
export const FORBIDDEN_MANAGED_POLICIES = [
  'AmazonSageMakerFullAccess',
  'AdministratorAccess',
  'PowerUserAccess',
  'IAMFullAccess',
];
