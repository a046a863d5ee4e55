import {
  AzureManagedNetworkIsolation,
  AzureMLWorkspace,
  AzureMLWorkspaceProps,
  AzureMlCompute,
  AzurePersonaRbac,
  AzurePrivateNetwork,
  AzureSecureContainerRegistry,
  AzureSecureStorageAccount,
  HardenedKeyVault,
  PrivateLinkSet,
} from '../../lib/azure';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Persona } from '../../lib/core';
import { synthJson } from '../helpers';
import { azureStack, ENC, IDS } from './fixtures';

const base = { resourceGroupName: 'rg', location: 'westeurope' };

function platform(extra: Partial<AzureMLWorkspaceProps>): () => void {
  return () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      ...extra,
    });
  };
}

describe('X-10 validation: names', () => {
  test('storage account names must be 3-24 lowercase letters and digits', () => {
    const { stack } = azureStack();
    expect(
      () => new AzureSecureStorageAccount(stack, 'st', { ...base, name: 'My_Storage' }),
    ).toThrow(
      /Invalid input for azure\/st:\n {2}- name: got 'My_Storage'; allowed: 3-24 lowercase letters and digits/,
    );
    expect(
      () =>
        new AzureSecureStorageAccount(stack, 'st2', {
          ...base,
          name: 'abcdefghijklmnopqrstuvwxyz',
        }),
    ).toThrow(/name: got 'abcdefghijklmnopqrstuvwxyz'/);
  });

  test('Key Vault names must be 3-24 characters, start with a letter, no "--"', () => {
    const { stack } = azureStack();
    expect(() => new HardenedKeyVault(stack, 'kv', { ...base, name: '1vault' })).toThrow(
      /name: got '1vault'; allowed: 3-24 letters/,
    );
    expect(() => new HardenedKeyVault(stack, 'kv2', { ...base, name: 'kv--x' })).toThrow(
      /no consecutive hyphens/,
    );
    expect(
      () => new HardenedKeyVault(stack, 'kv3', { ...base, name: 'kv-this-name-is-far-too-long' }),
    ).toThrow(/name: got 'kv-this-name-is-far-too-long'/);
  });

  test('registry names are 5-50 letters and digits', () => {
    const { stack } = azureStack();
    expect(() => new AzureSecureContainerRegistry(stack, 'cr', { ...base, name: 'cr-x' })).toThrow(
      /name: got 'cr-x'; allowed: 5-50 letters and digits/,
    );
  });

  test('workspace name and environment', () => {
    expect(platform({ workspaceName: '-bad' })).toThrow(/workspaceName: got '-bad'/);
    expect(platform({ environment: 'Prod Env' })).toThrow(
      /environment: got 'Prod Env'; allowed: 1-16 lowercase/,
    );
  });

  test('compute names and minimum nodes', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new AzureMlCompute(stack, 'c', {
          workspaceId: 'ws',
          location: 'westeurope',
          tenantId: IDS.tenant,
          clusters: [{ name: '1x', minNodes: 2 }],
          instances: [{ name: 'ci-bob', ownerObjectId: 'bob@example.com' }],
        }),
    ).toThrow(
      /clusters\[0\]\.name: got '1x'[\s\S]*clusters\[0\]\.minNodes: got '2'; allowed: 0 \(or set allowWarmNodes: true\)[\s\S]*instances\[0\]\.ownerObjectId: got 'bob@example.com'/,
    );
  });
});

describe('X-10 validation: network', () => {
  test('a private-endpoint subnet too small for the endpoints fails', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new AzurePrivateNetwork(stack, 'n', {
          ...base,
          vnetCidr: '10.0.0.0/24',
          privateEndpointSubnetCidr: '10.0.0.0/29',
        }),
    ).toThrow(
      /privateEndpointSubnetCidr: got '10.0.0.0\/29'; allowed: a subnet of at least 15 addresses .* this one has 8/,
    );
  });

  test('the platform sizes the subnet for its endpoints', () => {
    expect(
      platform({ network: { vnetCidr: '10.1.0.0/24', privateEndpointSubnetCidr: '10.1.0.0/29' } }),
    ).toThrow(/at least 28 addresses \(23 for endpoints/);
  });

  test('a subnet outside the VNet fails', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new AzurePrivateNetwork(stack, 'n', {
          ...base,
          vnetCidr: '10.0.0.0/24',
          privateEndpointSubnetCidr: '10.9.0.0/26',
        }),
    ).toThrow(
      /privateEndpointSubnetCidr: got '10.9.0.0\/26'; allowed: a range inside vnetCidr 10.0.0.0\/24/,
    );
  });

  test('a VNet overlapping reserved ranges (hub, on-premises) fails', () => {
    expect(
      platform({ network: { vnetCidr: '10.40.0.0/23', reservedCidrs: ['10.40.1.0/24'] } }),
    ).toThrow(
      /network\.vnetCidr: got '10.40.0.0\/23'; allowed: a range that does not overlap network\.reservedCidrs\[0\] 10.40.1.0\/24/,
    );
  });

  test('invalid CIDR and half-brought network', () => {
    const { stack } = azureStack();
    expect(() => new AzurePrivateNetwork(stack, 'n', { ...base, vnetCidr: '10.0.0.1/24' })).toThrow(
      /vnetCidr: got '10.0.0.1\/24'; allowed: an IPv4 CIDR block with no host bits set/,
    );
    expect(
      () =>
        new AzurePrivateNetwork(stack, 'n2', {
          ...base,
          existingPrivateEndpointSubnetId: '/subnets/x',
        }),
    ).toThrow(/existingVirtualNetworkId: got 'undefined'/);
  });

  test('central DNS mode needs every zone of the sub-resource', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new PrivateLinkSet(stack, 'pl', {
          ...base,
          subnetId: 'subnet',
          targetResourceId: 'ws',
          subresource: 'amlworkspace',
          privateDnsZoneIds: { 'privatelink.api.azureml.ms': '/zones/api' },
        }),
    ).toThrow(/privateDnsZoneIds.privatelink.notebooks.azure.net: got 'undefined'/);
  });
});

describe('X-10 validation: location and residency', () => {
  test('a location outside allowedRegions fails', () => {
    expect(platform({ location: 'eastus', allowedRegions: ['westeurope', 'northeurope'] })).toThrow(
      /location: got 'eastus'; allowed: a location in allowedRegions \[westeurope, northeurope\]/,
    );
  });

  test('an unknown location fails', () => {
    expect(platform({ location: 'moon-base-1', allowedRegions: ['moon-base-1'] })).toThrow(
      /location: got 'moon-base-1'; allowed: an Azure location/,
    );
  });
});

describe('X-10 validation: encryption', () => {
  test('AZ-02 a CMK workspace needs the tenant object id of the Azure Cosmos DB principal', () => {
    expect(platform({ encryption: {} })).toThrow(
      /encryption\.cosmosDbPrincipalObjectId: got 'undefined'; allowed: the object id of the Azure Cosmos DB service principal in your tenant \(az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b/,
    );
  });

  test('AZ-02 the Cosmos DB application id is not an object id', () => {
    expect(
      platform({
        encryption: { cosmosDbPrincipalObjectId: 'a232010e-820c-4083-83bb-3ace5fc29d0b' },
      }),
    ).toThrow(
      /cosmosDbPrincipalObjectId: got 'a232010e-820c-4083-83bb-3ace5fc29d0b'; allowed: the service principal's object id in your tenant, not the application id/,
    );
    expect(platform({ encryption: { cosmosDbPrincipalObjectId: 'cosmos' } })).toThrow(
      /cosmosDbPrincipalObjectId: got 'cosmos'/,
    );
  });

  test('X-04 key rotation sooner than 7 days fails (Key Vault minimum)', () => {
    const { stack } = azureStack();
    expect(() => new HardenedKeyVault(stack, 'kv', { ...base, keyRotationDays: 5 })).toThrow(
      /keyRotationDays: got '5'; allowed: an integer >= 7 <= 365/,
    );
  });

  test('CMK with a vault lacking purge protection fails (created vault)', () => {
    const { stack } = azureStack();
    expect(
      () => new HardenedKeyVault(stack, 'kv', { ...base, purgeProtectionEnabled: false }),
    ).toThrow(
      /purgeProtectionEnabled: got 'false'; allowed: true: customer-managed keys require Key Vault purge protection/,
    );
  });

  test('CMK with a brought vault whose purge protection is not confirmed fails', () => {
    expect(
      platform({
        encryption: {
          existingKeyVaultId:
            '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/kv',
          existingKeyName: 'k',
          existingKeyId: 'https://kv.vault.azure.net/keys/k/1',
          existingKeyVersionlessId: 'https://kv.vault.azure.net/keys/k',
        },
      }),
    ).toThrow(
      /encryption.existingKeyVaultPurgeProtection: got 'undefined'; allowed: true: customer-managed keys require a Key Vault with purge protection/,
    );
  });

  test('key rotation longer than 365 days fails', () => {
    const { stack } = azureStack();
    expect(() => new HardenedKeyVault(stack, 'kv', { ...base, keyRotationDays: 400 })).toThrow(
      /keyRotationDays: got '400'; allowed: an integer >= 7 <= 365/,
    );
  });

  test('HSM keys need the premium SKU', () => {
    const { stack } = azureStack();
    expect(() => new HardenedKeyVault(stack, 'kv', { ...base, skuName: 'standard' })).toThrow(
      /keyType: got 'RSA-HSM'; allowed: 'RSA' with the standard SKU/,
    );
  });
});

describe('X-10 validation: personas and roles', () => {
  test('a persona conflict fails (maker/checker)', () => {
    expect(
      platform({
        personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.ML_ENGINEER]: [IDS.ds] },
      }),
    ).toThrow(
      /personas: got '.* as ML_ENGINEER and DATA_SCIENTIST|personas: got '.* as DATA_SCIENTIST and ML_ENGINEER/,
    );
  });

  test('a human holding a workload persona fails', () => {
    expect(
      platform({
        personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.DEPLOYMENT]: [IDS.ds] },
      }),
    ).toThrow(/no human persona may hold a workload identity/);
  });

  test('a reasoned SoD exception is accepted', () => {
    expect(
      platform({
        personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.ML_ENGINEER]: [IDS.ds] },
        sodExceptions: [
          {
            principal: IDS.ds,
            personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
            reason: 'two-person team during the pilot phase',
          },
        ],
      }),
    ).not.toThrow();
  });

  test('principals must be Entra object ids', () => {
    expect(platform({ personas: { [Persona.MODEL_VIEWER]: ['alice@example.com'] } })).toThrow(
      /personas\.MODEL_VIEWER\[0\]: got 'alice@example.com'; allowed: an Entra object id \(a UUID/,
    );
  });

  test('custom roles cannot use wildcards or authorization writes', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new AzurePersonaRbac(stack, 'rbac', {
          personas: {},
          workspaceId: 'ws',
          resourceGroupId: 'rg',
          customRoles: [
            { name: 'Too Broad', actions: ['*', 'Microsoft.Authorization/roleAssignments/write'] },
          ],
        }),
    ).toThrow(
      /customRoles\[0\]\.actions\[0\]: got '\*'; allowed: provider-scoped actions[\s\S]*customRoles\[0\]\.actions\[1\]: got 'Microsoft.Authorization\/roleAssignments\/write'; allowed: no Microsoft.Authorization writes/,
    );
  });
});

describe('X-10 validation: managed network and compute', () => {
  test('the managed network cannot go back to Disabled', () => {
    expect(platform({ isolationMode: 'Disabled' as AzureManagedNetworkIsolation })).toThrow(
      /isolationMode: got 'Disabled'; allowed: AllowOnlyApprovedOutbound or AllowInternetOutbound \(a managed network cannot be disabled once enabled/,
    );
  });

  test('FQDN rules need AllowOnlyApprovedOutbound; one kind per rule', () => {
    expect(
      platform({
        isolationMode: AzureManagedNetworkIsolation.ALLOW_INTERNET_OUTBOUND,
        outboundRules: [
          { name: 'pypi', fqdn: 'pypi.org' },
          { name: 'both', fqdn: 'a.org', serviceTag: 'AzureMonitor' },
        ],
      }),
    ).toThrow(
      /outboundRules\[0\].fqdn: got 'pypi.org'; allowed: FQDN rules only with isolationMode AllowOnlyApprovedOutbound[\s\S]*outboundRules\[1\]: got 'both'; allowed: exactly one of/,
    );
  });

  test('imageBuildComputeName must be one of the clusters', () => {
    expect(platform({ imageBuildComputeName: 'gpu-cluster' })).toThrow(
      /imageBuildComputeName: got 'gpu-cluster'; allowed: one of the computeClusters: cpu-cluster/,
    );
  });
});

describe('X-10 validation: provider requirements', () => {
  test('AZ-04 shared-key-disabled storage needs storage_use_azuread on the provider', () => {
    const { stack } = azureStack('s', { storageUseAzuread: false });
    new AzureSecureStorageAccount(stack, 'st', base);
    expect(() => synthJson(stack)).toThrow(
      /storage_use_azuread: got 'false'; allowed: true: storage accounts have shared-key access disabled/,
    );
  });

  test('AZ-04 closed storage accounts need features.storage.data_plane_available = false', () => {
    const { stack } = azureStack('s', { features: [{}] });
    new AzureSecureStorageAccount(stack, 'st', base);
    expect(() => synthJson(stack)).toThrow(
      /features\.storage\.data_plane_available: got 'undefined'; allowed: false: the storage accounts are closed to public networks/,
    );
    const { stack: s2 } = azureStack('s', {
      features: [{ storage: [{ dataPlaneAvailable: true }] }],
    });
    new AzureSecureStorageAccount(s2, 'st', base);
    expect(() => synthJson(s2)).toThrow(/data_plane_available: got 'true'/);
  });

  test('AZ-02 the ARM-created key needs an azapi provider in the stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new AzurermProvider(stack, 'azurerm', {
      storageUseAzuread: true,
      features: [{ storage: [{ dataPlaneAvailable: false }] }],
    });
    new HardenedKeyVault(stack, 'kv', base);
    expect(() => synthJson(stack)).toThrow(
      /provider azapi \(stack s\): got 'undefined'; allowed: an AzapiProvider in the stack/,
    );
  });

  test('AZ-05 the quarantine scanner is an Entra object id', () => {
    const { stack } = azureStack();
    expect(
      () =>
        new AzureSecureContainerRegistry(stack, 'cr', {
          ...base,
          quarantineScannerPrincipalId: 'scanner',
        }),
    ).toThrow(/quarantineScannerPrincipalId: got 'scanner'/);
  });

  test('azurerm 4 needs a features block', () => {
    const { stack } = azureStack('s', { features: undefined });
    new AzureSecureStorageAccount(stack, 'st', base);
    expect(() => synthJson(stack)).toThrow(
      /features: got 'undefined'; allowed: a features \{\} block/,
    );
  });
});
