// X-10 bad input to the exported Azure parts taken alone, by class: every case asserts the
// construct path, the prop, the bad value and what is allowed.
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AzapiProvider,
  AzapiResource,
  AzapiResourceAction,
  AzureDiagnostics,
  AzureDiagnosticSetting,
  AzureMlCompute,
  AzureMlopsChecks,
  AzureMlPolicyAssignments,
  AzurePersonaRbac,
  AzurePrivateNetwork,
  AzureResourceLocks,
  AzureSecureContainerRegistry,
  AzureSecureStorageAccount,
  HardenedKeyVault,
  PrivateLinkSet,
} from '../../lib/azure';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { synthJson } from '../helpers';
import { azureStack, expectProblem, IDS, problemsOf } from './fixtures';

const base = { resourceGroupName: 'rg-parts', location: 'westeurope' };
const RG_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-parts`;
const WS_ID = `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/mlw`;

/** A part built in a fresh stack. */
function part<T>(make: (stack: TerraformStack) => T): () => T {
  return () => make(azureStack().stack);
}

describe('X-10 enums of the parts', () => {
  test("AZ-03 HardenedKeyVault skuName 'Premium'", () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, skuName: 'Premium' })),
      'azure/kv',
      'skuName',
      'Premium',
      /did you mean premium\?/,
    );
  });

  test("AZ-02 HardenedKeyVault keyType 'EC'", () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, keyType: 'EC' })),
      'azure/kv',
      'keyType',
      'EC',
      /^one of RSA-HSM, RSA$/,
    );
  });

  test("X-08 storage removalPolicy 'destroy' is neither RETAIN nor DESTROY", () => {
    expectProblem(
      part(
        (s) => new AzureSecureStorageAccount(s, 'st', { ...base, removalPolicy: 'destroy' as any }),
      ),
      'azure/st',
      'removalPolicy',
      'destroy',
      /did you mean DESTROY\?/,
    );
  });

  test("AZ-13 lock level 'DoNotDelete'", () => {
    expectProblem(
      part(
        (s) =>
          new AzureResourceLocks(s, 'locks', {
            resources: { storage: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st` },
            level: 'DoNotDelete',
          }),
      ),
      'azure/locks',
      'level',
      'DoNotDelete',
      /^one of CanNotDelete, ReadOnly$/,
    );
  });

  test("AZ-12 policy effect 'Disabled'", () => {
    expectProblem(
      part(
        (s) =>
          new AzureMlPolicyAssignments(s, 'policies', {
            resourceGroupId: RG_ID,
            effect: 'Disabled' as any,
          }),
      ),
      'azure/policies',
      'effect',
      'Disabled',
      /^one of Deny, Audit$/,
    );
  });

  test('AZ-12 publicIpAllowList from a variable: it picks the definitions assigned', () => {
    const { stack } = azureStack();
    const allow = new TerraformVariable(stack, 'allow', { type: 'bool' });
    const { problems } = problemsOf(
      () =>
        new AzureMlPolicyAssignments(stack, 'policies', {
          resourceGroupId: RG_ID,
          publicIpAllowList: allow.booleanValue as any,
        }),
    );
    expect(problems[0]).toMatchObject({ prop: 'publicIpAllowList' });
    expect(problems[0].allowed).toMatch(/it picks the definitions assigned/);
  });

  test("azapi resource_action when 'always'", () => {
    expectProblem(
      part(
        (s) =>
          new AzapiResourceAction(s, 'a', {
            type: 'Microsoft.Storage/storageAccounts@2023-05-01',
            resourceId: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st`,
            when: 'always',
          }),
      ),
      'azure/a',
      'when',
      'always',
      /^one of apply, destroy$/,
    );
  });
});

describe('X-10 missing or mistyped props of the parts', () => {
  test('HardenedKeyVault with null props', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new HardenedKeyVault(stack, 'kv', null as any),
      'azure/kv',
      'props',
      'null',
      /a props object \(required\)/,
    );
  });

  test('AzurePersonaRbac without props', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new AzurePersonaRbac(stack, 'rbac', undefined as any),
      'azure/rbac',
      'props',
      'undefined',
      /a props object \(required\)/,
    );
  });

  test('azapi resource without config', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new AzapiResource(stack, 'r', undefined as any),
      'azure/r',
      'props',
      'undefined',
      /a props object \(required\)/,
    );
  });

  test('AZ-04, AZ-05 zone redundancy asked for in a region without availability zones', () => {
    const ukwest = { ...base, location: 'ukwest' };
    expectProblem(
      part((s) => new AzureSecureStorageAccount(s, 'st', { ...ukwest, replicationType: 'ZRS' })),
      'azure/st',
      'replicationType',
      'ZRS',
      /^LRS, GRS or RAGRS: ukwest has no availability zones/,
    );
    expectProblem(
      part((s) => new AzureSecureContainerRegistry(s, 'cr', { ...ukwest, zoneRedundancy: true })),
      'azure/cr',
      'zoneRedundancy',
      'true',
      /^false: ukwest has no availability zones/,
    );
  });

  test('storage containers as an object', () => {
    expectProblem(
      part((s) => new AzureSecureStorageAccount(s, 'st', { ...base, containers: { a: 1 } as any })),
      'azure/st',
      'containers',
      '{"a":1}',
      /^a list of strings$/,
    );
  });

  test('a number for the private endpoint subresource', () => {
    expectProblem(
      part(
        (s) =>
          new PrivateLinkSet(s, 'pl', {
            ...base,
            subnetId: 's',
            targetResourceId: 't',
            subresource: 42 as any,
          }),
      ),
      'azure/pl',
      'subresource',
      '42',
      /a non-empty string/,
    );
  });

  test('a diagnostic setting with neither logs nor metrics', () => {
    expectProblem(
      part(
        (s) =>
          new AzureDiagnosticSetting(s, 'd', {
            targetResourceId: 't',
            logAnalyticsWorkspaceId: 'l',
            logs: false,
            metrics: false,
          }),
      ),
      'azure/d',
      'logs',
      'false',
      /logs or metrics \(or both\) true/,
    );
  });

  test('AZ-13 locks without resources', () => {
    expectProblem(
      part((s) => new AzureResourceLocks(s, 'locks', {} as any)),
      'azure/locks',
      'resources',
      'undefined',
      /an object/,
    );
  });

  test('AZ-08 an instance owner that is an email, not an object id', () => {
    expectProblem(
      part(
        (s) =>
          new AzureMlCompute(s, 'c', {
            workspaceId: WS_ID,
            location: 'westeurope',
            tenantId: IDS.tenant,
            instances: [{ name: 'ci-bob', ownerObjectId: 'bob@example.com' }],
          }),
      ),
      'azure/c',
      'instances[0].ownerObjectId',
      'bob@example.com',
      /an Entra object id \(a UUID/,
    );
  });

  test.each([
    ['PT10M', 'under 15 minutes'],
    ['P4D', 'over 3 days'],
    ['60', 'minutes without a unit'],
    ['PT', 'no component'],
  ])('AZ-08 an instance idle shutdown of %s (%s)', (idle) => {
    expectProblem(
      part(
        (s) =>
          new AzureMlCompute(s, 'c', {
            workspaceId: WS_ID,
            location: 'westeurope',
            tenantId: IDS.tenant,
            instances: [{ name: 'ci-bob', ownerObjectId: IDS.ds, idleShutdownAfter: idle }],
          }),
      ),
      'azure/c',
      'instances[0].idleShutdownAfter',
      idle,
      /an ISO 8601 duration from 15 minutes to 3 days/,
    );
  });

  test.each(['PT15M', 'PT1H30M', 'P1D', 'P3D', 'P1DT2H'])(
    'AZ-08 an instance idle shutdown of %s is accepted',
    (idle) => {
      const { stack } = azureStack();
      new AzureMlCompute(stack, 'c', {
        workspaceId: WS_ID,
        location: 'westeurope',
        tenantId: IDS.tenant,
        instances: [{ name: 'ci-bob', ownerObjectId: IDS.ds, idleShutdownAfter: idle }],
      });
      const actions = Object.values(synthJson(stack).resource.azapi_resource_action) as any[];
      expect(actions.map((a) => a.body)).toEqual([{ idleTimeBeforeShutdown: idle }]);
    },
  );

  test('the azapi provider with a subscription name instead of its id', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expectProblem(
      () => new AzapiProvider(stack, 'azapi', { subscriptionId: 'prod-subscription' }),
      's/azapi',
      'subscriptionId',
      'prod-subscription',
      /a subscription id \(a UUID/,
    );
  });

  test('an azapi type without an API version', () => {
    expectProblem(
      part(
        (s) =>
          new AzapiResource(s, 'r', {
            type: 'Microsoft.MachineLearningServices/workspaces/datastores',
            name: 'lake',
            parentId: WS_ID,
            body: {},
          }),
      ),
      'azure/r',
      'type',
      'Microsoft.MachineLearningServices/workspaces/datastores',
      /<api version>/,
    );
  });
});

describe('X-10 tokens in the parts', () => {
  test('a storage allow-list token is rejected: it decides whether public network access is on', () => {
    const { stack } = azureStack();
    const ips = new TerraformVariable(stack, 'ips', { type: 'list(string)' });
    const { problems } = problemsOf(
      () => new AzureSecureStorageAccount(stack, 'st', { ...base, allowedIpRanges: ips.listValue }),
    );
    expect(problems[0]).toMatchObject({ prop: 'allowedIpRanges' });
    expect(problems[0].allowed).toMatch(/decides whether public network access is on/);
  });

  test('a string token where a list belongs is not a list', () => {
    const { stack } = azureStack();
    const x = new TerraformVariable(stack, 'x', { type: 'string' });
    const { problems } = problemsOf(
      () => new AzurePrivateNetwork(stack, 'n', { ...base, reservedCidrs: x.stringValue as any }),
    );
    expect(problems[0]).toMatchObject({ prop: 'reservedCidrs' });
    expect(problems[0].allowed).toMatch(/a string token is not a list/);
  });

  test('a policy assignment name prefix token is rejected (it is part of the names)', () => {
    const { stack } = azureStack();
    const x = new TerraformVariable(stack, 'x', { type: 'string' });
    const { problems } = problemsOf(
      () =>
        new AzureMlPolicyAssignments(stack, 'p', {
          resourceGroupId: RG_ID,
          namePrefix: x.stringValue,
        }),
    );
    expect(problems[0]).toMatchObject({ prop: 'namePrefix' });
  });

  test('a Key Vault name token is used as given (a name, not part of one)', () => {
    const { stack } = azureStack();
    const x = new TerraformVariable(stack, 'x', { type: 'string' });
    new HardenedKeyVault(stack, 'kv', { ...base, name: x.stringValue });
    expect(synthJson(stack).resource.azurerm_key_vault).toBeDefined();
  });
});

describe('X-10 collisions and duplicates in the parts', () => {
  test('one storage account name (global) twice', () => {
    const { stack } = azureStack();
    new AzureSecureStorageAccount(stack, 'a', { ...base, name: 'stshared01' });
    expectProblem(
      () => new AzureSecureStorageAccount(stack, 'b', { ...base, name: 'stshared01' }),
      'azure/b',
      'name',
      'stshared01',
      /a storage account name not already created in Azure \(names are global\) by azure\/a/,
    );
  });

  test('AZ-06 two private link sets creating one private DNS zone in one resource group', () => {
    const { stack } = azureStack();
    const pl = { ...base, subnetId: 's', targetResourceId: 't', subresource: 'blob' };
    new PrivateLinkSet(stack, 'one', pl);
    expectProblem(
      () => new PrivateLinkSet(stack, 'two', pl),
      'azure/two',
      'dnsZoneNames',
      'privatelink.blob.core.windows.net',
      /a private DNS zone name not already created in resource group rg-parts .* by azure\/one/,
    );
  });

  test('a duplicate storage container', () => {
    expectProblem(
      part((s) => new AzureSecureStorageAccount(s, 'st', { ...base, containers: ['raw', 'raw'] })),
      'azure/st',
      'containers[1]',
      'raw',
      /a container not already listed/,
    );
  });

  test('duplicate diagnostic categories', () => {
    expectProblem(
      part(
        (s) =>
          new AzureDiagnosticSetting(s, 'd', {
            targetResourceId: 't',
            logAnalyticsWorkspaceId: 'l',
            categories: ['Administrative', 'administrative'],
          }),
      ),
      'azure/d',
      'categories[1]',
      'administrative',
      /a category not already listed/,
    );
  });

  test('two compute names differing in case only', () => {
    expectProblem(
      part(
        (s) =>
          new AzureMlCompute(s, 'c', {
            workspaceId: WS_ID,
            location: 'westeurope',
            tenantId: IDS.tenant,
            clusters: [{ name: 'gpu' }, { name: 'GPU' }],
          }),
      ),
      'azure/c',
      'clusters[1].name',
      'GPU',
      /a name not used by another compute \(clusters\[0\]\)/,
    );
  });
});

describe('X-05 networks of the parts', () => {
  test('a Key Vault accepts a /32 (one address)', () => {
    expect(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, allowedIpRanges: ['203.0.113.7/32'] })),
    ).not.toThrow();
  });

  test('a storage account rejects a /32', () => {
    expectProblem(
      part(
        (s) =>
          new AzureSecureStorageAccount(s, 'st', { ...base, allowedIpRanges: ['198.51.100.7/32'] }),
      ),
      'azure/st',
      'allowedIpRanges[0]',
      '198.51.100.7/32',
      /storage accounts reject \/31 and \/32/,
    );
  });

  test('a loopback address in a Key Vault allow-list', () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, allowedIpRanges: ['127.0.0.1'] })),
      'azure/kv',
      'allowedIpRanges[0]',
      '127.0.0.1',
      /127\.0\.0\.0\/8 is loopback/,
    );
  });

  test('an allow-list entry with host bits set', () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, allowedIpRanges: ['203.0.113.9/24'] })),
      'azure/kv',
      'allowedIpRanges[0]',
      '203.0.113.9/24',
      /did you mean 203\.0\.113\.0\/24\?/,
    );
  });

  test('a VNet in the multicast range', () => {
    expectProblem(
      part((s) => new AzurePrivateNetwork(s, 'n', { ...base, vnetCidr: '224.1.0.0/24' })),
      'azure/n',
      'vnetCidr',
      '224.1.0.0/24',
      /224\.0\.0\.0\/4 \(multicast\)/,
    );
  });

  test('central DNS zone ids that are not ARM ids', () => {
    expectProblem(
      part(
        (s) =>
          new PrivateLinkSet(s, 'pl', {
            ...base,
            subnetId: 's',
            targetResourceId: 't',
            subresource: 'blob',
            privateDnsZoneIds: { 'privatelink.blob.core.windows.net': 'zone-blob' },
          }),
      ),
      'azure/pl',
      'privateDnsZoneIds.privatelink.blob.core.windows.net',
      'zone-blob',
      /Microsoft\.Network\/privateDnsZones/,
    );
  });
});

describe('X-03 IAM of the parts', () => {
  test("AzurePersonaRbac: a custom role with '*/delete'", () => {
    expectProblem(
      part(
        (s) =>
          new AzurePersonaRbac(s, 'rbac', {
            personas: {},
            workspaceId: WS_ID,
            resourceGroupId: RG_ID,
            customRoles: [{ name: 'Cleaner', actions: ['*/delete'] }],
          }),
      ),
      'azure/rbac',
      'customRoles[0].actions[0]',
      '*/delete',
      /provider wildcard/,
    );
  });

  test('AzurePersonaRbac: a custom role with no action at all', () => {
    expectProblem(
      part(
        (s) =>
          new AzurePersonaRbac(s, 'rbac', {
            personas: {},
            workspaceId: WS_ID,
            resourceGroupId: RG_ID,
            customRoles: [{ name: 'Empty', actions: [] }],
          }),
      ),
      'azure/rbac',
      'customRoles[0].actions',
      '[]',
      /at least one action or data action/,
    );
  });
});

describe('X-10 free-form values of the parts', () => {
  test('AZ-03 soft delete of 5 days', () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, softDeleteRetentionDays: 5 })),
      'azure/kv',
      'softDeleteRetentionDays',
      '5',
      /an integer >= 7 <= 90/,
    );
  });

  test('AZ-03 soft delete of 30 days is accepted and recorded (AZ-03 asks for 90)', () => {
    const { stack } = azureStack();
    new HardenedKeyVault(stack, 'kv', { ...base, softDeleteRetentionDays: 30 });
    const report = evaluateStack('azure', synthJson(stack), [new AzureMlopsChecks()]);
    const f = report.findings.filter((x) => x.ruleId === 'AZ-03');
    expect(f.map((x) => x.status)).toEqual(['SUPPRESSED']);
    expect(f[0].reason).toMatch(/softDeleteRetentionDays 30 set explicitly/);
  });

  test('AZ-02 a key size of 1024 bits', () => {
    expectProblem(
      part((s) => new HardenedKeyVault(s, 'kv', { ...base, keySize: 1024 })),
      'azure/kv',
      'keySize',
      '1024',
      /2048, 3072 or 4096/,
    );
  });

  test('AZ-04 blob soft delete of 400 days', () => {
    expectProblem(
      part((s) => new AzureSecureStorageAccount(s, 'st', { ...base, softDeleteDays: 400 })),
      'azure/st',
      'softDeleteDays',
      '400',
      /an integer >= 1 <= 365/,
    );
  });

  test('AZ-05 a negative untagged-manifest retention', () => {
    expectProblem(
      part(
        (s) => new AzureSecureContainerRegistry(s, 'cr', { ...base, untaggedRetentionDays: -1 }),
      ),
      'azure/cr',
      'untaggedRetentionDays',
      '-1',
      /an integer >= 0 <= 365/,
    );
  });

  test('AZ-12 a policy assignment prefix with a percent sign', () => {
    expectProblem(
      part(
        (s) =>
          new AzureMlPolicyAssignments(s, 'p', { resourceGroupId: RG_ID, namePrefix: 'ml%dev' }),
      ),
      'azure/p',
      'namePrefix',
      'ml%dev',
      /without '%'/,
    );
  });

  test('AZ-12 a long prefix keeps the eleven assignment names distinct and within 64', () => {
    const { stack } = azureStack();
    const p = new AzureMlPolicyAssignments(stack, 'p', {
      resourceGroupId: RG_ID,
      namePrefix: 'x'.repeat(70),
    });
    const names = Object.values(p.assignments).map((a) => (a as any).nameInput as string);
    expect(names.every((n) => n.length <= 64)).toBe(true);
    expect(new Set(names).size).toBe(11);
  });

  test('AZ-13 lock notes over 512 characters', () => {
    expectProblem(
      part(
        (s) =>
          new AzureResourceLocks(s, 'locks', {
            resources: { st: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st` },
            notes: 'n'.repeat(513),
          }),
      ),
      'azure/locks',
      'notes',
      'n'.repeat(513),
      /at most 512 characters/,
    );
  });

  test('AZ-11 a Log Analytics retention of 3000 days', () => {
    expectProblem(
      part((s) => new AzureDiagnostics(s, 'd', { ...base, retentionInDays: 3000 })),
      'azure/d',
      'retentionInDays',
      '3000',
      /an integer >= 30 <= 730/,
    );
  });

  test('AZ-06 a private endpoint name over 64 characters', () => {
    const name = `pe-${'x'.repeat(70)}`;
    expectProblem(
      part(
        (s) =>
          new PrivateLinkSet(s, 'pl', {
            ...base,
            subnetId: 's',
            targetResourceId: 't',
            subresource: 'blob',
            name,
          }),
      ),
      'azure/pl',
      'name',
      name,
      /2-64 letters/,
    );
  });

  test('AZ-06 a long construct id gives a private endpoint name of at most 64', () => {
    const { stack } = azureStack();
    const pl = new PrivateLinkSet(stack, 'p'.repeat(90), {
      ...base,
      subnetId: 's',
      targetResourceId: 't',
      subresource: 'blob',
    });
    expect(pl.endpoint.nameInput!.length).toBeLessThanOrEqual(64);
    expect(pl.endpoint.customNetworkInterfaceNameInput!.length).toBeLessThanOrEqual(80);
  });

  test('AZ-08 a cluster VM size that does not exist (typo)', () => {
    expectProblem(
      part(
        (s) =>
          new AzureMlCompute(s, 'c', {
            workspaceId: WS_ID,
            location: 'westeurope',
            tenantId: IDS.tenant,
            clusters: [{ name: 'cpu', vmSize: 'Standard_DS3v2' }],
          }),
      ),
      'azure/c',
      'clusters[0].vmSize',
      'Standard_DS3v2',
      /a VM size from the bundled list/,
    );
  });
});
