import { AzureMlopsChecks } from '../../lib/azure';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { RuleCategory } from '../../lib/core/compliance/rule';

const pack = new AzureMlopsChecks();

/** The findings of one rule over hand-written Terraform JSON (resources, plus providers/data). */
function run(
  json: any,
  ruleId: string,
): Array<{ address: string; status: string; reason?: string }> {
  const stack = json.resource ? json : { resource: json };
  return evaluateStack('t', stack, [pack], { includeCompliant: true })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => ({ address: f.address, status: f.status, reason: f.reason }));
}
const statusOf = (json: any, ruleId: string, address?: string) =>
  run(json, ruleId).filter((f) => address === undefined || f.address === address)[0]?.status;

const APPLY_RULES = [
  'AZ-02.cosmos-key-access',
  'AZ-02.rotation-limits',
  'AZ-03.data-plane-create',
  'AZ-04.container-data-plane',
  'AZ-04.data-plane',
  'AZ-06.dns-zone-unique',
  'AZ-08.instance-network',
  'AZ-08.serverless-public-ip',
  'AZ-09.duplicate-assignment',
  'AZ-09.propagation',
  'AZ-09.role-definition-name',
  'AZ-11.diagnostic-limits',
];

describe('AzureMlopsChecks apply rules', () => {
  test('apply rules are ERROR rules in the apply category, each citing its source', () => {
    const apply = pack.rules.filter((r) => r.category === RuleCategory.APPLY);
    expect(apply.map((r) => r.id).sort()).toEqual([...APPLY_RULES].sort());
    for (const r of apply) {
      expect(r.level).toBe('ERROR');
      expect(r.source?.length).toBeGreaterThan(40);
    }
  });

  test('AZ-08.serverless-public-ip: the old default (public_ip_enabled false, no subnet, private workspace) fails', () => {
    const ws = (extra: any) => ({
      azurerm_machine_learning_workspace: {
        w: { public_network_access_enabled: false, ...extra },
      },
    });
    expect(
      run(
        ws({ serverless_compute: { public_ip_enabled: false } }),
        'AZ-08.serverless-public-ip',
      )[0],
    ).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/without a subnet_id/),
    });
    // The provider default of public_ip_enabled is false too.
    expect(statusOf(ws({ serverless_compute: [{}] }), 'AZ-08.serverless-public-ip')).toBe(
      'NON_COMPLIANT',
    );
    expect(
      statusOf(
        ws({ serverless_compute: { public_ip_enabled: true } }),
        'AZ-08.serverless-public-ip',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        ws({ serverless_compute: { public_ip_enabled: false, subnet_id: '/sub/x' } }),
        'AZ-08.serverless-public-ip',
      ),
    ).toBe('COMPLIANT');
    expect(statusOf(ws({}), 'AZ-08.serverless-public-ip')).toBeUndefined();
    expect(
      statusOf(
        ws({ serverless_compute: { public_ip_enabled: '${var.pip}' } }),
        'AZ-08.serverless-public-ip',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-04.data-plane: a closed account needs features.storage.data_plane_available = false on its provider', () => {
    const stack = (features: any, extra: any = {}) => ({
      provider: { azurerm: [{ features }, { alias: 'other', features: [{}] }] },
      resource: {
        azurerm_storage_account: { s: { public_network_access_enabled: false, ...extra } },
      },
    });
    expect(run(stack([{}]), 'AZ-04.data-plane')[0]).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/data_plane_available is unset \(true\)/),
    });
    expect(
      statusOf(stack([{ storage: [{ data_plane_available: false }] }]), 'AZ-04.data-plane'),
    ).toBe('COMPLIANT');
    // An aliased provider is the one that counts.
    expect(
      statusOf(
        stack([{ storage: [{ data_plane_available: false }] }], { provider: 'azurerm.other' }),
        'AZ-04.data-plane',
      ),
    ).toBe('NON_COMPLIANT');
    // An open account is not polled into a 403.
    expect(statusOf(stack([{}], { public_network_access_enabled: true }), 'AZ-04.data-plane')).toBe(
      'COMPLIANT',
    );
    expect(
      statusOf(stack([{ storage: { data_plane_available: '${var.dp}' } }]), 'AZ-04.data-plane'),
    ).toBe('UNKNOWN');
    expect(
      statusOf(
        { azurerm_storage_account: { s: { public_network_access_enabled: false } } },
        'AZ-04.data-plane',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-03.data-plane-create: a key created through the data plane of a closed vault fails', () => {
    const vault = (extra: any) => ({
      azurerm_key_vault: {
        kv: {
          public_network_access_enabled: false,
          network_acls: { default_action: 'Deny' },
          ...extra,
        },
      },
      azurerm_key_vault_key: { k: { key_vault_id: '${azurerm_key_vault.kv.id}' } },
    });
    expect(run(vault({}), 'AZ-03.data-plane-create')[0]).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/public network access off/),
    });
    expect(
      statusOf(
        vault({ public_network_access_enabled: true, network_acls: { default_action: 'Deny' } }),
        'AZ-03.data-plane-create',
      ),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        vault({
          public_network_access_enabled: true,
          network_acls: { default_action: 'Deny', ip_rules: ['203.0.113.0/24'] },
        }),
        'AZ-03.data-plane-create',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        { azurerm_key_vault_secret: { s: { key_vault_id: '${var.vault}' } } },
        'AZ-03.data-plane-create',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-04.container-data-plane: storage_account_name on a closed account fails, storage_account_id passes', () => {
    const account = { azurerm_storage_account: { s: { public_network_access_enabled: false } } };
    expect(
      statusOf(
        {
          ...account,
          azurerm_storage_container: {
            c: { storage_account_name: '${azurerm_storage_account.s.name}' },
          },
        },
        'AZ-04.container-data-plane',
      ),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        {
          ...account,
          azurerm_storage_container: {
            c: { storage_account_id: '${azurerm_storage_account.s.id}' },
          },
        },
        'AZ-04.container-data-plane',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        { azurerm_storage_container: { c: { storage_account_name: 'stx' } } },
        'AZ-04.container-data-plane',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-02.cosmos-key-access: a CMK workspace without a grant to an external principal on its key fails', () => {
    const base = {
      azurerm_key_vault: { kv: {} },
      azapi_resource_action: {
        key: {
          type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
          method: 'PUT',
          resource_id: '${azurerm_key_vault.kv.id}/keys/cmk',
        },
      },
      azurerm_user_assigned_identity: { ws: {} },
      azurerm_machine_learning_workspace: {
        w: {
          encryption: {
            key_vault_id: '${azurerm_key_vault.kv.id}',
            key_id: '${azapi_resource_action.key.output.properties.keyUriWithVersion}',
          },
        },
      },
    };
    const grant = (principal: string, role = 'Key Vault Crypto Service Encryption User') => ({
      scope: '${azapi_resource_action.key.id}',
      role_definition_name: role,
      principal_id: principal,
    });
    // Only the workspace identity: Cosmos DB cannot wrap the key.
    expect(
      run(
        {
          ...base,
          azurerm_role_assignment: {
            ws: grant('${azurerm_user_assigned_identity.ws.principal_id}'),
          },
        },
        'AZ-02.cosmos-key-access',
      )[0],
    ).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/Azure Cosmos DB principal/),
    });
    expect(
      statusOf(
        { ...base, azurerm_role_assignment: { c: grant('66666666-0000-0000-0000-000000000001') } },
        'AZ-02.cosmos-key-access',
      ),
    ).toBe('COMPLIANT');
    // A reader role does not let it wrap keys.
    expect(
      statusOf(
        {
          ...base,
          azurerm_role_assignment: {
            c: grant('66666666-0000-0000-0000-000000000001', 'Key Vault Reader'),
          },
        },
        'AZ-02.cosmos-key-access',
      ),
    ).toBe('NON_COMPLIANT');
    // The azuread lookup of the Cosmos DB application counts.
    expect(
      statusOf(
        {
          resource: {
            ...base,
            azurerm_role_assignment: {
              c: grant('${data.azuread_service_principal.cosmos.object_id}'),
            },
          },
          data: {
            azuread_service_principal: {
              cosmos: { client_id: 'a232010e-820c-4083-83bb-3ace5fc29d0b' },
            },
          },
        },
        'AZ-02.cosmos-key-access',
      ),
    ).toBe('COMPLIANT');
    // A principal from a variable may be it.
    expect(
      statusOf(
        { ...base, azurerm_role_assignment: { c: grant('${var.cosmos}') } },
        'AZ-02.cosmos-key-access',
      ),
    ).toBe('UNKNOWN');
    // Service-side encryption does not use the Cosmos DB in your subscription.
    const sse = {
      ...base,
      azurerm_machine_learning_workspace: {
        w: { ...base.azurerm_machine_learning_workspace.w, service_side_encryption_enabled: true },
      },
    };
    expect(statusOf(sse, 'AZ-02.cosmos-key-access')).toBeUndefined();
  });

  test('AZ-08.instance-network: no public IP needs a managed network or a subnet, not both', () => {
    const stack = (mode: string | undefined, instance: any) => ({
      azurerm_machine_learning_workspace: {
        w: mode ? { managed_network: { isolation_mode: mode } } : {},
      },
      azurerm_machine_learning_compute_instance: {
        i: {
          machine_learning_workspace_id: '${azurerm_machine_learning_workspace.w.id}',
          ...instance,
        },
      },
    });
    expect(
      statusOf(stack(undefined, { node_public_ip_enabled: false }), 'AZ-08.instance-network'),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        stack('AllowOnlyApprovedOutbound', { node_public_ip_enabled: false }),
        'AZ-08.instance-network',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        stack('AllowOnlyApprovedOutbound', {
          node_public_ip_enabled: false,
          subnet_resource_id: '/s',
        }),
        'AZ-08.instance-network',
      ),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        stack('Disabled', { node_public_ip_enabled: false, subnet_resource_id: '/s' }),
        'AZ-08.instance-network',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(stack('${var.mode}', { node_public_ip_enabled: false }), 'AZ-08.instance-network'),
    ).toBe('UNKNOWN');
  });

  test('AZ-09.duplicate-assignment: the same role to the same principal at the same scope twice fails (name or id)', () => {
    const a = {
      scope: '${azurerm_resource_group.rg.id}',
      principal_id: 'p',
      role_definition_name: 'Reader',
    };
    const b = {
      ...a,
      role_definition_name: undefined,
      role_definition_id:
        '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    };
    expect(
      run({ azurerm_role_assignment: { a, b } }, 'AZ-09.duplicate-assignment').map((f) => f.status),
    ).toEqual(['NON_COMPLIANT', 'NON_COMPLIANT']);
    expect(
      statusOf(
        { azurerm_role_assignment: { a, c: { ...a, principal_id: 'q' } } },
        'AZ-09.duplicate-assignment',
        'azurerm_role_assignment.a',
      ),
    ).toBe('COMPLIANT');
  });

  test('AZ-09.role-definition-name: two custom roles with one name fail', () => {
    const d = { name: 'ML Engineer', permissions: [{ actions: ['x/read'] }] };
    expect(
      statusOf(
        { azurerm_role_definition: { a: d, b: { ...d, name: 'ml engineer' } } },
        'AZ-09.role-definition-name',
        'azurerm_role_definition.a',
      ),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        { azurerm_role_definition: { a: d, b: { ...d, name: 'Other' } } },
        'AZ-09.role-definition-name',
        'azurerm_role_definition.a',
      ),
    ).toBe('COMPLIANT');
    expect(
      statusOf(
        { azurerm_role_definition: { a: { ...d, name: '${var.n}' } } },
        'AZ-09.role-definition-name',
      ),
    ).toBe('UNKNOWN');
  });

  test('AZ-06.dns-zone-unique: a second zone of the same name in the same resource group fails', () => {
    const z = { name: 'privatelink.blob.core.windows.net', resource_group_name: 'rg' };
    expect(
      statusOf(
        { azurerm_private_dns_zone: { a: z, b: z } },
        'AZ-06.dns-zone-unique',
        'azurerm_private_dns_zone.a',
      ),
    ).toBe('NON_COMPLIANT');
    expect(
      statusOf(
        { azurerm_private_dns_zone: { a: z, b: { ...z, resource_group_name: 'rg2' } } },
        'AZ-06.dns-zone-unique',
        'azurerm_private_dns_zone.a',
      ),
    ).toBe('COMPLIANT');
  });

  test('AZ-02.rotation-limits: Key Vault limits on rotation, expiry and notification (ARM body and azurerm)', () => {
    const arm = (policy: any) => ({
      azapi_resource_action: {
        k: {
          type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
          method: 'PUT',
          body: { properties: { rotationPolicy: policy } },
        },
      },
    });
    const policy = (rotate: string, expiry: string, notify = 'P7D') => ({
      attributes: { expiryTime: expiry },
      lifetimeActions: [
        { trigger: { timeAfterCreate: rotate }, action: { type: 'rotate' } },
        { trigger: { timeBeforeExpiry: notify }, action: { type: 'notify' } },
      ],
    });
    expect(statusOf(arm(policy('P90D', 'P180D', 'P30D')), 'AZ-02.rotation-limits')).toBe(
      'COMPLIANT',
    );
    expect(run(arm(policy('P90D', 'P20D')), 'AZ-02.rotation-limits')[0].reason).toMatch(
      /under 28 days/,
    );
    expect(run(arm(policy('P3D', 'P30D')), 'AZ-02.rotation-limits')[0].reason).toMatch(
      /under 7 days/,
    );
    expect(run(arm(policy('P25D', 'P28D')), 'AZ-02.rotation-limits')[0].reason).toMatch(
      /less than 7 days before expiry/,
    );
    expect(
      statusOf(
        {
          azurerm_key_vault_key: {
            k: {
              rotation_policy: {
                automatic: { time_after_creation: 'P175D' },
                expire_after: 'P180D',
              },
            },
          },
        },
        'AZ-02.rotation-limits',
      ),
    ).toBe('NON_COMPLIANT');
    expect(statusOf(arm('${var.policy}'), 'AZ-02.rotation-limits')).toBe('UNKNOWN');
    // Not a key: not applicable.
    expect(
      statusOf(
        { azapi_resource_action: { a: { type: 'Microsoft.Storage/storageAccounts@2023-01-01' } } },
        'AZ-02.rotation-limits',
      ),
    ).toBeUndefined();
  });

  test('AZ-11.diagnostic-limits: overlapping categories to the same destination, or more than five settings, fail', () => {
    const d = (extra: any) => ({
      target_resource_id: '${azurerm_key_vault.kv.id}',
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.l.id}',
      ...extra,
    });
    expect(
      run(
        {
          azurerm_monitor_diagnostic_setting: {
            a: d({ enabled_log: [{ category_group: 'allLogs' }] }),
            b: d({ enabled_log: [{ category: 'AuditEvent' }] }),
          },
        },
        'AZ-11.diagnostic-limits',
      )[0],
    ).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/group:allLogs \/ category:AuditEvent/),
    });
    expect(
      statusOf(
        {
          azurerm_monitor_diagnostic_setting: {
            a: d({ enabled_log: [{ category_group: 'allLogs' }] }),
            b: d({ enabled_metric: [{ category: 'AllMetrics' }] }),
          },
        },
        'AZ-11.diagnostic-limits',
        'azurerm_monitor_diagnostic_setting.a',
      ),
    ).toBe('COMPLIANT');
    const six = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((i) => [
        `s${i}`,
        d({ log_analytics_workspace_id: `/law/${i}`, enabled_log: [{ category: 'AuditEvent' }] }),
      ]),
    );
    expect(
      run({ azurerm_monitor_diagnostic_setting: six }, 'AZ-11.diagnostic-limits')[0].reason,
    ).toMatch(/6 diagnostic settings .* \(at most 5\)/);
  });

  test('AZ-09.propagation: CMK storage waits for its identity key grant and a time_sleep after it', () => {
    const base = {
      azurerm_user_assigned_identity: { cmk: {} },
      azurerm_role_assignment: {
        g: {
          scope: '${azurerm_key_vault.kv.id}',
          principal_id: '${azurerm_user_assigned_identity.cmk.principal_id}',
          role_definition_name: 'Key Vault Crypto Service Encryption User',
        },
      },
      time_sleep: { wait: { create_duration: '90s', depends_on: ['azurerm_role_assignment.g'] } },
    };
    const account = (deps?: string[]) => ({
      azurerm_storage_account: {
        s: {
          customer_managed_key: {
            user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}',
          },
          depends_on: deps,
        },
      },
    });
    expect(run({ ...base, ...account() }, 'AZ-09.propagation')[0]).toMatchObject({
      status: 'NON_COMPLIANT',
      reason: expect.stringMatching(/does not wait for azurerm_role_assignment\.g/),
    });
    expect(
      run({ ...base, ...account(['azurerm_role_assignment.g']) }, 'AZ-09.propagation')[0].reason,
    ).toMatch(/no propagation wait \(time_sleep\) after azurerm_role_assignment\.g/);
    expect(statusOf({ ...base, ...account(['time_sleep.wait']) }, 'AZ-09.propagation')).toBe(
      'COMPLIANT',
    );
    // No grant to the identity in the stack: nothing to wait for.
    expect(
      statusOf({ azurerm_user_assigned_identity: { cmk: {} }, ...account() }, 'AZ-09.propagation'),
    ).toBeUndefined();
  });
});
