import { RulePack } from '../../core/compliance/rule';
import { preventDestroyRule, requiredTagsRule } from '../../core/rules';
import { az01Workspace } from './az-01-workspace';
import { az02KeyRotation } from './az-02-key-rotation';
import { az02RegistryCmk } from './az-02-registry-cmk';
import { az02StorageCmk } from './az-02-storage-cmk';
import { az02WorkspaceCmk } from './az-02-workspace-cmk';
import { az03KeyVault } from './az-03-key-vault';
import { az04Storage } from './az-04-storage';
import { az05Registry } from './az-05-registry';
import { az06WorkspacePrivateEndpoint } from './az-06-workspace-private-endpoint';
import { az07ImageBuild } from './az-07-image-build';
import { az07ManagedNetwork } from './az-07-managed-network';
import { az08ComputeCluster } from './az-08-compute-cluster';
import { az08ComputeInstance } from './az-08-compute-instance';
import { az09CustomRoles } from './az-09-custom-roles';
import { az09RoleAssignmentScope } from './az-09-role-assignment-scope';
import { az11AppInsights } from './az-11-app-insights';
import { az11Diagnostics } from './az-11-diagnostics';
import { az12PolicyAssignments } from './az-12-policy-assignments';
import { az13Locks } from './az-13-locks';
import { x03CustomRoleWildcards } from './x-03-custom-role-wildcards';
import { x05IpRules } from './x-05-ip-rules';
import { x05NsgInbound } from './x-05-nsg-inbound';
import { x08ForceDestroy } from './x-08-force-destroy';
import { x15AzurePolicy } from './x-15-azure-policy';
import { x15AzurePrivateDnsZone } from './x-15-azure-private-dns-zone';
import { x15AzureRole } from './x-15-azure-role';
import { x15AzureRoleAction } from './x-15-azure-role-action';

/** Stateful Azure resource types protected from destroy. */
const STATEFUL = [
  'azurerm_machine_learning_workspace',
  'azurerm_key_vault',
  'azurerm_key_vault_key',
  'azurerm_storage_account',
  'azurerm_container_registry',
  'azurerm_log_analytics_workspace',
];

/** Azure resource types that must carry the platform tags. */
const TAGGABLE = [
  'azurerm_resource_group',
  'azurerm_machine_learning_workspace',
  'azurerm_key_vault',
  'azurerm_storage_account',
  'azurerm_container_registry',
  'azurerm_log_analytics_workspace',
  'azurerm_application_insights',
  'azurerm_virtual_network',
  'azurerm_private_endpoint',
  'azurerm_user_assigned_identity',
];

/**
 * The Azure rule pack: one rule per file, ids = control ids (AZ-01 ... AZ-13, X-03, X-05,
 *
 * AZ-10 (endpoint auth), AZ-14 (Defender, subscription scope) and AZ-15 (naming) cannot be
 * checked on a stack's Terraform JSON; see the README, Azure section.
 */
export class AzureMlopsChecks extends RulePack {
  constructor() {
    super('AzureMlopsChecks', [
      az01Workspace,
      az02WorkspaceCmk,
      az02StorageCmk,
      az02RegistryCmk,
      az02KeyRotation,
      az03KeyVault,
      az04Storage,
      az05Registry,
      az06WorkspacePrivateEndpoint,
      az07ManagedNetwork,
      az07ImageBuild,
      az08ComputeCluster,
      az08ComputeInstance,
      az09RoleAssignmentScope,
      az09CustomRoles,
      az11AppInsights,
      az11Diagnostics,
      az12PolicyAssignments,
      az13Locks,
      x03CustomRoleWildcards,
      x05NsgInbound,
      x05IpRules,
      x08ForceDestroy,
      x15AzureRole,
      x15AzureRoleAction,
      x15AzurePolicy,
      x15AzurePrivateDnsZone,
      preventDestroyRule(STATEFUL),
      requiredTagsRule('azurerm_', 'tags', TAGGABLE),
    ]);
  }
}
