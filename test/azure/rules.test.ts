import { AzureMlopsChecks } from '../../lib/azure';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

const pack = new AzureMlopsChecks();

/** Findings of one rule over hand-written Terraform JSON. */
function run(
  resource: any,
  ruleId: string,
): Array<{ address: string; status: string; reason?: string }> {
  const report = evaluateStack('t', { resource }, [pack], { includeCompliant: true });
  return report.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ address: f.address, status: f.status, reason: f.reason }));
}

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

describe('AzureMlopsChecks', () => {
  test('pack ids are control ids, one rule per id', () => {
    const ids = pack.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(AZ-\d{2}(\.[a-z-]+)?|X-\d{2}(\.[a-z-]+)?)$/);
  });

  test('AZ-01 rule flags a public, non-HBI, system-identity workspace', () => {
    expect(
      run({ azurerm_machine_learning_workspace: { ok: goodWorkspace } }, 'AZ-01')[0].status,
    ).toBe('COMPLIANT');
    const bad = run(
      { azurerm_machine_learning_workspace: { bad: { identity: { type: 'SystemAssigned' } } } },
      'AZ-01',
    )[0];
    expect(bad.status).toBe('NON_COMPLIANT');
    expect(bad.reason).toMatch(
      /public_network_access_enabled.*high_business_impact.*SystemAssigned/,
    );
  });

  test('AZ-02 rules flag missing CMK on workspace, storage, registry and missing rotation', () => {
    expect(
      run(
        { azurerm_machine_learning_workspace: { w: { ...goodWorkspace, encryption: undefined } } },
        'AZ-02.workspace',
      )[0].status,
    ).toBe('NON_COMPLIANT');
    expect(run({ azurerm_storage_account: { s: {} } }, 'AZ-02.storage')[0].status).toBe(
      'NON_COMPLIANT',
    );
    expect(
      run(
        {
          azurerm_storage_account: {
            s: {
              customer_managed_key: { key_vault_key_id: 'x' },
              queue_encryption_key_type: 'Account',
              table_encryption_key_type: 'Account',
            },
          },
        },
        'AZ-02.storage',
      )[0].status,
    ).toBe('COMPLIANT');
    expect(run({ azurerm_container_registry: { c: {} } }, 'AZ-02.registry')[0].status).toBe(
      'NON_COMPLIANT',
    );
    expect(run({ azurerm_key_vault_key: { k: {} } }, 'AZ-02.rotation')[0].status).toBe(
      'NON_COMPLIANT',
    );
    expect(
      run(
        {
          azurerm_key_vault_key: {
            k: { rotation_policy: { automatic: { time_after_creation: 'P2Y' } } },
          },
        },
        'AZ-02.rotation',
      )[0].reason,
    ).toMatch(/exceeds 365/);
    expect(
      run(
        {
          azurerm_key_vault_key: {
            k: {
              rotation_policy: [
                { automatic: [{ time_after_creation: 'P90D' }], expire_after: 'P180D' },
              ],
            },
          },
        },
        'AZ-02.rotation',
      )[0].status,
    ).toBe('COMPLIANT');
  });

  test('AZ-03 rule flags a vault without purge protection, RBAC or network ACL', () => {
    const bad = run({ azurerm_key_vault: { kv: { soft_delete_retention_days: 7 } } }, 'AZ-03')[0];
    expect(bad.reason).toMatch(
      /purge_protection_enabled.*soft_delete_retention_days is 7.*RBAC.*default_action/,
    );
    const ok = {
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      rbac_authorization_enabled: true,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny' },
    };
    expect(run({ azurerm_key_vault: { kv: ok } }, 'AZ-03')[0].status).toBe('COMPLIANT');
  });

  test('AZ-04 rule flags shared keys, public blobs and missing soft delete', () => {
    const bad = run({ azurerm_storage_account: { s: { min_tls_version: 'TLS1_0' } } }, 'AZ-04')[0];
    expect(bad.reason).toMatch(
      /min_tls_version is TLS1_0.*allow_nested_items_to_be_public.*shared_access_key_enabled/,
    );
  });

  test('AZ-05 rule flags the (obsolete) admin account and a public Basic registry', () => {
    const bad = run(
      { azurerm_container_registry: { c: { sku: 'Basic', admin_enabled: true } } },
      'AZ-05',
    )[0];
    expect(bad.reason).toMatch(/sku is Basic.*admin account is on/);
  });

  test('AZ-06 rule needs both Azure ML zones in the workspace endpoint zone group', () => {
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
    const ws = {
      azurerm_machine_learning_workspace: { w: goodWorkspace },
      azurerm_private_dns_zone: zones,
    };
    expect(run(ws, 'AZ-06')[0].reason).toMatch(/no amlworkspace private endpoint/);
    expect(
      run(
        { ...ws, azurerm_private_endpoint: { pe: pe(['${azurerm_private_dns_zone.api.id}']) } },
        'AZ-06',
      )[0].reason,
    ).toMatch(/lacks/);
    expect(
      run(
        {
          ...ws,
          azurerm_private_endpoint: {
            pe: pe(['${azurerm_private_dns_zone.api.id}', '${azurerm_private_dns_zone.nb.id}']),
          },
        },
        'AZ-06',
      )[0].status,
    ).toBe('COMPLIANT');
  });

  test('AZ-07 rules flag a workspace without managed network or image-build compute', () => {
    const w = { ...goodWorkspace, managed_network: undefined, image_build_compute_name: undefined };
    expect(run({ azurerm_machine_learning_workspace: { w } }, 'AZ-07')[0].reason).toMatch(
      /Disabled/,
    );
    expect(run({ azurerm_machine_learning_workspace: { w } }, 'AZ-07.image-build')[0].status).toBe(
      'NON_COMPLIANT',
    );
  });

  test('AZ-08 rules flag compute with provider defaults (public IP, local auth, SSH)', () => {
    expect(
      run(
        {
          azurerm_machine_learning_compute_cluster: {
            c: { scale_settings: { min_node_count: 1 } },
          },
        },
        'AZ-08.cluster',
      )[0].reason,
    ).toMatch(
      /node_public_ip_enabled.*local_auth_enabled.*ssh_public_access_enabled.*managed identity.*min_node_count is 1/,
    );
    expect(
      run(
        { azurerm_machine_learning_compute_instance: { i: { ssh: { public_key: 'k' } } } },
        'AZ-08.instance',
      )[0].reason,
    ).toMatch(/SSH is configured/);
  });

  test('AZ-09 rules flag Owner at subscription scope and wildcard custom roles', () => {
    const sub = '/subscriptions/11111111-1111-1111-1111-111111111111';
    expect(
      run(
        {
          azurerm_role_assignment: {
            a: { scope: sub, role_definition_name: 'Owner', principal_id: 'p' },
          },
        },
        'AZ-09',
      )[0].status,
    ).toBe('NON_COMPLIANT');
    expect(
      run(
        {
          azurerm_role_assignment: {
            a: {
              scope: `${sub}/resourceGroups/rg`,
              role_definition_name: 'Owner',
              principal_id: 'p',
            },
          },
        },
        'AZ-09',
      )[0].status,
    ).toBe('COMPLIANT');
    expect(
      run(
        {
          azurerm_role_definition: {
            d: { permissions: [{ actions: ['*'] }], assignable_scopes: [sub] },
          },
        },
        'AZ-09.custom-roles',
      )[0].reason,
    ).toMatch(/assignable at subscription/);
    // the wildcard of a subscription-wide role is reported once, by X-03.custom-role-wildcards
    expect(
      run(
        {
          azurerm_role_definition: {
            d: { permissions: [{ actions: ['*'] }], assignable_scopes: [sub] },
          },
        },
        'X-03.custom-role-wildcards',
      )[0].reason,
    ).toMatch(/actions '\*' at \/subscriptions\//);
  });

  test('AZ-11 rules flag classic App Insights with keys and resources without diagnostics', () => {
    expect(
      run({ azurerm_application_insights: { a: {} } }, 'AZ-11.app-insights')[0].reason,
    ).toMatch(/classic.*local_authentication_disabled/);
    expect(run({ azurerm_key_vault: { kv: {} } }, 'AZ-11.diagnostics')[0].reason).toMatch(
      /no diagnostic setting/,
    );
    const diag = {
      target_resource_id: '${azurerm_key_vault.kv.id}',
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    };
    expect(
      run(
        { azurerm_key_vault: { kv: {} }, azurerm_monitor_diagnostic_setting: { d: diag } },
        'AZ-11.diagnostics',
      )[0].status,
    ).toBe('COMPLIANT');
  });

  test('AZ-12 rule lists the missing policy assignments', () => {
    expect(
      run({ azurerm_machine_learning_workspace: { w: goodWorkspace } }, 'AZ-12')[0].reason,
    ).toMatch(/CMK, PRIVATE_LINK, PUBLIC_NETWORK_DISABLED/);
  });

  test('AZ-13 rule flags stateful resources without a lock', () => {
    expect(run({ azurerm_storage_account: { s: {} } }, 'AZ-13')[0].status).toBe('NON_COMPLIANT');
    const lock = { scope: '${azurerm_storage_account.s.id}', lock_level: 'CanNotDelete' };
    expect(
      run({ azurerm_storage_account: { s: {} }, azurerm_management_lock: { l: lock } }, 'AZ-13')[0]
        .status,
    ).toBe('COMPLIANT');
  });

  test('X-08 and X-09 rules are part of the pack', () => {
    expect(run({ azurerm_key_vault: { kv: {} } }, 'X-08')[0].status).toBe('NON_COMPLIANT');
    expect(run({ azurerm_key_vault: { kv: {} } }, 'X-09')[0].status).toBe('NON_COMPLIANT');
  });
});
