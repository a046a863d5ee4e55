import { PlatformCommonProps } from '../core/platform';
import { AzureComputeClusterSpec, AzureComputeInstanceSpec } from './compute';
import { AzureMonitorPrivateLinkScopeRef } from './diagnostics';
import { AzureCustomRoleDefinition, AzureEndpointAuthMode } from './persona-rbac-props';
import { AzureLockOptions } from './part-options';
import { AzurePolicyEffect } from './policy-assignments';

/** Managed VNet isolation of the workspace (AZ-07). There is no "Disabled": once managed, a workspace cannot go back. */
export enum AzureManagedNetworkIsolation {
  /** Outbound only to approved destinations (private endpoints, service tags, FQDNs). The default. */
  ALLOW_ONLY_APPROVED_OUTBOUND = 'AllowOnlyApprovedOutbound',
  /** Outbound internet allowed; inbound still private. */
  ALLOW_INTERNET_OUTBOUND = 'AllowInternetOutbound',
}

/** One outbound rule of the managed VNet: set exactly one of fqdn, serviceTag, serviceResourceId. */
export interface AzureOutboundRule {
  /** Rule name (3-64 letters, digits, hyphens, underscores). */
  readonly name: string;
  /**
   * Destination FQDN (AllowOnlyApprovedOutbound only; provisions a managed Azure Firewall).
   * @default - not an FQDN rule
   */
  readonly fqdn?: string;
  /**
   * Destination service tag, e.g. 'AzureMonitor'.
   * @default - not a service-tag rule
   */
  readonly serviceTag?: string;
  /**
   * Protocol of a service-tag rule: TCP, UDP, ICMP or *.
   * @default 'TCP'
   */
  readonly protocol?: string;
  /**
   * Port ranges of a service-tag rule, e.g. '443' or '80,443'.
   * @default '443'
   */
  readonly portRanges?: string;
  /**
   * Resource id for a private-endpoint rule (e.g. another storage account).
   * @default - not a private-endpoint rule
   */
  readonly serviceResourceId?: string;
  /**
   * Sub-resource of a private-endpoint rule, e.g. 'blob'.
   * @default - required with serviceResourceId
   */
  readonly subResourceTarget?: string;
  /**
   * Why this rule may send traffic to any internet destination (fqdn '*' or serviceTag 'Internet', which undo AllowOnlyApprovedOutbound); at least 10 characters, recorded as an AZ-07.outbound-internet suppression. Such a rule fails synth without it.
   * @default - none: an internet-wide rule is an error
   */
  readonly internetEgressReason?: string;
}

/** Network options of the platform. */
export interface AzureMlNetworkOptions {
  /**
   * Address space of the VNet created for private endpoints.
   * @default '10.40.0.0/23'
   */
  readonly vnetCidr?: string;
  /**
   * CIDR of the private-endpoint subnet.
   * @default - the first /24 of vnetCidr
   */
  readonly privateEndpointSubnetCidr?: string;
  /**
   * Ranges in use elsewhere (hub, peers, on-premises); overlap fails synth.
   * @default - none
   */
  readonly reservedCidrs?: string[];
  /**
   * Bring your own VNet (resource id); with existingPrivateEndpointSubnetId.
   * @default - a VNet is created
   */
  readonly existingVirtualNetworkId?: string;
  /**
   * Bring your own private-endpoint subnet (resource id).
   * @default - a subnet is created
   */
  readonly existingPrivateEndpointSubnetId?: string;
  /**
   * Central-DNS mode: private DNS zone ids from a hub, by zone name (privatelink.api.azureml.ms, privatelink.notebooks.azure.net, privatelink.blob.core.windows.net, privatelink.file.core.windows.net, privatelink.vaultcore.azure.net, privatelink.azurecr.io).
   * @default - zones are created and linked to the VNet
   */
  readonly privateDnsZoneIds?: { [zoneName: string]: string };
}

/** Encryption options: the tenant's Azure Cosmos DB principal, and bring-your-own key. */
export interface AzureMlEncryptionOptions {
  /**
   * Object id, in your tenant, of the service principal of the Azure Cosmos DB first-party application (app id a232010e-820c-4083-83bb-3ace5fc29d0b; `az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id -o tsv`). It gets Key Vault Crypto Service Encryption User on the key: the CMK workspace's Cosmos DB cannot be created without it. Required: the id differs per tenant and ARM role assignments take object ids only.
   * @default - none; synth fails without it
   */
  readonly cosmosDbPrincipalObjectId?: string;
  /**
   * Existing Key Vault holding the CMK (resource id). The workspace's secrets go to a vault the construct creates.
   * @default - a HardenedKeyVault with a CMK is created
   */
  readonly existingKeyVaultId?: string;
  /**
   * Name of the existing key (for the key-scoped role assignments).
   * @default - required with existingKeyVaultId
   */
  readonly existingKeyName?: string;
  /**
   * Versioned key id (https://<vault>.vault.azure.net/keys/<name>/<version>) for the workspace.
   * @default - required with existingKeyVaultId
   */
  readonly existingKeyId?: string;
  /**
   * Versionless key id for storage and registry (they follow rotations).
   * @default - required with existingKeyVaultId
   */
  readonly existingKeyVersionlessId?: string;
  /**
   * Confirms the existing vault has purge protection on (CMK requires it; synth fails otherwise).
   * @default false
   */
  readonly existingKeyVaultPurgeProtection?: boolean;
  /**
   * Rotation period of the created key, in days (7-365).
   * @default 90
   */
  readonly keyRotationDays?: number;
}

/** Props of {@link AzureMLWorkspace}. */
export interface AzureMLWorkspaceProps extends PlatformCommonProps {
  /** Azure location, e.g. westeurope. */
  readonly location: string;
  /**
   * Resource group name.
   * @default - 'rg-' + id + '-' + environment
   */
  readonly resourceGroupName?: string;
  /**
   * Create the resource group (false: use an existing one by name).
   * @default true
   */
  readonly createResourceGroup?: boolean;
  /**
   * Workspace name (3-33 letters, digits, hyphens, underscores).
   * @default - 'mlw-' + id + '-' + environment + a stable unique suffix (AZ-15)
   */
  readonly workspaceName?: string;
  /**
   * Network for private endpoints.
   * @default - a VNet 10.40.0.0/23 with a /24 private-endpoint subnet and private DNS zones
   */
  readonly network?: AzureMlNetworkOptions;
  /**
   * Managed VNet isolation mode (AZ-07).
   * @default AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND
   */
  readonly isolationMode?: AzureManagedNetworkIsolation;
  /**
   * Outbound rules of the managed VNet.
   * @default - none
   */
  readonly outboundRules?: AzureOutboundRule[];
  /**
   * Customer-managed key options.
   * @default - a HardenedKeyVault and a 90-day-rotated RSA-HSM 3072 key are created
   */
  readonly encryption?: AzureMlEncryptionOptions;
  /**
   * Also give the workspace a system-assigned identity (Azure ML manages its role assignments; the construct never duplicates them).
   * @default false
   */
  readonly systemAssignedIdentity?: boolean;
  /**
   * High-business-impact workspace (s003 hbi_workspace; set at creation only).
   * @default true
   */
  readonly highBusinessImpact?: boolean;
  /**
   * Additional custom roles.
   * @default - none
   */
  readonly customRoles?: AzureCustomRoleDefinition[];
  /**
   * Compute clusters.
   * @default - one 'cpu-cluster' (Standard_DS3_v2, 0-4 nodes)
   */
  readonly computeClusters?: AzureComputeClusterSpec[];
  /**
   * Personal compute instances.
   * @default - none
   */
  readonly computeInstances?: AzureComputeInstanceSpec[];
  /**
   * Compute that builds images (needed because the registry is private).
   * @default - the first compute cluster
   */
  readonly imageBuildComputeName?: string;
  /**
   * Private data containers (identity-based datastores are registered for each).
   * @default ['training-data']
   */
  readonly dataContainers?: string[];
  /**
   * Existing Log Analytics workspace for all diagnostics.
   * @default - one is created
   */
  readonly existingLogAnalyticsWorkspaceId?: string;
  /**
   * Retention of the created Log Analytics workspace (days).
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Azure Policy assignments at resource-group scope (AZ-12).
   * @default true
   */
  readonly policies?: boolean;
  /**
   * Effect of the Deny-capable policy assignments.
   * @default AzurePolicyEffect.DENY
   */
  readonly policyEffect?: AzurePolicyEffect;
  /**
   * CanNotDelete locks on workspace, Key Vault, storage and registry (AZ-13).
   * @default - true, unless removalPolicy is DESTROY
   */
  readonly locks?: boolean;
  /**
   * Kind and notes of those locks, in the uniform lock shape of the Azure parts (each lock is named 'lock-' + its resource, so `name` is not accepted). Only with locks on.
   * @default - CanNotDelete, with a note that explains the lock and how to remove it
   */
  readonly lock?: AzureLockOptions;
  /**
   * Enable Microsoft Defender for Containers on the subscription (AZ-14; subscription-scope action).
   * @default false
   */
  readonly defenderForContainers?: boolean;
  /**
   * Online endpoint authentication (AZ-10).
   * @default AzureEndpointAuthMode.AML_TOKEN
   */
  readonly endpointAuthMode?: AzureEndpointAuthMode;
  /**
   * Create a user-assigned identity for online endpoints (`endpointIdentity`): AcrPull on the
   * registry and Storage Blob Data Reader on the workspace storage account, its data containers
   * excepted; the DEPLOYMENT principals get Managed Identity Operator on it, to attach it to the
   * endpoints they create. A system-assigned endpoint identity instead gets Storage Blob Data
   * Contributor on the whole account from Azure ML, data containers included.
   * @default false
   */
  readonly endpointIdentity?: boolean;
  /**
   * Public IPv4 ranges admitted by the Key Vault and storage firewalls (e.g. data science clients without a private path); default action stays Deny. Not needed for Terraform: nothing the construct creates reaches their data planes.
   * @default - none: public network access off
   */
  readonly allowedIpRanges?: string[];
  /**
   * Export the subscription Activity Log to the Log Analytics workspace (X-06; a subscription-scope diagnostic setting, needs Microsoft.Insights/diagnosticSettings/write on the subscription).
   * @default true
   */
  readonly activityLogExport?: boolean;
  /**
   * Security-change alerts (AZ-11): Azure Monitor activity log alert rules on the platform's resource group for role assignments and custom roles, policy assignments and exemptions, locks, diagnostic settings, network security groups, private endpoint deletion, writes of the vaults, storage, registry and workspace, the workspace's managed network outbound rules, and changes to the alert rules and action groups themselves, plus the subscription Activity Log export this platform creates (14-15 of the subscription's 100 activity log alert rules); they notify `alertEmails` and `alertActionGroupIds`, so alerts on need at least one of them. Other subscription-level changes (subscription role assignments and policy assignments, other resource groups) are not watched.
   * @default - true when alertEmails or alertActionGroupIds is given, else false (with a synth warning)
   */
  readonly alerts?: boolean;
  /**
   * E-mail addresses the security-change alerts notify: receivers of a new action group, in the platform's location where Azure processes action groups regionally (e.g. swedencentral, germanywestcentral, eastus), else global (list 'global' in allowedRegions). Azure asks each new address to confirm a one-time passcode within 30 minutes of the apply.
   * @default - none
   */
  readonly alertEmails?: string[];
  /**
   * Existing action groups (resource ids, e.g. the security operations team's) the security-change alerts notify.
   * @default - none
   */
  readonly alertActionGroupIds?: string[];
  /**
   * Put Log Analytics and Application Insights behind an Azure Monitor Private Link Scope with a private endpoint in the network (public ingestion and query off).
   * @default true
   */
  readonly monitorPrivateLinkScope?: boolean;
  /**
   * An existing Azure Monitor Private Link Scope (one per DNS, e.g. the hub's) to add Log Analytics and Application Insights to; no scope and no endpoint are created.
   * @default - a scope and its private endpoint are created
   */
  readonly existingMonitorPrivateLinkScope?: AzureMonitorPrivateLinkScopeRef;
  /**
   * Entra object id of the image scanner that releases quarantined images: turns the registry's quarantine policy on (AZ-05) and grants the scanner AcrQuarantineWriter.
   * @default - quarantine off
   */
  readonly registryQuarantineScannerPrincipalId?: string;
  /**
   * Storage replication: LRS, ZRS, GRS, RAGRS, GZRS or RAGZRS (the zone-redundant ones need a
   * location with availability zones). The registry is zone-redundant where the location has zones.
   * @default 'ZRS', or 'LRS' in a region without availability zones
   */
  readonly storageReplicationType?: string;
}
