import { AzureMlopsChecks } from '../../lib/azure';
import { RuleCategory } from '../../lib/core/compliance/rule';
import { casesOf, describeRuleTables } from '../rule-harness';

const pack = new AzureMlopsChecks();

const APPLY_RULES = [
  'AZ-02.cosmos-key-access',
  'AZ-02.rotation-limits',
  'AZ-03.data-plane-create',
  'AZ-04.container-data-plane',
  'AZ-04.data-plane',
  'AZ-04.system-datastores',
  'AZ-06.dns-zone-unique',
  'AZ-07.outbound-rule-order',
  'AZ-08.instance-network',
  'AZ-08.serverless-public-ip',
  'AZ-09.duplicate-assignment',
  'AZ-09.propagation',
  'AZ-09.role-definition-name',
  'AZ-11.diagnostic-limits',
  'AZ-11.storage-metrics',
];

test('apply rules are ERROR rules in the apply category, each citing its source', () => {
  const apply = pack.rules.filter((r) => r.category === RuleCategory.APPLY);
  expect(apply.map((r) => r.id).sort()).toEqual([...APPLY_RULES].sort());
  for (const r of apply) {
    expect(r.level).toBe('ERROR');
    expect(r.source?.length).toBeGreaterThan(40);
  }
});

// AZ-08.serverless-public-ip
const serverless = (extra: any) => ({
  azurerm_machine_learning_workspace: { w: { public_network_access_enabled: false, ...extra } },
});
const WS = 'azurerm_machine_learning_workspace.w';

// AZ-04.data-plane
const accountOn = (features: any, extra: any = {}) => ({
  provider: { azurerm: [{ features }, { alias: 'other', features: [{}] }] },
  resource: {
    azurerm_storage_account: { s: { public_network_access_enabled: false, ...extra } },
  },
});
const ACCOUNT = 'azurerm_storage_account.s';

// AZ-03.data-plane-create
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

// AZ-04.container-data-plane
const closedAccount = { azurerm_storage_account: { s: { public_network_access_enabled: false } } };

// AZ-02.cosmos-key-access
const cmkWorkspace = {
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
const keyGrant = (principal: string, role = 'Key Vault Crypto Service Encryption User') => ({
  scope: '${azapi_resource_action.key.id}',
  role_definition_name: role,
  principal_id: principal,
});
const COSMOS = '66666666-0000-0000-0000-000000000001';

// AZ-08.instance-network
const instanceIn = (mode: string | undefined, instance: any) => ({
  azurerm_machine_learning_workspace: {
    w: mode ? { managed_network: { isolation_mode: mode } } : {},
  },
  azurerm_machine_learning_compute_instance: {
    i: { machine_learning_workspace_id: '${azurerm_machine_learning_workspace.w.id}', ...instance },
  },
});
const INSTANCE = 'azurerm_machine_learning_compute_instance.i';

// AZ-09.duplicate-assignment
const reader = {
  scope: '${azurerm_resource_group.rg.id}',
  principal_id: 'p',
  role_definition_name: 'Reader',
};
const readerById = {
  ...reader,
  role_definition_name: undefined,
  role_definition_id:
    '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
};

const customById = {
  scope: '${azurerm_resource_group.rg.id}',
  role_definition_id: '${azurerm_role_definition.d.role_definition_resource_id}',
};

// AZ-09.role-definition-name
const mlEngineer = { name: 'ML Engineer', permissions: [{ actions: ['x/read'] }] };

// AZ-06.dns-zone-unique
const blobZone = { name: 'privatelink.blob.core.windows.net', resource_group_name: 'rg' };

// AZ-02.rotation-limits
const armKey = (policy: any) => ({
  azapi_resource_action: {
    k: {
      type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
      method: 'PUT',
      body: { properties: { rotationPolicy: policy } },
    },
  },
});
const rotation = (rotate: string, expiry: string, notify = 'P7D') => ({
  attributes: { expiryTime: expiry },
  lifetimeActions: [
    { trigger: { timeAfterCreate: rotate }, action: { type: 'rotate' } },
    { trigger: { timeBeforeExpiry: notify }, action: { type: 'notify' } },
  ],
});
const ARM_KEY = 'azapi_resource_action.k';

// AZ-11.diagnostic-limits
const diag = (extra: any) => ({
  target_resource_id: '${azurerm_key_vault.kv.id}',
  log_analytics_workspace_id: '${azurerm_log_analytics_workspace.l.id}',
  ...extra,
});
const sixSettings = Object.fromEntries(
  [1, 2, 3, 4, 5, 6].map((i) => [
    `s${i}`,
    diag({ log_analytics_workspace_id: `/law/${i}`, enabled_log: [{ category: 'AuditEvent' }] }),
  ]),
);

// AZ-09.propagation
const cmkGrant = {
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
const cmkAccount = (deps?: string[]) => ({
  azurerm_storage_account: {
    s: {
      customer_managed_key: {
        user_assigned_identity_id: '${azurerm_user_assigned_identity.cmk.id}',
      },
      depends_on: deps,
    },
  },
});

// AZ-04.system-datastores
const keylessWorkspace = (keys: any, extra: any = {}, workspace: any = {}) => ({
  azurerm_storage_account: { s: { shared_access_key_enabled: keys } },
  azurerm_machine_learning_workspace: {
    w: { storage_account_id: '${azurerm_storage_account.s.id}', ...workspace },
  },
  ...extra,
});
const datastoresAuth = (body: any, extra: any = {}) => ({
  azapi_update_resource: {
    auth: {
      type: 'Microsoft.MachineLearningServices/workspaces@2025-06-01',
      resource_id: '${azurerm_machine_learning_workspace.w.id}',
      body,
      ...extra,
    },
  },
});

// AZ-07.outbound-rule-order
const FQDN = 'azurerm_machine_learning_workspace_network_outbound_rule_fqdn';
const rules = (a: any, b: any, extra: any = {}) => ({
  azurerm_machine_learning_workspace: { w: {} },
  [FQDN]: {
    a: { workspace_id: '${azurerm_machine_learning_workspace.w.id}', destination_fqdn: 'a', ...a },
    b: { workspace_id: '${azurerm_machine_learning_workspace.w.id}', destination_fqdn: 'b', ...b },
  },
  ...extra,
});
const wsUpdate = (extra: any = {}) => ({
  azapi_update_resource: {
    auth: {
      type: 'Microsoft.MachineLearningServices/workspaces@2025-06-01',
      resource_id: '${azurerm_machine_learning_workspace.w.id}',
      body: { properties: { systemDatastoresAuthMode: 'Identity' } },
      ...extra,
    },
  },
});

describeRuleTables(pack, {
  'AZ-07.outbound-rule-order: the outbound rules of a workspace and its azapi updates are written one at a time':
    casesOf('AZ-07.outbound-rule-order', [
      [
        'two unordered rules',
        rules({}, {}),
        `${FQDN}.a`,
        'NON_COMPLIANT',
        new RegExp(`${FQDN}\\.b`),
      ],
      ['b waits for a', rules({}, { depends_on: [`${FQDN}.a`] }), `${FQDN}.a`, 'COMPLIANT'],
      [
        'b waits for a (seen from b)',
        rules({}, { depends_on: [`${FQDN}.a`] }),
        `${FQDN}.b`,
        'COMPLIANT',
      ],
      [
        'chained rules, and an unordered workspace update',
        rules({}, { depends_on: [`${FQDN}.a`] }, wsUpdate()),
        `${FQDN}.a`,
        'NON_COMPLIANT',
        /azapi_update_resource\.auth/,
      ],
      [
        'chained rules after the workspace update',
        rules(
          { depends_on: ['azapi_update_resource.auth'] },
          { depends_on: [`${FQDN}.a`] },
          wsUpdate(),
        ),
        `${FQDN}.b`,
        'COMPLIANT',
      ],
      [
        'one block with for_each of two rules: its instances run in parallel',
        {
          azurerm_machine_learning_workspace: { w: {} },
          [FQDN]: {
            a: {
              for_each: { x: 'a.example', y: 'b.example' },
              workspace_id: '${azurerm_machine_learning_workspace.w.id}',
              destination_fqdn: '${each.value}',
            },
          },
        },
        `${FQDN}.a`,
        'NON_COMPLIANT',
        /its 2 instances/,
      ],
      [
        'count from a variable',
        rules({ count: '${var.n}' }, { depends_on: [`${FQDN}.a`] }),
        `${FQDN}.a`,
        'UNKNOWN',
        /count or for_each is \$\{var\.n\}/,
      ],
      [
        'literal workspace ids in two casings are one workspace',
        rules(
          {
            workspace_id:
              '/subscriptions/1/resourceGroups/RG/providers/Microsoft.MachineLearningServices/workspaces/w',
          },
          {
            workspace_id:
              '/subscriptions/1/resourcegroups/rg/providers/microsoft.machinelearningservices/workspaces/w',
          },
        ),
        `${FQDN}.a`,
        'NON_COMPLIANT',
      ],
      [
        'rules of two workspaces are independent',
        rules({}, { workspace_id: '${azurerm_machine_learning_workspace.v.id}' }),
        `${FQDN}.a`,
        'COMPLIANT',
      ],
    ]),
  'AZ-08.serverless-public-ip: the old default (public_ip_enabled false, no subnet, private workspace) fails':
    casesOf('AZ-08.serverless-public-ip', [
      [
        'public_ip_enabled false, no subnet',
        serverless({ serverless_compute: { public_ip_enabled: false } }),
        WS,
        'NON_COMPLIANT',
        /without a subnet_id/,
      ],
      // the provider default of public_ip_enabled is false too
      [
        'an empty serverless_compute block',
        serverless({ serverless_compute: [{}] }),
        WS,
        'NON_COMPLIANT',
      ],
      [
        'a public IP',
        serverless({ serverless_compute: { public_ip_enabled: true } }),
        WS,
        'COMPLIANT',
      ],
      [
        'a subnet',
        serverless({ serverless_compute: { public_ip_enabled: false, subnet_id: '/sub/x' } }),
        WS,
        'COMPLIANT',
      ],
      ['no serverless compute', serverless({}), WS, 'NOT_APPLICABLE'],
      [
        'public_ip_enabled from a variable',
        serverless({ serverless_compute: { public_ip_enabled: '${var.pip}' } }),
        WS,
        'UNKNOWN',
      ],
    ]),
  'AZ-04.data-plane: a closed account needs features.storage.data_plane_available = false on its provider':
    casesOf('AZ-04.data-plane', [
      [
        'data_plane_available unset',
        accountOn([{}]),
        ACCOUNT,
        'NON_COMPLIANT',
        /data_plane_available is unset \(true\)/,
      ],
      [
        'data_plane_available false',
        accountOn([{ storage: [{ data_plane_available: false }] }]),
        ACCOUNT,
        'COMPLIANT',
      ],
      // an aliased provider is the one that counts
      [
        'on an aliased provider without the feature',
        accountOn([{ storage: [{ data_plane_available: false }] }], { provider: 'azurerm.other' }),
        ACCOUNT,
        'NON_COMPLIANT',
      ],
      // an open account is not polled into a 403
      [
        'an open account',
        accountOn([{}], { public_network_access_enabled: true }),
        ACCOUNT,
        'COMPLIANT',
      ],
      [
        'data_plane_available from a variable',
        accountOn([{ storage: { data_plane_available: '${var.dp}' } }]),
        ACCOUNT,
        'UNKNOWN',
      ],
      ['no provider block', closedAccount, ACCOUNT, 'UNKNOWN'],
    ]),
  'AZ-03.data-plane-create: a key created through the data plane of a closed vault fails': casesOf(
    'AZ-03.data-plane-create',
    [
      [
        'a closed vault',
        vault({}),
        'azurerm_key_vault_key.k',
        'NON_COMPLIANT',
        /public network access off/,
      ],
      [
        'public access on, no IP rule',
        vault({ public_network_access_enabled: true, network_acls: { default_action: 'Deny' } }),
        'azurerm_key_vault_key.k',
        'NON_COMPLIANT',
      ],
      [
        'public access on, with an IP rule',
        vault({
          public_network_access_enabled: true,
          network_acls: { default_action: 'Deny', ip_rules: ['203.0.113.0/24'] },
        }),
        'azurerm_key_vault_key.k',
        'COMPLIANT',
      ],
      [
        'a vault from a variable',
        { azurerm_key_vault_secret: { s: { key_vault_id: '${var.vault}' } } },
        'azurerm_key_vault_secret.s',
        'UNKNOWN',
      ],
    ],
  ),
  'AZ-04.container-data-plane: storage_account_name on a closed account fails, storage_account_id passes':
    casesOf('AZ-04.container-data-plane', [
      [
        'by account name',
        {
          ...closedAccount,
          azurerm_storage_container: {
            c: { storage_account_name: '${azurerm_storage_account.s.name}' },
          },
        },
        'azurerm_storage_container.c',
        'NON_COMPLIANT',
      ],
      [
        'by account id',
        {
          ...closedAccount,
          azurerm_storage_container: {
            c: { storage_account_id: '${azurerm_storage_account.s.id}' },
          },
        },
        'azurerm_storage_container.c',
        'COMPLIANT',
      ],
      [
        'an account of another stack',
        { azurerm_storage_container: { c: { storage_account_name: 'stx' } } },
        'azurerm_storage_container.c',
        'UNKNOWN',
      ],
    ]),
  'AZ-02.cosmos-key-access: a CMK workspace without a grant to an external principal on its key fails':
    casesOf('AZ-02.cosmos-key-access', [
      // only the workspace identity: Cosmos DB cannot wrap the key
      [
        'only the workspace identity',
        {
          ...cmkWorkspace,
          azurerm_role_assignment: {
            ws: keyGrant('${azurerm_user_assigned_identity.ws.principal_id}'),
          },
        },
        WS,
        'NON_COMPLIANT',
        /Azure Cosmos DB principal/,
      ],
      [
        'a grant to the Cosmos DB principal',
        { ...cmkWorkspace, azurerm_role_assignment: { c: keyGrant(COSMOS) } },
        WS,
        'COMPLIANT',
      ],
      // a reader role does not let it wrap keys
      [
        'a reader role',
        { ...cmkWorkspace, azurerm_role_assignment: { c: keyGrant(COSMOS, 'Key Vault Reader') } },
        WS,
        'NON_COMPLIANT',
      ],
      // the azuread lookup of the Cosmos DB application counts
      [
        'the azuread lookup of the Cosmos DB application',
        {
          resource: {
            ...cmkWorkspace,
            azurerm_role_assignment: {
              c: keyGrant('${data.azuread_service_principal.cosmos.object_id}'),
            },
          },
          data: {
            azuread_service_principal: {
              cosmos: { client_id: 'a232010e-820c-4083-83bb-3ace5fc29d0b' },
            },
          },
        },
        WS,
        'COMPLIANT',
      ],
      // a principal from a variable may be it
      [
        'a principal from a variable',
        { ...cmkWorkspace, azurerm_role_assignment: { c: keyGrant('${var.cosmos}') } },
        WS,
        'UNKNOWN',
      ],
      // service-side encryption does not use the Cosmos DB in your subscription
      [
        'service-side encryption',
        {
          ...cmkWorkspace,
          azurerm_machine_learning_workspace: {
            w: {
              ...cmkWorkspace.azurerm_machine_learning_workspace.w,
              service_side_encryption_enabled: true,
            },
          },
        },
        WS,
        'NOT_APPLICABLE',
      ],
    ]),
  'AZ-08.instance-network: no public IP needs a managed network or a subnet, not both': casesOf(
    'AZ-08.instance-network',
    [
      [
        'no managed network, no subnet',
        instanceIn(undefined, { node_public_ip_enabled: false }),
        INSTANCE,
        'NON_COMPLIANT',
      ],
      [
        'a managed network',
        instanceIn('AllowOnlyApprovedOutbound', { node_public_ip_enabled: false }),
        INSTANCE,
        'COMPLIANT',
      ],
      [
        'a managed network and a subnet',
        instanceIn('AllowOnlyApprovedOutbound', {
          node_public_ip_enabled: false,
          subnet_resource_id: '/s',
        }),
        INSTANCE,
        'NON_COMPLIANT',
      ],
      [
        'a subnet, managed network disabled',
        instanceIn('Disabled', { node_public_ip_enabled: false, subnet_resource_id: '/s' }),
        INSTANCE,
        'COMPLIANT',
      ],
      [
        'isolation mode from a variable',
        instanceIn('${var.mode}', { node_public_ip_enabled: false }),
        INSTANCE,
        'UNKNOWN',
      ],
    ],
  ),
  'AZ-09.duplicate-assignment: the same role to the same principal at the same scope twice fails (name or id); a value known only at apply makes it unknown':
    casesOf('AZ-09.duplicate-assignment', [
      [
        'by name, twice by id',
        { azurerm_role_assignment: { a: reader, b: readerById } },
        'azurerm_role_assignment.a',
        'NON_COMPLIANT',
      ],
      [
        'by id, twice by name',
        { azurerm_role_assignment: { a: reader, b: readerById } },
        'azurerm_role_assignment.b',
        'NON_COMPLIANT',
      ],
      [
        'another principal',
        { azurerm_role_assignment: { a: reader, c: { ...reader, principal_id: 'q' } } },
        'azurerm_role_assignment.a',
        'COMPLIANT',
      ],
      [
        'the same variable as principal twice',
        {
          azurerm_role_assignment: {
            a: { ...reader, principal_id: '${var.p}' },
            b: { ...reader, principal_id: '${var.p}' },
          },
        },
        'azurerm_role_assignment.a',
        'NON_COMPLIANT',
      ],
      [
        'one custom role definition, referenced twice',
        {
          azurerm_role_definition: { d: { name: 'ML Engineer' } },
          azurerm_role_assignment: {
            a: { ...customById, principal_id: 'p' },
            b: { ...customById, principal_id: 'P' },
          },
        },
        'azurerm_role_assignment.b',
        'NON_COMPLIANT',
        'azurerm_role_assignment.a',
      ],
      [
        'two identities of the stack',
        {
          azurerm_user_assigned_identity: { i: {}, j: {} },
          azurerm_role_assignment: {
            a: { ...reader, principal_id: '${azurerm_user_assigned_identity.i.principal_id}' },
            b: { ...reader, principal_id: '${azurerm_user_assigned_identity.j.principal_id}' },
          },
        },
        'azurerm_role_assignment.a',
        'COMPLIANT',
      ],
      [
        'a principal from a variable, another role',
        {
          azurerm_role_assignment: {
            a: reader,
            b: { ...reader, principal_id: '${var.p}', role_definition_name: 'Contributor' },
          },
        },
        'azurerm_role_assignment.a',
        'COMPLIANT',
      ],
      [
        'a principal from a variable may be the literal one',
        { azurerm_role_assignment: { a: reader, b: { ...reader, principal_id: '${var.p}' } } },
        'azurerm_role_assignment.a',
        'UNKNOWN',
        /azurerm_role_assignment\.b: principal_id known only at apply/,
      ],
      [
        'a role from a variable, the same principal and scope',
        {
          azurerm_role_assignment: {
            a: readerById,
            b: { ...reader, role_definition_name: '${var.role}' },
          },
        },
        'azurerm_role_assignment.b',
        'UNKNOWN',
        /role known only at apply/,
      ],
    ]),
  'AZ-09.role-definition-name: two custom roles with one name fail': casesOf(
    'AZ-09.role-definition-name',
    [
      [
        'the same name in another case',
        { azurerm_role_definition: { a: mlEngineer, b: { ...mlEngineer, name: 'ml engineer' } } },
        'azurerm_role_definition.a',
        'NON_COMPLIANT',
      ],
      [
        'two names',
        { azurerm_role_definition: { a: mlEngineer, b: { ...mlEngineer, name: 'Other' } } },
        'azurerm_role_definition.a',
        'COMPLIANT',
      ],
      [
        'a name from a variable',
        { azurerm_role_definition: { a: { ...mlEngineer, name: '${var.n}' } } },
        'azurerm_role_definition.a',
        'UNKNOWN',
      ],
    ],
  ),
  'AZ-06.dns-zone-unique: a second zone of the same name in the same resource group fails': casesOf(
    'AZ-06.dns-zone-unique',
    [
      [
        'the same resource group',
        { azurerm_private_dns_zone: { a: blobZone, b: blobZone } },
        'azurerm_private_dns_zone.a',
        'NON_COMPLIANT',
      ],
      [
        'two resource groups',
        {
          azurerm_private_dns_zone: { a: blobZone, b: { ...blobZone, resource_group_name: 'rg2' } },
        },
        'azurerm_private_dns_zone.a',
        'COMPLIANT',
      ],
    ],
  ),
  'AZ-02.rotation-limits: Key Vault limits on rotation, expiry and notification (ARM body and azurerm)':
    casesOf('AZ-02.rotation-limits', [
      ['within the limits', armKey(rotation('P90D', 'P180D', 'P30D')), ARM_KEY, 'COMPLIANT'],
      [
        'expiry under 28 days',
        armKey(rotation('P90D', 'P20D')),
        ARM_KEY,
        'NON_COMPLIANT',
        /under 28 days/,
      ],
      [
        'rotation under 7 days',
        armKey(rotation('P3D', 'P30D')),
        ARM_KEY,
        'NON_COMPLIANT',
        /under 7 days/,
      ],
      [
        'rotation less than 7 days before expiry',
        armKey(rotation('P25D', 'P28D')),
        ARM_KEY,
        'NON_COMPLIANT',
        /less than 7 days before expiry/,
      ],
      [
        'an azurerm key rotating 5 days before expiry',
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
        'azurerm_key_vault_key.k',
        'NON_COMPLIANT',
      ],
      ['a policy from a variable', armKey('${var.policy}'), ARM_KEY, 'UNKNOWN'],
      // not a key: not applicable
      [
        'an ARM storage account',
        { azapi_resource_action: { a: { type: 'Microsoft.Storage/storageAccounts@2023-01-01' } } },
        'azapi_resource_action.a',
        'NOT_APPLICABLE',
      ],
    ]),
  'AZ-11.diagnostic-limits: overlapping categories to the same destination, or more than five settings, fail':
    casesOf('AZ-11.diagnostic-limits', [
      [
        'overlapping categories',
        {
          azurerm_monitor_diagnostic_setting: {
            a: diag({ enabled_log: [{ category_group: 'allLogs' }] }),
            b: diag({ enabled_log: [{ category: 'AuditEvent' }] }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NON_COMPLIANT',
        /group:allLogs \/ category:AuditEvent/,
      ],
      [
        'logs and metrics apart',
        {
          azurerm_monitor_diagnostic_setting: {
            a: diag({ enabled_log: [{ category_group: 'allLogs' }] }),
            b: diag({ enabled_metric: [{ category: 'AllMetrics' }] }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'COMPLIANT',
      ],
      [
        'six settings on one resource',
        { azurerm_monitor_diagnostic_setting: sixSettings },
        'azurerm_monitor_diagnostic_setting.s1',
        'NON_COMPLIANT',
        /6 diagnostic settings .* \(at most 5\)/,
      ],
    ]),
  "AZ-11.storage-metrics: settings on a storage account or its services ship 'Transaction', not 'AllMetrics'":
    casesOf('AZ-11.storage-metrics', [
      [
        'AllMetrics on the account',
        {
          azurerm_storage_account: { s: {} },
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id: '${azurerm_storage_account.s.id}',
              enabled_metric: [{ category: 'AllMetrics' }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NON_COMPLIANT',
        /'AllMetrics' on a storage target/,
      ],
      [
        'AllMetrics on the blob service',
        {
          azurerm_storage_account: { s: {} },
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id: '${azurerm_storage_account.s.id}/blobServices/default',
              enabled_metric: [{ category: 'AllMetrics' }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NON_COMPLIANT',
        /Azure takes only 'Transaction' and 'Capacity'/,
      ],
      [
        'AllMetrics on a storage account ARM id',
        {
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id:
                '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/fileServices/default',
              metric: [{ category: 'AllMetrics', enabled: true }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NON_COMPLIANT',
      ],
      [
        'Transaction and Capacity on the account',
        {
          azurerm_storage_account: { s: {} },
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id: '${azurerm_storage_account.s.id}',
              enabled_metric: [{ category: 'Transaction' }, { category: 'Capacity' }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'COMPLIANT',
      ],
      [
        'AllMetrics on a Key Vault',
        {
          azurerm_monitor_diagnostic_setting: {
            a: diag({ enabled_metric: [{ category: 'AllMetrics' }] }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NOT_APPLICABLE',
      ],
      [
        'AllMetrics on a target from a variable',
        {
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id: '${var.target}',
              enabled_metric: [{ category: 'AllMetrics' }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'UNKNOWN',
        /target_resource_id is \$\{var\.target\}/,
      ],
      [
        'logs only on the account',
        {
          azurerm_storage_account: { s: {} },
          azurerm_monitor_diagnostic_setting: {
            a: diag({
              target_resource_id: '${azurerm_storage_account.s.id}',
              enabled_log: [{ category_group: 'allLogs' }],
            }),
          },
        },
        'azurerm_monitor_diagnostic_setting.a',
        'NOT_APPLICABLE',
      ],
    ]),
  'AZ-09.propagation: CMK storage waits for its identity key grant and a time_sleep after it':
    casesOf('AZ-09.propagation', [
      [
        'no wait',
        { ...cmkGrant, ...cmkAccount() },
        ACCOUNT,
        'NON_COMPLIANT',
        /does not wait for azurerm_role_assignment\.g/,
      ],
      [
        'waits for the grant, not for propagation',
        { ...cmkGrant, ...cmkAccount(['azurerm_role_assignment.g']) },
        ACCOUNT,
        'NON_COMPLIANT',
        /no propagation wait \(time_sleep\) after azurerm_role_assignment\.g/,
      ],
      [
        'waits for the time_sleep',
        { ...cmkGrant, ...cmkAccount(['time_sleep.wait']) },
        ACCOUNT,
        'COMPLIANT',
      ],
      // no grant to the identity in the stack: nothing to wait for
      [
        'no grant in the stack',
        { azurerm_user_assigned_identity: { cmk: {} }, ...cmkAccount() },
        ACCOUNT,
        'NOT_APPLICABLE',
      ],
    ]),
  'AZ-04.system-datastores: a workspace on a keyless account sets systemDatastoresAuthMode = identity':
    casesOf('AZ-04.system-datastores', [
      [
        'no update of the workspace',
        keylessWorkspace(false),
        WS,
        'NON_COMPLIANT',
        /azurerm_storage_account\.s has shared key access disabled/,
      ],
      [
        'an azapi update setting Identity (object body)',
        keylessWorkspace(
          false,
          datastoresAuth({ properties: { systemDatastoresAuthMode: 'Identity' } }),
        ),
        WS,
        'COMPLIANT',
      ],
      [
        'an azapi update setting identity (jsonencode of literals)',
        keylessWorkspace(
          false,
          datastoresAuth('${jsonencode({properties = {systemDatastoresAuthMode = "identity"}})}'),
        ),
        WS,
        'COMPLIANT',
      ],
      [
        'an azapi update setting identity (JSON string)',
        keylessWorkspace(
          false,
          datastoresAuth(JSON.stringify({ properties: { systemDatastoresAuthMode: 'identity' } })),
        ),
        WS,
        'COMPLIANT',
      ],
      [
        'storage_account_access_type Identity (azurerm with the argument)',
        keylessWorkspace(false, {}, { storage_account_access_type: 'Identity' }),
        WS,
        'COMPLIANT',
      ],
      [
        'an azapi update setting accessKey',
        keylessWorkspace(
          false,
          datastoresAuth({ properties: { systemDatastoresAuthMode: 'accessKey' } }),
        ),
        WS,
        'NON_COMPLIANT',
      ],
      [
        'an azapi update of another resource type',
        keylessWorkspace(
          false,
          datastoresAuth(
            { properties: { systemDatastoresAuthMode: 'identity' } },
            { type: 'Microsoft.Storage/storageAccounts@2023-05-01' },
          ),
        ),
        WS,
        'NON_COMPLIANT',
      ],
      [
        'the update removed (count = 0)',
        keylessWorkspace(
          false,
          datastoresAuth({ properties: { systemDatastoresAuthMode: 'Identity' } }, { count: 0 }),
        ),
        WS,
        'NON_COMPLIANT',
      ],
      ['shared keys on', keylessWorkspace(true), WS, 'NOT_APPLICABLE'],
      ['shared keys unset (on by default)', keylessWorkspace(undefined), WS, 'NOT_APPLICABLE'],
      [
        'an account of another stack',
        {
          azurerm_machine_learning_workspace: {
            w: { storage_account_id: '${data.terraform_remote_state.data.outputs.account_id}' },
          },
        },
        WS,
        'NOT_APPLICABLE',
      ],
      [
        'shared keys from a variable',
        keylessWorkspace('${var.keys}'),
        WS,
        'UNKNOWN',
        /shared_access_key_enabled is \$\{var\.keys\}/,
      ],
      [
        'the mode from a variable',
        keylessWorkspace(
          false,
          datastoresAuth('${jsonencode({properties = {systemDatastoresAuthMode = var.mode}})}'),
        ),
        WS,
        'UNKNOWN',
        /systemDatastoresAuthMode is \$\{var\.mode\}/,
      ],
      [
        'the body from a variable',
        keylessWorkspace(false, datastoresAuth('${var.body}')),
        WS,
        'UNKNOWN',
        /body is \$\{var\.body\}/,
      ],
      [
        'an identity update of a workspace known only at apply',
        keylessWorkspace(
          false,
          datastoresAuth(
            { properties: { systemDatastoresAuthMode: 'Identity' } },
            { resource_id: '${var.workspace_id}' },
          ),
        ),
        WS,
        'UNKNOWN',
        /sets identity on \$\{var\.workspace_id\}/,
      ],
    ]),
});
