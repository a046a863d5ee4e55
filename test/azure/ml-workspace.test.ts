import { TerraformStack } from 'cdktf';
import {
  AzureEndpointAuthMode,
  AzureManagedNetworkIsolation,
  AzureMLWorkspace,
  AzureMlopsChecks,
} from '../../lib/azure';
import { Persona, RemovalPolicy } from '../../lib/core';
import { evaluate, resourceAt, synthJson } from '../helpers';
import { all, azureStack, block, BUILT_IN_ROLES, ENC, IDS, one, permits } from './fixtures';

/** The actions and not-actions of the custom role definition whose construct name contains `key`. */
function customRolePermissions(
  json: any,
  key: string,
): { actions: string[]; notActions: string[] } {
  const role = all(json, 'azurerm_role_definition').find((x) => x.name.includes(key))!.r;
  return { actions: role.permissions[0].actions, notActions: role.permissions[0].not_actions };
}

const WS = 'azurerm_machine_learning_workspace';

/** The azapi action that creates the CMK (the others set compute instances' idle shutdown). */
function keyAction(json: any): any {
  const keys = all(json, 'azapi_resource_action').filter(({ r }) =>
    String(r.type).startsWith('Microsoft.KeyVault/'),
  );
  if (keys.length !== 1) throw new Error(`expected one key action, found ${keys.length}`);
  return keys[0].r;
}
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
      encryption: ENC,
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
    expect(block(ws.encryption).key_id).toMatch(
      /azapi_resource_action\.ml_key-vault_key_\w+\.output\.properties\.keyUriWithVersion/,
    );
    expect(block(ws.encryption).key_vault_id).toContain('azurerm_key_vault.ml_key-vault_');
    expect(block(ws.encryption).user_assigned_identity_id).toContain('workspace-identity');
    const sa = one(json, 'azurerm_storage_account');
    expect(block(sa.customer_managed_key).key_vault_key_id).toContain('.output.properties.keyUri}');
    expect(sa.queue_encryption_key_type).toBe('Account');
    expect(sa.table_encryption_key_type).toBe('Account');
    const acr = one(json, 'azurerm_container_registry');
    expect(block(acr.encryption).key_vault_key_id).toContain('.output.properties.keyUri}');
    expect(block(acr.encryption).identity_client_id).toContain('cmk-identity');
    const keyUsers = roleAssignments(json).filter(
      (r) => r.role_definition_name === 'Key Vault Crypto Service Encryption User',
    );
    expect(keyUsers).toHaveLength(3);
    for (const r of keyUsers)
      expect(r.scope).toMatch(/^\$\{azapi_resource_action\.ml_key-vault_key_\w+\.id\}$/);
    expect(keyUsers.map((r) => r.principal_id).sort()).toEqual([
      expect.stringContaining('cmk-identity'),
      expect.stringContaining('workspace-identity'),
      IDS.cosmosDb,
    ]);
  });

  test('AZ-02 the CMK is created through ARM (azapi), with a rotation policy and an expiry on new versions', () => {
    const key = keyAction(json);
    expect(key).toMatchObject({
      type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
      method: 'PUT',
      resource_id: expect.stringMatching(
        /^\$\{azurerm_key_vault\.ml_key-vault_\w+\.id\}\/keys\/cmk$/,
      ),
      response_export_values: ['properties.keyUri', 'properties.keyUriWithVersion'],
    });
    expect(key.body.properties).toMatchObject({ kty: 'RSA-HSM', keySize: 3072 });
    expect(key.body.properties.rotationPolicy).toEqual({
      attributes: { expiryTime: 'P180D' },
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P90D' }, action: { type: 'rotate' } },
        { trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'notify' } },
      ],
    });
    expect(json.resource.azurerm_key_vault_key).toBeUndefined();
    // the ARM PUT creates a key only if it does not exist and azapi never reads it back: a
    // changed body would apply nothing, so what the key is made with stays
    expect(key.lifecycle).toEqual({ ignore_changes: ['body'] });
  });

  test('AZ-02 the Azure Cosmos DB principal of the tenant can use the workspace CMK', () => {
    const cosmos = all(json, RA).find((x) => x.name.includes('key-user-cosmos-db'))!.r;
    expect(cosmos).toMatchObject({
      principal_id: IDS.cosmosDb,
      role_definition_name: 'Key Vault Crypto Service Encryption User',
    });
    const wait = all(json, 'time_sleep').find((x) => x.name.includes('workspace-rbac-wait'))!;
    expect(wait.r.depends_on).toContain(
      `${RA}.${all(json, RA).find((x) => x.name.includes('key-user-cosmos-db'))!.name}`,
    );
  });

  test('AZ-03 Key Vaults: purge protection, 90-day soft delete, RBAC, public off and default-deny ACL', () => {
    for (const { r: kv } of all(json, 'azurerm_key_vault')) {
      expect(kv.purge_protection_enabled).toBe(true);
      expect(kv.soft_delete_retention_days).toBe(90);
      expect(kv.rbac_authorization_enabled).toBe(true);
      expect(kv.public_network_access_enabled).toBe(false);
      expect(block(kv.network_acls).default_action).toBe('Deny');
    }
  });

  test('AZ-02 the CMK lives in a vault of its own; the workspace keeps its secrets in another', () => {
    const ws = one(json, WS);
    expect(ws.key_vault_id).toContain('azurerm_key_vault.ml_secrets-vault_');
    expect(block(ws.encryption).key_vault_id).toContain('azurerm_key_vault.ml_key-vault_');
    // The workspace identity holds nothing on the CMK vault but the key itself.
    const onCmkVault = roleAssignments(json).filter(
      (r) =>
        String(r.principal_id).includes('workspace-identity') &&
        String(r.scope).includes('azurerm_key_vault.ml_key-vault_'),
    );
    expect(onCmkVault).toEqual([]);
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

  test('AZ-04 data containers have credential-less datastores (the caller identity, no key, no SAS, no workspace identity)', () => {
    expect(json.resource.azurerm_machine_learning_datastore_blobstorage).toBeUndefined();
    const ds = one(json, 'azapi_resource');
    expect(ds).toMatchObject({
      type: 'Microsoft.MachineLearningServices/workspaces/datastores@2025-06-01',
      name: 'training_data',
      parent_id: expect.stringContaining(`${WS}.ml_workspace`),
    });
    expect(ds.body.properties).toMatchObject({
      datastoreType: 'AzureBlob',
      containerName: 'training-data',
      serviceDataAccessAuthIdentity: 'None',
      credentials: { credentialsType: 'None' },
    });
  });

  test('AZ-04 system datastores are identity-based (azapi sets systemDatastoresAuthMode)', () => {
    expect(one(json, 'azapi_update_resource')).toMatchObject({
      type: 'Microsoft.MachineLearningServices/workspaces@2025-06-01',
      resource_id: expect.stringContaining(`${WS}.ml_workspace`),
      body: { properties: { systemDatastoresAuthMode: 'Identity' } },
    });
  });

  test('AZ-09 the workspace identity has blob data on the account except the data containers; file data for its code share', () => {
    const onAccount = roleAssignments(json).filter(
      (r) =>
        String(r.principal_id).includes('workspace-identity') &&
        String(r.scope).includes('azurerm_storage_account'),
    );
    const blob = onAccount.find((r) => r.role_definition_name === 'Storage Blob Data Contributor')!;
    expect(blob.condition_version).toBe('2.0');
    expect(blob.condition).toContain(
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'training-data'",
    );
    expect(blob.condition).toContain(
      "!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})",
    );
    expect(onAccount.map((r) => r.role_definition_name)).toContain(
      'Storage File Data Privileged Contributor',
    );
    // No identity anyone acts through holds blob data on the data containers.
    const onContainers = roleAssignments(json).filter(
      (r) =>
        String(r.principal_id).includes('workspace-identity') &&
        String(r.scope).includes('azurerm_storage_container'),
    );
    expect(onContainers).toEqual([]);
  });

  test('AZ-05 registry: Premium, admin off, private, retention, no export; quarantine off without a scanner', () => {
    expect(one(json, 'azurerm_container_registry')).toMatchObject({
      sku: 'Premium',
      admin_enabled: false,
      public_network_access_enabled: false,
      anonymous_pull_enabled: false,
      quarantine_policy_enabled: false,
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

  test('AZ-06 endpoints for blob, file, both vaults, registry and Azure Monitor; each zone created once and linked to the VNet', () => {
    const subs = all(json, 'azurerm_private_endpoint')
      .map((x) => block(x.r.private_service_connection).subresource_names[0])
      .sort();
    expect(subs).toEqual([
      'amlworkspace',
      'azuremonitor',
      'blob',
      'file',
      'registry',
      'vault',
      'vault',
    ]);
    expect(
      all(json, 'azurerm_private_dns_zone')
        .map((x) => x.r.name)
        .sort(),
    ).toEqual([
      'privatelink.agentsvc.azure-automation.net',
      'privatelink.api.azureml.ms',
      'privatelink.azurecr.io',
      'privatelink.blob.core.windows.net',
      'privatelink.file.core.windows.net',
      'privatelink.monitor.azure.com',
      'privatelink.notebooks.azure.net',
      'privatelink.ods.opinsights.azure.com',
      'privatelink.oms.opinsights.azure.com',
      'privatelink.vaultcore.azure.net',
    ]);
    const links = all(json, 'azurerm_private_dns_zone_virtual_network_link').map((x) => x.r);
    expect(links).toHaveLength(10);
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
  });

  test('AZ-08 instances shut down after an hour idle, set through ARM once the instance exists (the AZ-12 idle-shutdown policy reads the property)', () => {
    const idle = all(json, 'azapi_resource_action').filter(({ r }) =>
      String(r.type).startsWith('Microsoft.MachineLearningServices/workspaces/computes@'),
    );
    expect(idle).toHaveLength(1);
    expect(idle[0].r).toEqual(
      expect.objectContaining({
        type: 'Microsoft.MachineLearningServices/workspaces/computes@2025-06-01',
        resource_id: expect.stringMatching(
          /^\$\{azurerm_machine_learning_compute_instance\.ml_compute_instance-ci-alice_[0-9A-F]+\.id\}$/,
        ),
        action: 'updateIdleShutdownSetting',
        method: 'POST',
        body: { idleTimeBeforeShutdown: 'PT60M' },
      }),
    );
  });

  test('AZ-08 no serverless_compute block: public_ip_enabled = false without a subnet fails the private workspace create', () => {
    expect(one(json, WS).serverless_compute).toBeUndefined();
  });

  test('AZ-08 compute waits for its identity role assignments and their propagation', () => {
    const c = one(json, 'azurerm_machine_learning_compute_cluster');
    const wait = all(json, 'time_sleep').find((x) => x.name.includes('training-rbac-wait'))!;
    expect(c.depends_on).toContain(`time_sleep.${wait.name}`);
    expect(wait.r.create_duration).toBe('90s');
    expect(wait.r.depends_on.length).toBeGreaterThan(0);
    for (const d of wait.r.depends_on)
      expect(d).toMatch(/^azurerm_role_assignment\.ml_rbac_training-identity0/);
  });

  test('AZ-09 persona roles at workspace scope, data roles on the data container, system containers and file shares without it', () => {
    const ras = roleAssignments(json);
    const of = (p: string) => ras.filter((r) => r.principal_id === p);
    const account = expect.stringContaining('azurerm_storage_account.ml_storage_account');
    expect(
      of(IDS.ds).map((r) => [r.role_definition_name ?? r.role_definition_id, r.scope]),
    ).toEqual([
      [
        'Storage Blob Data Contributor',
        expect.stringContaining('azurerm_storage_container.ml_storage_container-training-data'),
      ],
      // identity-mode system datastores (job code, outputs, notebooks on the file share): Azure
      // ML, disable shared key access for the workspace storage account
      ['Storage File Data Privileged Contributor', account],
      [expect.stringContaining('azurerm_role_definition.ml_rbac_role-systemStorage'), account],
      [
        expect.stringContaining('azurerm_role_definition.ml_rbac_role-dataScientist'),
        expect.stringContaining(`${WS}.ml_workspace`),
      ],
    ]);
    // the account-wide blob grant leaves the data containers out, and creates or deletes no
    // container (an ABAC condition only constrains the blob data actions)
    const system = of(IDS.ds).find((r) => String(r.role_definition_id).includes('systemStorage'))!;
    expect(system.condition_version).toBe('2.0');
    expect(system.condition).toContain(
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals 'training-data'",
    );
    const role = all(json, 'azurerm_role_definition').find((x) =>
      x.r.name.includes('ML Workspace System Storage'),
    )!.r;
    expect(role.permissions[0].actions).toEqual([
      'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
    ]);
    // the data actions of the built-in Storage Blob Data Contributor (Azure built-in roles)
    expect([...role.permissions[0].data_actions].sort()).toEqual(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
      ].sort(),
    );
    expect(of(IDS.mle).some((r) => String(r.role_definition_id).includes('systemStorage'))).toBe(
      true,
    );
    expect(of(IDS.viewer).map((r) => r.role_definition_name)).toEqual(['Reader']);
    expect(
      of(IDS.auditor)
        .map((r) => r.role_definition_name)
        .sort(),
    ).toEqual(['Log Analytics Reader', 'Reader']);
    expect(
      of(IDS.dataEng)
        .filter((r) => r.role_definition_name === 'Storage Blob Data Contributor')
        .every((r) => String(r.scope).includes('azurerm_storage_container')),
    ).toBe(true);
  });

  test('AZ-09 DATA_SCIENTIST: custom role without outbound rules, endpoint keys or connection secrets (unlike AzureML Data Scientist)', () => {
    expect(
      roleAssignments(json).some((r) => r.role_definition_name === 'AzureML Data Scientist'),
    ).toBe(false);
    const perm = customRolePermissions(json, 'role-dataScientist');
    const builtIn = BUILT_IN_ROLES['AzureML Data Scientist'];
    for (const action of [
      'Microsoft.MachineLearningServices/workspaces/outboundRules/write',
      'Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules/write',
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action',
      'Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action',
      'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action',
    ]) {
      expect(`${action}: ${permits(builtIn, action)}`).toBe(`${action}: true`);
      expect(`${action}: ${permits(perm, action)}`).toBe(`${action}: false`);
    }
    // submitting any V2 job needs environments/readSecrets/action (Azure ML, manage access to
    // workspaces: common scenarios)
    for (const action of [
      'Microsoft.MachineLearningServices/workspaces/jobs/write',
      'Microsoft.MachineLearningServices/workspaces/models/write',
      'Microsoft.MachineLearningServices/workspaces/computes/start/action',
      'Microsoft.MachineLearningServices/workspaces/environments/readSecrets/action',
      'Microsoft.MachineLearningServices/workspaces/environments/build/action',
      'Microsoft.MachineLearningServices/workspaces/metadata/artifacts/write',
    ]) {
      expect(`${action}: ${permits(perm, action)}`).toBe(`${action}: true`);
    }
  });

  test('AZ-09 DEPLOYMENT: deploys with the scoring code others registered; registers no code, runs no job', () => {
    const perm = customRolePermissions(json, 'role-deployment');
    const WS_ = 'Microsoft.MachineLearningServices/workspaces';
    for (const [action, allowed] of [
      [`${WS_}/onlineEndpoints/deployments/write`, true],
      [`${WS_}/codes/read`, true],
      [`${WS_}/codes/versions/read`, true],
      [`${WS_}/codes/versions/write`, false],
      [`${WS_}/jobs/write`, false],
      [`${WS_}/onlineEndpoints/listKeys/action`, false],
    ] as const)
      expect(`${action}: ${permits(perm, action)}`).toBe(`${action}: ${allowed}`);
  });

  test('AZ-09 TRAINING: the cluster identity holds table and queue data roles on the workspace storage account (parallel jobs and batch deployments with shared keys off)', () => {
    const training = roleAssignments(json).filter((r) =>
      String(r.principal_id).includes('training-identity'),
    );
    for (const role of ['Storage Table Data Contributor', 'Storage Queue Data Contributor']) {
      const grants = training.filter((r) => r.role_definition_name === role);
      expect(grants.map((r) => r.scope)).toEqual([
        expect.stringMatching(/^\$\{azurerm_storage_account\.ml_storage_account_[0-9A-F]+\.id\}$/),
      ]);
    }
  });

  test('AZ-09 ML_ENGINEER: the custom role only, no AzureML Compute Operator re-granting computes/*', () => {
    const mle = roleAssignments(json).filter((r) => r.principal_id === IDS.mle);
    // data read on the data containers (the system containers through a custom role)
    expect(mle.map((r) => r.role_definition_name).filter(Boolean)).toEqual([
      'Storage Blob Data Reader',
    ]);
    expect(
      permits(
        BUILT_IN_ROLES['AzureML Compute Operator'],
        'Microsoft.MachineLearningServices/workspaces/computes/write',
      ),
    ).toBe(true);
    const perm = customRolePermissions(json, 'role-mlEngineer');
    expect(permits(perm, 'Microsoft.MachineLearningServices/workspaces/computes/write')).toBe(
      false,
    );
  });

  test('AZ-09 PLATFORM_ADMIN: Contributor and a conditioned RBAC Administrator on the resource group, never Owner', () => {
    const admin = roleAssignments(json).filter((r) => r.principal_id === IDS.admin);
    expect(admin.map((r) => [r.role_definition_name, r.scope])).toEqual([
      ['Contributor', expect.stringContaining('azurerm_resource_group.ml_rg')],
      [
        'Role Based Access Control Administrator',
        expect.stringContaining('azurerm_resource_group.ml_rg'),
      ],
    ]);
    const rbacAdmin = admin[1];
    expect(rbacAdmin.condition_version).toBe('2.0');
    const condition: string = rbacAdmin.condition;
    expect(condition).toContain(
      "!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})",
    );
    expect(condition).toContain(
      "!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})",
    );
    expect(condition).toContain(
      '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals',
    );
    // The persona roles: every custom persona role, and the built-in data and reader roles.
    for (const { name } of all(json, 'azurerm_role_definition').filter((x) =>
      x.name.includes('rbac_role-'),
    ))
      expect(condition).toContain(`\${azurerm_role_definition.${name}.role_definition_id}`);
    for (const guid of [
      'acdd72a7-3385-48ef-bd42-f606fba81ae7', // Reader
      'ba92f5b4-2d11-453d-a403-e96b0029c9fe', // Storage Blob Data Contributor
    ])
      expect(condition).toContain(guid);
    for (const guid of [
      '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', // Owner
      'b24988ac-6180-42a0-ab88-20f7382dd24c', // Contributor
      '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', // User Access Administrator
      'f58310d9-a9f6-439a-9e8d-f62e7b41a168', // Role Based Access Control Administrator
    ])
      expect(condition).not.toContain(guid);
  });

  test("AZ-09 PLATFORM_ADMIN delegation: only to the other personas' principals, never to the admin itself", () => {
    const rbacAdmin = roleAssignments(json).find(
      (r) =>
        r.principal_id === IDS.admin &&
        r.role_definition_name === 'Role Based Access Control Administrator',
    )!;
    const condition: string = rbacAdmin.condition;
    // Microsoft's "Constrain roles and specific groups": PrincipalId from the request on write,
    // from the existing assignment on delete, next to the role constraint in each branch
    const principals = (source: string) => {
      const m = new RegExp(
        `@${source}\\[Microsoft\\.Authorization/roleAssignments:PrincipalId\\] ForAnyOfAnyValues:GuidEquals \\{(.*)\\}$`,
        'm',
      ).exec(condition);
      return m ? m[1].split(', ') : [];
    };
    const training = expect.stringMatching(
      /^\$\{azurerm_user_assigned_identity\.ml_training-identity_\w+\.principal_id\}$/,
    );
    const expected = [IDS.ds, IDS.mle, IDS.auditor, IDS.viewer, IDS.deployer, IDS.dataEng];
    for (const source of ['Request', 'Resource']) {
      const got = principals(source);
      expect(got).toHaveLength(expected.length + 1);
      expect(got).toEqual(expect.arrayContaining([...expected, training]));
      expect(got).not.toContain(IDS.admin);
    }
    expect(condition).toMatch(
      /RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{.*\}\n  AND\n  @Request\[Microsoft\.Authorization\/roleAssignments:PrincipalId\]/,
    );
    expect(condition).toMatch(
      /RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{.*\}\n  AND\n  @Resource\[Microsoft\.Authorization\/roleAssignments:PrincipalId\]/,
    );
  });

  test('AZ-09 custom role definitions assignable at the resource group only', () => {
    for (const { r } of all(json, 'azurerm_role_definition')) {
      expect(r.assignable_scopes).toEqual([
        expect.stringContaining('azurerm_resource_group.ml_rg'),
      ]);
      expect(r.permissions[0].actions).not.toContain('*');
    }
  });

  test('X-03 no Owner anywhere, no Contributor at subscription scope; the workspace identity holds no Contributor', () => {
    for (const r of roleAssignments(json)) {
      expect(String(r.scope)).not.toMatch(/^\/subscriptions\/[^/]+\/?$/);
      expect(r.role_definition_name).not.toBe('Owner');
      if (r.role_definition_name === 'Contributor') {
        expect(r.principal_id).toBe(IDS.admin);
        expect(r.scope).toContain('azurerm_resource_group');
      }
      if (String(r.principal_id).includes('workspace-identity'))
        expect(['Contributor', 'Key Vault Administrator']).not.toContain(r.role_definition_name);
    }
  });

  test('AZ-01 the workspace identity: custom role with no network, key or firewall rights, on its dependencies only', () => {
    const role = all(json, 'azurerm_role_definition').find((x) =>
      x.name.includes('workspace-identity-role'),
    )!.r;
    const actions: string[] = role.permissions[0].actions;
    expect(actions).toContain('Microsoft.Storage/storageAccounts/blobServices/containers/write');
    for (const a of actions) {
      expect(a).not.toMatch(/^Microsoft\.Storage\/storageAccounts\/(write|\*)$/);
      expect(a).not.toMatch(/^Microsoft\.KeyVault\/(\*|vaults\/(write|delete|\*|keys))/);
      expect(a).not.toMatch(/^Microsoft\.(Network|Authorization)\//);
    }
    const scopes = roleAssignments(json)
      .filter((r) => String(r.role_definition_id).includes('workspace-identity-role'))
      .map((r) => String(r.scope).split('.')[0])
      .sort();
    expect(scopes).toEqual([
      '${azurerm_application_insights',
      '${azurerm_container_registry',
      '${azurerm_key_vault',
      '${azurerm_machine_learning_workspace',
      '${azurerm_storage_account',
    ]);
    const names = roleAssignments(json)
      .filter((r) => String(r.principal_id).includes('workspace-identity'))
      .map((r) => r.role_definition_name)
      .filter((n) => n !== undefined)
      .sort();
    expect(names).toEqual([
      'Azure AI Enterprise Network Connection Approver',
      'Key Vault Crypto Service Encryption User',
      'Key Vault Secrets Officer',
      'Reader',
      'Reader',
      'Storage Blob Data Contributor',
      'Storage File Data Privileged Contributor',
    ]);
  });

  test('X-03 nothing is granted to the workspace system identity (Azure ML creates those; duplicates fail at apply)', () => {
    for (const r of roleAssignments(json)) expect(String(r.principal_id)).not.toContain(`${WS}.`);
    const keys = roleAssignments(json).map(
      (r) => `${r.principal_id}|${r.scope}|${r.role_definition_name ?? r.role_definition_id}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('AZ-01 the workspace waits for its identity grants and the Cosmos DB key grant, then 90 s of propagation', () => {
    const ws = one(json, WS);
    const wait = all(json, 'time_sleep').find((x) => x.name.includes('workspace-rbac-wait'))!;
    expect(ws.depends_on).toEqual([`time_sleep.${wait.name}`]);
    expect(wait.r.create_duration).toBe('90s');
    const grants = Object.entries(json.resource[RA])
      .filter(
        ([, r]: any) =>
          (String(r.principal_id).includes('workspace-identity') &&
            !String(r.scope).includes(`${WS}.`)) ||
          r.principal_id === IDS.cosmosDb,
      )
      .map(([n]) => `${RA}.${n}`);
    expect(grants.length).toBe(12);
    expect([...wait.r.depends_on].sort()).toEqual(grants.sort());
    for (const { r } of all(json, RA).filter(({ r }) =>
      String(r.principal_id).includes('identity'),
    )) {
      expect(r.principal_type).toBe('ServicePrincipal');
      expect(r.skip_service_principal_aad_check).toBe(true);
    }
  });

  test('AZ-02 storage and registry wait for the CMK identity key grant and its propagation; the key for the deployer grant', () => {
    const cmkWait = all(json, 'time_sleep').find((x) => x.name.includes('cmk-rbac-wait'))!;
    expect(cmkWait.r.depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.ml_key-user-cmk-identity_/),
    ]);
    expect(one(json, 'azurerm_storage_account').depends_on).toEqual([`time_sleep.${cmkWait.name}`]);
    expect(one(json, 'azurerm_container_registry').depends_on).toEqual([
      `time_sleep.${cmkWait.name}`,
    ]);
    const keyWait = all(json, 'time_sleep').find((x) => x.name.includes('deployer-rbac-wait'))!;
    expect(keyWait.r.depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.ml_key-vault_deployer-crypto-officer_/),
    ]);
    expect(keyAction(json).depends_on).toEqual([`time_sleep.${keyWait.name}`]);
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
        // batchEndpoints/* would include it otherwise
        'Microsoft.MachineLearningServices/workspaces/batchEndpoints/listKeys/action',
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

  test('AZ-11 no log_analytics_destination_type on the vaults, registry, storage services and workspace (each writes one way only; a set value is a perpetual diff)', () => {
    const settings = all(json, 'azurerm_monitor_diagnostic_setting');
    expect(settings.length).toBeGreaterThanOrEqual(7);
    for (const { r } of settings) expect(r.log_analytics_destination_type).toBeUndefined();
  });

  test('AZ-11 Log Analytics and Application Insights only through an AMPLS (PrivateOnly), public ingestion and query off', () => {
    const ampls = one(json, 'azurerm_monitor_private_link_scope');
    expect(ampls).toMatchObject({
      ingestion_access_mode: 'PrivateOnly',
      query_access_mode: 'PrivateOnly',
    });
    for (const t of ['azurerm_log_analytics_workspace', 'azurerm_application_insights']) {
      expect(one(json, t)).toMatchObject({
        internet_ingestion_enabled: false,
        internet_query_enabled: false,
      });
    }
    const linked = all(json, 'azurerm_monitor_private_link_scoped_service')
      .map((x) => String(x.r.linked_resource_id).split('.')[0])
      .sort();
    expect(linked).toEqual(['${azurerm_application_insights', '${azurerm_log_analytics_workspace']);
    const pe = all(json, 'azurerm_private_endpoint')
      .map((x) => x.r)
      .find((r) => block(r.private_service_connection).subresource_names[0] === 'azuremonitor');
    expect(block(pe.private_service_connection).private_connection_resource_id).toContain(
      'azurerm_monitor_private_link_scope.',
    );
    // The monitor endpoint reuses the storage endpoint's blob zone (one zone per name).
    const blobZone = all(json, 'azurerm_private_dns_zone').find(
      (x) => x.r.name === 'privatelink.blob.core.windows.net',
    )!;
    expect(block(pe.private_dns_zone_group).private_dns_zone_ids).toContain(
      `\${azurerm_private_dns_zone.${blobZone.name}.id}`,
    );
  });

  test('X-06 the subscription Activity Log is exported to Log Analytics', () => {
    const d = all(json, 'azurerm_monitor_diagnostic_setting').find((x) =>
      x.name.includes('activity-log'),
    )!.r;
    expect(d.target_resource_id).toMatch(
      /^\$\{data\.azurerm_subscription\.ml_subscription_\w+\.id\}$/,
    );
    expect(d.name).toMatch(/^diag-activity-log-ml-prod-[a-z0-9]{6}$/);
    expect(d.enabled_log.map((l: any) => l.category)).toEqual([
      'Administrative',
      'Security',
      'ServiceHealth',
      'Alert',
      'Recommendation',
      'Policy',
      'Autoscale',
      'ResourceHealth',
    ]);
    expect(d.log_analytics_destination_type).toBeUndefined();
    expect(d.enabled_metric).toBeUndefined();
  });

  test('AZ-12 built-in Azure ML policies assigned at resource-group scope', () => {
    const ids = all(json, 'azurerm_resource_group_policy_assignment').map(
      (x) => x.r.policy_definition_id,
    );
    expect(ids.sort()).toEqual(
      [
        'ba769a63-b8cc-4b2d-abf6-ac33c7204be8',
        '45e05259-1eb5-4f70-9574-baf73e9d219b',
        '438c38d2-3772-465a-a9cc-7a6666a275ce',
        'e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f',
        '6ddb1705-c8cf-450e-aa4b-19ad6703c440',
        '679ddf89-ab8f-48a5-9029-e76054077449',
        'afe0c3be-ba3b-4544-ba52-0c99672a8ad6',
        // Key Vault, storage and registry public network access disabled
        '405c5871-3e91-4644-8a63-58e19d68ff5b',
        'b2982f36-99f2-4db5-8eff-283140c09693',
        '0fdf0491-d080-4575-b627-ad0e843cba0f',
        // storage shared key access off
        '8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54',
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

  test('AZ-12 Key Vault, storage and registry public network access: Deny assignments the platform complies with', () => {
    const byGuid = (g: string) =>
      all(json, 'azurerm_resource_group_policy_assignment').find((x) =>
        x.r.policy_definition_id.endsWith(g),
      )!.r;
    for (const g of [
      '405c5871-3e91-4644-8a63-58e19d68ff5b',
      'b2982f36-99f2-4db5-8eff-283140c09693',
      '0fdf0491-d080-4575-b627-ad0e843cba0f',
    ]) {
      expect(JSON.parse(byGuid(g).parameters)).toEqual({ effect: { value: 'Deny' } });
      expect(byGuid(g).enforce).toBe(true);
    }
    // the definitions deny publicNetworkAccess != Disabled: the platform's own resources comply
    const vaults = all(json, 'azurerm_key_vault');
    expect(vaults).toHaveLength(2);
    for (const { r } of vaults) expect(r.public_network_access_enabled).toBe(false);
    expect(one(json, 'azurerm_storage_account').public_network_access_enabled).toBe(false);
    expect(one(json, 'azurerm_container_registry').public_network_access_enabled).toBe(false);
  });

  test('AZ-13 CanNotDelete locks on workspace, Key Vaults, storage, registry and the audit log workspace', () => {
    const scopes = all(json, 'azurerm_management_lock').map((x) => {
      expect(x.r.lock_level).toBe('CanNotDelete');
      return String(x.r.scope).split('.')[0];
    });
    expect(scopes.sort()).toEqual(
      [
        '${azurerm_container_registry',
        '${azurerm_key_vault',
        '${azurerm_key_vault',
        '${azurerm_log_analytics_workspace',
        '${azurerm_machine_learning_workspace',
        '${azurerm_storage_account',
      ].sort(),
    );
  });

  test('AZ-14 Defender for Containers is off unless asked for (subscription scope)', () => {
    expect(json.resource.azurerm_security_center_subscription_pricing).toBeUndefined();
  });

  test('AZ-15 soft-delete-aware names carry a stable unique suffix', () => {
    const kv = resourceAt(json, 'azurerm_key_vault', 'ml/key-vault/vault').name;
    const secrets = resourceAt(json, 'azurerm_key_vault', 'ml/secrets-vault/vault').name;
    expect(secrets).toMatch(/^kvs-ml-prod-[a-z0-9]{6}$/);
    const sa = one(json, 'azurerm_storage_account').name;
    const ws = one(json, WS).name;
    expect(kv).toMatch(/^kv-ml-prod-[a-z0-9]{6}$/);
    expect(sa).toMatch(/^stmlprod[a-z0-9]{6}$/);
    expect(ws).toMatch(/^mlw-ml-prod-[a-z0-9]{6}$/);
    const { stack: again } = azureStack();
    new AzureMLWorkspace(again, 'ml', {
      encryption: ENC,
      environment: 'prod',
      location: 'westeurope',
    });
    const json2 = synthJson(again);
    expect(resourceAt(json2, 'azurerm_key_vault', 'ml/key-vault/vault').name).toBe(kv);
    expect(resourceAt(json2, 'azurerm_key_vault', 'ml/secrets-vault/vault').name).toBe(secrets);
    expect(one(json2, 'azurerm_storage_account').name).toBe(sa);
  });

  test('X-08 stateful resources are prevent_destroy by default', () => {
    for (const t of [
      WS,
      'azurerm_storage_account',
      'azurerm_container_registry',
      'azurerm_log_analytics_workspace',
    ]) {
      expect(one(json, t).lifecycle.prevent_destroy).toBe(true);
    }
    for (const { r } of all(json, 'azurerm_key_vault'))
      expect(r.lifecycle.prevent_destroy).toBe(true);
    // The ARM key has no destroy (ARM has no DELETE for keys): it goes only with its vault.
    expect(keyAction(json).when).toBeUndefined();
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
      'azurerm_storage_account',
      'azurerm_container_registry',
      'azurerm_virtual_network',
      'azurerm_resource_group',
      'azurerm_monitor_private_link_scope',
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
  test('AZ-12 with allowedIpRanges the vault and storage assignments require the firewall, not public access off', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      allowedIpRanges: ['203.0.113.0/24'],
    });
    const json = synthJson(stack);
    const guids = all(json, 'azurerm_resource_group_policy_assignment').map((x) =>
      String(x.r.policy_definition_id).split('/').pop(),
    );
    // the vaults and the account are public behind a default-deny firewall: the "public
    // network access Disabled" definitions would deny their own apply
    expect(guids).not.toContain('405c5871-3e91-4644-8a63-58e19d68ff5b');
    expect(guids).not.toContain('b2982f36-99f2-4db5-8eff-283140c09693');
    expect(guids).toEqual(
      expect.arrayContaining([
        '55615ac9-af46-4a59-874e-391cc3dfb490',
        '34c877ad-507e-4c82-993e-3452a6e0ad3c',
        '0fdf0491-d080-4575-b627-ad0e843cba0f',
      ]),
    );
    for (const { r } of all(json, 'azurerm_key_vault')) {
      expect(r.public_network_access_enabled).toBe(true);
      expect(block(r.network_acls).default_action).toBe('Deny');
    }
    const sa = one(json, 'azurerm_storage_account');
    expect(sa.public_network_access_enabled).toBe(true);
    expect(block(sa.network_rules).default_action).toBe('Deny');
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.findings.filter((f) => f.ruleId === 'AZ-12').map((f) => f.status)).toEqual([
      'COMPLIANT',
    ]);
  });

  test('AZ-01 system-assigned identity is opt-in and gets no role assignments from the construct', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
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
      'privatelink.monitor.azure.com',
      'privatelink.oms.opinsights.azure.com',
      'privatelink.ods.opinsights.azure.com',
      'privatelink.agentsvc.azure-automation.net',
    ];
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
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
      encryption: ENC,
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
      encryption: ENC,
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
        cosmosDbPrincipalObjectId: IDS.cosmosDb,
        existingKeyVaultId: vault,
        existingKeyName: 'ml-cmk',
        existingKeyId:
          'https://kv-central.vault.azure.net/keys/ml-cmk/0123456789abcdef0123456789abcdef',
        existingKeyVersionlessId: 'https://kv-central.vault.azure.net/keys/ml-cmk',
        existingKeyVaultPurgeProtection: true,
      },
    });
    const json = synthJson(stack);
    // Only the workspace's secrets vault is created; the key stays in the brought vault.
    expect(all(json, 'azurerm_key_vault').map((x) => x.r.name)).toEqual([
      expect.stringMatching(/^kvs-ml-dev-/),
    ]);
    expect(json.resource.azapi_resource_action).toBeUndefined();
    expect(block(one(json, WS).encryption).key_vault_id).toBe(vault);
    expect(one(json, WS).key_vault_id).toContain('azurerm_key_vault.ml_secrets-vault_');
    expect(block(one(json, WS).encryption).key_id).toBe(
      'https://kv-central.vault.azure.net/keys/ml-cmk/0123456789abcdef0123456789abcdef',
    );
    const keyUsers = all(json, RA).filter(
      (x) => x.r.role_definition_name === 'Key Vault Crypto Service Encryption User',
    );
    expect(keyUsers.map((x) => x.r.principal_id)).toContain(IDS.cosmosDb);
    for (const { r } of keyUsers) expect(r.scope).toBe(`${vault}/keys/ml-cmk`);
  });

  test('AZ-10 KEY mode is explicit and keeps the key actions', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
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

  test('AZ-05 registry quarantine is opt-in with its scanner (AcrQuarantineWriter on the registry)', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      registryQuarantineScannerPrincipalId: IDS.deployer,
    });
    const json = synthJson(stack);
    expect(one(json, 'azurerm_container_registry').quarantine_policy_enabled).toBe(true);
    const writer = all(json, RA).find((x) => x.r.role_definition_name === 'AcrQuarantineWriter')!.r;
    expect(writer).toMatchObject({ principal_id: IDS.deployer });
    expect(writer.scope).toContain('azurerm_container_registry.');
    const report = evaluate(stack, new AzureMlopsChecks());
    expect(report.findings.filter((f) => f.status !== 'COMPLIANT')).toEqual([]);
  });

  test('AZ-11 an existing Azure Monitor Private Link Scope (the hub) takes the resources; no scope or endpoint is created', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      existingMonitorPrivateLinkScope: { name: 'ampls-hub', resourceGroupName: 'rg-hub' },
      activityLogExport: false,
    });
    const json = synthJson(stack);
    expect(json.resource.azurerm_monitor_private_link_scope).toBeUndefined();
    // Both are linked to the hub's scope and closed to public ingestion and query.
    expect(all(json, 'azurerm_monitor_private_link_scoped_service')).toHaveLength(2);
    for (const type of ['azurerm_log_analytics_workspace', 'azurerm_application_insights']) {
      expect(one(json, type)).toMatchObject({
        internet_ingestion_enabled: false,
        internet_query_enabled: false,
      });
    }
    for (const { r } of all(json, 'azurerm_monitor_private_link_scoped_service')) {
      expect(r).toMatchObject({ scope_name: 'ampls-hub', resource_group_name: 'rg-hub' });
      // Unique names: the hub's scope may hold the resources of several platforms.
      expect(r.name).toMatch(/^amplsrv-[a-z0-9]{6}-(logs|app-insights)$/);
    }
    expect(
      all(json, 'azurerm_private_endpoint').some(
        (x) => block(x.r.private_service_connection).subresource_names[0] === 'azuremonitor',
      ),
    ).toBe(false);
    expect(json.data.azurerm_subscription).toBeUndefined();
  });

  test('AZ-14 Defender for Containers when enabled', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
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
      encryption: ENC,
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
      encryption: ENC,
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
      encryption: ENC,
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
      encryption: ENC,
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
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      personas: { [Persona.DATA_SCIENTIST]: ids },
    });
    const json = synthJson(stack);
    expect(all(json, RA).length).toBeGreaterThan(2000);
    expect(Date.now() - start).toBeLessThan(30000);
  });
});
