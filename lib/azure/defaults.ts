// Secure defaults of the Azure constructs, in one place (aws-solutions-constructs style).

/** Private DNS zones of each private-link sub-resource (Azure public cloud). */
export const PRIVATE_DNS_ZONES: { [subresource: string]: string[] } = {
  // The workspace endpoint needs BOTH zones in one zone group: API and notebooks.
  amlworkspace: ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'],
  blob: ['privatelink.blob.core.windows.net'],
  file: ['privatelink.file.core.windows.net'],
  vault: ['privatelink.vaultcore.azure.net'],
  registry: ['privatelink.azurecr.io'],
};

/** Built-in role names used by the constructs (never Owner/Contributor at subscription scope). */
export const ROLES = {
  KEY_VAULT_CRYPTO_OFFICER: 'Key Vault Crypto Officer',
  KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER: 'Key Vault Crypto Service Encryption User',
  KEY_VAULT_ADMINISTRATOR: 'Key Vault Administrator',
  STORAGE_BLOB_DATA_CONTRIBUTOR: 'Storage Blob Data Contributor',
  STORAGE_BLOB_DATA_READER: 'Storage Blob Data Reader',
  STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR: 'Storage File Data Privileged Contributor',
  ACR_PULL: 'AcrPull',
  AZUREML_DATA_SCIENTIST: 'AzureML Data Scientist',
  AZUREML_COMPUTE_OPERATOR: 'AzureML Compute Operator',
  READER: 'Reader',
  CONTRIBUTOR: 'Contributor',
  OWNER: 'Owner',
  LOG_ANALYTICS_READER: 'Log Analytics Reader',
  MONITORING_READER: 'Monitoring Reader',
};

/** Built-in Azure Policy definitions for Azure Machine Learning (AZ-12). */
export const POLICY_DEFINITIONS = {
  /** Azure Machine Learning workspaces should be encrypted with a customer-managed key (Audit, Deny, Disabled). */
  CMK: '/providers/Microsoft.Authorization/policyDefinitions/ba769a63-b8cc-4b2d-abf6-ac33c7204be8',
  /** Azure Machine Learning workspaces should use private link (Audit, Disabled). */
  PRIVATE_LINK:
    '/providers/Microsoft.Authorization/policyDefinitions/40cec1dd-a100-4920-b15b-3024fe8901ab',
  /** Azure Machine Learning workspaces should disable public network access (Audit, Deny, Disabled). */
  PUBLIC_NETWORK_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce',
  /** Machine Learning computes should have local authentication methods disabled (Audit, Deny, Disabled). */
  COMPUTE_LOCAL_AUTH_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f',
  /** Azure Machine Learning and AI Studio should use Allow Only Approved Outbound managed VNet mode (Audit, Deny, Disabled). */
  MANAGED_NETWORK_MODE:
    '/providers/Microsoft.Authorization/policyDefinitions/6ddb1705-c8cf-450e-aa4b-19ad6703c440',
  /** Azure Machine Learning Compute Instance should have idle shutdown (Audit, Deny, Disabled); assigned as Audit because azurerm cannot set idleTimeBeforeShutdown. */
  IDLE_SHUTDOWN:
    '/providers/Microsoft.Authorization/policyDefinitions/679ddf89-ab8f-48a5-9029-e76054077449',
  /** Resource logs in Azure Machine Learning workspaces should be enabled (AuditIfNotExists, Disabled). */
  RESOURCE_LOGS:
    '/providers/Microsoft.Authorization/policyDefinitions/afe0c3be-ba3b-4544-ba52-0c99672a8ad6',
};

/** Key defaults (X-04, AZ-02). */
export const KEY_DEFAULTS = {
  keyType: 'RSA-HSM',
  keySize: 3072,
  rotationDays: 90,
  keyOpts: ['decrypt', 'encrypt', 'unwrapKey', 'wrapKey'],
};

/** Key Vault defaults (AZ-03). */
export const KEY_VAULT_DEFAULTS = {
  skuName: 'premium',
  softDeleteRetentionDays: 90,
};

/** Storage defaults (AZ-04). */
export const STORAGE_DEFAULTS = {
  replicationType: 'ZRS',
  softDeleteDays: 30,
};

/** Container registry defaults (AZ-05). */
export const REGISTRY_DEFAULTS = {
  untaggedRetentionDays: 7,
};

/** Monitoring defaults (AZ-11). */
export const MONITORING_DEFAULTS = {
  retentionInDays: 90,
};

/** Network defaults. */
export const NETWORK_DEFAULTS = {
  vnetCidr: '10.40.0.0/23',
  privateEndpointPrefix: 24,
  /** Azure reserves five addresses in every subnet. */
  azureReservedAddresses: 5,
  /** Smallest subnet the constructs accept for private endpoints. */
  minimumPrefix: 28,
};

/** Compute defaults (AZ-08). */
export const COMPUTE_DEFAULTS = {
  clusterName: 'cpu-cluster',
  clusterVmSize: 'Standard_DS3_v2',
  clusterMaxNodes: 4,
  scaleDownAfterIdle: 'PT15M',
  vmPriority: 'Dedicated',
};

/** Private IP addresses a private endpoint of a sub-resource consumes (approximate, per Microsoft docs). */
export const ENDPOINT_IPS: { [subresource: string]: number } = {
  amlworkspace: 5,
  blob: 1,
  file: 1,
  vault: 1,
  registry: 2,
};
