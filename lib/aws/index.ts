// Public AWS API: classes, interfaces and enums only (jsii).
export { CapacityPlanner } from './capacity-planner';
export type { CapacityPlannerProps } from './capacity-planner';
export { PlatformKey } from './kms';
export type { KeyPerimeterProps, PlatformKeyProps } from './kms';
export { SecureBucket } from './secure-bucket';
export type { SecureBucketProps } from './secure-bucket';
export { PrivateNetwork } from './network';
export type { NetworkProps, PrivateNetworkProps } from './network';
export { PersonaRoles } from './persona-roles';
export type { PersonaRolesProps } from './persona-roles';
export { GuardrailPolicies } from './guardrails';
export type { GuardrailPoliciesProps } from './guardrails';
export { ModelRegistry } from './registry';
export type { ModelPackageGroupSpec, ModelRegistryProps } from './registry';
export { AuditTrail } from './audit';
export type { AuditTrailProps } from './audit';
export { AuthMode, ExecutionRoleMode, StudioUserProfile } from './user-profiles';
export type { StudioUserProfileProps, UserProfileSpec } from './user-profiles';
export { SageMakerStudioDomain, StudioAppType } from './studio-domain';
export type {
  CustomImageSpec,
  EfsBackupProps,
  EncryptionProps,
  LakeFormationProps,
  NotebookInstanceSpec,
  PresignedUrlProps,
  SageMakerStudioDomainProps,
  ScheduledPipelineSpec,
  SharedSpaceSpec,
} from './studio-domain';
export { MultiTenantStudio } from './multi-tenant';
export type { MultiTenantStudioProps, TenantSpec } from './multi-tenant';
export { AwsMlopsChecks } from './rules';
