// Public exports of the GCP module (classes, interfaces, enums only; names unique across clouds).
export * from './vertex-pipeline';
export type { GcpIamGrant } from './common';
export { GcpProject } from './project';
export type { GcpProjectProps, GcpProjectCreationProps } from './project';
export { GcpServiceAgents, GcpServiceAgent } from './service-agents';
export type { GcpServiceAgentsProps } from './service-agents';
export { CmekKeys, CmekPurpose } from './cmek';
export type { CmekKeysProps } from './cmek';
export { GcpRoleCatalogue, GcpCustomRole } from './role-catalogue';
export type { GcpRoleCatalogueProps } from './role-catalogue';
export { GcpServiceAccounts } from './service-accounts';
export type { GcpServiceAccountsProps, GcpServiceAccountIds } from './service-accounts';
export { GcpPrivateNetwork } from './network';
export type { GcpPrivateNetworkProps } from './network';
export { ServicePerimeter } from './perimeter';
export type {
  ServicePerimeterProps,
  GcpPerimeterIngressRule,
  GcpPerimeterEgressRule,
} from './perimeter';
export { GcpAuditLogging } from './audit';
export type { GcpAuditLoggingProps } from './audit';
export { GcpOrgPolicies } from './org-policies';
export type { GcpOrgPoliciesProps } from './org-policies';
export { GcpSecureBucket } from './secure-bucket';
export type { GcpObjectPrefixGrant, GcpSecureBucketProps } from './secure-bucket';
export { GcpBigQueryDataset } from './bigquery';
export type { GcpBigQueryDatasetProps } from './bigquery';
export { GcpArtifactRegistry } from './artifact-registry';
export type { GcpArtifactRegistryProps } from './artifact-registry';
export { GcpVertexResources } from './vertex';
export type { GcpVertexResourcesProps, GcpEndpointSpec } from './vertex';
export { GcpWorkbenchInstance } from './workbench';
export type { GcpWorkbenchInstanceProps } from './workbench';
export { GcpMonitoring } from './monitoring';
export type { GcpMonitoringProps, GcpAlertThresholds } from './monitoring';
export { GcpWorkloadIdentity } from './workload-identity';
export type { GcpWorkloadIdentityProps, GcpKubernetesBinding } from './workload-identity';
export { GcpSensitiveDataProtection } from './sensitive-data';
export type { GcpSensitiveDataProtectionProps } from './sensitive-data';
export { GcpCiIdentity } from './ci-identity';
export type { GcpCiIdentityProps } from './ci-identity';
export { GcpMlopsChecks } from './rules';
