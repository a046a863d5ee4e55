import { TerraformStack } from 'cdktf';
import {
  AzureEndpointAuthMode,
  AzureManagedNetworkIsolation,
  AzureMLWorkspace,
  AzureMlopsChecks,
} from '../../lib/azure';
import { Persona, RemovalPolicy } from '../../lib/core';
import { evaluate, synthJson } from '../helpers';
import { all, azureStack, block, IDS, one } from './fixtures';

const WS = 'azurerm_machine_learning_workspace';
const RA = 'azurerm_role_assignment';

function roleAssignments(json: any): any[] {
  return all(json, RA).map((x) => x.r);
}

describe('AzureMLWorkspace defaults', () => {
  let stack: TerraformStack;
  let platform: AzureMLWorkspace;
  let json: any;
  beforeAll(() => {
    ({ stack } = azureStack());
    platform = new AzureMLWorkspace(stack, 'ml', {
      environment: 'prod',
      location: 'westeurope',
      personas: {
        [Persona.DATA_SCIENTIST]: [IDS.ds],
        [Persona.ML_ENGINEER]: [IDS.mle],
        [Persona.PLATFORM_ADMIN]: [IDS.admin],
        [Persona.AUDITOR]: [IDS.auditor],
        [Persona.MODEL_VIEWER]: [IDS.viewer],
        [Persona.DEPLOYMENT]: [IDS.deployer],
        [Persona.DATA_ENGINEER]: [IDS.dataEng],
      },
      computeInstances: [{ name: 'ci-alice', ownerObjectId: IDS.ds }],
    });
    json = synthJson(stack);
  });

  test('AZ-01 workspace: user-assigned identity, public network off, HBI', () => {
    const ws = one(json, WS);
    expect(ws.public_network_access_enabled).toBe(false);
    expect(ws.high_business_impact).toBe(true);
    expect(block(ws.identity).type).toBe('UserAssigned');
    expect(block(ws.identity).identity_ids).toEqual([
      expect.stringContaining('azurerm_user_assigned_identity.ml_workspace-identity'),
    ]);
    expect(ws.primary_user_assigned_identity).toContain(
      'azurerm_user_assigned_identity.ml_workspace-identity',
    );
    expect(ws.v1_legacy_mode_enabled).toBe(false);
  });

  test('AZ-02 CMK on workspace, storage and registry, with rotation, key access scoped to the key', () => {
    const ws = one(json, WS);
    expect(block(ws.encryption).key_id).toMatch(/azurerm_key_vault_key\.ml_key-vault_key_\w+\.id/);
    expect(block(ws.encryption).user_assigned_identity_id).toContain('workspace-identity');
    const sa = one(json, 'azurerm_storage_account');
    expect(block(sa.customer_managed_key).key_vault_key_id).toContain('.versionless_id');
    expect(sa.queue_encryption_key_type).toBe('Account');
    expect(sa.table_encryption_key_type).toBe('Account');
    const acr = one(json, 'azurerm_container_registry');
    expect(block(acr.encryption).key_vault_key_id).toContain('.versionless_id');
    expect(block(acr.encryption).identity_client_id).toContain('cmk-identity');
    const key = one(json, 'azurerm_key_vault_key');
    expect(block(key.rotation_policy).automatic).toEqual({ time_after_creation: 'P90D' });
    const keyUsers = roleAssignments(json).filter(
      (r) => r.role_definition_name === 'Key Vault Crypto Service Encryption User',
    );
    expect(keyUsers).toHaveLength(2);
    for (const r of keyUsers) expect(r.scope).toContain('azurerm_key_vault_key.ml_key-vault_key_');
    expect(keyUsers.map((r) => r.principal_id).sort()).toEqual([
      expect.stringContaining('cmk-identity'),
      expect.stringContaining('workspace-identity'),
    ]);
  });

  test('AZ-03 Key Vault: purge protection, 90-day soft delete, RBAC, public off and default-deny ACL', () => {
    const kv = one(json, 'azurerm_key_vault');
    expect(kv.purge_protection_enabled).toBe(true);
    expect(kv.soft_delete_retention_days).toBe(90);
    expect(kv.rbac_authorization_enabled).toBe(true);
    expect(kv.public_network_access_enabled).toBe(false);
    expect(block(kv.network_acls).default_action).toBe('Deny');
  });

  test('AZ-04 storage: HTTPS, TLS 1.2, no public blobs, no shared keys, double encryption, deny, versioning, soft delete', () => {
    const sa = one(json, 'azurerm_storage_account');
    expect(sa).toMatchObject({
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      infrastructure_encryption_enabled: true,
      public_network_access_enabled: false,
    });
    expect(block(sa.network_rules).default_action).toBe('Deny');
    expect(block(sa.blob_properties).versioning_enabled).toBe(true);
    expect(block(block(sa.blob_properties).delete_retention_policy).days).toBe(30);
    expect(block(block(sa.blob_properties).container_delete_retention_policy).days).toBe(30);
  });

  test('AZ-04 workspace storage access is identity-based (datastore without key or SAS, identity has data roles)', () => {
    const ds = one(json, 'azurerm_machine_learning_datastore_blobstorage');
    expect(ds.service_data_auth_identity).toBe('WorkspaceUserAssignedIdentity');
    expect(ds.account_key).toBeUndefined();
    expect(ds.shared_access_signature).toBeUndefined();
    const roles = roleAssignments(json)
      .filter(
        (r) =>
          String(r.principal_id).includes('workspace-identity') &&
          String(r.scope).includes('azurerm_storage_account'),
      )
      .map((r) => r.role_definition_name);
    expect(roles).toEqual(
      expect.arrayContaining([
        'Storage Blob Data Contributor',
        'Storage File Data Privileged Contributor',
      ]),
    );
  });

  test('AZ-05 registry: Premium, admin off, private, quarantine, retention, no export', () => {
    expect(one(json, 'azurerm_container_registry')).toMatchObject({
      sku: 'Premium',
      admin_enabled: false,
      public_network_access_enabled: false,
      anonymous_pull_enabled: false,
      quarantine_policy_enabled: true,
      retention_policy_in_days: 7,
      export_policy_enabled: false,
    });
  });

  test('AZ-06 workspace endpoint registers privatelink.api.azureml.ms AND privatelink.notebooks.azure.net in one zone group', () => {
    const zones = Object.fromEntries(
      all(json, 'azurerm_private_dns_zone').map(({ name, r }) => [name, r.name]),
    );
    const pe = all(json, 'azurerm_private_endpoint')
      .map((x) => x.r)
      .find((r) => block(r.private_service_connection).subresource_names[0] === 'amlworkspace');
    expect(block(pe.private_service_connection).private_connection_resource_id).toContain(
      `${WS}.ml_workspace`,
    );
    const zoneNames = block(pe.private_dns_zone_group).private_dns_zone_ids.map(
      (ref: string) => zones[/azurerm_private_dns_zone\.([^.]+)\.id/.exec(ref)![1]],
    );
    expect(zoneNames.sort()).toEqual([
      'privatelink.api.azureml.ms',
      'privatelink.notebooks.azure.net',
    ]);
  });

  test('AZ-06 endpoints for blob, file, vault and registry, zones linked to the VNet', () => {
    const subs = all(json, 'azurerm_private_endpoint')
      .map((x) => block(x.r.private_service_connection).subresource_names[0])
      .sort();
    expect(subs).toEqual(['amlworkspace', 'blob', 'file', 'registry', 'vault']);
    expect(
      all(json, 'azurerm_private_dns_zone')
        .map((x) => x.r.name)
        .sort(),
    ).toEqual([
      'privatelink.api.azureml.ms',
      'privatelink.azurecr.io',
      'privatelink.blob.core.windows.net',
      'privatelink.file.core.windows.net',
      'privatelink.notebooks.azure.net',
      'privatelink.vaultcore.azure.net',
    ]);
    const links = all(json, 'azurerm_private_dns_zone_virtual_network_link').map((x) => x.r);
    expect(links).toHaveLength(6);
    for (const l of links)
      expect(l.virtual_network_id).toContain('azurerm_virtual_network.ml_network_vnet');
  });

  test('AZ-07 managed VNet AllowOnlyApprovedOutbound, provisioned at creation, image-build compute set', () => {
    const ws = one(json, WS);
    expect(block(ws.managed_network)).toEqual({
      isolation_mode: 'AllowOnlyApprovedOutbound',
      provision_on_creation_enabled: true,
    });
    expect(ws.image_build_compute_name).toBe('cpu-cluster');
  });

  test('AZ-08 compute defaults flipped: no public IP, local auth off, SSH off, managed identity, min 0', () => {
    const c = one(json, 'azurerm_machine_learning_compute_cluster');
    expect(c.node_public_ip_enabled).toBe(false);
    expect(c.local_auth_enabled).toBe(false);
    expect(c.ssh_public_access_enabled).toBe(false);
    expect(block(c.identity).type).toBe('UserAssigned');
    expect(block(c.identity).identity_ids[0]).toContain('training-identity');
    expect(block(c.scale_settings).min_node_count).toBe(0);
    expect(c.subnet_resource_id).toBeUndefined(); // compute lives in the managed VNet
    const i = one(json, 'azurerm_machine_learning_compute_instance');
    expect(i.node_public_ip_enabled).toBe(false);
    expect(i.local_auth_enabled).toBe(false);
    expect(i.ssh).toBeUndefined();
    expect(block(i.identity).type).toBe('SystemAssigned');
    expect(block(i.assign_to_user).object_id).toBe(IDS.ds);
    expect(one(json, WS).serverless_compute).toEqual({ public_ip_enabled: false });
  });

  test('AZ-08 compute waits for its identity role assignments (propagation)', () => {
    const c = one(json, 'azurerm_machine_learning_compute_cluster');
    expect(c.depends_on.length).toBeGreaterThan(0);
    for (const d of c.depends_on)
      expect(d).toMatch(/^azurerm_role_assignment\.ml_rbac_training-identity0/);
  });

  test('AZ-09 persona roles at workspace scope, admin Owner on the resource group only, data roles on the container only', () => {
    const ras = roleAssignments(json);
    const of = (p: string) => ras.filter((r) => r.principal_id === p);
    expect(of(IDS.ds).map((r) => [r.role_definition_name, r.scope])).toEqual(
      expect.arrayContaining([
        ['AzureML Data Scientist', expect.stringContaining(`${WS}.ml_workspace`)],
        [
          'Storage Blob Data Contributor',
          expect.stringContaining('azurerm_storage_container.ml_storage_container-training-data'),
        ],
      ]),
    );
    expect(of(IDS.admin).map((r) => [r.role_definition_name, r.scope])).toEqual([
      ['Owner', expect.stringContaining('azurerm_resource_group.ml_rg')],
    ]);
    expect(of(IDS.viewer).map((r) => r.role_definition_name)).toEqual(['Reader']);
    expect(
      of(IDS.auditor)
        .map((r) => r.role_definition_name)
        .sort(),
    ).toEqual(['Log Analytics Reader', 'Reader']);
    expect(
      of(IDS.mle).some((r) =>
        String(r.role_definition_id).includes('azurerm_role_definition.ml_rbac_role-mlEngineer'),
      ),
    ).toBe(true);
    expect(
      of(IDS.dataEng)
        .filter((r) => r.role_definition_name === 'Storage Blob Data Contributor')
        .every((r) => String(r.scope).includes('azurerm_storage_container')),
    ).toBe(true);
  });

  test('AZ-09 custom role definitions assignable at the resource group only', () => {
    for (const { r } of all(json, 'azurerm_role_definition')) {
      expect(r.assignable_scopes).toEqual([
        expect.stringContaining('azurerm_resource_group.ml_rg'),
      ]);
      expect(r.permissions[0].actions).not.toContain('*');
    }
  });

  test('X-03 no Owner/Contributor at subscription scope; Contributor only on the workspace identity own resources', () => {
    for (const r of roleAssignments(json)) {
      expect(String(r.scope)).not.toMatch(/^\/subscriptions\/[^/]+\/?$/);
      if (r.role_definition_name === 'Contributor')
        expect(r.principal_id).toContain('workspace-identity');
      if (r.role_definition_name === 'Owner') expect(r.scope).toContain('azurerm_resource_group');
    }
  });

  test('X-03 nothing is granted to the workspace system identity (Azure ML creates those; duplicates fail at apply)', () => {
    for (const r of roleAssignments(json)) expect(String(r.principal_id)).not.toContain(`${WS}.`);
    const keys = roleAssignments(json).map(
      (r) => `${r.principal_id}|${r.scope}|${r.role_definition_name ?? r.role_definition_id}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('AZ-01 role assignments of the workspace identity exist before the workspace (propagation)', () => {
    const ws = one(json, WS);
    const grants = Object.entries(json.resource[RA])
      .filter(
        ([, r]: any) =>
          String(r.principal_id).includes('workspace-identity') &&
          !String(r.scope).includes(`${WS}.`),
      )
      .map(([n]) => `${RA}.${n}`);
    expect(grants.length).toBe(8);
    expect(ws.depends_on.sort()).toEqual(grants.sort());
    for (const { r } of all(json, RA).filter(({ r }) =>
      String(r.principal_id).includes('identity'),
    )) {
      expect(r.principal_type).toBe('ServicePrincipal');
      expect(r.skip_service_principal_aad_check).toBe(true);
    }
  });

  test('AZ-10 online endpoints use tokens: no persona may list or regenerate endpoint keys', () => {
    expect(platform.endpointAuthMode).toBe(AzureEndpointAuthMode.AML_TOKEN);
    const mle = all(json, 'azurerm_role_definition').find(({ name }) =>
      name.includes('mlEngineer'),
    )!.r;
    expect(mle.permissions[0].not_actions).toEqual(
      expect.arrayContaining([
        'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action',
        'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/regenerateKeys/action',
      ]),
    );
  });

  test('AZ-11 workspace-based Application Insights with local auth off, Log Analytics, diagnostics on every service', () => {
    const ai = one(json, 'azurerm_application_insights');
    expect(ai.local_authentication_disabled).toBe(true);
    expect(ai.workspace_id).toContain('azurerm_log_analytics_workspace');
    expect(one(json, 'azurerm_log_analytics_workspace').local_authentication_enabled).toBe(false);
    const targets = all(json, 'azurerm_monitor_diagnostic_setting').map(
      (x) => x.r.target_resource_id,
    );
    for (const t of [
      `${WS}.ml_workspace`,
      'azurerm_key_vault.',
      'azurerm_container_registry.',
      '/blobServices/default',
      '/fileServices/default',
    ]) {
      expect(targets.some((x) => String(x).includes(t))).toBe(true);
    }
    const wsDiag = all(json, 'azurerm_monitor_diagnostic_setting').find((x) =>
      String(x.r.target_resource_id).includes(WS),
    )!.r;
    expect(wsDiag.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(wsDiag.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  test('AZ-12 built-in Azure ML policies assigned at resource-group scope', () => {
    const ids = all(json, 'azurerm_resource_group_policy_assignment').map(
      (x) => x.r.policy_definition_id,
    );
    expect(ids.sort()).toEqual(
      [
        'ba769a63-b8cc-4b2d-abf6-ac33c7204be8',
        '40cec1dd-a100-4920-b15b-3024fe8901ab',
        '438c38d2-3772-465a-a9cc-7a6666a275ce',
        'e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f',
        '6ddb1705-c8cf-450e-aa4b-19ad6703c440',
        '679ddf89-ab8f-48a5-9029-e76054077449',
        'afe0c3be-ba3b-4544-ba52-0c99672a8ad6',
      ]
        .map((g) => `/providers/Microsoft.Authorization/policyDefinitions/${g}`)
        .sort(),
    );
    const mn = all(json, 'azurerm_resource_group_policy_assignment').find((x) =>
      x.r.policy_definition_id.includes('6ddb1705'),
    )!.r;
    expect(JSON.parse(mn.parameters)).toEqual({
      effect: { value: 'Deny' },
      isolationMode: { value: 'AllowOnlyApprovedOutbound' },
    });
    const idle = all(json, 'azurerm_resource_group_policy_assignment').find((x) =>
      x.r.policy_definition_id.includes('679ddf89'),
    )!.r;
    expect(JSON.parse(idle.parameters)).toEqual({ effect: { value: 'Audit' } });
    for (const { r } of all(json, 'azurerm_resource_group_policy_assignment'))
      expect(r.resource_group_id).toContain('azurerm_resource_group.ml_rg');
  });

  test('AZ-13 CanNotDelete locks on workspace, Key Vault, storage and registry', () => {
    const scopes = all(json, 'azurerm_management_lock').map((x) => {
      expect(x.r.lock_level).toBe('CanNotDelete');
      return String(x.r.scope).split('.')[0];
    });
    expect(scopes.sort()).toEqual(
      [
        '${azurerm_container_registry',
        '${azurerm_key_vault',
        '${azurerm_machine_learning_workspace',
        '${azurerm_storage_account',
      ].sort(),
    );
  });

  test('AZ-14 Defender for Containers is off unless asked for (subscription scope)', () => {
    expect(json.resource.azurerm_security_center_subscription_pricing).toBeUndefined();
  });

  test('AZ-15 soft-delete-aware names carry a stable unique suffix', () => {
    const kv = one(json, 'azurerm_key_vault').name;
    const sa = one(json, 'azurerm_storage_account').name;
    const ws = one(json, WS).name;
    expect(kv).toMatch(/^kv-ml-prod-[a-z0-9]{6}$/);
    expect(sa).toMatch(/^stmlprod[a-z0-9]{6}$/);
    expect(ws).toMatch(/^mlw-ml-prod-[a-z0-9]{6}$/);
    const { stack: again } = azureStack();
    new AzureMLWorkspace(again, 'ml', { environment: 'prod', location: 'westeurope' });
    const json2 = synthJson(again);
    expect(one(json2, 'azurerm_key_vault').name).toBe(kv);
    expect(one(json2, 'azurerm_storage_account').name).toBe(sa);
  });

  test('X-08 stateful resources are prevent_destroy by default', () => {
    for (const t of [
      WS,
      'azurerm_key_vault',
      'azurerm_key_vault_key',
      'azurerm_storage_account',
      'azurerm_container_registry',
      'azurerm_log_analytics_workspace',
    ]) {
      expect(one(json, t).lifecycle.prevent_destroy).toBe(true);
    }
  });

  test('AZ-01 attributes that force workspace replacement (encryption, hbi, storage, key vault) cannot destroy it', () => {
    const ws = one(json, WS);
    expect(ws.lifecycle.prevent_destroy).toBe(true);
    expect(ws.high_business_impact).toBe(true);
    expect(block(ws.encryption).key_vault_id).toBeDefined();
  });

  test('AZ-02 workspace key version changes (rotation) never plan a workspace replacement', () => {
    expect(one(json, WS).lifecycle.ignore_changes).toEqual(['encryption[0].key_id']);
  });

  test('X-09 every taggable resource carries the platform tags', () => {
    for (const t of [
      WS,
      'azurerm_key_vault',
      'azurerm_storage_account',
      'azurerm_container_registry',
      'azurerm_virtual_network',
      'azurerm_resource_group',
    ]) {
      expect(one(json, t).tags).toMatchObject({
        platform: 'ml',
        environment: 'prod',
        owner: 'platform-team',
        'data-classification': 'confidential',
        'cost-center': 'unassigned',
      });
    }
  });

  test('X-05 private subnet: no default outbound, NSG attached, network policies on', () => {
    const sn = one(json, 'azurerm_subnet');
    expect(sn.default_outbound_access_enabled).toBe(false);
    expect(sn.private_endpoint_network_policies).toBe('Enabled');
    expect(sn.address_prefixes).toEqual(['10.40.0.0/24']);
    expect(one(json, 'azurerm_subnet_network_security_group_association').subnet_id).toContain(
      'azurerm_subnet.',
    );
  });

  test('X-11 the default platform passes AzureMlopsChecks with no findings', () => {
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.findings.filter((f) => f.status !== 'COMPLIANT')).toEqual([]);
    expect(report.summary.compliant).toBeGreaterThan(50);
  });

  test('X-13 escape hatches: every part is reachable', () => {
    expect(platform.workspace.terraformResourceType).toBe(WS);
    expect(platform.keyVault!.vault.terraformResourceType).toBe('azurerm_key_vault');
    expect(platform.storage.account.terraformResourceType).toBe('azurerm_storage_account');
    expect(platform.containerRegistry.registry.terraformResourceType).toBe(
      'azurerm_container_registry',
    );
    expect(platform.privateLinks.workspace.endpoint.terraformResourceType).toBe(
      'azurerm_private_endpoint',
    );
    expect(Object.keys(platform.compute.clusters)).toEqual(['cpu-cluster']);
    expect(platform.locks!.locks.workspace.terraformResourceType).toBe('azurerm_management_lock');
  });
});

describe('AzureMLWorkspace options', () => {
  test('AZ-01 system-assigned identity is opt-in and gets no role assignments from the construct', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      systemAssignedIdentity: true,
    });
    const json = synthJson(stack);
    expect(block(one(json, WS).identity).type).toBe('SystemAssigned, UserAssigned');
    for (const { r } of all(json, RA)) expect(String(r.principal_id)).not.toContain(`${WS}.`);
  });

  test('AZ-06 central DNS mode takes zone ids and creates no zones or links', () => {
    const { stack } = azureStack();
    const zone = (z: string) =>
      `/subscriptions/${IDS.subscription}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${z}`;
    const zones = [
      'privatelink.api.azureml.ms',
      'privatelink.notebooks.azure.net',
      'privatelink.blob.core.windows.net',
      'privatelink.file.core.windows.net',
      'privatelink.vaultcore.azure.net',
      'privatelink.azurecr.io',
    ];
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      network: {
        existingVirtualNetworkId: `/subscriptions/${IDS.subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke`,
        existingPrivateEndpointSubnetId: `/subscriptions/${IDS.subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`,
        privateDnsZoneIds: Object.fromEntries(zones.map((z) => [z, zone(z)])),
      },
    });
    const json = synthJson(stack);
    expect(json.resource.azurerm_private_dns_zone).toBeUndefined();
    expect(json.resource.azurerm_private_dns_zone_virtual_network_link).toBeUndefined();
    expect(json.resource.azurerm_virtual_network).toBeUndefined();
    const pe = all(json, 'azurerm_private_endpoint')
      .map((x) => x.r)
      .find((r) => block(r.private_service_connection).subresource_names[0] === 'amlworkspace');
    expect(block(pe.private_dns_zone_group).private_dns_zone_ids).toEqual([
      zone('privatelink.api.azureml.ms'),
      zone('privatelink.notebooks.azure.net'),
    ]);
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.findings.filter((f) => f.ruleId === 'AZ-06').map((f) => f.status)).toEqual([
      'COMPLIANT',
    ]);
  });

  test('AZ-07 outbound rules from props; AllowInternetOutbound is opt-in', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      isolationMode: AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND,
      outboundRules: [
        { name: 'pypi', fqdn: 'pypi.org' },
        { name: 'monitor', serviceTag: 'AzureMonitor' },
        {
          name: 'lake',
          serviceResourceId: `/subscriptions/${IDS.subscription}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlake`,
          subResourceTarget: 'dfs',
        },
      ],
    });
    const json = synthJson(stack);
    expect(
      one(json, 'azurerm_machine_learning_workspace_network_outbound_rule_fqdn').destination_fqdn,
    ).toBe('pypi.org');
    expect(
      one(json, 'azurerm_machine_learning_workspace_network_outbound_rule_service_tag'),
    ).toMatchObject({ service_tag: 'AzureMonitor', protocol: 'TCP', port_ranges: '443' });
    expect(
      one(json, 'azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint')
        .sub_resource_target,
    ).toBe('dfs');

    const { stack: s2 } = azureStack();
    new AzureMLWorkspace(s2, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      isolationMode: AzureManagedNetworkIsolation.ALLOW_INTERNET_OUTBOUND,
    });
    expect(block(one(synthJson(s2), WS).managed_network).isolation_mode).toBe(
      'AllowInternetOutbound',
    );
  });

  test('AZ-02 bring your own Key Vault key (purge protection confirmed)', () => {
    const { stack } = azureStack();
    const vault = `/subscriptions/${IDS.subscription}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-central`;
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      encryption: {
        existingKeyVaultId: vault,
        existingKeyName: 'ml-cmk',
        existingKeyId:
          'https://kv-central.vault.azure.net/keys/ml-cmk/0123456789abcdef0123456789abcdef',
        existingKeyVersionlessId: 'https://kv-central.vault.azure.net/keys/ml-cmk',
        existingKeyVaultPurgeProtection: true,
      },
    });
    const json = synthJson(stack);
    expect(json.resource.azurerm_key_vault).toBeUndefined();
    expect(block(one(json, WS).encryption).key_vault_id).toBe(vault);
    const keyUsers = all(json, RA).filter(
      (x) => x.r.role_definition_name === 'Key Vault Crypto Service Encryption User',
    );
    for (const { r } of keyUsers) expect(r.scope).toBe(`${vault}/keys/ml-cmk`);
  });

  test('AZ-10 KEY mode is explicit and keeps the key actions', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      endpointAuthMode: AzureEndpointAuthMode.KEY,
      personas: { [Persona.DEPLOYMENT]: [IDS.deployer] },
    });
    const json = synthJson(stack);
    const dep = all(json, 'azurerm_role_definition').find(({ name }) =>
      name.includes('deployment'),
    )!.r;
    expect(dep.permissions[0].not_actions).not.toContain(
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action',
    );
  });

  test('AZ-14 Defender for Containers when enabled', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      defenderForContainers: true,
    });
    expect(one(synthJson(stack), 'azurerm_security_center_subscription_pricing')).toMatchObject({
      tier: 'Standard',
      resource_type: 'Containers',
    });
  });

  test('X-08 removalPolicy DESTROY: no prevent_destroy, no locks, both recorded as suppressions', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const json = synthJson(stack);
    expect(one(json, WS).lifecycle.prevent_destroy).toBe(false);
    expect(json.resource.azurerm_management_lock).toBeUndefined();
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.summary.errors).toBe(0);
    const suppressed = report.findings
      .filter((f) => f.status === 'SUPPRESSED')
      .map((f) => f.ruleId);
    expect(suppressed).toEqual(expect.arrayContaining(['X-08', 'AZ-13']));
  });

  test('AZ-12 policies: false is recorded as a suppression', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      policies: false,
    });
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.findings.find((f) => f.ruleId === 'AZ-12')!.status).toBe('SUPPRESSED');
  });

  test('X-07 residency: resources outside allowedRegions fail synth', () => {
    const { stack } = azureStack();
    const p = new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      allowedRegions: ['westeurope', 'northeurope'],
    });
    p.diagnostics.applicationInsights.location = 'eastus';
    expect(() => synthJson(stack)).toThrow(/eastus.*allowedRegions/s);
  });

  test('X-12 existing resource group is used by name', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      createResourceGroup: false,
      resourceGroupName: 'rg-existing',
    });
    const json = synthJson(stack);
    expect(json.resource.azurerm_resource_group).toBeUndefined();
    expect(json.data.azurerm_resource_group).toBeDefined();
  });

  test('performance: 1000 persona principals synthesize in seconds', () => {
    const { stack } = azureStack();
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `bbbbbbbb-0000-0000-0000-${String(i).padStart(12, '0')}`,
    );
    const start = Date.now();
    new AzureMLWorkspace(stack, 'ml', {
      environment: 'dev',
      location: 'westeurope',
      personas: { [Persona.DATA_SCIENTIST]: ids },
    });
    const json = synthJson(stack);
    expect(all(json, RA).length).toBeGreaterThan(2000);
    expect(Date.now() - start).toBeLessThan(30000);
  });
});
