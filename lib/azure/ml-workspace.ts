import { lightStackTraces } from '../core/stack-traces';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { MachineLearningDatastoreBlobstorage } from '@cdktf/provider-azurerm/lib/machine-learning-datastore-blobstorage';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MachineLearningWorkspaceNetworkOutboundRuleFqdn } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-fqdn';
import { MachineLearningWorkspaceNetworkOutboundRulePrivateEndpoint } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-private-endpoint';
import { MachineLearningWorkspaceNetworkOutboundRuleServiceTag } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-service-tag';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { SecurityCenterSubscriptionPricing } from '@cdktf/provider-azurerm/lib/security-center-subscription-pricing';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Compliance } from '../core/compliance/compliance';
import { Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { Persona, SodException } from '../core/personas';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { PlatformTags, Tagging } from '../core/tags';
import { normalizeAzureLocation, Validate } from '../core/validate';
import { AzureComputeClusterSpec, AzureComputeInstanceSpec, AzureMlCompute } from './compute';
import { AzureSecureContainerRegistry } from './container-registry';
import { COMPUTE_DEFAULTS, ENDPOINT_IPS, ROLES } from './defaults';
import { AzureDiagnostics } from './diagnostics';
import { HardenedKeyVault } from './key-vault';
import { AzureResourceLocks } from './locks';
import { AzurePrivateNetwork } from './network';
import { AzureCustomRoleDefinition, AzureEndpointAuthMode, AzurePersonaRbac } from './persona-rbac';
import { AzureMlPolicyAssignments, AzurePolicyEffect } from './policy-assignments';
import { PrivateLinkSet } from './private-link';
import { grantRole } from './role-assignment';
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

/** Encryption options: bring your own Key Vault key instead of creating one. */
export interface AzureMlEncryptionOptions {
  /**
   * Existing Key Vault (resource id). It also becomes the workspace's secrets vault.
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
   * Rotation period of the created key, in days (1-365).
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
   * Locations every resource must be in.
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
   * Persona -> Entra object ids.
   * @default - none (the training identity the construct creates is always bound as TRAINING)
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * Reasoned segregation-of-duties exceptions.
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
   * Public IPv4 ranges (e.g. the Terraform runner) admitted by the Key Vault and storage firewalls; default action stays Deny.
   * @default - none: public network access off (run Terraform from inside the network)
   */
  readonly allowedIpRanges?: string[];
  /**
   * Storage replication.
   * @default 'ZRS'
   */
  readonly storageReplicationType?: string;
  /**
   * Tags.
   * @default - platform, environment, owner, data-classification, cost-center defaults
   */
  readonly tags?: PlatformTags;
  /**
   * What happens to stateful resources on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const OUTBOUND_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,63}$/;

/**
 * A secure Azure Machine Learning workspace with its dependent resources (s003, AZ-01..AZ-15):
 * user-assigned identity, public network off, HBI, CMK everywhere (workspace, storage,
 * registry), hardened Key Vault / storage / Premium registry, private endpoints with DNS,
 * managed VNet AllowOnlyApprovedOutbound, hardened compute, persona RBAC, monitoring,
 * Azure Policy guardrails and resource locks. Every part is a public property.
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
  /** The Key Vault and CMK (undefined when brought). */
  public readonly keyVault?: HardenedKeyVault;
  /** Key Vault id (created or brought). */
  public readonly keyVaultId: string;
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
  /** Identity-based datastores by container name. */
  public readonly datastores: { [container: string]: MachineLearningDatastoreBlobstorage } = {};
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
      const env = props.environment;
      const location = props.location;
      const allowed = props.allowedRegions ?? [location];
      const isolation =
        props.isolationMode ?? AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND;
      const removal = props.removalPolicy;
      const clusters = props.computeClusters ?? [
        {
          name: COMPUTE_DEFAULTS.clusterName,
          vmSize: COMPUTE_DEFAULTS.clusterVmSize,
          maxNodes: COMPUTE_DEFAULTS.clusterMaxNodes,
        },
      ];
      const dataContainers = props.dataContainers ?? ['training-data'];
      const enc = props.encryption ?? {};
      const byoKey = enc.existingKeyVaultId !== undefined;
      this.endpointAuthMode = props.endpointAuthMode ?? AzureEndpointAuthMode.AML_TOKEN;

      // ---- validation: one error for the whole construct
      const v = new Validator(this);
      v.require(
        /^[a-z0-9-]{1,16}$/.test(env ?? ''),
        'environment',
        env,
        '1-16 lowercase letters, digits and hyphens',
      );
      v.check('location', location, Validate.azureLocation(location));
      allowed.forEach((r, i) => v.check(`allowedRegions[${i}]`, r, Validate.azureLocation(r)));
      if (!Token.isUnresolved(location)) {
        v.require(
          allowed.map(normalizeAzureLocation).includes(normalizeAzureLocation(location)),
          'location',
          location,
          `a location in allowedRegions [${allowed.join(', ')}]`,
        );
      }
      const wsName =
        props.workspaceName ?? uniqueName(this, { prefix: `mlw-${id}-${env}`, maxLength: 33 });
      v.require(
        /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/.test(wsName) || Token.isUnresolved(wsName),
        'workspaceName',
        wsName,
        '3-33 letters, digits, hyphens and underscores, starting with a letter or digit',
      );
      if (props.resourceGroupName !== undefined) {
        v.check(
          'resourceGroupName',
          props.resourceGroupName,
          Validate.azureResourceName(props.resourceGroupName, 90),
        );
      }
      if (byoKey) {
        v.require(
          enc.existingKeyVaultPurgeProtection === true,
          'encryption.existingKeyVaultPurgeProtection',
          enc.existingKeyVaultPurgeProtection,
          'true: customer-managed keys require a Key Vault with purge protection (enable it on the vault, then confirm here)',
        );
        for (const k of ['existingKeyName', 'existingKeyId', 'existingKeyVersionlessId'] as const) {
          v.require(
            enc[k] !== undefined,
            `encryption.${k}`,
            enc[k],
            'set when encryption.existingKeyVaultId is set',
          );
        }
      } else {
        for (const k of ['existingKeyName', 'existingKeyId', 'existingKeyVersionlessId'] as const) {
          v.require(
            enc[k] === undefined,
            `encryption.${k}`,
            enc[k],
            'only with encryption.existingKeyVaultId',
          );
        }
      }
      const rawIsolation = isolation as string;
      v.require(
        Object.values(AzureManagedNetworkIsolation).includes(isolation),
        'isolationMode',
        rawIsolation,
        "AllowOnlyApprovedOutbound or AllowInternetOutbound (a managed network cannot be disabled once enabled, so 'Disabled' is not offered)",
      );
      const ruleNames = new Set<string>();
      (props.outboundRules ?? []).forEach((r, i) => {
        v.require(
          OUTBOUND_NAME.test(r.name ?? ''),
          `outboundRules[${i}].name`,
          r.name,
          '3-64 letters, digits, hyphens and underscores',
        );
        v.require(!ruleNames.has(r.name), `outboundRules[${i}].name`, r.name, 'a unique rule name');
        ruleNames.add(r.name);
        const kinds = [r.fqdn, r.serviceTag, r.serviceResourceId].filter(
          (x) => x !== undefined,
        ).length;
        v.require(
          kinds === 1,
          `outboundRules[${i}]`,
          r.name,
          'exactly one of fqdn, serviceTag, serviceResourceId',
        );
        if (r.fqdn !== undefined) {
          v.require(
            isolation === AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND,
            `outboundRules[${i}].fqdn`,
            r.fqdn,
            'FQDN rules only with isolationMode AllowOnlyApprovedOutbound',
          );
        }
        if (r.serviceResourceId !== undefined) {
          v.require(
            r.subResourceTarget !== undefined,
            `outboundRules[${i}].subResourceTarget`,
            r.subResourceTarget,
            "a sub-resource such as 'blob' with serviceResourceId",
          );
        }
        if (r.protocol !== undefined) {
          v.require(
            ['TCP', 'UDP', 'ICMP', '*'].includes(r.protocol),
            `outboundRules[${i}].protocol`,
            r.protocol,
            'TCP, UDP, ICMP or *',
          );
        }
      });
      const imageBuild = props.imageBuildComputeName ?? clusters[0]?.name;
      if (props.imageBuildComputeName !== undefined) {
        v.require(
          clusters.some((c) => c.name === props.imageBuildComputeName),
          'imageBuildComputeName',
          props.imageBuildComputeName,
          `one of the computeClusters: ${clusters.map((c) => c.name).join(', ') || '(none)'}`,
        );
      }
      v.throwIfInvalid();
      if (!imageBuild) {
        Annotations.of(this).addWarning(
          'AZ-07: no compute cluster, so no image-build compute is set; Azure ML falls back to serverless image builds in the managed VNet.',
        );
      }

      this.tags = Tagging.apply(this, env, props.tags);
      DataResidency.enforce(this, allowed);

      // ---- resource group and caller
      this.clientConfig = new DataAzurermClientConfig(this, 'client');
      const rgName = props.resourceGroupName ?? `rg-${id}-${env}`;
      if (props.createResourceGroup ?? true) {
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

      // ---- identities
      const identity = (iid: string, prefix: string) =>
        new UserAssignedIdentity(this, iid, {
          name: `${prefix}-${id}-${env}`,
          resourceGroupName: rg,
          location,
        });
      this.workspaceIdentity = identity('workspace-identity', 'id-mlw');
      this.cmkIdentity = identity('cmk-identity', 'id-cmk');
      this.trainingIdentity = identity('training-identity', 'id-train');

      // ---- network (X-05, AZ-06)
      const subresources = [
        'amlworkspace',
        'blob',
        'file',
        'registry',
        ...(byoKey ? [] : ['vault']),
      ];
      const net = props.network ?? {};
      this.network = new AzurePrivateNetwork(this, 'network', {
        resourceGroupName: rg,
        location,
        vnetCidr: net.vnetCidr,
        privateEndpointSubnetCidr: net.privateEndpointSubnetCidr,
        reservedCidrs: net.reservedCidrs,
        existingVirtualNetworkId: net.existingVirtualNetworkId,
        existingPrivateEndpointSubnetId: net.existingPrivateEndpointSubnetId,
        expectedEndpointAddresses: subresources.reduce((n, s) => n + (ENDPOINT_IPS[s] ?? 1), 0),
      });

      // ---- keys (AZ-02, AZ-03, X-04)
      let keyId: string;
      let keyVersionlessId: string;
      let keyScope: string;
      if (byoKey) {
        this.keyVaultId = enc.existingKeyVaultId!;
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
        this.keyVaultId = this.keyVault.vaultId;
        keyId = this.keyVault.keyId!;
        keyVersionlessId = this.keyVault.keyVersionlessId!;
        keyScope = this.keyVault.keyResourceId!;
      }
      const keyGrant = (gid: string, principalId: string) =>
        grantRole(this, `key-user-${gid}`, {
          scope: keyScope,
          principalId,
          roleName: ROLES.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
          principalType: 'ServicePrincipal',
          description: 'Uses the platform CMK for encryption at rest (AZ-02)',
        });
      const cmkGrant = keyGrant('cmk-identity', this.cmkIdentity.principalId);
      const workspaceKeyGrant = keyGrant('workspace-identity', this.workspaceIdentity.principalId);

      // ---- storage (AZ-04) and registry (AZ-05), CMK through the cmk identity
      this.storage = new AzureSecureStorageAccount(this, 'storage', {
        resourceGroupName: rg,
        location,
        name: uniqueName(this, { prefix: `st${id}${env}`, maxLength: 24, alphanumericOnly: true }),
        replicationType: props.storageReplicationType,
        customerManagedKeyId: keyVersionlessId,
        customerManagedKeyIdentityId: this.cmkIdentity.id,
        allowedIpRanges: props.allowedIpRanges,
        containers: dataContainers,
        dependsOn: [cmkGrant],
        removalPolicy: removal,
      });
      this.containerRegistry = new AzureSecureContainerRegistry(this, 'registry', {
        resourceGroupName: rg,
        location,
        name: uniqueName(this, { prefix: `cr${id}${env}`, maxLength: 50, alphanumericOnly: true }),
        customerManagedKeyId: keyVersionlessId,
        customerManagedKeyIdentityId: this.cmkIdentity.id,
        customerManagedKeyIdentityClientId: this.cmkIdentity.clientId,
        dependsOn: [cmkGrant],
        removalPolicy: removal,
      });

      // ---- monitoring (AZ-11)
      this.diagnostics = new AzureDiagnostics(this, 'monitoring', {
        resourceGroupName: rg,
        location,
        existingLogAnalyticsWorkspaceId: props.existingLogAnalyticsWorkspaceId,
        retentionInDays: props.logRetentionDays,
        removalPolicy: removal,
      });

      // ---- workspace identity on its dependent resources, BEFORE the workspace exists
      // (a user-assigned identity gets nothing from Azure ML; Microsoft documents these roles).
      const wsPrincipal = this.workspaceIdentity.principalId;
      const wsGrant = (gid: string, scopeId: string, role: string) => {
        const g = grantRole(this, `workspace-identity-${gid}`, {
          scope: scopeId,
          principalId: wsPrincipal,
          roleName: role,
          principalType: 'ServicePrincipal',
          description: 'Azure ML workspace identity on its own dependent resource (AZ-01)',
        });
        this.workspaceIdentityGrants.push(g);
        return g;
      };
      const storageId = this.storage.account.id;
      wsGrant('storage-contributor', storageId, ROLES.CONTRIBUTOR);
      wsGrant('storage-blob-data', storageId, ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR);
      wsGrant('storage-file-data', storageId, ROLES.STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR);
      wsGrant('registry-contributor', this.containerRegistry.registry.id, ROLES.CONTRIBUTOR);
      wsGrant(
        'app-insights-contributor',
        this.diagnostics.applicationInsights.id,
        ROLES.CONTRIBUTOR,
      );
      wsGrant('key-vault-contributor', this.keyVaultId, ROLES.CONTRIBUTOR);
      wsGrant('key-vault-administrator', this.keyVaultId, ROLES.KEY_VAULT_ADMINISTRATOR);

      // ---- the workspace (AZ-01, AZ-02, AZ-07)
      this.workspace = new MachineLearningWorkspace(this, 'workspace', {
        name: wsName,
        location,
        resourceGroupName: rg,
        applicationInsightsId: this.diagnostics.applicationInsights.id,
        keyVaultId: this.keyVaultId,
        storageAccountId: storageId,
        containerRegistryId: this.containerRegistry.registry.id,
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
          keyVaultId: this.keyVaultId,
          keyId,
          userAssignedIdentityId: this.workspaceIdentity.id,
        },
        managedNetwork: { isolationMode: isolation, provisionOnCreationEnabled: true },
        serverlessCompute: { publicIpEnabled: false },
        imageBuildComputeName: imageBuild,
        dependsOn: [...this.workspaceIdentityGrants, workspaceKeyGrant],
      });
      applyRemovalPolicy(this.workspace, removal);
      // The workspace keeps the key version it was created with: Key Vault auto-rotation must
      // not plan a replacement of the workspace (encryption is immutable in azurerm).
      this.workspace.lifecycle = {
        ...(this.workspace.lifecycle ?? {}),
        ignoreChanges: ['encryption[0].key_id'],
      };
      wsGrant('workspace-contributor', this.workspace.id, ROLES.CONTRIBUTOR);

      // ---- private endpoints (AZ-06)
      const link = (key: string, target: string, subresource: string) => {
        this.privateLinks[key] = new PrivateLinkSet(this, `pe-${key}`, {
          resourceGroupName: rg,
          location,
          subnetId: this.network.privateEndpointSubnetId,
          targetResourceId: target,
          subresource,
          name: `pe-${id}-${env}-${key}`,
          privateDnsZoneIds: net.privateDnsZoneIds,
          virtualNetworkIds: [this.network.virtualNetworkId],
        });
      };
      link('workspace', this.workspace.id, 'amlworkspace');
      link('blob', storageId, 'blob');
      link('file', storageId, 'file');
      link('registry', this.containerRegistry.registry.id, 'registry');
      if (!byoKey) link('vault', this.keyVaultId, 'vault');

      // ---- managed VNet outbound rules (AZ-07)
      for (const r of props.outboundRules ?? []) {
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

      // ---- identity-based datastores (shared keys are off, AZ-04)
      for (const c of dataContainers) {
        this.datastores[c] = new MachineLearningDatastoreBlobstorage(this, `datastore-${c}`, {
          name: c.replace(/-/g, '_'),
          workspaceId: this.workspace.id,
          storageContainerId: this.storage.containerScope(c),
          serviceDataAuthIdentity: 'WorkspaceUserAssignedIdentity',
          description: `Identity-based datastore for container ${c} (no account key, no SAS)`,
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
        containerRegistryId: this.containerRegistry.registry.id,
        endpointAuthMode: this.endpointAuthMode,
        customRoles: props.customRoles,
        managedIdentityPrincipalIds: [trainingPrincipal],
        roleNamePrefix: `${id}-${env}`,
      });

      // ---- compute (AZ-08), after its identity's roles exist
      this.compute = new AzureMlCompute(this, 'compute', {
        workspaceId: this.workspace.id,
        location,
        tenantId: this.clientConfig.tenantId,
        clusters,
        instances: props.computeInstances,
        clusterIdentityId: this.trainingIdentity.id,
        dependsOn: this.rbac.assignmentsOf(trainingPrincipal),
      });

      // ---- diagnostic settings (AZ-11)
      const d = this.diagnostics;
      d.ship('diag-workspace', this.workspace.id);
      d.ship('diag-storage', storageId, false, true);
      d.ship('diag-storage-blob', `${storageId}/blobServices/default`);
      d.ship('diag-storage-file', `${storageId}/fileServices/default`);
      d.ship('diag-registry', this.containerRegistry.registry.id);
      if (!byoKey) d.ship('diag-key-vault', this.keyVaultId);

      // ---- guardrails (AZ-12), locks (AZ-13), Defender (AZ-14)
      if (props.policies ?? true) {
        this.policyAssignments = new AzureMlPolicyAssignments(this, 'policies', {
          resourceGroupId: this.resourceGroupId,
          effect: props.policyEffect,
          isolationMode: isolation,
          namePrefix: `${id}-${env}`,
        });
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
          registry: this.containerRegistry.registry.id,
        };
        if (!byoKey) resources['key-vault'] = this.keyVaultId;
        this.locks = new AzureResourceLocks(this, 'locks', { resources });
      }
      if (props.defenderForContainers) {
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
