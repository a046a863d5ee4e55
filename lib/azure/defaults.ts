import { NetworkSecurityRuleConfig } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { AzureManagedNetworkIsolation } from './ml-workspace-props';

// Secure defaults of the Azure constructs, in one place (aws-solutions-constructs style).

/** Private DNS zones of each private-link sub-resource (Azure public cloud). */
export const PRIVATE_DNS_ZONES: { [subresource: string]: string[] } = {
  // The workspace endpoint needs BOTH zones in one zone group: API and notebooks.
  amlworkspace: ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'],
  blob: ['privatelink.blob.core.windows.net'],
  file: ['privatelink.file.core.windows.net'],
  vault: ['privatelink.vaultcore.azure.net'],
  registry: ['privatelink.azurecr.io'],
  // Azure Monitor Private Link Scope: one endpoint for Log Analytics and Application Insights;
  // the blob zone is the one the storage endpoint uses (one zone per name and resource group).
  azuremonitor: [
    'privatelink.monitor.azure.com',
    'privatelink.oms.opinsights.azure.com',
    'privatelink.ods.opinsights.azure.com',
    'privatelink.agentsvc.azure-automation.net',
    'privatelink.blob.core.windows.net',
  ],
};

/**
 * Built-in role names used by the constructs (never Owner/Contributor at subscription scope).
 * Names and ids checked against the built-in role definitions (iann0036/iam-dataset
 * azure/built-in-roles-raw.json); {@link ROLE_IDS} holds the ids.
 */
export const ROLES = {
  KEY_VAULT_CRYPTO_OFFICER: 'Key Vault Crypto Officer',
  KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER: 'Key Vault Crypto Service Encryption User',
  KEY_VAULT_SECRETS_OFFICER: 'Key Vault Secrets Officer',
  STORAGE_BLOB_DATA_CONTRIBUTOR: 'Storage Blob Data Contributor',
  STORAGE_BLOB_DATA_READER: 'Storage Blob Data Reader',
  STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR: 'Storage File Data Privileged Contributor',
  STORAGE_TABLE_DATA_CONTRIBUTOR: 'Storage Table Data Contributor',
  STORAGE_QUEUE_DATA_CONTRIBUTOR: 'Storage Queue Data Contributor',
  ACR_PULL: 'AcrPull',
  ACR_QUARANTINE_WRITER: 'AcrQuarantineWriter',
  READER: 'Reader',
  CONTRIBUTOR: 'Contributor',
  ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR: 'Role Based Access Control Administrator',
  LOG_ANALYTICS_READER: 'Log Analytics Reader',
  MONITORING_READER: 'Monitoring Reader',
  AZURE_AI_ENTERPRISE_NETWORK_CONNECTION_APPROVER:
    'Azure AI Enterprise Network Connection Approver',
  MANAGED_IDENTITY_OPERATOR: 'Managed Identity Operator',
};

/** Built-in role definition ids (GUIDs) by role name (iann0036/iam-dataset azure/built-in-roles-raw.json). */
export const ROLE_IDS: { [roleName: string]: string } = {
  'Key Vault Crypto Officer': '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
  'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage File Data Privileged Contributor': '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrQuarantineWriter: 'c8d4ff99-41c3-41a8-9f60-21dfdad59608',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
  'Monitoring Reader': '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  'Azure AI Enterprise Network Connection Approver': 'b556d68e-0be0-4f35-a333-ad7ee1ce17ea',
  'AzureML Data Scientist': 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
  'AzureML Compute Operator': 'e503ece1-11d0-4e8e-8e2c-7a6c3bf38815',
};

/**
 * Application (client) id of the Azure Cosmos DB first-party application in Azure public cloud
 * (Microsoft's Azure ML CMK how-to; Azure Government uses 57506a73-e302-42a9-b869-6f12d9ec29e9).
 * Role assignments need the object id of its service principal in your tenant, which differs
 * per tenant: `az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id -o tsv`.
 */
export const COSMOS_DB_APP_ID = 'a232010e-820c-4083-83bb-3ace5fc29d0b';

/** Built-in Azure Policy definitions for Azure Machine Learning (AZ-12). */
export const POLICY_DEFINITIONS = {
  /** Azure Machine Learning workspaces should be encrypted with a customer-managed key (Audit, Deny, Disabled). */
  CMK: '/providers/Microsoft.Authorization/policyDefinitions/ba769a63-b8cc-4b2d-abf6-ac33c7204be8',
  /** Azure Machine Learning workspaces should use private link (Audit, Disabled); replaces the deprecated 40cec1dd-a100-4920-b15b-3024fe8901ab. */
  PRIVATE_LINK:
    '/providers/Microsoft.Authorization/policyDefinitions/45e05259-1eb5-4f70-9574-baf73e9d219b',
  /** Azure Machine Learning workspaces should disable public network access (Audit, Deny, Disabled). */
  PUBLIC_NETWORK_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce',
  /** Machine Learning computes should have local authentication methods disabled (Audit, Deny, Disabled). */
  COMPUTE_LOCAL_AUTH_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f',
  /** Azure Machine Learning and AI Studio should use Allow Only Approved Outbound managed VNet mode (Audit, Deny, Disabled). */
  MANAGED_NETWORK_MODE:
    '/providers/Microsoft.Authorization/policyDefinitions/6ddb1705-c8cf-450e-aa4b-19ad6703c440',
  /** Azure Machine Learning Compute Instance should have idle shutdown (Audit, Deny, Disabled); assigned as Audit because azurerm cannot set idleTimeBeforeShutdown: the instance is created without it and the setting follows (updateIdleShutdownSetting). */
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

/** Secure defaults of the optional props of HardenedKeyVault (AZ-02, AZ-03, X-04). */
export function keyVaultDefaults() {
  return {
    skuName: KEY_VAULT_DEFAULTS.skuName,
    softDeleteRetentionDays: KEY_VAULT_DEFAULTS.softDeleteRetentionDays,
    /** Customer-managed keys require purge protection. */
    purgeProtectionEnabled: true,
    createKey: true,
    keyName: 'cmk',
    keyType: KEY_DEFAULTS.keyType,
    keySize: KEY_DEFAULTS.keySize,
    keyRotationDays: KEY_DEFAULTS.rotationDays,
  };
}

/** Storage defaults (AZ-04). */
export const STORAGE_DEFAULTS = {
  replicationType: 'ZRS',
  unzonedReplicationType: 'LRS',
  softDeleteDays: 30,
};

/**
 * The hardened settings of every storage account (AZ-04): HTTPS only, TLS 1.2, no public blobs,
 * shared-key access off (Entra ID only), infrastructure (double) encryption, no cross-tenant
 * replication, no SFTP or local users, copies within private links only, and the account key
 * type on queues and tables so that the CMK covers them.
 */
export function secureStorageAccountDefaults() {
  return {
    accountKind: 'StorageV2',
    accountTier: 'Standard',
    httpsTrafficOnlyEnabled: true,
    minTlsVersion: 'TLS1_2',
    allowNestedItemsToBePublic: false,
    sharedAccessKeyEnabled: false,
    defaultToOauthAuthentication: true,
    infrastructureEncryptionEnabled: true,
    crossTenantReplicationEnabled: false,
    localUserEnabled: false,
    sftpEnabled: false,
    allowedCopyScope: 'PrivateLink',
    queueEncryptionKeyType: 'Account',
    tableEncryptionKeyType: 'Account',
  };
}

/**
 * Built-in definitions that keep the platform's Key Vaults, storage accounts and container
 * registries private (AZ-12 with AZ-03, AZ-04, AZ-05): without them anyone with Contributor on the
 * resource group can turn public network access back on after deploy. Each checks the property
 * the platform sets (Azure/azure-policy built-in-policies/policyDefinitions, effect Audit, Deny,
 * Disabled).
 */
export const NETWORK_POLICY_DEFINITIONS = {
  /** Azure Key Vault should disable public network access (Key Vault/PublicNetworkAccess_Audit.json): publicNetworkAccess must be Disabled. */
  KEY_VAULT_PUBLIC_NETWORK_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/405c5871-3e91-4644-8a63-58e19d68ff5b',
  /** Azure Key Vault should have firewall enabled or public network access disabled (Key Vault/FirewallEnabled_Audit.json): networkAcls.defaultAction Deny or publicNetworkAccess Disabled; for vaults that admit allow-listed IPs. */
  KEY_VAULT_FIREWALL:
    '/providers/Microsoft.Authorization/policyDefinitions/55615ac9-af46-4a59-874e-391cc3dfb490',
  /** Storage accounts should disable public network access (Storage/StoragePublicNetworkAccess_AuditDeny.json): publicNetworkAccess must be Disabled. */
  STORAGE_PUBLIC_NETWORK_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/b2982f36-99f2-4db5-8eff-283140c09693',
  /** Storage accounts should restrict network access (Storage/Storage_NetworkAcls_Audit.json): networkAcls.defaultAction must be Deny; for accounts that admit allow-listed IPs. */
  STORAGE_FIREWALL:
    '/providers/Microsoft.Authorization/policyDefinitions/34c877ad-507e-4c82-993e-3452a6e0ad3c',
  /** Public network access should be disabled for Container registries (Container Registry/ACR_PublicNetworkAccess_AuditDeny.json): publicNetworkAccess must be Disabled. */
  REGISTRY_PUBLIC_NETWORK_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/0fdf0491-d080-4575-b627-ad0e843cba0f',
  /** Storage accounts should prevent shared key access (Storage/StorageAccountAllowSharedKeyAccess_Audit.json): allowSharedKeyAccess must be false. Not a network setting, but the same kind of guard: a Contributor could turn the account keys back on, and the keys bypass every RBAC role and ABAC condition of the platform. */
  STORAGE_SHARED_KEY_DISABLED:
    '/providers/Microsoft.Authorization/policyDefinitions/8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54',
};

/** Deprecated built-in policy definitions and their replacements (Azure/azure-policy built-in-policies). */
export const DEPRECATED_POLICY_DEFINITIONS: { [id: string]: string } = {
  '40cec1dd-a100-4920-b15b-3024fe8901ab': '45e05259-1eb5-4f70-9574-baf73e9d219b',
};

/** Container registry defaults (AZ-05). */
export const REGISTRY_DEFAULTS = {
  untaggedRetentionDays: 7,
};

/**
 * The hardened settings of every container registry (AZ-05): Premium (private link, CMK,
 * quarantine and retention need it), admin account, anonymous pull, public network and export
 * off, dedicated data endpoints, trusted Azure services only.
 */
export function secureContainerRegistryDefaults() {
  return {
    sku: 'Premium',
    adminEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccessEnabled: false,
    exportPolicyEnabled: false,
    dataEndpointEnabled: true,
    networkRuleBypassOption: 'AzureServices',
  };
}

/**
 * The resource types whose resource logs go to Log Analytics in either mode, picked by a
 * diagnostic setting's log_analytics_destination_type (Azure Monitor Logs reference,
 * AzureDiagnostics table, "Azure Diagnostics mode or resource-specific mode"). Every other type
 * writes one way only (Key Vault to AzureDiagnostics; container registries, storage services, ML
 * workspaces to resource-specific tables) and returns no destination type, so a configured one
 * shows as a perpetual diff in azurerm (Azure/azure-rest-api-specs#22400, azurerm's
 * monitor_diagnostic_setting docs).
 */
export const DUAL_MODE_DIAGNOSTICS_TYPES = [
  'Microsoft.ApiManagement/service',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.DataFactory/factories',
  'Microsoft.RecoveryServices/vaults',
  'Microsoft.Network/azureFirewalls',
];

/** Monitoring defaults (AZ-11). */
export const MONITORING_DEFAULTS = {
  retentionInDays: 90,
  /** Metric categories of a diagnostic setting, unless its target takes others. */
  metricCategories: ['AllMetrics'],
  /**
   * Metric categories of a storage account and its blob and file services: they reject
   * 'AllMetrics' (400 "Metric category 'AllMetrics' is not supported, supported categories are:
   * 'Capacity;Transaction'"); 'Transaction' is the one every storage scope takes.
   */
  storageMetricCategories: ['Transaction'],
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

/** Defaults of a management lock (AZ-13, part of X-08). */
export function lockDefaults() {
  return {
    kind: 'CanNotDelete',
    notes:
      'secure-mlops: protects platform data from deletion (X-08). Remove this lock deliberately before a planned teardown.',
  };
}

/** Secure defaults of AzurePrivateNetwork (X-05, AZ-06). */
export function privateNetworkDefaults() {
  return {
    /** Private IP addresses the endpoints are expected to take when not given. */
    expectedEndpointAddresses: 10,
    /** The private-endpoint subnet: network policies on (the NSG applies), no default outbound access. */
    subnet: {
      name: 'snet-private-endpoints',
      privateEndpointNetworkPolicies: 'Enabled',
      defaultOutboundAccessEnabled: false,
    },
  };
}

/**
 * The NSG rules of the private-endpoint subnet by construct id: HTTPS and SMB from inside
 * the VNet only, every other inbound denied, no outbound to the internet.
 */
export function privateEndpointNsgRules(subnetCidr: string): {
  [id: string]: Omit<NetworkSecurityRuleConfig, 'resourceGroupName' | 'networkSecurityGroupName'>;
} {
  return {
    'allow-vnet-https-smb-in': {
      name: 'AllowVnetHttpsSmbInbound',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationPortRanges: ['443', '445'],
      sourceAddressPrefix: 'VirtualNetwork',
      destinationAddressPrefix: subnetCidr,
    },
    'deny-all-in': {
      name: 'DenyAllInbound',
      priority: 4096,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: '*',
    },
    'deny-internet-out': {
      name: 'DenyInternetOutbound',
      priority: 4096,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: 'Internet',
    },
  };
}

/** Compute defaults (AZ-08). */
export const COMPUTE_DEFAULTS = {
  clusterName: 'cpu-cluster',
  clusterVmSize: 'Standard_DS3_v2',
  clusterMaxNodes: 4,
  scaleDownAfterIdle: 'PT15M',
  vmPriority: 'Dedicated',
  /** Idle shutdown of compute instances (AZ-08); Azure accepts 15 minutes to 3 days. */
  instanceIdleShutdown: 'PT60M',
};

/**
 * Secure defaults of the optional props of AzureMLWorkspace (AZ-01, AZ-07, AZ-11, AZ-12) and of
 * the resources it creates: a fresh object on every call.
 */
export function mlWorkspaceDefaults() {
  return {
    /** Managed VNet outbound only to approved destinations (AZ-07). */
    isolationMode: AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND,
    createResourceGroup: true,
    /** High-business-impact workspace (AZ-01). */
    highBusinessImpact: true,
    dataContainers: ['training-data'],
    computeClusters: [
      {
        name: COMPUTE_DEFAULTS.clusterName,
        vmSize: COMPUTE_DEFAULTS.clusterVmSize,
        maxNodes: COMPUTE_DEFAULTS.clusterMaxNodes,
      },
    ],
    /** Guardrail policy assignments (AZ-12). */
    policies: true,
    /** Subscription Activity Log export. */
    activityLogExport: true,
    /** Log Analytics and Application Insights behind an Azure Monitor Private Link Scope (AZ-11). */
    monitorPrivateLinkScope: true,
    /** Workspace SKU. */
    workspaceSku: 'Basic',
    /** Protocol and ports of a service-tag outbound rule. */
    outboundProtocol: 'TCP',
    outboundPortRanges: '443',
    /** Microsoft Defender for Containers plan (AZ-14), when enabled. */
    defenderPlan: { tier: 'Standard', resourceType: 'Containers' },
  };
}

/** Private IP addresses a private endpoint of a sub-resource consumes (approximate, per Microsoft docs). */
export const ENDPOINT_IPS: { [subresource: string]: number } = {
  amlworkspace: 5,
  blob: 1,
  file: 1,
  vault: 1,
  registry: 2,
  // One address per Azure Monitor endpoint the scope serves (global and regional).
  azuremonitor: 12,
};

/** ARM API version of the Key Vault key created through the management plane (keys.json, stable 2023-07-01). */
export const KEY_VAULT_KEY_API = 'Microsoft.KeyVault/vaults/keys@2023-07-01';

/**
 * The rotation policy of a created key, as the ARM body `properties.rotationPolicy`:
 * rotate `rotationDays` after creation; rotated versions expire after max(2 x rotation, 28)
 * days (Key Vault: expiry at least 28 days, rotation at least 7 days after creation and 7 days
 * before expiry); notify before expiry.
 */
export function keyRotationPolicy(rotationDays: number): {
  expiryDays: number;
  notifyDays: number;
  body: { [key: string]: any };
} {
  const expiryDays = Math.max(rotationDays * 2, 28);
  const notifyDays = Math.min(30, expiryDays - rotationDays);
  return {
    expiryDays,
    notifyDays,
    body: {
      attributes: { expiryTime: `P${expiryDays}D` },
      lifetimeActions: [
        { trigger: { timeAfterCreate: `P${rotationDays}D` }, action: { type: 'rotate' } },
        { trigger: { timeBeforeExpiry: `P${notifyDays}D` }, action: { type: 'notify' } },
      ],
    },
  };
}

/**
 * How long the constructs wait after role assignments before the resources that use them
 * (azure RBAC changes can take minutes to reach every ARM and data-plane frontend; Azure
 * Verified Modules wait 70 s, e.g. avm-res-keyvault-vault `wait_for_rbac_before_key_operations`).
 */
export const RBAC_PROPAGATION_WAIT = '90s';

/** Categories of the subscription Activity Log (Azure Monitor activity log event schema). */
export const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
];

/**
 * Control-plane actions of the workspace's user-assigned identity (custom role, assigned on each
 * dependent resource and on the workspace only). Microsoft documents Contributor on each
 * dependent resource and Key Vault Administrator; this is the subset the workspace uses: read
 * its dependencies, create the system datastores' containers and file shares, list the storage
 * keys while the workspace is created in access-key mode (shared-key authorization is off,
 * AZ-04, so they authorize nothing; the system datastores switch to identity right after),
 * pull and push images, read Application Insights, and manage its own workspace. No network,
 * firewall, key or shared-key setting can be changed with it.
 */
export const WORKSPACE_IDENTITY_ACTIONS = [
  'Microsoft.Storage/storageAccounts/read',
  'Microsoft.Storage/storageAccounts/listKeys/action',
  'Microsoft.Storage/storageAccounts/blobServices/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/write',
  'Microsoft.Storage/storageAccounts/fileServices/read',
  'Microsoft.Storage/storageAccounts/fileServices/shares/read',
  'Microsoft.Storage/storageAccounts/fileServices/shares/write',
  'Microsoft.KeyVault/vaults/read',
  'Microsoft.ContainerRegistry/registries/read',
  'Microsoft.ContainerRegistry/registries/pull/read',
  'Microsoft.ContainerRegistry/registries/push/write',
  'Microsoft.Insights/components/read',
  'Microsoft.MachineLearningServices/workspaces/*',
];

/** Data actions of Storage Blob Data Contributor (built-in role definition ba92f5b4-...). */
export const BLOB_DATA_ACTIONS = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
];

/**
 * An ABAC condition (version 2.0) for a Storage Blob Data role at account scope: every blob data
 * action is allowed except on the named containers (Blob Storage condition attribute
 * `@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]`).
 */
export function excludeContainersCondition(containers: string[]): string {
  const actions = BLOB_DATA_ACTIONS.map((a) => `  !(ActionMatches{'${a}'})`).join('\n  AND\n');
  const names = containers
    .map(
      (c) =>
        `  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals '${c}'`,
    )
    .join('\n  AND\n');
  return ['(', ' (', actions, ' )', ' OR', ' (', names, ' )', ')'].join('\n');
}

/** ARM API version of the workspace properties azurerm 4.55 does not expose (go-azure-sdk machinelearningservices/2025-06-01, as azurerm uses). */
export const ML_API_VERSION = '2025-06-01';

/** One activity log alert on changes that would undo a platform control (AZ-11). */
export interface SecurityAlertDefinition {
  /** Short stable key: construct id and alert name suffix. */
  readonly key: string;
  /** What the alert watches (its description). */
  readonly description: string;
  /** Resource types every administrative operation of which alerts (reads are not logged). */
  readonly resourceTypes?: string[];
  /** The one operation that alerts. */
  readonly operationName?: string;
}

/**
 * The platform's security-change alerts (AZ-11, parity with AWS-23 and GCP-14). Operation names
 * and resource types from Microsoft's "Azure resource provider operations" reference and the
 * built-in policies "An activity log alert should exist for specific Administrative / Policy
 * operations" (b954148f-4c11-4c38-8221-be76711e194a, c5447c04-a4d7-4ba8-a263-c9ee321a6858; CIS
 * Azure 5.2.1-5.2.4). A resource type stands for its write and delete operations (the only ones
 * these types log); azurerm takes one operation_name per alert but a list of resource types, and
 * a subscription holds at most 100 activity log alert rules, so types are grouped by concern.
 */
export const SECURITY_ALERTS: readonly SecurityAlertDefinition[] = [
  {
    key: 'rbac',
    description: 'Role assignments or custom role definitions written or deleted',
    resourceTypes: [
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.Authorization/roleDefinitions',
    ],
  },
  {
    key: 'policy',
    description: 'Policy assignments or exemptions written or deleted (CIS Azure 5.2.1, 5.2.2)',
    resourceTypes: [
      'Microsoft.Authorization/policyAssignments',
      'Microsoft.Authorization/policyExemptions',
    ],
  },
  {
    key: 'locks',
    description: 'Management locks deleted or changed',
    resourceTypes: ['Microsoft.Authorization/locks'],
  },
  {
    key: 'diagnostics',
    description: 'Diagnostic settings written or deleted (logs no longer shipped)',
    resourceTypes: ['Microsoft.Insights/diagnosticSettings'],
  },
  {
    key: 'nsg',
    description:
      'Network security groups or their rules written or deleted (CIS Azure 5.2.3, 5.2.4)',
    resourceTypes: [
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Network/networkSecurityGroups/securityRules',
    ],
  },
  {
    // The alerts watch themselves: an admin who may change the platform (Contributor) may change
    // its alert rules too. Operation names, not the resource type: an activity log alert's type
    // also logs its activations (Microsoft.Insights/ActivityLogAlerts/Activated/Action).
    key: 'alert-rule-write',
    description: 'Activity log alert rules written (e.g. disabled or re-scoped)',
    operationName: 'Microsoft.Insights/activityLogAlerts/write',
  },
  {
    key: 'alert-rule-delete',
    description: 'Activity log alert rules deleted',
    operationName: 'Microsoft.Insights/activityLogAlerts/delete',
  },
  {
    key: 'action-groups',
    description: 'Action groups written or deleted (alert receivers changed)',
    resourceTypes: ['Microsoft.Insights/actionGroups'],
  },
  {
    key: 'private-endpoint-delete',
    description: 'Private endpoints deleted',
    operationName: 'Microsoft.Network/privateEndpoints/delete',
  },
  {
    key: 'key-vault-write',
    description: 'Key Vault settings written (e.g. public network access or firewall opened)',
    operationName: 'Microsoft.KeyVault/vaults/write',
  },
  {
    key: 'storage-write',
    description: 'Storage account settings written (e.g. public network access or shared keys on)',
    operationName: 'Microsoft.Storage/storageAccounts/write',
  },
  {
    key: 'registry-write',
    description:
      'Container registry settings written (e.g. public network access or admin user on)',
    operationName: 'Microsoft.ContainerRegistry/registries/write',
  },
  {
    key: 'workspace-write',
    description: 'ML workspace settings written (e.g. public network access or isolation changed)',
    operationName: 'Microsoft.MachineLearningServices/workspaces/write',
  },
  {
    // an outbound rule is a child resource of the workspace (REST: workspaces/{name}/outboundRules/
    // {rule}); writing one does not write the workspace, and the isolation-mode policy does not
    // look at its destination
    key: 'workspace-outbound-rules',
    description:
      'Managed network outbound rules of the ML workspace written or deleted (egress opened)',
    // (and the preview managedNetworks child, which carries outbound rules as well)
    resourceTypes: [
      'Microsoft.MachineLearningServices/workspaces/outboundRules',
      'Microsoft.MachineLearningServices/workspaces/managedNetworks',
      'Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules',
    ],
  },
];

/**
 * The alert on the subscription Activity Log export, when the platform creates it: every
 * completed write or delete of that one diagnostic setting, scoped to the subscription.
 */
export const ACTIVITY_LOG_EXPORT_ALERT: SecurityAlertDefinition = {
  key: 'activity-log-export',
  description: 'The subscription Activity Log export written or deleted (the audit trail)',
};

/**
 * Locations an activity log alert rule can live in (azurerm 4.55 CustomizeDiff of
 * azurerm_monitor_activity_log_alert: global, westeurope, northeurope, eastus2euap).
 */
export const ACTIVITY_LOG_ALERT_LOCATIONS = ['westeurope', 'northeurope'];

/**
 * Regions that process an action group regionally (Microsoft Learn, "Action groups", Global and
 * regional action group processing); elsewhere an action group is global.
 */
export const ACTION_GROUP_REGIONS = [
  'eastus',
  'westus',
  'eastus2',
  'westus2',
  'southcentralus',
  'northcentralus',
  'swedencentral',
  'germanywestcentral',
  'centralindia',
  'southindia',
];

/** Only completed changes alert: one notification per change, not one for Started and one for Succeeded. */
export const SECURITY_ALERT_STATUSES = ['Succeeded'];
