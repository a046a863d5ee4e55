export * from './alerts';
export * from './compute';
export * from './container-registry';
export * from './diagnostics';
export * from './key-vault';
export * from './locks';
export * from './ml-workspace';
export * from './network';
export * from './persona-rbac';
export * from './policy-assignments';
export * from './private-link';
export * from './storage';
export * from './rules';
export * from './azapi';
export type {
  AzureCustomerManagedKeyOptions,
  AzureDiagnosticSettingsOptions,
  AzureEncryptedPartOptions,
  AzureLockOptions,
  AzurePartOptions,
  AzurePartResources,
  AzurePrivateEndpointOptions,
  AzureRoleAssignmentOptions,
} from './part-options';
export { AzurePart } from './part-options';
