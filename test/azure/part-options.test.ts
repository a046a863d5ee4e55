import { Testing } from 'cdktf';
import {
  AzureDiagnosticSetting,
  AzureMLWorkspace,
  AzureResourceLocks,
  AzureSecureContainerRegistry,
  AzureSecureStorageAccount,
  HardenedKeyVault,
} from '../../lib/azure';
import { synthJson } from '../helpers';
import { all, azureStack, ENC, IDS, one, problemsOf } from './fixtures';

const base = { resourceGroupName: 'rg-parts', location: 'westeurope' };
const KEY = 'https://kv-parts.vault.azure.net/keys/cmk';
const IDENTITY = `/subscriptions/${IDS.subscription}/resourceGroups/rg-parts/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-cmk`;
const CLIENT_ID = '33333333-3333-3333-3333-333333333333';
const LAW_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central`;
const SUBNET_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe`;
const TARGET = `/subscriptions/${IDS.subscription}/resourceGroups/rg-parts/providers/Microsoft.Storage/storageAccounts/stparts`;

/** The Terraform of a stack holding what `build` creates. */
function synthOf(build: (stack: any) => void): string {
  const { stack } = azureStack();
  build(stack);
  return Testing.synth(stack);
}

describe('uniform part options: the new shape gives the same Terraform as the deprecated props', () => {
  test('AZ-02 storage: customerManagedKey = customerManagedKeyId + customerManagedKeyIdentityId', () => {
    const old = synthOf(
      (s) =>
        new AzureSecureStorageAccount(s, 'st', {
          ...base,
          customerManagedKeyId: KEY,
          customerManagedKeyIdentityId: IDENTITY,
        }),
    );
    const uniform = synthOf(
      (s) =>
        new AzureSecureStorageAccount(s, 'st', {
          ...base,
          customerManagedKey: { keyId: KEY, userAssignedIdentityId: IDENTITY },
        }),
    );
    expect(uniform).toBe(old);
    expect(uniform).toContain(KEY);
  });

  test('AZ-02 registry: customerManagedKey = the three customerManagedKey* props', () => {
    const old = synthOf(
      (s) =>
        new AzureSecureContainerRegistry(s, 'cr', {
          ...base,
          customerManagedKeyId: KEY,
          customerManagedKeyIdentityId: IDENTITY,
          customerManagedKeyIdentityClientId: CLIENT_ID,
        }),
    );
    const uniform = synthOf(
      (s) =>
        new AzureSecureContainerRegistry(s, 'cr', {
          ...base,
          customerManagedKey: {
            keyId: KEY,
            userAssignedIdentityId: IDENTITY,
            userAssignedIdentityClientId: CLIENT_ID,
          },
        }),
    );
    expect(uniform).toBe(old);
    expect(uniform).toContain(CLIENT_ID);
  });

  test('AZ-13 locks: lock { kind, notes } = level + notes', () => {
    const resources = { storage: TARGET };
    const old = synthOf(
      (s) => new AzureResourceLocks(s, 'locks', { resources, level: 'ReadOnly', notes: 'keep it' }),
    );
    const uniform = synthOf(
      (s) =>
        new AzureResourceLocks(s, 'locks', {
          resources,
          lock: { kind: 'ReadOnly', notes: 'keep it' },
        }),
    );
    expect(uniform).toBe(old);
    expect(uniform).toContain('ReadOnly');
  });

  test('AZ-11 diagnostic setting: logCategories = categories', () => {
    const props = { targetResourceId: TARGET, logAnalyticsWorkspaceId: LAW_ID };
    const old = synthOf(
      (s) => new AzureDiagnosticSetting(s, 'diag', { ...props, categories: ['Administrative'] }),
    );
    const uniform = synthOf(
      (s) => new AzureDiagnosticSetting(s, 'diag', { ...props, logCategories: ['Administrative'] }),
    );
    expect(uniform).toBe(old);
    expect(uniform).toContain('Administrative');
  });
});

describe('AZ-11 diagnostic setting destination type', () => {
  const dest = (targetResourceId: string, extra: object = {}) =>
    JSON.parse(
      synthOf(
        (s) =>
          new AzureDiagnosticSetting(s, 'diag', {
            targetResourceId,
            logAnalyticsWorkspaceId: LAW_ID,
            ...extra,
          }),
      ),
    ).resource.azurerm_monitor_diagnostic_setting;
  const only = (x: any) => Object.values<any>(x)[0].log_analytics_destination_type;
  const RG = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers';

  test('a literal Data Factory (either mode) gets resource-specific tables', () => {
    expect(only(dest(`${RG}/Microsoft.DataFactory/factories/adf`))).toBe('Dedicated');
    expect(only(dest(`${RG}/microsoft.network/azurefirewalls/fw`))).toBe('Dedicated');
  });

  test('a Key Vault, a registry and a storage blob service (one mode only) get none', () => {
    expect(only(dest(`${RG}/Microsoft.KeyVault/vaults/kv`))).toBeUndefined();
    expect(only(dest(`${RG}/Microsoft.ContainerRegistry/registries/cr`))).toBeUndefined();
    expect(
      only(dest(`${RG}/Microsoft.Storage/storageAccounts/st/blobServices/default`)),
    ).toBeUndefined();
  });

  test('an explicit destination type is kept', () => {
    expect(only(dest(TARGET, { logAnalyticsDestinationType: 'AzureDiagnostics' }))).toBe(
      'AzureDiagnostics',
    );
  });

  test('a bad destination type, or one on a metrics-only setting, is rejected', () => {
    const { stack } = azureStack();
    const bad = problemsOf(
      () =>
        new AzureDiagnosticSetting(stack, 'a', {
          targetResourceId: TARGET,
          logAnalyticsWorkspaceId: LAW_ID,
          logAnalyticsDestinationType: 'dedicated',
        }),
    );
    expect(bad.problems.map((p) => [p.prop, p.allowed])).toEqual([
      [
        'logAnalyticsDestinationType',
        'one of Dedicated, AzureDiagnostics (values are case-sensitive: did you mean Dedicated?)',
      ],
    ]);
    const metricsOnly = problemsOf(
      () =>
        new AzureDiagnosticSetting(stack, 'b', {
          targetResourceId: TARGET,
          logAnalyticsWorkspaceId: LAW_ID,
          logs: false,
          logAnalyticsDestinationType: 'Dedicated',
        }),
    );
    expect(metricsOnly.problems.map((p) => p.prop)).toEqual(['logAnalyticsDestinationType']);
    expect(metricsOnly.problems[0].allowed).toMatch(/unset when logs is false/);
  });
});

describe('uniform part options: old and new input together is one clear ValidationError', () => {
  test('storage: customerManagedKey with customerManagedKeyId', () => {
    const { stack } = azureStack();
    const { path, problems } = problemsOf(
      () =>
        new AzureSecureStorageAccount(stack, 'st', {
          ...base,
          customerManagedKeyId: KEY,
          customerManagedKeyIdentityId: IDENTITY,
          customerManagedKey: { keyId: KEY, userAssignedIdentityId: IDENTITY },
        }),
    );
    expect(path).toBe('azure/st');
    expect(problems).toEqual([
      {
        prop: 'customerManagedKey',
        value: 'customerManagedKey and customerManagedKeyId, customerManagedKeyIdentityId',
        allowed: expect.stringMatching(/^customerManagedKey alone .*deprecated/),
      },
    ]);
  });

  test('registry: customerManagedKey with customerManagedKeyIdentityClientId', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureSecureContainerRegistry(stack, 'cr', {
          ...base,
          customerManagedKeyIdentityClientId: CLIENT_ID,
          customerManagedKey: {
            keyId: KEY,
            userAssignedIdentityId: IDENTITY,
            userAssignedIdentityClientId: CLIENT_ID,
          },
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual(['customerManagedKey']);
  });

  test('registry: the flat identity props without customerManagedKeyId are an error, not ignored', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureSecureContainerRegistry(stack, 'cr', {
          ...base,
          customerManagedKeyIdentityId: IDENTITY,
          customerManagedKeyIdentityClientId: CLIENT_ID,
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual([
      'customerManagedKeyIdentityId',
      'customerManagedKeyIdentityClientId',
    ]);
    expect(problems[0].allowed).toMatch(/^set together with customerManagedKeyId/);
  });

  test('storage: customerManagedKeyIdentityId without the key is an error', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureSecureStorageAccount(stack, 'st', {
          ...base,
          customerManagedKeyIdentityId: IDENTITY,
        }),
    );
    expect(problems).toEqual([
      {
        prop: 'customerManagedKeyIdentityId',
        value: IDENTITY,
        allowed: 'set together with customerManagedKeyId (the identity that reads the key)',
      },
    ]);
  });

  test('registry: a client id that is no string is reported once', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureSecureContainerRegistry(stack, 'cr', {
          ...base,
          customerManagedKey: {
            keyId: KEY,
            userAssignedIdentityId: IDENTITY,
            userAssignedIdentityClientId: 5 as any,
          },
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual([
      'customerManagedKey.userAssignedIdentityClientId',
    ]);
  });

  test('locks: lock with level', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureResourceLocks(stack, 'locks', {
          resources: { storage: TARGET },
          level: 'ReadOnly',
          lock: { kind: 'ReadOnly' },
        }),
    );
    expect(problems).toEqual([
      {
        prop: 'lock',
        value: 'lock and level',
        allowed: expect.stringMatching(/^lock alone .*deprecated/),
      },
    ]);
  });

  test('diagnostic setting: logCategories with categories', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureDiagnosticSetting(stack, 'diag', {
          targetResourceId: TARGET,
          logAnalyticsWorkspaceId: LAW_ID,
          categories: ['Administrative'],
          logCategories: ['Administrative'],
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual(['logCategories']);
  });

  test('registry: customerManagedKey needs the identity client id', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new AzureSecureContainerRegistry(stack, 'cr', {
          ...base,
          customerManagedKey: { keyId: KEY, userAssignedIdentityId: IDENTITY },
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual([
      'customerManagedKey.userAssignedIdentityClientId',
    ]);
  });

  test('role assignments need exactly one of roleDefinitionName and roleDefinitionId', () => {
    const { stack } = azureStack();
    const { problems } = problemsOf(
      () =>
        new HardenedKeyVault(stack, 'kv', {
          ...base,
          createKey: false,
          roleAssignments: { readers: { principalId: IDS.auditor } },
        }),
    );
    expect(problems.map((p) => p.prop)).toEqual(['roleAssignments.readers.roleDefinitionName']);
  });
});

describe('uniform part options create the same resources on every part', () => {
  const { stack } = azureStack();
  const options = {
    lock: {},
    diagnosticSettings: { central: { logAnalyticsWorkspaceId: LAW_ID } },
    privateEndpoints: {
      hub: { subnetId: SUBNET_ID },
    },
    roleAssignments: {
      auditor: { principalId: IDS.auditor, roleDefinitionName: 'Reader', principalType: 'User' },
    },
    tags: { team: 'ml' },
  };
  const st = new AzureSecureStorageAccount(stack, 'st', { ...base, ...options });
  const kv = new HardenedKeyVault(stack, 'kv', { ...base, createKey: false, ...options });
  const cr = new AzureSecureContainerRegistry(stack, 'cr', { ...base, ...options });
  const json = synthJson(stack);

  test.each([
    ['storage', 'azurerm_storage_account', 'st'],
    ['key vault', 'azurerm_key_vault', 'kv'],
    ['registry', 'azurerm_container_registry', 'cr'],
  ])(
    '%s: lock, diagnostic setting, private endpoint, role assignment on the main resource, tags',
    (_, type, id) => {
      const main = all(json, type).find((x) => x.name.startsWith(`${id}_`))!;
      const ref = `\${${type}.${main.name}.id}`;
      const mine = (t: string) => all(json, t).filter((x) => x.name.startsWith(`${id}_`));
      expect(mine('azurerm_management_lock').map((x) => [x.r.scope, x.r.lock_level])).toEqual([
        [ref, 'CanNotDelete'],
      ]);
      expect(mine('azurerm_monitor_diagnostic_setting').map((x) => x.r.target_resource_id)).toEqual(
        [ref],
      );
      // AZ-11.storage-metrics: storage rejects 'AllMetrics'
      expect(mine('azurerm_monitor_diagnostic_setting')[0].r.enabled_metric).toEqual([
        { category: type === 'azurerm_storage_account' ? 'Transaction' : 'AllMetrics' },
      ]);
      expect(
        mine('azurerm_private_endpoint').map(
          (x) => x.r.private_service_connection.private_connection_resource_id,
        ),
      ).toEqual([ref]);
      expect(
        mine('azurerm_role_assignment')
          .filter((x) => x.name.includes('role-auditor'))
          .map((x) => [x.r.scope, x.r.role_definition_name]),
      ).toEqual([[ref, 'Reader']]);
      expect(main.r.tags).toEqual({ team: 'ml' });
    },
  );

  test('the parts expose what the options created', () => {
    for (const part of [st, kv, cr]) {
      expect(part.lock).toBeDefined();
      expect(Object.keys(part.diagnosticSettings)).toEqual(['central']);
      expect(Object.keys(part.privateEndpoints)).toEqual(['hub']);
      expect(Object.keys(part.roleAssignments)).toEqual(['auditor']);
    }
  });

  test('the private endpoints default to the part sub-resource', () => {
    const sub = (id: string) =>
      all(json, 'azurerm_private_endpoint').find((x) => x.name.startsWith(`${id}_`))!.r
        .private_service_connection.subresource_names;
    expect([sub('st'), sub('kv'), sub('cr')]).toEqual([['blob'], ['vault'], ['registry']]);
  });

  test('nothing is created without options', () => {
    const { stack: bare } = azureStack();
    new AzureSecureStorageAccount(bare, 'st', base);
    const j = synthJson(bare);
    for (const t of [
      'azurerm_management_lock',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_private_endpoint',
      'azurerm_role_assignment',
    ])
      expect(j.resource[t]).toBeUndefined();
    expect(one(j, 'azurerm_storage_account').tags).toBeUndefined();
  });
});

describe('uniform lock shape on the platform', () => {
  const ws = { encryption: ENC, environment: 'prod', location: 'westeurope' };

  test('AZ-13 AzureMLWorkspace lock: kind and notes of every lock', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      ...ws,
      lock: { kind: 'ReadOnly', notes: 'change window only' },
    });
    const locks = all(synthJson(stack), 'azurerm_management_lock').map((x) => [
      x.r.lock_level,
      x.r.notes,
    ]);
    expect(locks).toHaveLength(6); // workspace, two vaults, storage, registry, logs
    expect(new Set(locks.map((l) => l.join('|')))).toEqual(
      new Set(['ReadOnly|change window only']),
    );
  });

  test('AzureMLWorkspace lock with locks: false is one ValidationError', () => {
    const { stack } = azureStack();
    const { path, problems } = problemsOf(
      () => new AzureMLWorkspace(stack, 'ml', { ...ws, locks: false, lock: { kind: 'ReadOnly' } }),
    );
    expect(path).toBe('azure/ml');
    expect(problems).toEqual([
      { prop: 'lock', value: 'lock and locks: false', allowed: expect.stringMatching(/locks on/) },
    ]);
  });
});

describe('diagnostic settings: metric categories', () => {
  test('metricCategories replaces the part default', () => {
    const { stack } = azureStack();
    new AzureSecureStorageAccount(stack, 'st', {
      ...base,
      diagnosticSettings: {
        central: { logAnalyticsWorkspaceId: LAW_ID, metricCategories: ['Transaction', 'Capacity'] },
      },
    });
    const setting = one(synthJson(stack), 'azurerm_monitor_diagnostic_setting');
    expect(setting.enabled_metric).toEqual([{ category: 'Transaction' }, { category: 'Capacity' }]);
  });

  test('an empty or repeated list is an error', () => {
    for (const [metricCategories, prop, allowed] of [
      [[], 'metricCategories', 'at least one category'],
      [['Transaction', 'transaction'], 'metricCategories[1]', 'a category'],
    ] as const) {
      const { stack } = azureStack();
      const { problems } = problemsOf(
        () =>
          new AzureDiagnosticSetting(stack, 'd', {
            targetResourceId: TARGET,
            logAnalyticsWorkspaceId: LAW_ID,
            metricCategories: [...metricCategories],
          }),
      );
      expect(problems.map((p) => [p.prop, p.allowed])).toEqual([
        [prop, expect.stringContaining(allowed)],
      ]);
    }
  });
});
