import { lightStackTraces } from '../core/stack-traces';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MachineLearningWorkspaceNetworkOutboundRuleFqdn } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-fqdn';
import { MachineLearningWorkspaceNetworkOutboundRulePrivateEndpoint } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-private-endpoint';
import { MachineLearningWorkspaceNetworkOutboundRuleServiceTag } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-service-tag';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { Compliance } from '../core/compliance/compliance';
import { requireProps, Validator } from '../core/errors';
import { uniqueName, uniqueSuffix } from '../core/naming';
import { Persona, SodException } from '../core/personas';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { PlatformTags, Tagging } from '../core/tags';
import './profile';
import { AzureValidate } from './validate';
import { AzapiResource, AzapiUpdateResource } from './azapi';
import { AzureComputeClusterSpec, AzureComputeInstanceSpec, AzureMlCompute } from './compute';
import { AzureSecureContainerRegistry } from './container-registry';
import {
  COMPUTE_DEFAULTS,
  COSMOS_DB_APP_ID,
  ENDPOINT_IPS,
  excludeContainersCondition,
  ML_API_VERSION,
  ROLES,
  WORKSPACE_IDENTITY_ACTIONS,
} from './defaults';
import {
  AzureDiagnosticSetting,
  AzureDiagnostics,
  AzureMonitorPrivateLinkScopeRef,
} from './diagnostics';
import { HardenedKeyVault } from './key-vault';
import { AzureResourceLocks } from './locks';
import { AzurePrivateNetwork } from './network';
import { AzureCustomRoleDefinition, AzureEndpointAuthMode, AzurePersonaRbac } from './persona-rbac';
import { AzureMlPolicyAssignments, AzurePolicyEffect } from './policy-assignments';
import { PrivateLinkSet } from './private-link';
import { azureLocationName } from './locations';
import { requireAzapiProvider, requireAzurermProvider } from './provider-requirements';
import { checkComputeSpecs, checkNetworkOptions } from './spec-checks';
import {
  ARM_ID,
  bool,
  checkArmId,
  checkArray,
  checkConstructId,
  checkIpRules,
  checkKeyUrl,
  checkLocation,
  checkUnique,
  checkUuid,
  claimCapacity,
  claimInResourceGroup,
  claimInSubscription,
  claimOnce,
  fitName,
  isToken,
  num,
  registerResourceGroupName,
  str,
  strList,
  subscriptionScope,
} from './validation';
import { grantRole, rbacPropagationWait } from './role-assignment';
import { AzureSecureStorageAccount } from './storage';

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
export interface AzureMLWorkspaceProps {
  /** Environment name (dev, staging, prod); part of names and tags. */
  readonly environment: string;
  /** Azure location, e.g. westeurope. */
  readonly location: string;
  /**
   * Locations every resource must be in (X-07).
   * @default - [location]
   */
  readonly allowedRegions?: string[];
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
   * Persona -> Entra object ids (X-01).
   * @default - none (the training identity the construct creates is always bound as TRAINING)
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * Reasoned segregation-of-duties exceptions (X-02).
   * @default - none
   */
  readonly sodExceptions?: SodException[];
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
   * Storage replication.
   * @default 'ZRS'
   */
  readonly storageReplicationType?: string;
  /**
   * Tags (X-09).
   * @default - platform, environment, owner, data-classification, cost-center defaults
   */
  readonly tags?: PlatformTags;
  /**
   * What happens to stateful resources on destroy (X-08).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const OUTBOUND_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,63}$/;
// A DNS name, optionally with a leading wildcard label (*.pythonhosted.org).
const FQDN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;
const PORT = '(\\*|\\d{1,5}(-\\d{1,5})?)';
const PORT_RANGES = new RegExp(`^${PORT}(,${PORT})*$`);

/** Private IP addresses the platform's private endpoints take in the endpoint subnet. */
function endpointAddresses(props: AzureMLWorkspaceProps): number {
  const byoKey = props.encryption?.existingKeyVaultId !== undefined;
  const monitorScope =
    (props.monitorPrivateLinkScope ?? true) && !props.existingMonitorPrivateLinkScope;
  const subresources = [
    'amlworkspace',
    'blob',
    'file',
    'registry',
    'vault',
    ...(byoKey ? [] : ['vault']),
    ...(monitorScope ? ['azuremonitor'] : []),
  ];
  return subresources.reduce((n, s) => n + (ENDPOINT_IPS[s] ?? 1), 0);
}

/** True for an outbound rule that opens the managed network to any internet destination. */
function internetWide(r: AzureOutboundRule): string | undefined {
  if (r.fqdn !== undefined && typeof r.fqdn === 'string' && r.fqdn.trim() === '*')
    return "fqdn '*'";
  if (typeof r.serviceTag === 'string' && r.serviceTag.toLowerCase() === 'internet')
    return "serviceTag 'Internet'";
  return undefined;
}

/** Checks the managed VNet outbound rules (AZ-07). */
function checkOutboundRules(v: Validator, rules: AzureOutboundRule[], isolation: string): void {
  const names = new Map<string, number>();
  const approvedOnly = isolation === AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND;
  rules.forEach((r, i) => {
    const at = `outboundRules[${i}]`;
    if (!v.object(at, r, { optional: false })) return;
    if (
      v.string(`${at}.name`, r.name, { optional: false }) &&
      v.literal(`${at}.name`, r.name, 'it names the rule and its construct')
    ) {
      v.require(
        OUTBOUND_NAME.test(r.name),
        `${at}.name`,
        r.name,
        '3-64 letters, digits, hyphens and underscores',
      );
      const key = r.name.toLowerCase();
      if (names.has(key)) {
        v.add(
          `${at}.name`,
          r.name,
          `a unique rule name (same as outboundRules[${names.get(key)}].name)`,
        );
      } else names.set(key, i);
    }
    const kinds = [r.fqdn, r.serviceTag, r.serviceResourceId].filter((x) => x !== undefined).length;
    v.require(kinds === 1, at, r.name, 'exactly one of fqdn, serviceTag, serviceResourceId');
    if (r.fqdn !== undefined && str(v, `${at}.fqdn`, r.fqdn) && !isToken(r.fqdn)) {
      v.require(
        r.fqdn === '*' || FQDN.test(r.fqdn),
        `${at}.fqdn`,
        r.fqdn,
        "a DNS name such as 'pypi.org' or '*.pythonhosted.org'",
      );
      v.require(
        approvedOnly,
        `${at}.fqdn`,
        r.fqdn,
        'FQDN rules only with isolationMode AllowOnlyApprovedOutbound',
      );
    }
    if (
      r.serviceTag !== undefined &&
      str(v, `${at}.serviceTag`, r.serviceTag) &&
      !isToken(r.serviceTag)
    ) {
      v.require(
        SERVICE_TAG.test(r.serviceTag),
        `${at}.serviceTag`,
        r.serviceTag,
        "an Azure service tag such as 'AzureMonitor' or 'Storage.WestEurope'",
      );
    }
    if (r.serviceTag === undefined) {
      for (const k of ['protocol', 'portRanges'] as const) {
        if (r[k] !== undefined) v.add(`${at}.${k}`, r[k], 'only with serviceTag');
      }
    } else {
      v.enumValue(`${at}.protocol`, r.protocol, ['TCP', 'UDP', 'ICMP', '*']);
      if (
        r.portRanges !== undefined &&
        str(v, `${at}.portRanges`, r.portRanges) &&
        !isToken(r.portRanges)
      ) {
        const ports = r.portRanges
          .split(/[,-]/)
          .filter((x) => x !== '*')
          .map(Number);
        v.require(
          PORT_RANGES.test(r.portRanges) && ports.every((n) => n >= 1 && n <= 65535),
          `${at}.portRanges`,
          r.portRanges,
          "ports or ranges of 1-65535 separated by commas, e.g. '443' or '80,443,8000-8080', or '*'",
        );
      }
    }
    if (r.serviceResourceId !== undefined) {
      checkArmId(v, `${at}.serviceResourceId`, r.serviceResourceId, ARM_ID.any);
      if (str(v, `${at}.subResourceTarget`, r.subResourceTarget, true)) {
        v.require(
          r.subResourceTarget !== undefined,
          `${at}.subResourceTarget`,
          r.subResourceTarget,
          "a sub-resource such as 'blob' with serviceResourceId",
        );
      }
    } else if (r.subResourceTarget !== undefined) {
      v.add(`${at}.subResourceTarget`, r.subResourceTarget, 'only with serviceResourceId');
    }
    // AZ-07: a rule to every internet destination contradicts AllowOnlyApprovedOutbound.
    const wide = internetWide(r);
    if (r.internetEgressReason !== undefined) {
      const ok =
        typeof r.internetEgressReason === 'string' && r.internetEgressReason.trim().length >= 10;
      if (!ok)
        v.add(
          `${at}.internetEgressReason`,
          r.internetEgressReason,
          'a reason of at least 10 characters',
        );
      else if (!wide)
        v.add(
          `${at}.internetEgressReason`,
          r.internetEgressReason,
          "only on a rule to every internet destination (fqdn '*' or serviceTag 'Internet')",
        );
    } else if (wide && approvedOnly) {
      v.add(
        at,
        wide,
        'approved destinations under AllowOnlyApprovedOutbound: name the FQDNs or service tags, or acknowledge the internet-wide rule with internetEgressReason (recorded as an AZ-07.outbound-internet suppression)',
      );
    }
  });
}

/**
 * A secure Azure Machine Learning workspace with its dependent resources (s003, AZ-01..AZ-15):
 * user-assigned identity, public network off, HBI, CMK everywhere (workspace, storage,
 * registry) from a vault of its own, hardened Key Vaults / storage / Premium registry,
 * private endpoints with DNS, managed VNet AllowOnlyApprovedOutbound, hardened compute,
 * least-privilege persona and workspace-identity RBAC, monitoring behind an Azure Monitor
 * Private Link Scope, the Activity Log export, Azure Policy guardrails and resource locks.
 * Every part is a public property.
 *
 * The first apply works from a runner outside the VNet: nothing is created through a data
 * plane the firewalls close (the CMK through ARM with azapi, containers and datastores
 * through ARM, no storage data-plane polling), and every resource that needs a role
 * assignment waits for it and for its propagation. The stack needs an azurerm provider with
 * `storage_use_azuread = true` and `features.storage.data_plane_available = false`, and an
 * `AzapiProvider` (synth fails otherwise).
 */
export class AzureMLWorkspace extends Construct {
  /** The created resource group (undefined when brought). */
  public readonly resourceGroup?: ResourceGroup;
  /** Resource group name. */
  public readonly resourceGroupName: string;
  /** Resource group id. */
  public readonly resourceGroupId: string;
  /** The caller's client config (tenant, object id). */
  public readonly clientConfig: DataAzurermClientConfig;
  /** Network for private endpoints. */
  public readonly network: AzurePrivateNetwork;
  /** The workspace's user-assigned identity. */
  public readonly workspaceIdentity: UserAssignedIdentity;
  /** Identity storage and registry use to read the CMK. */
  public readonly cmkIdentity: UserAssignedIdentity;
  /** The TRAINING workload identity of the compute clusters. */
  public readonly trainingIdentity: UserAssignedIdentity;
  /** The Key Vault holding only the CMK (undefined when brought). */
  public readonly keyVault?: HardenedKeyVault;
  /** Resource id of the vault holding the CMK (created or brought). */
  public readonly cmkVaultId: string;
  /** The workspace's Key Vault for secrets (no keys). */
  public readonly secretsVault: HardenedKeyVault;
  /** Resource id of the workspace's (secrets) Key Vault. */
  public readonly keyVaultId: string;
  /** The Azure Cosmos DB principal's access to the CMK. */
  public readonly cosmosDbKeyGrant: RoleAssignment;
  /** Custom role of the workspace identity on its dependencies and its workspace. */
  public readonly workspaceIdentityRole: RoleDefinition;
  /** RBAC propagation waits by key (cmk, workspace, training). */
  public readonly rbacWaits: { [key: string]: Sleep } = {};
  /** Switches the system datastores to identity-based access (azapi; azurerm 4.55 cannot). */
  public readonly systemDatastoresAuth: AzapiUpdateResource;
  /** Subscription Activity Log export (undefined when off). */
  public readonly activityLogExport?: AzureDiagnosticSetting;
  /** The storage account. */
  public readonly storage: AzureSecureStorageAccount;
  /** The container registry. */
  public readonly containerRegistry: AzureSecureContainerRegistry;
  /** Log Analytics and Application Insights. */
  public readonly diagnostics: AzureDiagnostics;
  /** The ML workspace. */
  public readonly workspace: MachineLearningWorkspace;
  /** Private endpoints by sub-resource key (workspace, blob, file, vault, registry). */
  public readonly privateLinks: { [key: string]: PrivateLinkSet } = {};
  /** Role assignments of the workspace identity on its dependent resources. */
  public readonly workspaceIdentityGrants: RoleAssignment[] = [];
  /** Persona RBAC. */
  public readonly rbac: AzurePersonaRbac;
  /** Compute clusters and instances. */
  public readonly compute: AzureMlCompute;
  /** Credential-less datastores by container name. */
  public readonly datastores: { [container: string]: AzapiResource } = {};
  /** Managed VNet outbound rules by name. */
  public readonly outboundRules: { [name: string]: Construct } = {};
  /** Policy assignments (undefined when policies is false). */
  public readonly policyAssignments?: AzureMlPolicyAssignments;
  /** Resource locks (undefined when locks are off). */
  public readonly locks?: AzureResourceLocks;
  /** Defender for Containers plan (undefined unless enabled). */
  public readonly defenderForContainers?: SecurityCenterSubscriptionPricing;
  /** Online endpoint authentication mode (AZ-10). */
  public readonly endpointAuthMode: AzureEndpointAuthMode;
  /** The resolved platform tags. */
  public readonly tags: { [key: string]: string };

  constructor(scope: Construct, id: string, props: AzureMLWorkspaceProps) {
    super(scope, id);
    // cdktf records a stack trace per token; skip formatting them while building (see stack-traces.ts).
    const restoreStackTraces = lightStackTraces();
    try {
      props = requireProps(this, props, true);
      const v = new Validator(this);
      // ---- validation (X-10): one error for the whole construct, in the props' own names.
      // The provider check runs first at synth, before residency reads other providers.
      requireAzurermProvider(this);
      checkConstructId(v, this);
      const env = props.environment;
      if (
        v.string('environment', env, { optional: false }) &&
        v.literal('environment', env, 'it is part of every resource name')
      ) {
        v.require(
          /^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/.test(env),
          'environment',
          env,
          '1-16 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
        );
      }
      const location = props.location;
      const locationOk = checkLocation(v, 'location', location);
      let allowed: string[] = [location];
      if (
        props.allowedRegions !== undefined &&
        strList(v, 'allowedRegions', props.allowedRegions)
      ) {
        if (isToken(props.allowedRegions)) {
          v.literal('allowedRegions', props.allowedRegions, 'the residency check runs at synth');
        } else {
          props.allowedRegions.forEach((r, i) => {
            if (v.literal(`allowedRegions[${i}]`, r, 'the residency check runs at synth'))
              checkLocation(v, `allowedRegions[${i}]`, r);
          });
          checkUnique(v, 'allowedRegions', props.allowedRegions, azureLocationName, 'a location');
          allowed = props.allowedRegions;
        }
      }
      if (locationOk && typeof location === 'string' && !isToken(location)) {
        v.require(
          allowed.every((r) => typeof r === 'string') &&
            allowed.map(azureLocationName).includes(azureLocationName(location)),
          'location',
          location,
          `a location in allowedRegions [${allowed.join(', ')}]`,
        );
      }
      const isolation =
        props.isolationMode ?? AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND;
      if (!isToken(isolation) && !Object.values(AzureManagedNetworkIsolation).includes(isolation)) {
        const near = Object.values(AzureManagedNetworkIsolation).find(
          (m) => typeof isolation === 'string' && m.toLowerCase() === isolation.toLowerCase(),
        );
        v.add(
          'isolationMode',
          isolation,
          `AllowOnlyApprovedOutbound or AllowInternetOutbound (a managed network cannot be disabled once enabled, so 'Disabled' is not offered)${near ? `; values are case-sensitive: did you mean ${near}?` : ''}`,
        );
      } else if (isToken(isolation)) {
        v.literal('isolationMode', isolation, 'it decides which outbound rules are allowed');
      }
      v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
      v.enumValue('policyEffect', props.policyEffect, Object.values(AzurePolicyEffect));
      v.enumValue('endpointAuthMode', props.endpointAuthMode, Object.values(AzureEndpointAuthMode));
      v.enumValue('storageReplicationType', props.storageReplicationType, [
        'LRS',
        'ZRS',
        'GRS',
        'RAGRS',
        'GZRS',
        'RAGZRS',
      ]);
      for (const k of [
        'createResourceGroup',
        'systemAssignedIdentity',
        'highBusinessImpact',
        'policies',
        'locks',
        'defenderForContainers',
        'activityLogExport',
        'monitorPrivateLinkScope',
      ] as const) {
        bool(v, k, props[k]);
      }
      num(v, 'logRetentionDays', props.logRetentionDays, { integer: true, min: 30, max: 730 });
      v.object('tags', props.tags);
      checkUuid(
        v,
        'registryQuarantineScannerPrincipalId',
        props.registryQuarantineScannerPrincipalId,
        true,
      );
      checkArmId(
        v,
        'existingLogAnalyticsWorkspaceId',
        props.existingLogAnalyticsWorkspaceId,
        ARM_ID.logAnalytics,
        true,
      );
      checkIpRules(v, 'allowedIpRanges', props.allowedIpRanges, 'both');
      const monitorRef = props.existingMonitorPrivateLinkScope;
      if (monitorRef !== undefined && v.object('existingMonitorPrivateLinkScope', monitorRef)) {
        str(v, 'existingMonitorPrivateLinkScope.name', monitorRef.name);
        str(v, 'existingMonitorPrivateLinkScope.resourceGroupName', monitorRef.resourceGroupName);
      }
      if (props.monitorPrivateLinkScope === false && monitorRef) {
        v.add(
          'existingMonitorPrivateLinkScope',
          monitorRef.name,
          'unset when monitorPrivateLinkScope is false',
        );
      }
      if (str(v, 'resourceGroupName', props.resourceGroupName, true)) {
        if (props.resourceGroupName !== undefined)
          v.check(
            'resourceGroupName',
            props.resourceGroupName,
            AzureValidate.resourceName(props.resourceGroupName, 90),
          );
      }
      if (str(v, 'workspaceName', props.workspaceName, true) && props.workspaceName !== undefined) {
        v.require(
          isToken(props.workspaceName) ||
            /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/.test(props.workspaceName),
          'workspaceName',
          props.workspaceName,
          '3-33 letters, digits, hyphens and underscores, starting with a letter or digit',
        );
      }
      // network
      const net: AzureMlNetworkOptions = props.network ?? {};
      if (v.object('network', props.network)) {
        checkNetworkOptions(v, 'network.', net, endpointAddresses(props));
        if (
          net.privateDnsZoneIds !== undefined &&
          v.object('network.privateDnsZoneIds', net.privateDnsZoneIds)
        ) {
          for (const [zone, zoneId] of Object.entries(net.privateDnsZoneIds)) {
            checkArmId(v, `network.privateDnsZoneIds.${zone}`, zoneId, ARM_ID.privateDnsZone);
          }
        }
      }
      // encryption
      const enc: AzureMlEncryptionOptions = props.encryption ?? {};
      if (v.object('encryption', props.encryption)) {
        const cosmos = enc.cosmosDbPrincipalObjectId;
        v.require(
          cosmos !== undefined,
          'encryption.cosmosDbPrincipalObjectId',
          cosmos,
          `the object id of the Azure Cosmos DB service principal in your tenant (az ad sp show --id ${COSMOS_DB_APP_ID} --query id -o tsv): the workspace's customer-managed key must be usable by it`,
        );
        if (cosmos !== undefined && checkUuid(v, 'encryption.cosmosDbPrincipalObjectId', cosmos)) {
          v.require(
            isToken(cosmos) || cosmos.toLowerCase() !== COSMOS_DB_APP_ID,
            'encryption.cosmosDbPrincipalObjectId',
            cosmos,
            "the service principal's object id in your tenant, not the application id (role assignments need the object id)",
          );
        }
        num(v, 'encryption.keyRotationDays', enc.keyRotationDays, {
          literal: 'the rotation policy periods are computed from it',
          integer: true,
          min: 7,
          max: 365,
        });
        bool(v, 'encryption.existingKeyVaultPurgeProtection', enc.existingKeyVaultPurgeProtection);
        const byo = enc.existingKeyVaultId !== undefined;
        checkArmId(
          v,
          'encryption.existingKeyVaultId',
          enc.existingKeyVaultId,
          ARM_ID.keyVault,
          true,
        );
        if (byo) {
          v.require(
            enc.existingKeyVaultPurgeProtection === true,
            'encryption.existingKeyVaultPurgeProtection',
            enc.existingKeyVaultPurgeProtection,
            'true: customer-managed keys require a Key Vault with purge protection (enable it on the vault, then confirm here)',
          );
          for (const k of [
            'existingKeyName',
            'existingKeyId',
            'existingKeyVersionlessId',
          ] as const) {
            v.require(
              enc[k] !== undefined,
              `encryption.${k}`,
              enc[k],
              'set when encryption.existingKeyVaultId is set',
            );
          }
          if (
            str(v, 'encryption.existingKeyName', enc.existingKeyName, true) &&
            enc.existingKeyName !== undefined &&
            !isToken(enc.existingKeyName)
          ) {
            v.require(
              /^[a-zA-Z0-9-]{1,127}$/.test(enc.existingKeyName),
              'encryption.existingKeyName',
              enc.existingKeyName,
              '1-127 letters, digits and hyphens',
            );
          }
          checkKeyUrl(v, 'encryption.existingKeyId', enc.existingKeyId, true, true);
          checkKeyUrl(
            v,
            'encryption.existingKeyVersionlessId',
            enc.existingKeyVersionlessId,
            false,
            true,
          );
          if (enc.keyRotationDays !== undefined) {
            v.add(
              'encryption.keyRotationDays',
              enc.keyRotationDays,
              'unset with encryption.existingKeyVaultId (rotate the brought key in its own vault)',
            );
          }
        } else {
          for (const k of [
            'existingKeyName',
            'existingKeyId',
            'existingKeyVersionlessId',
          ] as const) {
            v.require(
              enc[k] === undefined,
              `encryption.${k}`,
              enc[k],
              'only with encryption.existingKeyVaultId',
            );
          }
        }
      } else if (props.encryption === undefined) {
        v.add(
          'encryption.cosmosDbPrincipalObjectId',
          undefined,
          `the object id of the Azure Cosmos DB service principal in your tenant (az ad sp show --id ${COSMOS_DB_APP_ID} --query id -o tsv): the workspace's customer-managed key must be usable by it`,
        );
      }
      // data containers
      const dataContainers =
        props.dataContainers === undefined
          ? ['training-data']
          : strList(v, 'dataContainers', props.dataContainers, {
                literal: 'each container forms a container, a datastore and role assignments',
              }) && !isToken(props.dataContainers)
            ? props.dataContainers
            : [];
      dataContainers.forEach((c, i) => {
        if (
          !v.literal(
            `dataContainers[${i}]`,
            c,
            'it names a container, its datastore and their constructs',
          )
        )
          return;
        v.require(
          /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(c),
          `dataContainers[${i}]`,
          c,
          '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
        );
      });
      checkUnique(v, 'dataContainers', dataContainers, (c) => c, 'a container');
      // compute
      const specs = checkComputeSpecs(
        v,
        'computeClusters',
        props.computeClusters,
        'computeInstances',
        props.computeInstances,
      );
      const clusters =
        props.computeClusters === undefined
          ? [
              {
                name: COMPUTE_DEFAULTS.clusterName,
                vmSize: COMPUTE_DEFAULTS.clusterVmSize,
                maxNodes: COMPUTE_DEFAULTS.clusterMaxNodes,
              },
            ]
          : specs.clusters;
      if (
        props.imageBuildComputeName !== undefined &&
        str(v, 'imageBuildComputeName', props.imageBuildComputeName)
      ) {
        v.require(
          clusters.some((c) => c?.name === props.imageBuildComputeName),
          'imageBuildComputeName',
          props.imageBuildComputeName,
          `one of the computeClusters: ${clusters.map((c) => c?.name).join(', ') || '(none)'}`,
        );
      }
      // outbound rules (AZ-07)
      const rules = checkArray(v, 'outboundRules', props.outboundRules)
        ? Array.from(props.outboundRules)
        : [];
      checkOutboundRules(v, rules, isolation);
      // personas, roles and SoD are validated by AzurePersonaRbac (X-01, X-02); the shapes here
      v.object('personas', props.personas);
      if (props.sodExceptions !== undefined && !Array.isArray(props.sodExceptions)) {
        v.add('sodExceptions', props.sodExceptions, 'a list of { principal, personas, reason }');
      }
      if (props.customRoles !== undefined && !Array.isArray(props.customRoles)) {
        v.add('customRoles', props.customRoles, 'a list of custom role definitions');
      }
      v.throwIfInvalid();

      const removal = props.removalPolicy;
      const byoKey = enc.existingKeyVaultId !== undefined;
      this.endpointAuthMode = props.endpointAuthMode ?? AzureEndpointAuthMode.AML_TOKEN;
      const imageBuild = props.imageBuildComputeName ?? clusters[0]?.name;
      const wsName =
        props.workspaceName ?? uniqueName(this, { prefix: `mlw-${id}-${env}`, maxLength: 33 });
      if (!imageBuild) {
        Annotations.of(this).addWarning(
          'AZ-07: no compute cluster, so no image-build compute is set; Azure ML falls back to serverless image builds in the managed VNet.',
        );
      }

      this.tags = Tagging.apply(this, env, props.tags);
      DataResidency.enforce(this, allowed, ['azurerm']);

      // ---- resource group and caller
      this.clientConfig = new DataAzurermClientConfig(this, 'client');
      // Derived names fit their limits however long the construct id (resource groups 90,
      // user-assigned identities 128, private endpoints 64): a name that fits is kept as it is.
      const rgName = props.resourceGroupName ?? fitName(`rg-${id}-${env}`, 90);
      if (props.createResourceGroup ?? true) {
        claimInSubscription(
          this,
          'resource group',
          rgName,
          props.resourceGroupName !== undefined ? 'resourceGroupName' : 'environment',
        );
        this.resourceGroup = new ResourceGroup(this, 'rg', { name: rgName, location });
        applyRemovalPolicy(this.resourceGroup, removal);
        this.resourceGroupName = this.resourceGroup.name;
        this.resourceGroupId = this.resourceGroup.id;
      } else {
        const rg = new DataAzurermResourceGroup(this, 'existing-rg', { name: rgName });
        this.resourceGroupName = rg.name;
        this.resourceGroupId = rg.id;
      }
      const rg = this.resourceGroupName;
      if (!isToken(rgName)) {
        registerResourceGroupName(this, rg, rgName);
        registerResourceGroupName(this, this.resourceGroupId, rgName);
      }
      const nameProp = 'environment';
      claimInResourceGroup(
        this,
        'machine learning workspace',
        rg,
        wsName,
        props.workspaceName !== undefined ? 'workspaceName' : nameProp,
      );

      // ---- identities
      const identity = (iid: string, prefix: string) => {
        const name = fitName(`${prefix}-${id}-${env}`, 128);
        claimInResourceGroup(this, 'user-assigned identity', rg, name, nameProp);
        return new UserAssignedIdentity(this, iid, { name, resourceGroupName: rg, location });
      };
      this.workspaceIdentity = identity('workspace-identity', 'id-mlw');
      this.cmkIdentity = identity('cmk-identity', 'id-cmk');
      this.trainingIdentity = identity('training-identity', 'id-train');

      // ---- network (X-05, AZ-06)
      this.network = new AzurePrivateNetwork(this, 'network', {
        resourceGroupName: rg,
        location,
        vnetCidr: net.vnetCidr,
        privateEndpointSubnetCidr: net.privateEndpointSubnetCidr,
        reservedCidrs: net.reservedCidrs,
        existingVirtualNetworkId: net.existingVirtualNetworkId,
        existingPrivateEndpointSubnetId: net.existingPrivateEndpointSubnetId,
        expectedEndpointAddresses: endpointAddresses(props),
      });

      // ---- keys (AZ-02, AZ-03, X-04): the CMK in a vault of its own; the workspace's secrets
      // in another vault, so nothing that reads or writes secrets can touch the key.
      let keyId: string;
      let keyScope: string;
      let keyVersionlessId: string;
      const cmkVaultId = byoKey ? enc.existingKeyVaultId! : undefined;
      if (byoKey) {
        keyId = enc.existingKeyId!;
        keyVersionlessId = enc.existingKeyVersionlessId!;
        keyScope = `${enc.existingKeyVaultId}/keys/${enc.existingKeyName}`;
      } else {
        this.keyVault = new HardenedKeyVault(this, 'key-vault', {
          resourceGroupName: rg,
          location,
          tenantId: this.clientConfig.tenantId,
          deployerPrincipalId: this.clientConfig.objectId,
          name: uniqueName(this, { prefix: `kv-${id}-${env}`, maxLength: 24 }),
          keyRotationDays: enc.keyRotationDays,
          allowedIpRanges: props.allowedIpRanges,
          removalPolicy: removal,
        });
        keyId = this.keyVault.keyId!;
        keyVersionlessId = this.keyVault.keyVersionlessId!;
        keyScope = this.keyVault.keyResourceId!;
      }
      this.cmkVaultId = cmkVaultId ?? this.keyVault!.vaultId;
      this.secretsVault = new HardenedKeyVault(this, 'secrets-vault', {
        resourceGroupName: rg,
        location,
        tenantId: this.clientConfig.tenantId,
        name: uniqueName(this, { prefix: `kvs-${id}-${env}`, maxLength: 24 }),
        createKey: false,
        allowedIpRanges: props.allowedIpRanges,
        removalPolicy: removal,
      });
      this.keyVaultId = this.secretsVault.vaultId;
      const keyGrant = (gid: string, principalId: string, description: string) =>
        grantRole(this, `key-user-${gid}`, {
          scope: keyScope,
          principalId,
          roleName: ROLES.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
          principalType: 'ServicePrincipal',
          description,
        });
      const cmkGrant = keyGrant(
        'cmk-identity',
        this.cmkIdentity.principalId,
        'Storage and registry use the platform CMK (AZ-02)',
      );
      const workspaceKeyGrant = keyGrant(
        'workspace-identity',
        this.workspaceIdentity.principalId,
        'The workspace uses the platform CMK (AZ-02)',
      );
      // The workspace's Microsoft-managed Cosmos DB wraps its data key with the CMK through the
      // tenant's Azure Cosmos DB service principal (Microsoft's Azure ML CMK how-to).
      this.cosmosDbKeyGrant = keyGrant(
        'cosmos-db',
        enc.cosmosDbPrincipalObjectId!,
        `Azure Cosmos DB (app ${COSMOS_DB_APP_ID}) wraps the workspace metadata key (AZ-02)`,
      );
      this.rbacWaits.cmk = rbacPropagationWait(this, 'cmk-rbac-wait', [cmkGrant]);

      // ---- storage (AZ-04) and registry (AZ-05), CMK through the cmk identity, after its grant
      this.storage = new AzureSecureStorageAccount(this, 'storage', {
        resourceGroupName: rg,
        location,
        name: uniqueName(this, { prefix: `st${id}${env}`, maxLength: 24, alphanumericOnly: true }),
        replicationType: props.storageReplicationType,
        customerManagedKeyId: keyVersionlessId,
        customerManagedKeyIdentityId: this.cmkIdentity.id,
        allowedIpRanges: props.allowedIpRanges,
        containers: dataContainers,
        dependsOn: [this.rbacWaits.cmk],
        removalPolicy: removal,
      });
      this.containerRegistry = new AzureSecureContainerRegistry(this, 'registry', {
        resourceGroupName: rg,
        location,
        name: uniqueName(this, { prefix: `cr${id}${env}`, maxLength: 50, alphanumericOnly: true }),
        customerManagedKeyId: keyVersionlessId,
        customerManagedKeyIdentityId: this.cmkIdentity.id,
        customerManagedKeyIdentityClientId: this.cmkIdentity.clientId,
        quarantineScannerPrincipalId: props.registryQuarantineScannerPrincipalId,
        dependsOn: [this.rbacWaits.cmk],
        removalPolicy: removal,
      });

      // ---- monitoring (AZ-11): Log Analytics and Application Insights behind an AMPLS
      this.diagnostics = new AzureDiagnostics(this, 'monitoring', {
        resourceGroupName: rg,
        location,
        existingLogAnalyticsWorkspaceId: props.existingLogAnalyticsWorkspaceId,
        retentionInDays: props.logRetentionDays,
        removalPolicy: removal,
        // Linked to a scope whenever one is wanted: created here, or the existing (hub) one.
        privateLinkScope: props.monitorPrivateLinkScope ?? true,
        existingPrivateLinkScope: props.existingMonitorPrivateLinkScope,
      });

      // ---- the workspace identity, least privilege, BEFORE the workspace exists (a
      // user-assigned identity gets nothing from Azure ML). Instead of Microsoft's documented
      // Contributor on every dependency plus Key Vault Administrator: a custom role with the
      // control-plane actions the workspace uses (WORKSPACE_IDENTITY_ACTIONS), the data roles it
      // needs, and the network approver role Microsoft documents for a managed VNet.
      const wsPrincipal = this.workspaceIdentity.principalId;
      const storageId = this.storage.account.id;
      const registryId = this.containerRegistry.registry.id;
      const identityRoleName = `${id}-${env} ML Workspace Identity (${uniqueSuffix(this)})`;
      claimInSubscription(
        this,
        'custom role definition (role names are unique in the Entra tenant)',
        identityRoleName,
        'environment',
      );
      this.workspaceIdentityRole = new RoleDefinition(this, 'workspace-identity-role', {
        name: identityRoleName,
        description:
          'Azure ML workspace identity on its own dependencies: read them, create its system containers and file shares, pull and push images, manage its workspace; no network, key or firewall changes',
        scope: this.resourceGroupId,
        assignableScopes: [this.resourceGroupId],
        permissions: [{ actions: WORKSPACE_IDENTITY_ACTIONS, notActions: [] }],
      });
      const wsGrant = (
        gid: string,
        scopeId: string,
        role: { name?: string; id?: string },
        condition?: string,
      ) => {
        const g = grantRole(this, `workspace-identity-${gid}`, {
          scope: scopeId,
          principalId: wsPrincipal,
          roleName: role.name,
          roleDefinitionId: role.id,
          principalType: 'ServicePrincipal',
          description: 'Azure ML workspace identity on its own dependent resource (AZ-01)',
          condition,
        });
        this.workspaceIdentityGrants.push(g);
        return g;
      };
      const wsRole = { id: this.workspaceIdentityRole.roleDefinitionResourceId };
      wsGrant('storage', storageId, wsRole);
      // Blob data on the account for the system containers (their names are chosen by Azure ML),
      // never on the platform's data containers: readers of the workspace act through this
      // identity (AZ-09, data roles on data containers only).
      wsGrant(
        'storage-blob-data',
        storageId,
        { name: ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR },
        dataContainers.length > 0 ? excludeContainersCondition(dataContainers) : undefined,
      );
      wsGrant('storage-file-data', storageId, {
        name: ROLES.STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR,
      });
      wsGrant('registry', registryId, wsRole);
      wsGrant('app-insights', this.diagnostics.applicationInsights.id, wsRole);
      wsGrant('secrets-vault', this.keyVaultId, wsRole);
      wsGrant('secrets-vault-secrets', this.keyVaultId, { name: ROLES.KEY_VAULT_SECRETS_OFFICER });
      wsGrant('network-approver', this.resourceGroupId, {
        name: ROLES.AZURE_AI_ENTERPRISE_NETWORK_CONNECTION_APPROVER,
      });
      // ---- private endpoints (AZ-06); zones created once per name and shared. Storage first:
      // the workspace identity's Reader on them is part of what the workspace waits for.
      const zones: { [zone: string]: string } = {};
      const link = (key: string, target: string, subresource: string) => {
        const set = new PrivateLinkSet(this, `pe-${key}`, {
          resourceGroupName: rg,
          location,
          subnetId: this.network.privateEndpointSubnetId,
          targetResourceId: target,
          subresource,
          name: fitName(`pe-${id}-${env}-${key}`, 64),
          privateDnsZoneIds: net.privateDnsZoneIds,
          sharedZoneIds: { ...zones },
          virtualNetworkIds: [this.network.virtualNetworkId],
        });
        for (const [z, zone] of Object.entries(set.zones)) zones[z] = zone.id;
        this.privateLinks[key] = set;
        return set;
      };
      const blob = link('blob', storageId, 'blob');
      const file = link('file', storageId, 'file');
      // Microsoft: with the storage account's public access off, the workspace identity needs
      // Reader on the blob and file endpoints in the client network (studio data access).
      wsGrant('pe-blob-reader', blob.endpoint.id, { name: ROLES.READER });
      wsGrant('pe-file-reader', file.endpoint.id, { name: ROLES.READER });
      this.rbacWaits.workspace = rbacPropagationWait(this, 'workspace-rbac-wait', [
        ...this.workspaceIdentityGrants,
        workspaceKeyGrant,
        this.cosmosDbKeyGrant,
      ]);

      // ---- the workspace (AZ-01, AZ-02, AZ-07)
      this.workspace = new MachineLearningWorkspace(this, 'workspace', {
        name: wsName,
        location,
        resourceGroupName: rg,
        applicationInsightsId: this.diagnostics.applicationInsights.id,
        keyVaultId: this.keyVaultId,
        storageAccountId: storageId,
        containerRegistryId: registryId,
        skuName: 'Basic',
        publicNetworkAccessEnabled: false,
        highBusinessImpact: props.highBusinessImpact ?? true,
        v1LegacyModeEnabled: false,
        identity: {
          type: props.systemAssignedIdentity ? 'SystemAssigned, UserAssigned' : 'UserAssigned',
          identityIds: [this.workspaceIdentity.id],
        },
        primaryUserAssignedIdentity: this.workspaceIdentity.id,
        encryption: {
          keyVaultId: this.cmkVaultId,
          keyId,
          userAssignedIdentityId: this.workspaceIdentity.id,
        },
        managedNetwork: { isolationMode: isolation, provisionOnCreationEnabled: true },
        // No serverless_compute block: with public network access off and no subnet, azurerm
        // rejects public_ip_enabled = false at create (machine_learning_workspace_resource.go);
        // serverless compute runs in the managed VNet (AZ-07), which keeps it private.
        imageBuildComputeName: imageBuild,
        dependsOn: [this.rbacWaits.workspace],
      });
      applyRemovalPolicy(this.workspace, removal);
      // The workspace keeps the key version it was created with (azurerm 4.55 cannot update
      // `encryption`, a change forces replacement): Key Vault rotation must not plan one. The
      // README (Azure, key rotation) shows how a rotated version reaches the workspace.
      this.workspace.lifecycle = {
        ...(this.workspace.lifecycle ?? {}),
        ignoreChanges: ['encryption[0].key_id'],
      };
      wsGrant('workspace', this.workspace.id, wsRole);

      // ---- system datastores use the workspace identity, not account keys (shared keys are
      // off, AZ-04). azurerm 4.55 has no attribute for it (4.77 added storage_account_access_type).
      this.systemDatastoresAuth = new AzapiUpdateResource(this, 'system-datastores-identity', {
        type: `Microsoft.MachineLearningServices/workspaces@${ML_API_VERSION}`,
        resourceId: this.workspace.id,
        body: { properties: { systemDatastoresAuthMode: 'Identity' } },
      });
      requireAzapiProvider(this);

      // ---- private endpoints of the workspace and its vaults, registry and Azure Monitor (AZ-06)
      link('workspace', this.workspace.id, 'amlworkspace');
      link('registry', registryId, 'registry');
      if (!byoKey) link('vault', this.cmkVaultId, 'vault');
      link('secrets-vault', this.keyVaultId, 'vault');
      if (this.diagnostics.privateLinkScopeId) {
        link('monitor', this.diagnostics.privateLinkScopeId, 'azuremonitor');
      }

      // ---- managed VNet outbound rules (AZ-07)
      for (const r of rules) {
        if (r.fqdn !== undefined) {
          this.outboundRules[r.name] = new MachineLearningWorkspaceNetworkOutboundRuleFqdn(
            this,
            `outbound-${r.name}`,
            {
              name: r.name,
              workspaceId: this.workspace.id,
              destinationFqdn: r.fqdn,
            },
          );
          if (r.internetEgressReason !== undefined)
            Compliance.suppress(
              this.outboundRules[r.name],
              'AZ-07.outbound-internet',
              r.internetEgressReason,
            );
        } else if (r.serviceTag !== undefined) {
          this.outboundRules[r.name] = new MachineLearningWorkspaceNetworkOutboundRuleServiceTag(
            this,
            `outbound-${r.name}`,
            {
              name: r.name,
              workspaceId: this.workspace.id,
              serviceTag: r.serviceTag,
              protocol: r.protocol ?? 'TCP',
              portRanges: r.portRanges ?? '443',
            },
          );
          if (r.internetEgressReason !== undefined)
            Compliance.suppress(
              this.outboundRules[r.name],
              'AZ-07.outbound-internet',
              r.internetEgressReason,
            );
        } else {
          this.outboundRules[r.name] =
            new MachineLearningWorkspaceNetworkOutboundRulePrivateEndpoint(
              this,
              `outbound-${r.name}`,
              {
                name: r.name,
                workspaceId: this.workspace.id,
                serviceResourceId: r.serviceResourceId!,
                subResourceTarget: r.subResourceTarget!,
              },
            );
        }
      }

      // ---- credential-less datastores for the data containers: no account key, no SAS, no
      // workspace identity. Studio and notebooks use the caller's own identity, jobs the
      // compute's (TRAINING); reader personas cannot read data through the workspace.
      for (const c of dataContainers) {
        this.datastores[c] = new AzapiResource(this, `datastore-${c}`, {
          type: `Microsoft.MachineLearningServices/workspaces/datastores@${ML_API_VERSION}`,
          name: c.replace(/-/g, '_'),
          parentId: this.workspace.id,
          body: {
            properties: {
              datastoreType: 'AzureBlob',
              accountName: this.storage.account.name,
              containerName: c,
              endpoint: 'core.windows.net',
              protocol: 'https',
              serviceDataAccessAuthIdentity: 'None',
              credentials: { credentialsType: 'None' },
              description: `Credential-less datastore for container ${c} (the caller's identity)`,
            },
          },
          dependsOn: [this.storage.containers[c]],
        });
      }

      // ---- personas (AZ-09, X-01..X-03); the training identity is always TRAINING
      // One token for the principal: every attribute read makes a new token string.
      const trainingPrincipal = this.trainingIdentity.principalId;
      const personas: { [persona: string]: string[] } = { ...(props.personas ?? {}) };
      personas[Persona.TRAINING] = [...(personas[Persona.TRAINING] ?? []), trainingPrincipal];
      this.rbac = new AzurePersonaRbac(this, 'rbac', {
        personas,
        sodExceptions: props.sodExceptions,
        workspaceId: this.workspace.id,
        resourceGroupId: this.resourceGroupId,
        dataContainerIds: dataContainers.map((c) => this.storage.containerScope(c)),
        logAnalyticsWorkspaceId: this.diagnostics.logAnalyticsWorkspaceId,
        containerRegistryId: registryId,
        endpointAuthMode: this.endpointAuthMode,
        customRoles: props.customRoles,
        managedIdentityPrincipalIds: [trainingPrincipal],
        roleNamePrefix: `${id}-${env}`,
      });

      // ---- compute (AZ-08), after its identity's roles have propagated
      this.rbacWaits.training = rbacPropagationWait(
        this,
        'training-rbac-wait',
        this.rbac.assignmentsOf(trainingPrincipal),
      );
      this.compute = new AzureMlCompute(this, 'compute', {
        workspaceId: this.workspace.id,
        location,
        tenantId: this.clientConfig.tenantId,
        clusters,
        instances: props.computeInstances,
        clusterIdentityId: this.trainingIdentity.id,
        dependsOn: [this.rbacWaits.training, this.systemDatastoresAuth],
      });

      // ---- diagnostic settings (AZ-11), subscription Activity Log (X-06)
      const d = this.diagnostics;
      d.ship('diag-workspace', this.workspace.id);
      d.ship('diag-storage', storageId, false, true);
      d.ship('diag-storage-blob', `${storageId}/blobServices/default`);
      d.ship('diag-storage-file', `${storageId}/fileServices/default`);
      d.ship('diag-registry', registryId);
      if (!byoKey) d.ship('diag-key-vault', this.cmkVaultId);
      d.ship('diag-secrets-vault', this.keyVaultId);
      if (props.activityLogExport ?? true) {
        claimCapacity(
          this,
          'subscription diagnostic settings (the Activity Log export, activityLogExport)',
          subscriptionScope(this),
          5,
          'activityLogExport',
          'set activityLogExport: false on the platforms whose subscription Activity Log another platform already exports',
        );
        const subscription = new DataAzurermSubscription(this, 'subscription', {});
        this.activityLogExport = d.exportActivityLog(
          'activity-log',
          subscription.id,
          `diag-activity-log-${id}-${env}-${uniqueSuffix(this)}`,
        );
      }

      // ---- guardrails (AZ-12), locks (AZ-13), Defender (AZ-14)
      if (props.policies ?? true) {
        this.policyAssignments = new AzureMlPolicyAssignments(this, 'policies', {
          resourceGroupId: this.resourceGroupId,
          effect: props.policyEffect,
          isolationMode: isolation,
          namePrefix: `${id}-${env}`,
        });
      }
      // Controls turned off with a documented prop are recorded, not silent (X-11 report).
      if (props.highBusinessImpact === false) {
        Compliance.suppress(
          this.workspace,
          'AZ-01',
          'highBusinessImpact: false set explicitly on the platform (less diagnostic data protection)',
        );
      }
      if (props.activityLogExport === false) {
        Compliance.suppress(
          this,
          'AZ-11.activity-log',
          'activityLogExport: false set explicitly on the platform (the subscription Activity Log is exported elsewhere)',
        );
      }
      if (props.monitorPrivateLinkScope === false) {
        Compliance.suppress(
          this.diagnostics,
          'AZ-11.private-link',
          'monitorPrivateLinkScope: false set explicitly on the platform (Log Analytics and Application Insights keep public ingestion and query)',
        );
      }
      if (!(props.policies ?? true)) {
        Compliance.suppress(
          this,
          'AZ-12',
          'policies: false set explicitly on the platform (guardrail policies assigned elsewhere)',
        );
      }
      const locksOn = props.locks ?? removal !== RemovalPolicy.DESTROY;
      if (!locksOn) {
        Compliance.suppress(
          this,
          'AZ-13',
          removal === RemovalPolicy.DESTROY
            ? 'locks off because removalPolicy DESTROY set explicitly'
            : 'locks: false set explicitly on the platform',
        );
      }
      if (locksOn) {
        const resources: { [key: string]: string } = {
          workspace: this.workspace.id,
          storage: storageId,
          registry: registryId,
          'secrets-vault': this.keyVaultId,
        };
        if (!byoKey) resources['key-vault'] = this.cmkVaultId;
        this.locks = new AzureResourceLocks(this, 'locks', { resources });
      }
      if (props.defenderForContainers) {
        claimOnce(
          this,
          'the Defender for Containers plan (azurerm_security_center_subscription_pricing Containers)',
          subscriptionScope(this),
          'defenderForContainers',
          'set defenderForContainers on one platform of the subscription only (a second pricing resource for the same plan fights the first)',
        );
        this.defenderForContainers = new SecurityCenterSubscriptionPricing(
          this,
          'defender-containers',
          {
            tier: 'Standard',
            resourceType: 'Containers',
          },
        );
      }
      if (removal === RemovalPolicy.DESTROY) {
        Annotations.of(this).addWarning(
          'AZ-15: removalPolicy DESTROY. Destroyed workspaces (14 days) and Key Vaults (soft-delete retention) stay soft-deleted; names carry a stable suffix so re-creation under a new construct path does not collide. Purging is only done if you set the azurerm provider features (machine_learning.purge_soft_deleted_workspace_on_destroy, key_vault.purge_soft_delete_on_destroy) explicitly.',
        );
      }
    } finally {
      restoreStackTraces();
    }
  }
}
