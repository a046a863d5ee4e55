import { RulePack } from '../../core/compliance/rule';
import { AZURE_FRAMEWORKS } from './frameworks';
import { preventDestroyRule, requiredTagsRule } from '../../core/rules';
import { az01Workspace } from './az-01';
import { az02CosmosKeyAccess } from './az-02.cosmos-key-access';
import { az02KeyRotation } from './az-02.rotation';
import { az02RegistryCmk } from './az-02.registry';
import { az02RotationLimits } from './az-02.rotation-limits';
import { az02StorageCmk } from './az-02.storage';
import { az02WorkspaceCmk } from './az-02.workspace';
import { az03DataPlaneCreate } from './az-03.data-plane-create';
import { az03KeyVault } from './az-03';
import { az04ContainerDataPlane } from './az-04.container-data-plane';
import { az04DataPlane } from './az-04.data-plane';
import { az04Storage } from './az-04';
import { az04SystemDatastores } from './az-04.system-datastores';
import { az05Registry } from './az-05';
import { az06DnsZoneUnique } from './az-06.dns-zone-unique';
import { az06WorkspacePrivateEndpoint } from './az-06';
import { az07ImageBuild } from './az-07.image-build';
import { az07ManagedNetwork } from './az-07';
import { az07OutboundInternet } from './az-07.outbound-internet';
import { az07OutboundRuleOrder } from './az-07.outbound-rule-order';
import { az08ComputeCluster } from './az-08.cluster';
import { az08ComputeInstance } from './az-08.instance';
import { az08InstanceNetwork } from './az-08.instance-network';
import { az08ServerlessPublicIp } from './az-08.serverless-public-ip';
import { az09CustomRoles } from './az-09.custom-roles';
import { az09Delegation } from './az-09.delegation';
import { az09DuplicateAssignment } from './az-09.duplicate-assignment';
import { az09Propagation } from './az-09.propagation';
import { az09RoleAssignmentScope } from './az-09';
import { az09RoleDefinitionName } from './az-09.role-definition-name';
import { az11ActivityLog } from './az-11.activity-log';
import { az11AlertActions } from './az-11.alert-actions';
import { az11AppInsights } from './az-11.app-insights';
import { az11DiagnosticLimits } from './az-11.diagnostic-limits';
import { az11Diagnostics } from './az-11.diagnostics';
import { az11PrivateLinkScope } from './az-11.private-link';
import { az11StorageMetrics } from './az-11.storage-metrics';
import { az12PolicyAssignments } from './az-12';
import { az13Locks } from './az-13';
import { x03CustomRoleWildcards } from './x-03.custom-role-wildcards';
import { x05IpRules } from './x-05.ip-rules';
import { x05NsgInbound } from './x-05.nsg-inbound';
import { x08ForceDestroy } from './x-08.force-destroy';
import { x15AzurePolicy } from './x-15.azure-policy';
import { x15AzurePrivateDnsZone } from './x-15.azure-private-dns-zone';
import { x15AzureRole } from './x-15.azure-role';
import { x15AzureRoleAction } from './x-15.azure-role-action';
import { x15AzurePeSubresource } from './x-15.azure-pe-subresource';

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
  'azurerm_monitor_private_link_scope',
  'azurerm_monitor_action_group',
  'azurerm_monitor_activity_log_alert',
];

/**
 * The Azure rule pack: one rule per file, ids = control ids with a facet (AZ-01 ...
 * AZ-13, X-03, X-05, X-08, X-09). Security rules check the controls; apply rules (category
 * APPLY, each citing its source) check constraints Azure enforces at apply time that
 * `terraform plan` does not. AZ-10 (endpoint auth), AZ-14 (Defender, subscription scope) and
 * AZ-15 (naming) cannot be checked on a stack's Terraform JSON; see the README, Azure section.
 */
export class AzureMlopsChecks extends RulePack {
  constructor() {
    // prettier-ignore
    super('AzureMlopsChecks', [
      az01Workspace,
      az02WorkspaceCmk,
      az02StorageCmk,
      az02RegistryCmk,
      az02KeyRotation,
      az02RotationLimits,
      az02CosmosKeyAccess,
      az03KeyVault,
      az03DataPlaneCreate,
      az04Storage,
      az04DataPlane,
      az04ContainerDataPlane,
      az04SystemDatastores,
      az05Registry,
      az06WorkspacePrivateEndpoint,
      az06DnsZoneUnique,
      az07ManagedNetwork,
      az07ImageBuild,
      az07OutboundInternet,
      az07OutboundRuleOrder,
      az08ComputeCluster,
      az08ComputeInstance,
      az08InstanceNetwork,
      az08ServerlessPublicIp,
      az09RoleAssignmentScope,
      az09CustomRoles,
      az09Delegation,
      az09DuplicateAssignment,
      az09RoleDefinitionName,
      az09Propagation,
      az11AppInsights,
      az11PrivateLinkScope,
      az11Diagnostics,
      az11DiagnosticLimits,
      az11StorageMetrics,
      az11ActivityLog,
      az11AlertActions,
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
      x15AzurePeSubresource,
      preventDestroyRule(STATEFUL),
      requiredTagsRule('azurerm_', 'tags', TAGGABLE),
    ], AZURE_FRAMEWORKS);
  }
}
