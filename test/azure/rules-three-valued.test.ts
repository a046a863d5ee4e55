import { AzureMlopsChecks } from '../../lib/azure';
import { cases, describeRules, RuleCase, tf, withBlocksAsLists } from '../rule-harness';
import { GOOD_WORKSPACE } from './fixtures';

const pack = new AzureMlopsChecks();

/** Every nested block of an Azure resource may be written as a one-element list. */
const everyBlock = () => true;

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';

const goodWorkspace = GOOD_WORKSPACE;
const goodVault = {
  purge_protection_enabled: true,
  soft_delete_retention_days: 90,
  rbac_authorization_enabled: true,
  public_network_access_enabled: false,
  network_acls: { default_action: 'Deny' },
};
const goodStorage = {
  https_traffic_only_enabled: true,
  min_tls_version: 'TLS1_2',
  allow_nested_items_to_be_public: false,
  shared_access_key_enabled: false,
  infrastructure_encryption_enabled: true,
  network_rules: { default_action: 'Deny' },
  blob_properties: {
    versioning_enabled: true,
    delete_retention_policy: { days: 30 },
    container_delete_retention_policy: { days: 30 },
  },
  customer_managed_key: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' },
  queue_encryption_key_type: 'Account',
  table_encryption_key_type: 'Account',
};
const goodRegistry = {
  sku: 'Premium',
  admin_enabled: false,
  public_network_access_enabled: false,
  anonymous_pull_enabled: false,
  retention_policy_in_days: 7,
  encryption: { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' },
};
const goodCluster = {
  node_public_ip_enabled: false,
  local_auth_enabled: false,
  ssh_public_access_enabled: false,
  identity: { type: 'UserAssigned' },
  scale_settings: { min_node_count: 0 },
};
const goodInstance = {
  node_public_ip_enabled: false,
  local_auth_enabled: false,
  identity: { type: 'SystemAssigned' },
  assign_to_user: { object_id: 'u' },
};

/** [rule, resource type, compliant attributes, attribute path set to an expression]. */
const CASES: Array<[string, string, any, string]> = [
  ['AZ-01', 'azurerm_machine_learning_workspace', goodWorkspace, 'public_network_access_enabled'],
  ['AZ-01', 'azurerm_machine_learning_workspace', goodWorkspace, 'identity'],
  ['AZ-02.workspace', 'azurerm_machine_learning_workspace', goodWorkspace, 'encryption'],
  ['AZ-02.storage', 'azurerm_storage_account', goodStorage, 'queue_encryption_key_type'],
  ['AZ-03', 'azurerm_key_vault', goodVault, 'purge_protection_enabled'],
  ['AZ-03', 'azurerm_key_vault', goodVault, 'network_acls'],
  ['AZ-04', 'azurerm_storage_account', goodStorage, 'shared_access_key_enabled'],
  ['AZ-04', 'azurerm_storage_account', goodStorage, 'blob_properties'],
  ['AZ-05', 'azurerm_container_registry', goodRegistry, 'public_network_access_enabled'],
  ['AZ-05', 'azurerm_container_registry', goodRegistry, 'quarantine_policy_enabled'],
  ['AZ-07', 'azurerm_machine_learning_workspace', goodWorkspace, 'managed_network'],
  ['AZ-08.cluster', 'azurerm_machine_learning_compute_cluster', goodCluster, 'scale_settings'],
  ['AZ-08.cluster', 'azurerm_machine_learning_compute_cluster', goodCluster, 'local_auth_enabled'],
  [
    'AZ-08.instance',
    'azurerm_machine_learning_compute_instance',
    goodInstance,
    'node_public_ip_enabled',
  ],
  [
    'AZ-11.app-insights',
    'azurerm_application_insights',
    { workspace_id: 'w', local_authentication_disabled: true },
    'local_authentication_disabled',
  ],
];

function withExpression(attrs: any, path: string): any {
  return { ...attrs, [path]: `\${var.${path}}` };
}

/** The compliant fixture of a CASES row. */
const goodCase = ([rule, type, good]: [string, string, any, string]): RuleCase => ({
  rule,
  title: 'compliant literal values',
  json: tf({ [type]: { r: good } }),
  at: `${type}.r`,
  expect: 'COMPLIANT',
});

describeRules(
  'Azure rules are three-valued (expressions give UNKNOWN, never a pass or a failure)',
  pack,
  CASES.flatMap((row) => {
    const [rule, type, good, path] = row;
    return [
      goodCase(row),
      {
        rule,
        title: `${path} as an expression`,
        json: tf({ [type]: { r: withExpression(good, path) } }),
        at: `${type}.r`,
        expect: 'UNKNOWN',
      },
    ];
  }),
);

describeRules(
  'Azure rules read nested blocks written as lists the same',
  pack,
  CASES.map((row) => withBlocksAsLists(goodCase(row), everyBlock)),
);

const ra = (scope: string, role = 'Contributor') =>
  tf({
    azurerm_resource_group: { rg: {} },
    azurerm_storage_account: { s: {} },
    azurerm_role_assignment: { a: { scope, role_definition_name: role, principal_id: 'p' } },
  });
const roleFromVariable = () => {
  const json = ra(SUB);
  json.resource.azurerm_role_assignment.a = {
    scope: SUB,
    role_definition_id: '${var.role}',
    principal_id: 'p',
  };
  return json;
};
const RA = 'azurerm_role_assignment.a';
const roleDefinition = (d: any) => tf({ azurerm_role_definition: { d } });
const WS = 'azurerm_machine_learning_workspace.w';
const ws = { azurerm_machine_learning_workspace: { w: goodWorkspace } };
const armKey = (policy: any) =>
  tf({
    azapi_resource_action: {
      k: {
        type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
        method: 'PUT',
        body: { properties: { rotationPolicy: policy } },
      },
    },
  });
const quarantined = {
  azurerm_container_registry: { cr: { ...goodRegistry, quarantine_policy_enabled: true } },
};
const scoped = (mode: string): any =>
  tf({
    azurerm_log_analytics_workspace: {
      l: { internet_ingestion_enabled: false, internet_query_enabled: false },
    },
    azurerm_monitor_private_link_scope: {
      s: { ingestion_access_mode: mode, query_access_mode: 'PrivateOnly' },
    },
    azurerm_monitor_private_link_scoped_service: {
      l: {
        scope_name: '${azurerm_monitor_private_link_scope.s.name}',
        linked_resource_id: '${azurerm_log_analytics_workspace.l.id}',
      },
    },
  });
const hubScope = () => {
  const hub = scoped('PrivateOnly');
  delete hub.resource.azurerm_monitor_private_link_scope;
  hub.resource.azurerm_monitor_private_link_scoped_service.l.scope_name = 'ampls-hub';
  return hub;
};
const activity = (target: string, categories: string[]) =>
  tf(
    {
      azurerm_machine_learning_workspace: { w: goodWorkspace },
      azurerm_monitor_diagnostic_setting: {
        d: {
          target_resource_id: target,
          enabled_log: categories.map((category) => ({ category })),
        },
      },
    },
    { data: { azurerm_subscription: { current: {} } } },
  );
const allActivity = ['Administrative', 'Security', 'Policy'];
const LAW = 'azurerm_log_analytics_workspace.l';

describeRules(
  'Azure rules on references and expressions across resources',
  pack,
  cases([
    [
      'AZ-09',
      'Owner at ${data.azurerm_subscription...id} is a subscription-scope Owner (used to pass)',
      tf(
        {
          azurerm_role_assignment: {
            a: {
              scope: '${data.azurerm_subscription.current.id}',
              role_definition_name: 'Owner',
              principal_id: 'p',
            },
          },
        },
        { data: { azurerm_subscription: { current: {} } } },
      ),
      RA,
      'NON_COMPLIANT',
    ],
    // a broad role at a scope known only at apply is UNKNOWN; at a resource group or resource it passes
    ['AZ-09', 'Contributor at a scope from a variable', ra('${var.scope}'), RA, 'UNKNOWN'],
    [
      'AZ-09',
      'Contributor on a resource group',
      ra('${azurerm_resource_group.rg.id}'),
      RA,
      'COMPLIANT',
    ],
    ['AZ-09', 'Contributor on a resource', ra('${azurerm_storage_account.s.id}'), RA, 'COMPLIANT'],
    ['AZ-09', 'Contributor on the subscription', ra(SUB), RA, 'NON_COMPLIANT'],
    [
      'AZ-09',
      'RBAC Administrator on the subscription (trailing slash)',
      ra(`${SUB}/`, 'Role Based Access Control Administrator'),
      RA,
      'NON_COMPLIANT',
    ],
    // a narrow role is fine anywhere, a role from a variable only matters at a wide scope
    ['AZ-09', 'Reader at a scope from a variable', ra('${var.scope}', 'Reader'), RA, 'COMPLIANT'],
    ['AZ-09', 'a role from a variable on the subscription', roleFromVariable(), RA, 'UNKNOWN'],
    // AZ-09.custom-roles: an expression action or assignable scope is UNKNOWN
    [
      'AZ-09.custom-roles',
      'an action from a variable',
      roleDefinition({
        permissions: [{ actions: ['${var.action}'] }],
        assignable_scopes: ['/subscriptions/s/resourceGroups/rg'],
      }),
      'azurerm_role_definition.d',
      'UNKNOWN',
    ],
    [
      'AZ-09.custom-roles',
      'an assignable scope from a variable',
      roleDefinition({ permissions: [{ actions: ['a/read'] }], assignable_scopes: ['${var.s}'] }),
      'azurerm_role_definition.d',
      'UNKNOWN',
    ],
    [
      'AZ-09.custom-roles',
      'a wildcard action, whatever the scope',
      roleDefinition({ permissions: { actions: ['*'] }, assignable_scopes: ['${var.s}'] }),
      'azurerm_role_definition.d',
      'NON_COMPLIANT',
    ],
    // AZ-06, AZ-11.diagnostics, AZ-13: a target known only at apply is UNKNOWN, not a failure
    [
      'AZ-06',
      'a private endpoint to a target from a variable',
      tf({
        ...ws,
        azurerm_private_endpoint: {
          pe: {
            private_service_connection: {
              private_connection_resource_id: '${var.target}',
              subresource_names: ['amlworkspace'],
            },
          },
        },
      }),
      WS,
      'UNKNOWN',
    ],
    [
      'AZ-11.diagnostics',
      'a diagnostic setting for a target from a variable',
      tf({ ...ws, azurerm_monitor_diagnostic_setting: { d: { target_resource_id: '${var.t}' } } }),
      WS,
      'UNKNOWN',
    ],
    [
      'AZ-13',
      'a lock on a scope from a variable',
      tf({
        ...ws,
        azurerm_management_lock: { l: { scope: '${var.t}', lock_level: 'CanNotDelete' } },
      }),
      WS,
      'UNKNOWN',
    ],
    [
      'AZ-13',
      'a lock level from a variable',
      tf({
        ...ws,
        azurerm_management_lock: {
          l: { scope: '${azurerm_machine_learning_workspace.w.id}', lock_level: '${var.level}' },
        },
      }),
      WS,
      'UNKNOWN',
    ],
    // AZ-12: a policy definition id from an expression makes missing assignments UNKNOWN; the deprecated one is named
    [
      'AZ-12',
      'a policy definition id from a variable',
      tf({
        ...ws,
        azurerm_resource_group_policy_assignment: { p: { policy_definition_id: '${var.def}' } },
      }),
      WS,
      'UNKNOWN',
    ],
    [
      'AZ-12',
      'a deprecated policy definition',
      tf({
        ...ws,
        azurerm_resource_group_policy_assignment: {
          p: {
            policy_definition_id:
              '/providers/Microsoft.Authorization/policyDefinitions/40cec1dd-a100-4920-b15b-3024fe8901ab',
          },
        },
      }),
      WS,
      'NON_COMPLIANT',
      /PRIVATE_LINK.*40cec1dd-a100-4920-b15b-3024fe8901ab is deprecated \(use 45e05259-1eb5-4f70-9574-baf73e9d219b\)/,
    ],
    // AZ-02.rotation: an ARM key (azapi) needs rotation and an expiry; an expression policy is UNKNOWN
    [
      'AZ-02.rotation',
      'an ARM key with rotation and expiry',
      armKey({
        attributes: { expiryTime: 'P180D' },
        lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }],
      }),
      'azapi_resource_action.k',
      'COMPLIANT',
    ],
    [
      'AZ-02.rotation',
      'an ARM key without expiry',
      armKey({
        lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }],
      }),
      'azapi_resource_action.k',
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.rotation',
      'an ARM key without policy',
      armKey(undefined),
      'azapi_resource_action.k',
      'NON_COMPLIANT',
    ],
    [
      'AZ-02.rotation',
      'a policy from a variable',
      armKey('${var.policy}'),
      'azapi_resource_action.k',
      'UNKNOWN',
    ],
    // AZ-05: quarantine needs a scanner with AcrQuarantineWriter on the registry
    [
      'AZ-05',
      'quarantine without a scanner',
      tf(quarantined),
      'azurerm_container_registry.cr',
      'NON_COMPLIANT',
    ],
    [
      'AZ-05',
      'quarantine with a scanner',
      tf({
        ...quarantined,
        azurerm_role_assignment: {
          w: {
            scope: '${azurerm_container_registry.cr.id}',
            role_definition_name: 'AcrQuarantineWriter',
            principal_id: 's',
          },
        },
      }),
      'azurerm_container_registry.cr',
      'COMPLIANT',
    ],
    // AZ-11.private-link and AZ-11.activity-log: compliant, non-compliant and unknown
    ['AZ-11.private-link', 'a PrivateOnly scope', scoped('PrivateOnly'), LAW, 'COMPLIANT'],
    ['AZ-11.private-link', 'an Open scope', scoped('Open'), LAW, 'NON_COMPLIANT'],
    [
      'AZ-11.private-link',
      'internet ingestion on',
      tf({ azurerm_log_analytics_workspace: { l: { internet_ingestion_enabled: true } } }),
      LAW,
      'NON_COMPLIANT',
    ],
    ['AZ-11.private-link', 'a scope of another stack', hubScope(), LAW, 'UNKNOWN'],
    [
      'AZ-11.activity-log',
      'every category to the subscription data source',
      activity('${data.azurerm_subscription.current.id}', allActivity),
      WS,
      'COMPLIANT',
    ],
    [
      'AZ-11.activity-log',
      'every category to the subscription id',
      activity(SUB, allActivity),
      WS,
      'COMPLIANT',
    ],
    [
      'AZ-11.activity-log',
      'one category only',
      activity('${data.azurerm_subscription.current.id}', ['Administrative']),
      WS,
      'NON_COMPLIANT',
    ],
    [
      'AZ-11.activity-log',
      'a target from a variable',
      activity('${var.target}', allActivity),
      WS,
      'UNKNOWN',
    ],
  ]),
);
