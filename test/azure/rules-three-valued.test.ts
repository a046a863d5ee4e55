import { AzureMlopsChecks } from '../../lib/azure';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

const pack = new AzureMlopsChecks();

function statusOf(json: any, ruleId: string, address?: string): string | undefined {
  const stack = json.resource ? json : { resource: json };
  return evaluateStack('t', stack, [pack], { includeCompliant: true }).findings.find(
    (f) => f.ruleId === ruleId && (address === undefined || f.address === address),
  )?.status;
}

/** Wraps every nested block of an object into a one-element list (the other Terraform JSON form). */
function asLists(v: any): any {
  if (Array.isArray(v)) return v.map(asLists);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        x && typeof x === 'object' && !Array.isArray(x) ? [asLists(x)] : asLists(x),
      ]),
    );
  }
  return v;
}

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';

const goodWorkspace = {
  public_network_access_enabled: false,
  high_business_impact: true,
  identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.id.id}'] },
  primary_user_assigned_identity: '${azurerm_user_assigned_identity.id.id}',
  encryption: {
    key_id: '${azurerm_key_vault_key.k.id}',
    key_vault_id: '${azurerm_key_vault.kv.id}',
    user_assigned_identity_id: '${azurerm_user_assigned_identity.id.id}',
  },
  managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' },
  container_registry_id: '${azurerm_container_registry.cr.id}',
  image_build_compute_name: 'cpu',
};
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

describe('Azure rules are three-valued (expressions give UNKNOWN, never a pass or a failure)', () => {
  test.each(CASES)(
    '%s on %s: compliant literal values pass, %s as an expression is UNKNOWN',
    (rule, type, good, path) => {
      expect(statusOf({ [type]: { r: good } }, rule)).toBe('COMPLIANT');
      expect(statusOf({ [type]: { r: withExpression(good, path) } }, rule)).toBe('UNKNOWN');
    },
  );

  test.each(CASES)(
    '%s on %s: nested blocks written as lists read the same (%s)',
    (rule, type, good) => {
      expect(statusOf({ [type]: { r: asLists(good) } }, rule)).toBe('COMPLIANT');
    },
  );

  test('AZ-09: Owner at ${data.azurerm_subscription...id} is a subscription-scope Owner (used to pass)', () => {
    const json = {
      resource: {
        azurerm_role_assignment: {
          a: {
            scope: '${data.azurerm_subscription.current.id}',
            role_definition_name: 'Owner',
            principal_id: 'p',
          },
        },
      },
      data: { azurerm_subscription: { current: {} } },
    };
    expect(statusOf(json, 'AZ-09')).toBe('NON_COMPLIANT');
  });

  test('AZ-09: a broad role at a scope known only at apply is UNKNOWN; at a resource group or resource it passes', () => {
    const ra = (scope: string, role = 'Contributor') => ({
      azurerm_resource_group: { rg: {} },
      azurerm_storage_account: { s: {} },
      azurerm_role_assignment: { a: { scope, role_definition_name: role, principal_id: 'p' } },
    });
    expect(statusOf(ra('${var.scope}'), 'AZ-09')).toBe('UNKNOWN');
    expect(statusOf(ra('${azurerm_resource_group.rg.id}'), 'AZ-09')).toBe('COMPLIANT');
    expect(statusOf(ra('${azurerm_storage_account.s.id}'), 'AZ-09')).toBe('COMPLIANT');
    expect(statusOf(ra(SUB), 'AZ-09')).toBe('NON_COMPLIANT');
    expect(statusOf(ra(`${SUB}/`, 'Role Based Access Control Administrator'), 'AZ-09')).toBe(
      'NON_COMPLIANT',
    );
    // A narrow role is fine anywhere, a role from a variable only matters at a wide scope.
    expect(statusOf(ra('${var.scope}', 'Reader'), 'AZ-09')).toBe('COMPLIANT');
    const fromVar = ra(SUB);
    fromVar.azurerm_role_assignment.a = {
      scope: SUB,
      role_definition_id: '${var.role}',
      principal_id: 'p',
    } as any;
    expect(statusOf(fromVar, 'AZ-09')).toBe('UNKNOWN');
  });

  test('AZ-09.custom-roles: an expression action or assignable scope is UNKNOWN', () => {
    expect(
      statusOf(
        {
          azurerm_role_definition: {
            d: {
              permissions: [{ actions: ['${var.action}'] }],
              assignable_scopes: ['/subscriptions/s/resourceGroups/rg'],
            },
          },
        },
        'AZ-09.custom-roles',
      ),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        {
          azurerm_role_definition: {
            d: { permissions: [{ actions: ['a/read'] }], assignable_scopes: ['${var.s}'] },
          },
        },
        'AZ-09.custom-roles',
      ),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        {
          azurerm_role_definition: {
            d: { permissions: { actions: ['*'] }, assignable_scopes: ['${var.s}'] },
          },
        },
        'AZ-09.custom-roles',
      ),
    ).toBe('NON_COMPLIANT');
  });

  test('AZ-06, AZ-11.diagnostics, AZ-13: a target known only at apply is UNKNOWN, not a failure', () => {
    const ws = { azurerm_machine_learning_workspace: { w: goodWorkspace } };
    expect(
      statusOf(
        {
          ...ws,
          azurerm_private_endpoint: {
            pe: {
              private_service_connection: {
                private_connection_resource_id: '${var.target}',
                subresource_names: ['amlworkspace'],
              },
            },
          },
        },
        'AZ-06',
      ),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        { ...ws, azurerm_monitor_diagnostic_setting: { d: { target_resource_id: '${var.t}' } } },
        'AZ-11.diagnostics',
      ),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        {
          ...ws,
          azurerm_management_lock: { l: { scope: '${var.t}', lock_level: 'CanNotDelete' } },
        },
        'AZ-13',
      ),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        {
          ...ws,
          azurerm_management_lock: {
            l: { scope: '${azurerm_machine_learning_workspace.w.id}', lock_level: '${var.level}' },
          },
        },
        'AZ-13',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-12: a policy definition id from an expression makes missing assignments UNKNOWN; the deprecated one is named', () => {
    const ws = { azurerm_machine_learning_workspace: { w: goodWorkspace } };
    expect(
      statusOf(
        {
          ...ws,
          azurerm_resource_group_policy_assignment: { p: { policy_definition_id: '${var.def}' } },
        },
        'AZ-12',
      ),
    ).toBe('UNKNOWN');
    const old = evaluateStack(
      't',
      {
        resource: {
          ...ws,
          azurerm_resource_group_policy_assignment: {
            p: {
              policy_definition_id:
                '/providers/Microsoft.Authorization/policyDefinitions/40cec1dd-a100-4920-b15b-3024fe8901ab',
            },
          },
        },
      },
      [pack],
      { includeCompliant: true },
    ).findings.find((f) => f.ruleId === 'AZ-12')!;
    expect(old.status).toBe('NON_COMPLIANT');
    expect(old.reason).toMatch(
      /PRIVATE_LINK.*40cec1dd-a100-4920-b15b-3024fe8901ab is deprecated \(use 45e05259-1eb5-4f70-9574-baf73e9d219b\)/,
    );
  });

  test('AZ-02.rotation: an ARM key (azapi) needs rotation and an expiry; an expression policy is UNKNOWN', () => {
    const key = (policy: any) => ({
      azapi_resource_action: {
        k: {
          type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
          method: 'PUT',
          body: { properties: { rotationPolicy: policy } },
        },
      },
    });
    expect(
      statusOf(
        key({
          attributes: { expiryTime: 'P180D' },
          lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }],
        }),
        'AZ-02.rotation',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        key({
          lifetimeActions: [{ trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } }],
        }),
        'AZ-02.rotation',
      ),
    ).toBe('NON_COMPLIANT');
    expect(statusOf(key(undefined), 'AZ-02.rotation')).toBe('NON_COMPLIANT');
    expect(statusOf(key('${var.policy}'), 'AZ-02.rotation')).toBe('UNKNOWN');
  });

  test('AZ-05: quarantine needs a scanner with AcrQuarantineWriter on the registry', () => {
    const reg = {
      azurerm_container_registry: { cr: { ...goodRegistry, quarantine_policy_enabled: true } },
    };
    expect(statusOf(reg, 'AZ-05')).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        {
          ...reg,
          azurerm_role_assignment: {
            w: {
              scope: '${azurerm_container_registry.cr.id}',
              role_definition_name: 'AcrQuarantineWriter',
              principal_id: 's',
            },
          },
        },
        'AZ-05',
      ),
    ).toBe('COMPLIANT');
  });

  test('AZ-11.private-link and AZ-11.activity-log: compliant, non-compliant and unknown', () => {
    const scoped = (mode: string) => ({
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
    expect(statusOf(scoped('PrivateOnly'), 'AZ-11.private-link')).toBe('COMPLIANT');
    expect(statusOf(scoped('Open'), 'AZ-11.private-link')).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        { azurerm_log_analytics_workspace: { l: { internet_ingestion_enabled: true } } },
        'AZ-11.private-link',
      ),
    ).toBe('NON_COMPLIANT');
    const hub = scoped('PrivateOnly') as any;
    delete hub.azurerm_monitor_private_link_scope;
    hub.azurerm_monitor_private_link_scoped_service.l.scope_name = 'ampls-hub';
    expect(statusOf(hub, 'AZ-11.private-link')).toBe('UNKNOWN');

    const activity = (target: string, categories: string[]) => ({
      resource: {
        azurerm_machine_learning_workspace: { w: goodWorkspace },
        azurerm_monitor_diagnostic_setting: {
          d: {
            target_resource_id: target,
            enabled_log: categories.map((category) => ({ category })),
          },
        },
      },
      data: { azurerm_subscription: { current: {} } },
    });
    const all = ['Administrative', 'Security', 'Policy'];
    expect(
      statusOf(activity('${data.azurerm_subscription.current.id}', all), 'AZ-11.activity-log'),
    ).toBe('COMPLIANT');
    expect(statusOf(activity(SUB, all), 'AZ-11.activity-log')).toBe('COMPLIANT');
    expect(
      statusOf(
        activity('${data.azurerm_subscription.current.id}', ['Administrative']),
        'AZ-11.activity-log',
      ),
    ).toBe('NON_COMPLIANT');
    expect(statusOf(activity('${var.target}', all), 'AZ-11.activity-log')).toBe('UNKNOWN');
  });
});
