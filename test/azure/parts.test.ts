import {
  AzureDiagnostics,
  AzureMlPolicyAssignments,
  AzurePersonaRbac,
  AzurePolicyEffect,
  AzurePrivateNetwork,
  AzureResourceLocks,
  AzureSecureContainerRegistry,
  AzureSecureStorageAccount,
  HardenedKeyVault,
  PrivateLinkSet,
} from '../../lib/azure';
import { Persona } from '../../lib/core';
import { synthJson } from '../helpers';
import { all, azureStack, block, IDS, one } from './fixtures';

const base = { resourceGroupName: 'rg-parts', location: 'westeurope' };
const RG_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-net`;
const VNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
const SUBNET_ID = `${VNET_ID}/subnets/snet-pe`;
const LAW_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central`;

/** The principal lists of a delegation condition (write and delete branches). */
const delegatedPrincipals = (condition: string): string[] =>
  [...condition.matchAll(/:PrincipalId\] ForAnyOfAnyValues:GuidEquals \{([^}]*)\}/g)].map(
    (m) => m[1],
  );

describe('parts taken alone', () => {
  test('AZ-03 HardenedKeyVault alone: vault, key, deployer Crypto Officer before the key, key-scoped grant', () => {
    const { stack } = azureStack();
    const kv = new HardenedKeyVault(stack, 'kv', { ...base, allowedIpRanges: ['203.0.113.0/24'] });
    kv.grantKeyAccess('app', '${azurerm_user_assigned_identity.app.principal_id}');
    const json = synthJson(stack);
    const vault = one(json, 'azurerm_key_vault');
    expect(vault.public_network_access_enabled).toBe(true);
    expect(block(vault.network_acls)).toEqual({
      bypass: 'AzureServices',
      default_action: 'Deny',
      ip_rules: ['203.0.113.0/24'],
    });
    expect(json.resource.azurerm_key_vault_key).toBeUndefined();
    const key = one(json, 'azapi_resource_action');
    const wait = one(json, 'time_sleep');
    expect(key.depends_on).toEqual([expect.stringMatching(/^time_sleep\.kv_deployer-rbac-wait_/)]);
    expect(wait.depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.kv_deployer-crypto-officer_/),
    ]);
    const grant = all(json, 'azurerm_role_assignment').find((x) =>
      x.name.includes('key-user-app'),
    )!.r;
    expect(grant.scope).toMatch(/^\$\{azapi_resource_action\.kv_key_\w+\.id\}$/);
    expect(grant.role_definition_name).toBe('Key Vault Crypto Service Encryption User');
  });

  test('AZ-04 storage alone, with containers created through ARM (storage_account_id)', () => {
    const { stack } = azureStack();
    const st = new AzureSecureStorageAccount(stack, 'st', {
      ...base,
      containers: ['raw', 'curated'],
    });
    const json = synthJson(stack);
    expect(all(json, 'azurerm_storage_container').map((x) => x.r.storage_account_id)).toEqual([
      expect.stringContaining('azurerm_storage_account'),
      expect.stringContaining('azurerm_storage_account'),
    ]);
    expect(one(json, 'azurerm_storage_account').customer_managed_key).toBeUndefined();
    expect(st.containerScope('raw')).toContain('TOKEN');
  });

  test('AZ-05 registry alone', () => {
    const { stack } = azureStack();
    new AzureSecureContainerRegistry(stack, 'cr', base);
    expect(one(synthJson(stack), 'azurerm_container_registry').admin_enabled).toBe(false);
  });

  test('AZ-06 PrivateLinkSet alone creates zones and links for its sub-resource', () => {
    const { stack } = azureStack();
    new PrivateLinkSet(stack, 'pl', {
      ...base,
      subnetId: 'subnet-id',
      targetResourceId: 'vault-id',
      subresource: 'vault',
      virtualNetworkIds: ['vnet-a', 'vnet-b'],
    });
    const json = synthJson(stack);
    expect(one(json, 'azurerm_private_dns_zone').name).toBe('privatelink.vaultcore.azure.net');
    expect(all(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(2);
  });

  test('X-05 AzurePrivateNetwork alone: bring your own creates nothing', () => {
    const { stack } = azureStack();
    const n = new AzurePrivateNetwork(stack, 'n', {
      ...base,
      existingVirtualNetworkId: VNET_ID,
      existingPrivateEndpointSubnetId: SUBNET_ID,
    });
    expect(n.privateEndpointSubnetId).toBe(SUBNET_ID);
    expect(synthJson(stack).resource).toBeUndefined();
  });

  test('AZ-11 AzureDiagnostics with an existing Log Analytics workspace', () => {
    const { stack } = azureStack();
    const d = new AzureDiagnostics(stack, 'd', {
      ...base,
      existingLogAnalyticsWorkspaceId: LAW_ID,
    });
    d.ship('kv', '/vault/x');
    const json = synthJson(stack);
    expect(json.resource.azurerm_log_analytics_workspace).toBeUndefined();
    expect(one(json, 'azurerm_application_insights').workspace_id).toBe(LAW_ID);
    expect(one(json, 'azurerm_monitor_diagnostic_setting').log_analytics_workspace_id).toBe(LAW_ID);
  });

  test('AZ-09 AzurePersonaRbac alone with a custom role assigned to a persona', () => {
    const { stack } = azureStack();
    new AzurePersonaRbac(stack, 'rbac', {
      personas: { [Persona.MODEL_VIEWER]: [IDS.viewer] },
      workspaceId: '/ws',
      resourceGroupId: '/rg',
      customRoles: [
        {
          name: 'Endpoint Invoker',
          actions: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read'],
          dataActions: [
            'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action',
          ],
          personas: [Persona.MODEL_VIEWER],
        },
      ],
    });
    const json = synthJson(stack);
    const def = one(json, 'azurerm_role_definition');
    expect(def.name).toMatch(/^rbac Endpoint Invoker \([a-z0-9]{6}\)$/);
    expect(def.assignable_scopes).toEqual(['/rg']);
    expect(all(json, 'azurerm_role_assignment').map((x) => x.r.scope)).toEqual(['/ws', '/ws']);
  });

  test('AZ-09 the admin delegation names no principal bound to PLATFORM_ADMIN, even one in another persona too', () => {
    const { stack } = azureStack();
    const rbac = new AzurePersonaRbac(stack, 'rbac', {
      personas: {
        [Persona.PLATFORM_ADMIN]: [IDS.admin],
        [Persona.DATA_SCIENTIST]: [IDS.admin.toUpperCase(), IDS.ds],
        [Persona.MODEL_VIEWER]: [IDS.ds, IDS.viewer],
      },
      sodExceptions: [
        {
          principal: IDS.admin,
          personas: [Persona.PLATFORM_ADMIN, Persona.DATA_SCIENTIST],
          reason: 'two-person team during the pilot phase',
        },
      ],
      workspaceId: '/ws',
      resourceGroupId: '/rg',
    });
    const lists = delegatedPrincipals(rbac.delegationCondition);
    expect(lists).toEqual([`${IDS.ds}, ${IDS.viewer}`, `${IDS.ds}, ${IDS.viewer}`]);
  });

  test('AZ-09 with PLATFORM_ADMIN alone the delegation admits no principal (the nil GUID)', () => {
    const { stack } = azureStack();
    const rbac = new AzurePersonaRbac(stack, 'rbac', {
      personas: { [Persona.PLATFORM_ADMIN]: [IDS.admin] },
      workspaceId: '/ws',
      resourceGroupId: '/rg',
    });
    const lists = delegatedPrincipals(rbac.delegationCondition);
    expect(lists).toEqual([
      '00000000-0000-0000-0000-000000000000',
      '00000000-0000-0000-0000-000000000000',
    ]);
  });

  test('AZ-09 a principal in two personas that share a custom role gets that role once (Azure rejects the second: RoleAssignmentExists)', () => {
    const { stack } = azureStack();
    const rbac = new AzurePersonaRbac(stack, 'rbac', {
      personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.ML_ENGINEER]: [IDS.ds] },
      sodExceptions: [
        {
          principal: IDS.ds,
          personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
          reason: 'two-person team during the pilot phase',
        },
      ],
      workspaceId: '/ws',
      resourceGroupId: '/rg',
      customRoles: [
        {
          name: 'Endpoint Invoker',
          actions: ['Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read'],
          personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
        },
      ],
    });
    const json = synthJson(stack);
    const assignments = all(json, 'azurerm_role_assignment').map((x) => x.r);
    const keys = assignments.map(
      (a) =>
        `${a.scope}|${a.principal_id}|${a.role_definition_name ?? a.role_definition_id}|${a.condition ?? ''}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(rbac.roleDefinitions['custom-endpoint-invoker']).toBeDefined();
    expect(
      assignments.filter((a) =>
        /role-custom-endpoint-invoker.*\.role_definition_resource_id/.test(a.role_definition_id),
      ),
    ).toHaveLength(1);
    expect(rbac.assignmentsOf(IDS.ds)).toHaveLength(assignments.length);
  });

  test('AZ-12 AzureMlPolicyAssignments alone in audit mode', () => {
    const { stack } = azureStack();
    new AzureMlPolicyAssignments(stack, 'p', {
      resourceGroupId: '/rg',
      effect: AzurePolicyEffect.AUDIT,
    });
    const json = synthJson(stack);
    const cmk = all(json, 'azurerm_resource_group_policy_assignment').find((x) =>
      x.r.policy_definition_id.includes('ba769a63'),
    )!.r;
    expect(JSON.parse(cmk.parameters)).toEqual({ effect: { value: 'Audit' } });
  });

  test('AZ-13 AzureResourceLocks alone', () => {
    const { stack } = azureStack();
    new AzureResourceLocks(stack, 'l', { resources: { data: '/sa/x' } });
    expect(one(synthJson(stack), 'azurerm_management_lock')).toMatchObject({
      scope: '/sa/x',
      lock_level: 'CanNotDelete',
    });
  });
});
