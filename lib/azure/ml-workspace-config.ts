// Pure configuration of the resources an AzureMLWorkspace creates, computed before they are
// built: role assignments, workspace attributes, outbound rules, datastores, diagnostic
// settings, locks and the controls recorded as turned off.
import { MachineLearningWorkspaceConfig } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MachineLearningWorkspaceNetworkOutboundRuleFqdnConfig } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-fqdn';
import { MachineLearningWorkspaceNetworkOutboundRulePrivateEndpointConfig } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-private-endpoint';
import { MachineLearningWorkspaceNetworkOutboundRuleServiceTagConfig } from '@cdktf/provider-azurerm/lib/machine-learning-workspace-network-outbound-rule-service-tag';
import { RemovalPolicy } from '../core/removal-policy';
import { AzapiResourceConfig } from './azapi';
import {
  excludeContainersCondition,
  ML_API_VERSION,
  mlWorkspaceDefaults,
  MONITORING_DEFAULTS,
  ROLES,
} from './defaults';
import { AzureOutboundRule } from './ml-workspace-props';
import { ResolvedAzureMLWorkspace } from './ml-workspace-resolve';

/** Warning when no compute cluster can build images. */
export const NO_IMAGE_BUILD_COMPUTE =
  'AZ-07: no compute cluster, so no image-build compute is set. With the registry private, Microsoft documents image builds only on a compute cluster (serverless builds need a registry without network restriction): custom environments will not build until a cluster is added and named in imageBuildComputeName.';

/** Warning when no one would be notified of security changes, so no alert is created (AZ-11). */
export const NO_ALERT_RECEIVERS =
  'No security-change alerts (AZ-11): role assignment, policy, lock, diagnostic setting, NSG and private endpoint changes alert no one. Pass alertEmails or alertActionGroupIds, or set alerts: false to silence this warning.';

/** Warning of removalPolicy DESTROY (AZ-15). */
export const DESTROY_WARNING =
  'AZ-15: removalPolicy DESTROY. Destroyed workspaces (14 days) and Key Vaults (soft-delete retention) stay soft-deleted; names carry a stable suffix so re-creation under a new construct path does not collide. Purging is only done if you set the azurerm provider features (machine_learning.purge_soft_deleted_workspace_on_destroy, key_vault.purge_soft_delete_on_destroy) explicitly.';

/** One role assignment of the workspace identity (construct id `workspace-identity-<gid>`). */
export interface WorkspaceIdentityGrant {
  readonly gid: string;
  readonly scope: string;
  readonly roleName?: string;
  readonly roleDefinitionId?: string;
  readonly condition?: string;
}

/** The resources the workspace identity works on before the workspace exists. */
export interface WorkspaceDependencies {
  /** Resource id of the workspace identity's custom role. */
  readonly role: string;
  readonly storageId: string;
  readonly registryId: string;
  readonly applicationInsightsId: string;
  readonly secretsVaultId: string;
  readonly resourceGroupId: string;
  readonly dataContainers: string[];
}

/**
 * The workspace identity's role assignments on its dependencies (AZ-01): the custom role on each,
 * blob data on the account for the system containers (their names are chosen by Azure ML), never
 * on the platform's data containers, since readers of the workspace act through this identity
 * (AZ-09, data roles on data containers only), file data, vault secrets, and the network approver.
 */
export function workspaceIdentityGrants(d: WorkspaceDependencies): WorkspaceIdentityGrant[] {
  return [
    { gid: 'storage', scope: d.storageId, roleDefinitionId: d.role },
    {
      gid: 'storage-blob-data',
      scope: d.storageId,
      roleName: ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR,
      condition:
        d.dataContainers.length > 0 ? excludeContainersCondition(d.dataContainers) : undefined,
    },
    {
      gid: 'storage-file-data',
      scope: d.storageId,
      roleName: ROLES.STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR,
    },
    { gid: 'registry', scope: d.registryId, roleDefinitionId: d.role },
    { gid: 'app-insights', scope: d.applicationInsightsId, roleDefinitionId: d.role },
    { gid: 'secrets-vault', scope: d.secretsVaultId, roleDefinitionId: d.role },
    {
      gid: 'secrets-vault-secrets',
      scope: d.secretsVaultId,
      roleName: ROLES.KEY_VAULT_SECRETS_OFFICER,
    },
    {
      gid: 'network-approver',
      scope: d.resourceGroupId,
      roleName: ROLES.AZURE_AI_ENTERPRISE_NETWORK_CONNECTION_APPROVER,
    },
  ];
}

/** The resources the workspace is built on. */
export interface WorkspaceRefs {
  readonly resourceGroupName: string;
  readonly applicationInsightsId: string;
  readonly keyVaultId: string;
  readonly storageAccountId: string;
  readonly containerRegistryId: string;
  /** The workspace's user-assigned identity. */
  readonly identityId: string;
  readonly cmkVaultId: string;
  /** Versioned CMK id. */
  readonly keyId: string;
}

/** The workspace (AZ-01, AZ-02, AZ-07): private, HBI, user-assigned identity, CMK, managed VNet. */
export function workspaceConfig(
  c: ResolvedAzureMLWorkspace,
  r: WorkspaceRefs,
): MachineLearningWorkspaceConfig {
  return {
    name: c.wsName,
    location: c.location,
    resourceGroupName: r.resourceGroupName,
    applicationInsightsId: r.applicationInsightsId,
    keyVaultId: r.keyVaultId,
    storageAccountId: r.storageAccountId,
    containerRegistryId: r.containerRegistryId,
    skuName: mlWorkspaceDefaults().workspaceSku,
    publicNetworkAccessEnabled: false,
    highBusinessImpact: c.highBusinessImpact,
    v1LegacyModeEnabled: false,
    identity: {
      type: c.props.systemAssignedIdentity ? 'SystemAssigned, UserAssigned' : 'UserAssigned',
      identityIds: [r.identityId],
    },
    primaryUserAssignedIdentity: r.identityId,
    encryption: { keyVaultId: r.cmkVaultId, keyId: r.keyId, userAssignedIdentityId: r.identityId },
    managedNetwork: { isolationMode: c.isolation, provisionOnCreationEnabled: true },
    // No serverless_compute block: with public network access off and no subnet, azurerm
    // rejects public_ip_enabled = false at create (machine_learning_workspace_resource.go);
    // serverless compute runs in the managed VNet (AZ-07), which keeps it private.
    imageBuildComputeName: c.imageBuild,
  };
}

/** An FQDN outbound rule (AllowOnlyApprovedOutbound only). */
export function fqdnRule(
  r: AzureOutboundRule,
  workspaceId: string,
): MachineLearningWorkspaceNetworkOutboundRuleFqdnConfig {
  return { name: r.name, workspaceId, destinationFqdn: r.fqdn! };
}

/** A service-tag outbound rule, TCP 443 unless set. */
export function serviceTagRule(
  r: AzureOutboundRule,
  workspaceId: string,
): MachineLearningWorkspaceNetworkOutboundRuleServiceTagConfig {
  const d = mlWorkspaceDefaults();
  return {
    name: r.name,
    workspaceId,
    serviceTag: r.serviceTag!,
    protocol: r.protocol ?? d.outboundProtocol,
    portRanges: r.portRanges ?? d.outboundPortRanges,
  };
}

/** A private-endpoint outbound rule. */
export function privateEndpointRule(
  r: AzureOutboundRule,
  workspaceId: string,
): MachineLearningWorkspaceNetworkOutboundRulePrivateEndpointConfig {
  return {
    name: r.name,
    workspaceId,
    serviceResourceId: r.serviceResourceId!,
    subResourceTarget: r.subResourceTarget!,
  };
}

/** A credential-less blob datastore of a data container (the caller's identity). */
export function datastoreConfig(
  workspaceId: string,
  accountName: string,
  container: string,
): AzapiResourceConfig {
  return {
    type: `Microsoft.MachineLearningServices/workspaces/datastores@${ML_API_VERSION}`,
    name: container.replace(/-/g, '_'),
    parentId: workspaceId,
    body: {
      properties: {
        datastoreType: 'AzureBlob',
        accountName,
        containerName: container,
        endpoint: 'core.windows.net',
        protocol: 'https',
        serviceDataAccessAuthIdentity: 'None',
        credentials: { credentialsType: 'None' },
        description: `Credential-less datastore for container ${container} (the caller's identity)`,
      },
    },
  };
}

/** One diagnostic setting to ship (AZ-11). */
export interface DiagnosticTarget {
  readonly id: string;
  readonly resourceId: string;
  readonly logs?: boolean;
  readonly metrics?: boolean;
  readonly metricCategories?: string[];
}

const STORAGE_METRICS = MONITORING_DEFAULTS.storageMetricCategories;

/** The diagnostic settings of the platform's resources (AZ-11), in creation order. */
export function diagnosticTargets(r: {
  workspaceId: string;
  storageId: string;
  registryId: string;
  cmkVaultId?: string;
  secretsVaultId: string;
}): DiagnosticTarget[] {
  return [
    { id: 'diag-workspace', resourceId: r.workspaceId },
    // a storage account and its services reject 'AllMetrics'
    {
      id: 'diag-storage',
      resourceId: r.storageId,
      logs: false,
      metrics: true,
      metricCategories: STORAGE_METRICS,
    },
    {
      id: 'diag-storage-blob',
      resourceId: `${r.storageId}/blobServices/default`,
      metricCategories: STORAGE_METRICS,
    },
    {
      id: 'diag-storage-file',
      resourceId: `${r.storageId}/fileServices/default`,
      metricCategories: STORAGE_METRICS,
    },
    { id: 'diag-registry', resourceId: r.registryId },
    ...(r.cmkVaultId !== undefined ? [{ id: 'diag-key-vault', resourceId: r.cmkVaultId }] : []),
    { id: 'diag-secrets-vault', resourceId: r.secretsVaultId },
  ];
}

/** A control turned off with a documented prop, recorded as a suppression (X-11 report). */
export interface DisabledControl {
  /** What the suppression is recorded on. */
  readonly target: 'workspace' | 'diagnostics' | 'platform';
  readonly control: string;
  readonly reason: string;
}

/** The controls the props turn off, in report order. */
export function disabledControls(c: ResolvedAzureMLWorkspace): DisabledControl[] {
  const off: DisabledControl[] = [];
  if (c.props.highBusinessImpact === false)
    off.push({
      target: 'workspace',
      control: 'AZ-01',
      reason:
        'highBusinessImpact: false set explicitly on the platform (less diagnostic data protection)',
    });
  if (c.props.activityLogExport === false)
    off.push({
      target: 'platform',
      control: 'AZ-11.activity-log',
      reason:
        'activityLogExport: false set explicitly on the platform (the subscription Activity Log is exported elsewhere)',
    });
  if (c.props.monitorPrivateLinkScope === false)
    off.push({
      target: 'diagnostics',
      control: 'AZ-11.private-link',
      reason:
        'monitorPrivateLinkScope: false set explicitly on the platform (Log Analytics and Application Insights keep public ingestion and query)',
    });
  if (!c.policies)
    off.push({
      target: 'platform',
      control: 'AZ-12',
      reason:
        'policies: false set explicitly on the platform (guardrail policies assigned elsewhere)',
    });
  if (!c.locks)
    off.push({
      target: 'platform',
      control: 'AZ-13',
      reason:
        c.removal === RemovalPolicy.DESTROY
          ? 'locks off because removalPolicy DESTROY set explicitly'
          : 'locks: false set explicitly on the platform',
    });
  return off;
}

/** The resources that get a CanNotDelete lock (AZ-13), without the absent ones. */
export function lockedResources(r: { [key: string]: string | undefined }): {
  [key: string]: string;
} {
  const out: { [key: string]: string } = {};
  for (const [k, id] of Object.entries(r)) if (id !== undefined) out[k] = id;
  return out;
}
