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
import { Annotations, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Compliance } from '../core/compliance/compliance';
import { uniqueName, uniqueSuffix } from '../core/naming';
import { Persona } from '../core/personas';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { DataResidency } from '../core/residency';
import { lightStackTraces } from '../core/stack-traces';
import { Tagging } from '../core/tags';
import './profile';
import { azureLocationName } from './locations';
import { AzureSecurityAlerts } from './alerts';
import { AzapiResource, AzapiUpdateResource } from './azapi';
import { AzureMlCompute } from './compute';
import { AzureSecureContainerRegistry } from './container-registry';
import {
  ACTION_GROUP_REGIONS,
  ACTIVITY_LOG_ALERT_LOCATIONS,
  COSMOS_DB_APP_ID,
  excludeContainersCondition,
  ML_API_VERSION,
  mlWorkspaceDefaults,
  ROLES,
  WORKSPACE_IDENTITY_ACTIONS,
} from './defaults';
import { AzureDiagnosticSetting, AzureDiagnostics } from './diagnostics';
import { HardenedKeyVault, HardenedKeyVaultProps } from './key-vault';
import { AzureResourceLocks } from './locks';
import {
  datastoreConfig,
  DESTROY_WARNING,
  NO_ALERT_RECEIVERS,
  diagnosticTargets,
  disabledControls,
  fqdnRule,
  lockedResources,
  NO_IMAGE_BUILD_COMPUTE,
  privateEndpointRule,
  serviceTagRule,
  WorkspaceIdentityGrant,
  workspaceConfig,
  workspaceIdentityGrants,
} from './ml-workspace-config';
import { AzureMLWorkspaceProps } from './ml-workspace-props';
import { ResolvedAzureMLWorkspace, resolveAzureMLWorkspaceProps } from './ml-workspace-resolve';
import { AzurePrivateNetwork } from './network';
import { AzureEndpointAuthMode, AzurePersonaRbac } from './persona-rbac';
import { AzureMlPolicyAssignments } from './policy-assignments';
import { PrivateLinkSet } from './private-link';
import { requireAzapiProvider } from './provider-requirements';
import { grantRole, rbacPropagationWait } from './role-assignment';
import { AzureSecureStorageAccount } from './storage';
import {
  claimCapacity,
  claimInResourceGroup,
  claimInSubscription,
  claimOnce,
  fitName,
  registerResourceGroupName,
  subscriptionScope,
} from './validation';
import { isUnresolved } from '../core/errors';

export * from './ml-workspace-props';

/** What encryptionParts builds and computes. */
interface EncryptionParts {
  readonly keyVault?: HardenedKeyVault;
  readonly cmkVaultId: string;
  readonly secretsVault: HardenedKeyVault;
  readonly keyVaultId: string;
  readonly keyId: string;
  readonly keyVersionlessId: string;
  readonly cosmosDbKeyGrant: RoleAssignment;
  readonly workspaceKeyGrant: RoleAssignment;
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
  /** The online endpoints' user-assigned identity (`endpointIdentity`). */
  public readonly endpointIdentity?: UserAssignedIdentity;
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
  /** Security-change alerts (AZ-11; undefined when off). */
  public readonly securityAlerts?: AzureSecurityAlerts;
  /** Defender for Containers plan (undefined unless enabled). */
  public readonly defenderForContainers?: SecurityCenterSubscriptionPricing;
  /** Online endpoint authentication mode (AZ-10). */
  public readonly endpointAuthMode: AzureEndpointAuthMode;
  /** The resolved platform tags. */
  public readonly tags: { [key: string]: string };

  /** Private DNS zone ids by zone name, shared by the private endpoints. */
  private readonly dnsZones: { [zone: string]: string } = {};

  constructor(scope: Construct, id: string, props: AzureMLWorkspaceProps) {
    super(scope, id);
    // cdktf records a stack trace per token; skip formatting them while building (see stack-traces.ts).
    const restoreStackTraces = lightStackTraces();
    try {
      const c = resolveAzureMLWorkspaceProps(this, id, props);
      this.endpointAuthMode = c.endpointAuthMode;
      if (!c.imageBuild) Annotations.of(this).addWarning(NO_IMAGE_BUILD_COMPUTE);
      this.tags = Tagging.apply(this, c.env, c.tags);
      DataResidency.enforce(this, c.allowed, ['azurerm']);
      ({
        clientConfig: this.clientConfig,
        resourceGroup: this.resourceGroup,
        resourceGroupName: this.resourceGroupName,
        resourceGroupId: this.resourceGroupId,
      } = this.resourceGroupParts(c));
      ({
        workspaceIdentity: this.workspaceIdentity,
        cmkIdentity: this.cmkIdentity,
        trainingIdentity: this.trainingIdentity,
      } = this.identityParts(c));
      this.network = this.networkParts(c);
      const key = this.encryptionParts(c);
      ({
        keyVault: this.keyVault,
        cmkVaultId: this.cmkVaultId,
        secretsVault: this.secretsVault,
        keyVaultId: this.keyVaultId,
        cosmosDbKeyGrant: this.cosmosDbKeyGrant,
      } = key);
      ({ storage: this.storage, containerRegistry: this.containerRegistry } = this.storageParts(
        c,
        key,
      ));
      this.diagnostics = this.monitoringParts(c);
      this.workspaceIdentityRole = this.workspaceIdentityRoleParts(c);
      ({ workspace: this.workspace, systemDatastoresAuth: this.systemDatastoresAuth } =
        this.workspaceParts(c, key));
      this.outboundRuleParts(c);
      this.datastoreParts(c);
      const training = this.trainingIdentity.principalId;
      this.rbac = this.personaParts(c, training);
      if (c.props.endpointIdentity === true) this.endpointIdentity = this.endpointIdentityParts(c);
      this.compute = this.computeParts(c, training);
      this.activityLogExport = this.observabilityParts(c);
      ({
        policyAssignments: this.policyAssignments,
        locks: this.locks,
        defenderForContainers: this.defenderForContainers,
      } = this.guardrailParts(c));
      this.securityAlerts = this.alertParts(c);
    } finally {
      restoreStackTraces();
    }
  }

  /** The caller's client config and the resource group (created, or brought by name). */
  private resourceGroupParts(c: ResolvedAzureMLWorkspace) {
    const clientConfig = new DataAzurermClientConfig(this, 'client');
    let resourceGroup: ResourceGroup | undefined;
    let rg: { name: string; id: string };
    if (c.createResourceGroup) {
      claimInSubscription(
        this,
        'resource group',
        c.rgName,
        c.props.resourceGroupName !== undefined ? 'resourceGroupName' : 'environment',
      );
      resourceGroup = new ResourceGroup(this, 'rg', { name: c.rgName, location: c.location });
      applyRemovalPolicy(resourceGroup, c.removal);
      rg = resourceGroup;
    } else {
      rg = new DataAzurermResourceGroup(this, 'existing-rg', { name: c.rgName });
    }
    const resourceGroupName = rg.name;
    const resourceGroupId = rg.id;
    if (!isUnresolved(c.rgName)) {
      registerResourceGroupName(this, resourceGroupName, c.rgName);
      registerResourceGroupName(this, resourceGroupId, c.rgName);
    }
    claimInResourceGroup(
      this,
      'machine learning workspace',
      resourceGroupName,
      c.wsName,
      c.props.workspaceName !== undefined ? 'workspaceName' : 'environment',
    );
    return { clientConfig, resourceGroup, resourceGroupName, resourceGroupId };
  }

  /** The user-assigned identities of the workspace, of the CMK users and of training. */
  private identityParts(c: ResolvedAzureMLWorkspace) {
    return {
      workspaceIdentity: this.userAssignedIdentity(c, 'workspace-identity', 'id-mlw'),
      cmkIdentity: this.userAssignedIdentity(c, 'cmk-identity', 'id-cmk'),
      trainingIdentity: this.userAssignedIdentity(c, 'training-identity', 'id-train'),
    };
  }

  /** A user-assigned identity of the platform, its name claimed in the resource group. */
  private userAssignedIdentity(
    c: ResolvedAzureMLWorkspace,
    iid: string,
    prefix: string,
  ): UserAssignedIdentity {
    // Identity names fit 128 characters however long the construct id.
    const name = fitName(`${prefix}-${c.id}-${c.env}`, 128);
    claimInResourceGroup(
      this,
      'user-assigned identity',
      this.resourceGroupName,
      name,
      'environment',
    );
    return new UserAssignedIdentity(this, iid, {
      name,
      resourceGroupName: this.resourceGroupName,
      location: c.location,
    });
  }

  /**
   * The online endpoints' identity (AZ-09, AZ-10): it pulls the deployment's image (AcrPull on
   * the registry) and reads the model from the workspace's system containers (Storage Blob Data
   * Reader, conditioned to leave the data containers out), which Microsoft documents for a
   * user-assigned endpoint identity; Azure ML assigns a user-assigned one nothing. The
   * DEPLOYMENT principals attach it to the endpoints they create (Managed Identity Operator:
   * userAssignedIdentities/assign/action on this identity only).
   */
  private endpointIdentityParts(c: ResolvedAzureMLWorkspace): UserAssignedIdentity {
    const identity = this.userAssignedIdentity(c, 'endpoint-identity', 'id-ept');
    const workload = { principalId: identity.principalId, principalType: 'ServicePrincipal' };
    grantRole(this, 'endpoint-identity-acr-pull', {
      ...workload,
      scope: this.containerRegistry.registry.id,
      roleName: ROLES.ACR_PULL,
      description: 'Online endpoints pull their images (AZ-10)',
    });
    grantRole(this, 'endpoint-identity-blob-reader', {
      ...workload,
      scope: this.storage.account.id,
      roleName: ROLES.STORAGE_BLOB_DATA_READER,
      description: "Online endpoints read models from the workspace's system containers (AZ-10)",
      condition:
        c.dataContainers.length > 0 ? excludeContainersCondition(c.dataContainers) : undefined,
    });
    (c.props.personas?.[Persona.DEPLOYMENT] ?? []).forEach((principalId, i) =>
      grantRole(this, `endpoint-identity-operator-${i}`, {
        scope: identity.id,
        principalId,
        roleName: ROLES.MANAGED_IDENTITY_OPERATOR,
        description: 'The deployer attaches the endpoint identity to online endpoints (AZ-10)',
      }),
    );
    return identity;
  }

  /** The network for private endpoints (X-05, AZ-06). */
  private networkParts(c: ResolvedAzureMLWorkspace): AzurePrivateNetwork {
    return new AzurePrivateNetwork(this, 'network', {
      resourceGroupName: this.resourceGroupName,
      location: c.location,
      vnetCidr: c.net.vnetCidr,
      privateEndpointSubnetCidr: c.net.privateEndpointSubnetCidr,
      reservedCidrs: c.net.reservedCidrs,
      existingVirtualNetworkId: c.net.existingVirtualNetworkId,
      existingPrivateEndpointSubnetId: c.net.existingPrivateEndpointSubnetId,
      expectedEndpointAddresses: c.endpointAddresses,
    });
  }

  /**
   * Keys (AZ-02, AZ-03, X-04): the CMK in a vault of its own, the workspace's secrets in another
   * vault, so nothing that reads or writes secrets can touch the key. The key's users are known
   * before the vaults are built; their grants and the propagation wait follow the key.
   */
  private encryptionParts(c: ResolvedAzureMLWorkspace): EncryptionParts {
    const enc = c.enc;
    // The workspace's Microsoft-managed Cosmos DB wraps its data key with the CMK through the
    // tenant's Azure Cosmos DB service principal (Microsoft's Azure ML CMK how-to).
    const keyUsers = [
      {
        gid: 'cmk-identity',
        principalId: this.cmkIdentity.principalId,
        description: 'Storage and registry use the platform CMK (AZ-02)',
      },
      {
        gid: 'workspace-identity',
        principalId: this.workspaceIdentity.principalId,
        description: 'The workspace uses the platform CMK (AZ-02)',
      },
      {
        gid: 'cosmos-db',
        principalId: enc.cosmosDbPrincipalObjectId!,
        description: `Azure Cosmos DB (app ${COSMOS_DB_APP_ID}) wraps the workspace metadata key (AZ-02)`,
      },
    ];
    const vault = (vid: string, prefix: string, extra: Partial<HardenedKeyVaultProps>) =>
      new HardenedKeyVault(this, vid, {
        resourceGroupName: this.resourceGroupName,
        location: c.location,
        tenantId: this.clientConfig.tenantId,
        name: uniqueName(this, { prefix: `${prefix}-${c.id}-${c.env}`, maxLength: 24 }),
        allowedIpRanges: c.props.allowedIpRanges,
        removalPolicy: c.removal,
        ...extra,
      });
    const keyVault = c.byoKey
      ? undefined
      : vault('key-vault', 'kv', {
          deployerPrincipalId: this.clientConfig.objectId,
          keyRotationDays: enc.keyRotationDays,
        });
    const key = keyVault
      ? {
          id: keyVault.keyId!,
          versionless: keyVault.keyVersionlessId!,
          scope: keyVault.keyResourceId!,
        }
      : {
          id: enc.existingKeyId!,
          versionless: enc.existingKeyVersionlessId!,
          scope: `${enc.existingKeyVaultId}/keys/${enc.existingKeyName}`,
        };
    const cmkVaultId = keyVault ? keyVault.vaultId : enc.existingKeyVaultId!;
    const secretsVault = vault('secrets-vault', 'kvs', { createKey: false });
    const [cmkGrant, workspaceKeyGrant, cosmosDbKeyGrant] = keyUsers.map((u) =>
      grantRole(this, `key-user-${u.gid}`, {
        scope: key.scope,
        principalId: u.principalId,
        roleName: ROLES.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
        principalType: 'ServicePrincipal',
        description: u.description,
      }),
    );
    this.rbacWaits.cmk = rbacPropagationWait(this, 'cmk-rbac-wait', [cmkGrant]);
    return {
      keyVault,
      cmkVaultId,
      secretsVault,
      keyVaultId: secretsVault.vaultId,
      keyId: key.id,
      keyVersionlessId: key.versionless,
      cosmosDbKeyGrant,
      workspaceKeyGrant,
    };
  }

  /** Storage (AZ-04) and registry (AZ-05), CMK through the cmk identity, after its grant. */
  private storageParts(c: ResolvedAzureMLWorkspace, key: EncryptionParts) {
    const common = {
      resourceGroupName: this.resourceGroupName,
      location: c.location,
      customerManagedKey: {
        keyId: key.keyVersionlessId,
        userAssignedIdentityId: this.cmkIdentity.id,
        userAssignedIdentityClientId: this.cmkIdentity.clientId,
      },
      dependsOn: [this.rbacWaits.cmk],
      removalPolicy: c.removal,
    };
    const name = (prefix: string, maxLength: number) =>
      uniqueName(this, { prefix: `${prefix}${c.id}${c.env}`, maxLength, alphanumericOnly: true });
    const storage = new AzureSecureStorageAccount(this, 'storage', {
      ...common,
      name: name('st', 24),
      replicationType: c.props.storageReplicationType,
      allowedIpRanges: c.props.allowedIpRanges,
      containers: c.dataContainers,
    });
    const containerRegistry = new AzureSecureContainerRegistry(this, 'registry', {
      ...common,
      name: name('cr', 50),
      quarantineScannerPrincipalId: c.props.registryQuarantineScannerPrincipalId,
    });
    return { storage, containerRegistry };
  }

  /** Monitoring (AZ-11): Log Analytics and Application Insights behind an AMPLS. */
  private monitoringParts(c: ResolvedAzureMLWorkspace): AzureDiagnostics {
    return new AzureDiagnostics(this, 'monitoring', {
      resourceGroupName: this.resourceGroupName,
      location: c.location,
      existingLogAnalyticsWorkspaceId: c.props.existingLogAnalyticsWorkspaceId,
      retentionInDays: c.props.logRetentionDays,
      removalPolicy: c.removal,
      // Linked to a scope whenever one is wanted: created here, or the existing (hub) one.
      privateLinkScope: c.monitorPrivateLinkScope,
      existingPrivateLinkScope: c.props.existingMonitorPrivateLinkScope,
    });
  }

  /**
   * The workspace identity, least privilege, BEFORE the workspace exists (a user-assigned
   * identity gets nothing from Azure ML). Instead of Microsoft's documented Contributor on every
   * dependency plus Key Vault Administrator: a custom role with the control-plane actions the
   * workspace uses (WORKSPACE_IDENTITY_ACTIONS), the data roles it needs, and the network
   * approver role Microsoft documents for a managed VNet.
   */
  private workspaceIdentityRoleParts(c: ResolvedAzureMLWorkspace): RoleDefinition {
    const roleName = `${c.id}-${c.env} ML Workspace Identity (${uniqueSuffix(this)})`;
    claimInSubscription(
      this,
      'custom role definition (role names are unique in the Entra tenant)',
      roleName,
      'environment',
    );
    const role = new RoleDefinition(this, 'workspace-identity-role', {
      name: roleName,
      description:
        'Azure ML workspace identity on its own dependencies: read them, create its system containers and file shares, pull and push images, manage its workspace; no network, key or firewall changes',
      scope: this.resourceGroupId,
      assignableScopes: [this.resourceGroupId],
      permissions: [{ actions: WORKSPACE_IDENTITY_ACTIONS, notActions: [] }],
    });
    this.grantWorkspaceIdentity(
      workspaceIdentityGrants({
        role: role.roleDefinitionResourceId,
        storageId: this.storage.account.id,
        registryId: this.containerRegistry.registry.id,
        applicationInsightsId: this.diagnostics.applicationInsights.id,
        secretsVaultId: this.keyVaultId,
        resourceGroupId: this.resourceGroupId,
        dataContainers: c.dataContainers,
      }),
    );
    return role;
  }

  /** Role assignments of the workspace identity, recorded in workspaceIdentityGrants. */
  private grantWorkspaceIdentity(grants: WorkspaceIdentityGrant[]): void {
    const principalId = this.workspaceIdentity.principalId;
    for (const g of grants) {
      this.workspaceIdentityGrants.push(
        grantRole(this, `workspace-identity-${g.gid}`, {
          scope: g.scope,
          principalId,
          roleName: g.roleName,
          roleDefinitionId: g.roleDefinitionId,
          principalType: 'ServicePrincipal',
          description: 'Azure ML workspace identity on its own dependent resource (AZ-01)',
          condition: g.condition,
        }),
      );
    }
  }

  /** A private endpoint (AZ-06); zones are created once per name and shared. */
  private link(c: ResolvedAzureMLWorkspace, key: string, target: string, subresource: string) {
    const set = new PrivateLinkSet(this, `pe-${key}`, {
      resourceGroupName: this.resourceGroupName,
      location: c.location,
      subnetId: this.network.privateEndpointSubnetId,
      targetResourceId: target,
      subresource,
      name: fitName(`pe-${c.id}-${c.env}-${key}`, 64),
      privateDnsZoneIds: c.net.privateDnsZoneIds,
      sharedZoneIds: { ...this.dnsZones },
      virtualNetworkIds: [this.network.virtualNetworkId],
    });
    for (const [z, zone] of Object.entries(set.zones)) this.dnsZones[z] = zone.id;
    this.privateLinks[key] = set;
    return set;
  }

  /**
   * The workspace (AZ-01, AZ-02, AZ-07), after the storage endpoints and every grant it needs,
   * then the private endpoints of the workspace, its vaults, registry and Azure Monitor.
   */
  private workspaceParts(c: ResolvedAzureMLWorkspace, key: EncryptionParts) {
    const storageId = this.storage.account.id;
    const registryId = this.containerRegistry.registry.id;
    // Storage endpoints first. Microsoft: with the storage account's public access off, the
    // workspace identity needs Reader on the blob and file endpoints in the client network.
    const blob = this.link(c, 'blob', storageId, 'blob');
    const file = this.link(c, 'file', storageId, 'file');
    this.grantWorkspaceIdentity([
      { gid: 'pe-blob-reader', scope: blob.endpoint.id, roleName: ROLES.READER },
      { gid: 'pe-file-reader', scope: file.endpoint.id, roleName: ROLES.READER },
    ]);
    this.rbacWaits.workspace = rbacPropagationWait(this, 'workspace-rbac-wait', [
      ...this.workspaceIdentityGrants,
      key.workspaceKeyGrant,
      key.cosmosDbKeyGrant,
    ]);
    const workspace = new MachineLearningWorkspace(this, 'workspace', {
      ...workspaceConfig(c, {
        resourceGroupName: this.resourceGroupName,
        applicationInsightsId: this.diagnostics.applicationInsights.id,
        keyVaultId: this.keyVaultId,
        storageAccountId: storageId,
        containerRegistryId: registryId,
        identityId: this.workspaceIdentity.id,
        cmkVaultId: this.cmkVaultId,
        keyId: key.keyId,
      }),
      dependsOn: [this.rbacWaits.workspace],
    });
    applyRemovalPolicy(workspace, c.removal);
    // The workspace keeps the key version it was created with (azurerm 4.55 cannot update
    // `encryption`, a change forces replacement): Key Vault rotation must not plan one. The
    // README (Azure, key rotation) shows how a rotated version reaches the workspace.
    workspace.lifecycle = {
      ...(workspace.lifecycle ?? {}),
      ignoreChanges: ['encryption[0].key_id'],
    };
    this.grantWorkspaceIdentity([
      {
        gid: 'workspace',
        scope: workspace.id,
        roleDefinitionId: this.workspaceIdentityRole.roleDefinitionResourceId,
      },
    ]);
    // System datastores use the workspace identity, not account keys (shared keys are off,
    // AZ-04). azurerm 4.55 has no attribute for it (4.77 added storage_account_access_type).
    const systemDatastoresAuth = new AzapiUpdateResource(this, 'system-datastores-identity', {
      type: `Microsoft.MachineLearningServices/workspaces@${ML_API_VERSION}`,
      resourceId: workspace.id,
      body: { properties: { systemDatastoresAuthMode: 'Identity' } },
    });
    requireAzapiProvider(this);
    this.link(c, 'workspace', workspace.id, 'amlworkspace');
    this.link(c, 'registry', registryId, 'registry');
    if (!c.byoKey) this.link(c, 'vault', this.cmkVaultId, 'vault');
    this.link(c, 'secrets-vault', this.keyVaultId, 'vault');
    if (this.diagnostics.privateLinkScopeId) {
      this.link(c, 'monitor', this.diagnostics.privateLinkScopeId, 'azuremonitor');
    }
    return { workspace, systemDatastoresAuth };
  }

  /** Managed VNet outbound rules (AZ-07); an acknowledged internet-wide rule is a recorded suppression. */
  private outboundRuleParts(c: ResolvedAzureMLWorkspace): void {
    const workspaceId = this.workspace.id;
    // Azure keeps the rules in the workspace's managed network: rules written at the same time
    // (or with the workspace update) drop each other, so each waits for the previous write
    let previous: ITerraformDependable = this.systemDatastoresAuth;
    for (const r of c.rules) {
      const oid = `outbound-${r.name}`;
      const after = { dependsOn: [previous] };
      const rule =
        r.fqdn !== undefined
          ? new MachineLearningWorkspaceNetworkOutboundRuleFqdn(this, oid, {
              ...fqdnRule(r, workspaceId),
              ...after,
            })
          : r.serviceTag !== undefined
            ? new MachineLearningWorkspaceNetworkOutboundRuleServiceTag(this, oid, {
                ...serviceTagRule(r, workspaceId),
                ...after,
              })
            : new MachineLearningWorkspaceNetworkOutboundRulePrivateEndpoint(this, oid, {
                ...privateEndpointRule(r, workspaceId),
                ...after,
              });
      previous = rule;
      this.outboundRules[r.name] = rule;
      if (r.internetEgressReason !== undefined && r.serviceResourceId === undefined)
        Compliance.suppress(rule, 'AZ-07.outbound-internet', r.internetEgressReason);
    }
  }

  /**
   * Credential-less datastores for the data containers: no account key, no SAS, no workspace
   * identity. Studio and notebooks use the caller's own identity, jobs the compute's (TRAINING);
   * reader personas cannot read data through the workspace.
   */
  private datastoreParts(c: ResolvedAzureMLWorkspace): void {
    for (const container of c.dataContainers) {
      this.datastores[container] = new AzapiResource(this, `datastore-${container}`, {
        ...datastoreConfig(this.workspace.id, this.storage.account.name, container),
        dependsOn: [this.storage.containers[container]],
      });
    }
  }

  /** Personas (AZ-09, X-01..X-03); the training identity is always TRAINING. */
  private personaParts(c: ResolvedAzureMLWorkspace, training: string): AzurePersonaRbac {
    const personas: { [persona: string]: string[] } = { ...(c.props.personas ?? {}) };
    personas[Persona.TRAINING] = [...(personas[Persona.TRAINING] ?? []), training];
    return new AzurePersonaRbac(this, 'rbac', {
      personas,
      sodExceptions: c.props.sodExceptions,
      workspaceId: this.workspace.id,
      resourceGroupId: this.resourceGroupId,
      dataContainerIds: c.dataContainers.map((name) => this.storage.containerScope(name)),
      workspaceStorageAccountId: this.storage.account.id,
      dataContainerNames: c.dataContainers,
      logAnalyticsWorkspaceId: this.diagnostics.logAnalyticsWorkspaceId,
      containerRegistryId: this.containerRegistry.registry.id,
      endpointAuthMode: this.endpointAuthMode,
      customRoles: c.props.customRoles,
      managedIdentityPrincipalIds: [training],
      roleNamePrefix: `${c.id}-${c.env}`,
    });
  }

  /** Compute (AZ-08), after its identity's roles have propagated. */
  private computeParts(c: ResolvedAzureMLWorkspace, training: string): AzureMlCompute {
    this.rbacWaits.training = rbacPropagationWait(
      this,
      'training-rbac-wait',
      this.rbac.assignmentsOf(training),
    );
    return new AzureMlCompute(this, 'compute', {
      workspaceId: this.workspace.id,
      location: c.location,
      tenantId: this.clientConfig.tenantId,
      clusters: c.clusters,
      instances: c.props.computeInstances,
      clusterIdentityId: this.trainingIdentity.id,
      dependsOn: [this.rbacWaits.training, this.systemDatastoresAuth],
    });
  }

  /** Diagnostic settings of every part (AZ-11) and the subscription Activity Log export. */
  private observabilityParts(c: ResolvedAzureMLWorkspace): AzureDiagnosticSetting | undefined {
    const storageId = this.storage.account.id;
    const targets = diagnosticTargets({
      workspaceId: this.workspace.id,
      storageId,
      registryId: this.containerRegistry.registry.id,
      cmkVaultId: c.byoKey ? undefined : this.cmkVaultId,
      secretsVaultId: this.keyVaultId,
    });
    for (const t of targets)
      this.diagnostics.ship(t.id, t.resourceId, t.logs, t.metrics, t.metricCategories);
    if (!c.activityLogExport) return undefined;
    claimCapacity(
      this,
      'subscription diagnostic settings (the Activity Log export, activityLogExport)',
      subscriptionScope(this),
      5,
      'activityLogExport',
      'set activityLogExport: false on the platforms whose subscription Activity Log another platform already exports',
    );
    const subscription = new DataAzurermSubscription(this, 'subscription', {});
    return this.diagnostics.exportActivityLog(
      'activity-log',
      subscription.id,
      `diag-activity-log-${c.id}-${c.env}-${uniqueSuffix(this)}`,
    );
  }

  /**
   * Guardrails (AZ-12), locks (AZ-13), Defender (AZ-14). Controls turned off with a documented
   * prop are recorded as suppressions, not silent (X-11 report).
   */
  private guardrailParts(c: ResolvedAzureMLWorkspace) {
    const policyAssignments = c.policies
      ? new AzureMlPolicyAssignments(this, 'policies', {
          resourceGroupId: this.resourceGroupId,
          effect: c.props.policyEffect,
          isolationMode: c.isolation,
          namePrefix: `${c.id}-${c.env}`,
          // the vaults and the account open public access behind their firewall exactly when
          // allowedIpRanges is given (HardenedKeyVault, AzureSecureStorageAccount)
          publicIpAllowList: (c.props.allowedIpRanges ?? []).length > 0,
        })
      : undefined;
    const targets = { workspace: this.workspace, diagnostics: this.diagnostics, platform: this };
    for (const s of disabledControls(c))
      Compliance.suppress(targets[s.target], s.control, s.reason);
    const locks = c.locks
      ? new AzureResourceLocks(this, 'locks', {
          resources: lockedResources({
            workspace: this.workspace.id,
            storage: this.storage.account.id,
            registry: this.containerRegistry.registry.id,
            'secrets-vault': this.keyVaultId,
            'key-vault': c.byoKey ? undefined : this.cmkVaultId,
            // the audit trail: its Log Analytics workspace, when the platform creates it
            logs: this.diagnostics.logAnalytics?.id,
          }),
          lock: c.props.lock,
        })
      : undefined;
    let defenderForContainers: SecurityCenterSubscriptionPricing | undefined;
    if (c.props.defenderForContainers) {
      claimOnce(
        this,
        'the Defender for Containers plan (azurerm_security_center_subscription_pricing Containers)',
        subscriptionScope(this),
        'defenderForContainers',
        'set defenderForContainers on one platform of the subscription only (a second pricing resource for the same plan fights the first)',
      );
      defenderForContainers = new SecurityCenterSubscriptionPricing(
        this,
        'defender-containers',
        mlWorkspaceDefaults().defenderPlan,
      );
    }
    if (c.removal === RemovalPolicy.DESTROY) Annotations.of(this).addWarning(DESTROY_WARNING);
    return { policyAssignments, locks, defenderForContainers };
  }

  /**
   * Security-change alerts (AZ-11) on the platform's resource group, and on the subscription
   * Activity Log export when the platform creates it. The alert rules and the action group live
   * in the platform's location where Azure runs them there (rules: westeurope, northeurope;
   * action groups: ACTION_GROUP_REGIONS), else in global.
   */
  private alertParts(c: ResolvedAzureMLWorkspace): AzureSecurityAlerts | undefined {
    if (!c.alerts) {
      if (c.props.alerts === undefined) Annotations.of(this).addWarning(NO_ALERT_RECEIVERS);
      return undefined;
    }
    const location = azureLocationName(c.location);
    const exported = this.activityLogExport?.setting;
    return new AzureSecurityAlerts(this, 'security-alerts', {
      resourceGroupName: this.resourceGroupName,
      scopes: [this.resourceGroupId],
      location: ACTIVITY_LOG_ALERT_LOCATIONS.includes(location) ? location : 'global',
      actionGroupLocation: ACTION_GROUP_REGIONS.includes(location) ? location : 'global',
      emails: c.props.alertEmails,
      existingActionGroupIds: c.props.alertActionGroupIds,
      namePrefix: `alert-${c.id}-${c.env}`,
      // the subscription Activity Log export this platform creates, watched at the subscription
      activityLogExport: exported && {
        subscriptionId: exported.targetResourceIdInput!,
        name: exported.nameInput!,
      },
    });
  }
}
