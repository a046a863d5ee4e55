import { AzureMlopsChecks } from '../../lib/azure';
import { cases, describeRules } from '../rule-harness';
import { NETWORK_POLICY_DEFINITIONS, POLICY_DEFINITIONS } from '../../lib/azure/defaults';
import { GOOD_WORKSPACE } from './fixtures';

const pack = new AzureMlopsChecks();

const goodWorkspace = GOOD_WORKSPACE;

const WS = 'azurerm_machine_learning_workspace';
/** Policy assignments of the given definition ids, keyed a0, a1... */
const assignments = (ids: string[], from = 0) =>
  Object.fromEntries(ids.map((id, i) => [`a${from + i}`, { policy_definition_id: id }]));
const mlPolicies = assignments(Object.values(POLICY_DEFINITIONS), 100);
const zones = {
  api: { name: 'privatelink.api.azureml.ms' },
  nb: { name: 'privatelink.notebooks.azure.net' },
};
const pe = (ids: string[]) => ({
  private_service_connection: {
    private_connection_resource_id: '${azurerm_machine_learning_workspace.w.id}',
    subresource_names: ['amlworkspace'],
  },
  private_dns_zone_group: { private_dns_zone_ids: ids },
});
const wsWithZones = { [WS]: { w: goodWorkspace }, azurerm_private_dns_zone: zones };
const noBuild = {
  ...goodWorkspace,
  managed_network: undefined,
  image_build_compute_name: undefined,
};
const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';
const wildcardRole = {
  azurerm_role_definition: { d: { permissions: [{ actions: ['*'] }], assignable_scopes: [SUB] } },
};
const nsgRule = (source: string, port: string) => ({
  name: 'r',
  priority: 110,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  destination_port_range: port,
  source_address_prefix: source,
  destination_address_prefix: '*',
});
/** An RBAC Administrator assignment on a resource group with the given condition. */
const rbacAdmin = (condition: string | undefined) => ({
  scope: `${SUB}/resourceGroups/rg`,
  role_definition_name: 'Role Based Access Control Administrator',
  principal_id: 'p',
  condition,
  condition_version: condition === undefined ? undefined : '2.0',
});
/** Microsoft's delegation condition: roles only, or roles and specific principals. */
const delegation = (principals: boolean) =>
  (['write:Request', 'delete:Resource'] as const)
    .map((x) => {
      const [action, source] = x.split(':');
      const attr = (a: string) => `@${source}[Microsoft.Authorization/roleAssignments:${a}]`;
      const roles = `${attr('RoleDefinitionId')} ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}`;
      const who = `${attr('PrincipalId')} ForAnyOfAnyValues:GuidEquals {28c35fea-2099-4cf5-8ad9-473547bc9423}`;
      return `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/${action}'})) OR (${roles}${principals ? ` AND ${who}` : ''}))`;
    })
    .join(' AND ');
const kvDiagnostics = {
  target_resource_id: '${azurerm_key_vault.kv.id}',
  enabled_log: [{ category_group: 'allLogs' }],
  enabled_metric: [{ category: 'AllMetrics' }],
};

describeRules(
  'AzureMlopsChecks',
  pack,
  cases([
    [
      'AZ-01',
      'a private, HBI, user-assigned workspace',
      { [WS]: { ok: goodWorkspace } },
      `${WS}.ok`,
      'COMPLIANT',
    ],
    [
      'AZ-01',
      'a public, non-HBI, system-identity workspace',
      { [WS]: { bad: { identity: { type: 'SystemAssigned' } } } },
      `${WS}.bad`,
      'NON_COMPLIANT',
      /public_network_access_enabled.*high_business_impact.*SystemAssigned/,
    ],
    // missing CMK on workspace, storage, registry and missing rotation
    [
      'AZ-02.workspace',
      'workspace without CMK',
      { [WS]: { w: { ...goodWorkspace, encryption: undefined } } },
      `${WS}.w`,
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.storage',
      'storage without CMK',
      { azurerm_storage_account: { s: {} } },
      'azurerm_storage_account.s',
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.storage',
      'storage with CMK, queues and tables on the account key',
      {
        azurerm_storage_account: {
          s: {
            customer_managed_key: { key_vault_key_id: 'x' },
            queue_encryption_key_type: 'Account',
            table_encryption_key_type: 'Account',
          },
        },
      },
      'azurerm_storage_account.s',
      'COMPLIANT',
    ],
    [
      'AZ-02.registry',
      'registry without CMK',
      { azurerm_container_registry: { c: {} } },
      'azurerm_container_registry.c',
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.rotation',
      'key without rotation',
      { azurerm_key_vault_key: { k: {} } },
      'azurerm_key_vault_key.k',
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.rotation',
      'rotation every two years',
      {
        azurerm_key_vault_key: {
          k: { rotation_policy: { automatic: { time_after_creation: 'P2Y' } } },
        },
      },
      'azurerm_key_vault_key.k',
      'NON_COMPLIANT',
      /exceeds 365/,
    ],
    [
      'AZ-02.rotation',
      'rotation every 90 days, expiry 180 (list form)',
      {
        azurerm_key_vault_key: {
          k: {
            rotation_policy: [
              { automatic: [{ time_after_creation: 'P90D' }], expire_after: 'P180D' },
            ],
          },
        },
      },
      'azurerm_key_vault_key.k',
      'COMPLIANT',
    ],
    // a vault without purge protection, RBAC or network ACL
    [
      'AZ-03',
      'a vault with provider defaults',
      { azurerm_key_vault: { kv: { soft_delete_retention_days: 7 } } },
      'azurerm_key_vault.kv',
      'NON_COMPLIANT',
      /purge_protection_enabled.*soft_delete_retention_days is 7.*RBAC.*default_action/,
    ],
    [
      'AZ-03',
      'a hardened vault',
      {
        azurerm_key_vault: {
          kv: {
            purge_protection_enabled: true,
            soft_delete_retention_days: 90,
            rbac_authorization_enabled: true,
            public_network_access_enabled: false,
            network_acls: { default_action: 'Deny' },
          },
        },
      },
      'azurerm_key_vault.kv',
      'COMPLIANT',
    ],
    [
      'AZ-04',
      'shared keys, public blobs and no soft delete',
      { azurerm_storage_account: { s: { min_tls_version: 'TLS1_0' } } },
      'azurerm_storage_account.s',
      'NON_COMPLIANT',
      /min_tls_version is TLS1_0.*allow_nested_items_to_be_public.*shared_access_key_enabled/,
    ],
    [
      'AZ-05',
      'the (obsolete) admin account and a public Basic registry',
      { azurerm_container_registry: { c: { sku: 'Basic', admin_enabled: true } } },
      'azurerm_container_registry.c',
      'NON_COMPLIANT',
      /sku is Basic.*admin account is on/,
    ],
    // both Azure ML zones in the workspace endpoint zone group
    [
      'AZ-06',
      'no private endpoint',
      wsWithZones,
      `${WS}.w`,
      'NON_COMPLIANT',
      /no amlworkspace private endpoint/,
    ],
    [
      'AZ-06',
      'one zone of two',
      {
        ...wsWithZones,
        azurerm_private_endpoint: { pe: pe(['${azurerm_private_dns_zone.api.id}']) },
      },
      `${WS}.w`,
      'NON_COMPLIANT',
      /lacks/,
    ],
    [
      'AZ-06',
      'both zones',
      {
        ...wsWithZones,
        azurerm_private_endpoint: {
          pe: pe(['${azurerm_private_dns_zone.api.id}', '${azurerm_private_dns_zone.nb.id}']),
        },
      },
      `${WS}.w`,
      'COMPLIANT',
    ],
    // a workspace without managed network or image-build compute
    [
      'AZ-07',
      'no managed network',
      { [WS]: { w: noBuild } },
      `${WS}.w`,
      'NON_COMPLIANT',
      /Disabled/,
    ],
    [
      'AZ-07.image-build',
      'no image-build compute',
      { [WS]: { w: noBuild } },
      `${WS}.w`,
      'NON_COMPLIANT',
    ],
    // compute with provider defaults (public IP, local auth, SSH)
    [
      'AZ-08.cluster',
      'a cluster with provider defaults',
      {
        azurerm_machine_learning_compute_cluster: { c: { scale_settings: { min_node_count: 1 } } },
      },
      'azurerm_machine_learning_compute_cluster.c',
      'NON_COMPLIANT',
      /node_public_ip_enabled.*local_auth_enabled.*ssh_public_access_enabled.*managed identity.*min_node_count is 1/,
    ],
    [
      'AZ-08.instance',
      'an instance with SSH',
      { azurerm_machine_learning_compute_instance: { i: { ssh: { public_key: 'k' } } } },
      'azurerm_machine_learning_compute_instance.i',
      'NON_COMPLIANT',
      /SSH is configured/,
    ],
    // Owner at subscription scope and wildcard custom roles
    [
      'AZ-09',
      'Owner at subscription scope',
      {
        azurerm_role_assignment: {
          a: { scope: SUB, role_definition_name: 'Owner', principal_id: 'p' },
        },
      },
      'azurerm_role_assignment.a',
      'NON_COMPLIANT',
    ],
    [
      'AZ-09',
      'Owner on a resource group',
      {
        azurerm_role_assignment: {
          a: {
            scope: `${SUB}/resourceGroups/rg`,
            role_definition_name: 'Owner',
            principal_id: 'p',
          },
        },
      },
      'azurerm_role_assignment.a',
      'COMPLIANT',
    ],
    [
      'AZ-09.delegation',
      'an RBAC Administrator without a condition',
      { azurerm_role_assignment: { a: rbacAdmin(undefined) } },
      'azurerm_role_assignment.a',
      'NON_COMPLIANT',
      /no condition: the holder can assign any role to any principal, itself included/,
    ],
    [
      'AZ-09.delegation',
      "Microsoft's 'Constrain roles' condition: roles only, any principal",
      { azurerm_role_assignment: { a: rbacAdmin(delegation(false)) } },
      'azurerm_role_assignment.a',
      'NON_COMPLIANT',
      /^condition: write does not check @Request\[Microsoft\.Authorization\/roleAssignments:PrincipalId\]; delete does not check @Resource\[Microsoft\.Authorization\/roleAssignments:PrincipalId\]$/,
    ],
    [
      'AZ-09.delegation',
      "Microsoft's 'Constrain roles and specific groups' condition",
      { azurerm_role_assignment: { a: rbacAdmin(delegation(true)) } },
      'azurerm_role_assignment.a',
      'COMPLIANT',
    ],
    [
      'AZ-09.delegation',
      'a User Access Administrator by role definition id, unconditioned',
      {
        azurerm_role_assignment: {
          a: {
            scope: `${SUB}/resourceGroups/rg`,
            role_definition_id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9`,
            principal_id: 'p',
          },
        },
      },
      'azurerm_role_assignment.a',
      'NON_COMPLIANT',
    ],
    [
      'AZ-09.delegation',
      'a condition from a variable',
      { azurerm_role_assignment: { a: rbacAdmin('${var.condition}') } },
      'azurerm_role_assignment.a',
      'UNKNOWN',
    ],
    [
      'AZ-09.delegation',
      'a Reader assignment is not a delegation',
      {
        azurerm_role_assignment: {
          a: {
            scope: `${SUB}/resourceGroups/rg`,
            role_definition_name: 'Reader',
            principal_id: 'p',
          },
        },
      },
      'azurerm_role_assignment.a',
      'NOT_APPLICABLE',
    ],
    [
      'AZ-09.custom-roles',
      'a wildcard role assignable at subscription scope',
      wildcardRole,
      'azurerm_role_definition.d',
      'NON_COMPLIANT',
      /assignable at subscription/,
    ],
    // the wildcard of a subscription-wide role is reported once, by X-03.custom-role-wildcards
    [
      'X-03.custom-role-wildcards',
      'a wildcard role assignable at subscription scope',
      wildcardRole,
      'azurerm_role_definition.d',
      'NON_COMPLIANT',
      /actions '\*' at \/subscriptions\//,
    ],
    // classic App Insights with keys and resources without diagnostics
    [
      'AZ-11.app-insights',
      'classic App Insights with keys',
      { azurerm_application_insights: { a: {} } },
      'azurerm_application_insights.a',
      'NON_COMPLIANT',
      /classic.*local_authentication_disabled/,
    ],
    // activity log alert rules notify someone (parity with GCP-14)
    [
      'AZ-11.alert-actions',
      'an activity log alert without an action',
      { azurerm_monitor_activity_log_alert: { a: { criteria: { category: 'Administrative' } } } },
      'azurerm_monitor_activity_log_alert.a',
      'NON_COMPLIANT',
      /no action: the alert notifies no one/,
    ],
    [
      'AZ-11.alert-actions',
      'a disabled activity log alert',
      {
        azurerm_monitor_activity_log_alert: {
          a: {
            enabled: false,
            action: [{ action_group_id: '${azurerm_monitor_action_group.g.id}' }],
          },
        },
      },
      'azurerm_monitor_activity_log_alert.a',
      'NON_COMPLIANT',
      /enabled is false/,
    ],
    [
      'AZ-11.alert-actions',
      'an enabled activity log alert notifying an action group',
      {
        azurerm_monitor_activity_log_alert: {
          a: { action: [{ action_group_id: '${azurerm_monitor_action_group.g.id}' }] },
        },
      },
      'azurerm_monitor_activity_log_alert.a',
      'COMPLIANT',
    ],
    [
      'AZ-11.alert-actions',
      'actions from an expression',
      {
        azurerm_monitor_activity_log_alert: { a: { action: '${var.actions}' } },
      },
      'azurerm_monitor_activity_log_alert.a',
      'UNKNOWN',
    ],
    [
      'AZ-11.diagnostics',
      'a vault without diagnostics',
      { azurerm_key_vault: { kv: {} } },
      'azurerm_key_vault.kv',
      'NON_COMPLIANT',
      /no diagnostic setting/,
    ],
    [
      'AZ-11.diagnostics',
      'a vault with diagnostics',
      { azurerm_key_vault: { kv: {} }, azurerm_monitor_diagnostic_setting: { d: kvDiagnostics } },
      'azurerm_key_vault.kv',
      'COMPLIANT',
    ],
    [
      'AZ-12',
      'the missing policy assignments are listed',
      { [WS]: { w: goodWorkspace } },
      `${WS}.w`,
      'NON_COMPLIANT',
      /CMK, PRIVATE_LINK, PUBLIC_NETWORK_DISABLED/,
    ],
    [
      'AZ-12',
      'the ML policies without the Key Vault, storage and registry network policies',
      {
        [WS]: { w: goodWorkspace },
        azurerm_key_vault: { kv: {} },
        azurerm_storage_account: { s: {} },
        azurerm_container_registry: { r: {} },
        azurerm_resource_group_policy_assignment: mlPolicies,
      },
      `${WS}.w`,
      'NON_COMPLIANT',
      /^missing policy assignments: KEY_VAULT_PUBLIC_NETWORK_DISABLED \(or KEY_VAULT_FIREWALL\), STORAGE_PUBLIC_NETWORK_DISABLED \(or STORAGE_FIREWALL\), STORAGE_SHARED_KEY_DISABLED, REGISTRY_PUBLIC_NETWORK_DISABLED$/,
    ],
    [
      'AZ-12',
      'the ML policies, the vault and storage firewall policies, the storage shared-key one and the registry one',
      {
        [WS]: { w: goodWorkspace },
        azurerm_key_vault: { kv: {} },
        azurerm_storage_account: { s: {} },
        azurerm_container_registry: { r: {} },
        azurerm_resource_group_policy_assignment: {
          ...mlPolicies,
          ...assignments([
            NETWORK_POLICY_DEFINITIONS.KEY_VAULT_FIREWALL,
            NETWORK_POLICY_DEFINITIONS.STORAGE_FIREWALL,
            NETWORK_POLICY_DEFINITIONS.STORAGE_SHARED_KEY_DISABLED,
            NETWORK_POLICY_DEFINITIONS.REGISTRY_PUBLIC_NETWORK_DISABLED,
          ]),
        },
      },
      `${WS}.w`,
      'COMPLIANT',
    ],
    // stateful resources without a lock
    [
      'AZ-13',
      'storage without a lock',
      { azurerm_storage_account: { s: {} } },
      'azurerm_storage_account.s',
      'NON_COMPLIANT',
    ],
    [
      'AZ-13',
      'storage with a lock',
      {
        azurerm_storage_account: { s: {} },
        azurerm_management_lock: {
          l: { scope: '${azurerm_storage_account.s.id}', lock_level: 'CanNotDelete' },
        },
      },
      'azurerm_storage_account.s',
      'COMPLIANT',
    ],
    // X-08 and X-09 rules are part of the pack
    [
      'X-08',
      'a vault without prevent_destroy',
      { azurerm_key_vault: { kv: {} } },
      'azurerm_key_vault.kv',
      'NON_COMPLIANT',
    ],
    [
      'X-09',
      'a vault without tags',
      { azurerm_key_vault: { kv: {} } },
      'azurerm_key_vault.kv',
      'NON_COMPLIANT',
    ],
    [
      'X-09',
      'an activity log alert rule without tags',
      { azurerm_monitor_activity_log_alert: { a: {} } },
      'azurerm_monitor_activity_log_alert.a',
      'NON_COMPLIANT',
    ],
    [
      'X-09',
      'an action group without tags',
      { azurerm_monitor_action_group: { g: {} } },
      'azurerm_monitor_action_group.g',
      'NON_COMPLIANT',
    ],
    // exposure and destroy rules (any stack), also proved end to end in test/mutation/azure.test.ts
    [
      'X-05.ip-rules',
      'a storage IP rule 0.0.0.0/0',
      { azurerm_storage_account: { s: { network_rules: { ip_rules: ['0.0.0.0/0'] } } } },
      'azurerm_storage_account.s',
      'NON_COMPLIANT',
      /0\.0\.0\.0\/0 \(the whole internet\)/,
    ],
    [
      'X-05.ip-rules',
      'a storage IP rule for one range',
      { azurerm_storage_account: { s: { network_rules: { ip_rules: ['203.0.113.0/24'] } } } },
      'azurerm_storage_account.s',
      'COMPLIANT',
    ],
    [
      'X-05.nsg-inbound',
      'RDP from the Internet service tag',
      { azurerm_network_security_rule: { r: nsgRule('Internet', '3389') } },
      'azurerm_network_security_rule.r',
      'NON_COMPLIANT',
    ],
    [
      'X-05.nsg-inbound',
      'HTTPS from the virtual network',
      { azurerm_network_security_rule: { r: nsgRule('VirtualNetwork', '443') } },
      'azurerm_network_security_rule.r',
      'COMPLIANT',
    ],
    [
      'X-08.force-destroy',
      'the provider purges workspaces on destroy',
      {
        provider: {
          azurerm: [
            {
              features: [{ machine_learning: [{ purge_soft_deleted_workspace_on_destroy: true }] }],
            },
          ],
        },
        resource: { [WS]: { w: goodWorkspace } },
      },
      `${WS}.w`,
      'NON_COMPLIANT',
      /purged on destroy/,
    ],
    [
      'X-08.force-destroy',
      'the provider keeps workspaces soft-deleted',
      {
        provider: {
          azurerm: [
            {
              features: [
                { machine_learning: [{ purge_soft_deleted_workspace_on_destroy: false }] },
              ],
            },
          ],
        },
        resource: { [WS]: { w: goodWorkspace } },
      },
      `${WS}.w`,
      'COMPLIANT',
    ],
  ]),
);

test('pack ids are control ids, one rule per id', () => {
  const ids = pack.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^(AZ-\d{2}(\.[a-z-]+)?|X-\d{2}(\.[a-z-]+)?)$/);
});
