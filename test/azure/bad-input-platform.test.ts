// X-10 bad input to AzureMLWorkspace, by class (issue: bad input never passes silently): every
// case asserts the construct path, the prop, the bad value and what is allowed.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AzapiProvider,
  AzureMLWorkspace,
  AzureMLWorkspaceProps,
  AzureMlopsChecks,
} from '../../lib/azure';
import { Persona } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { synthJson } from '../helpers';
import { all, azureStack, ENC, expectProblem, IDS, one, problemsOf } from './fixtures';

const UPPER = IDS.ds.toUpperCase();

/** Builds a platform with extra (possibly bad) props in a fresh stack. */
function platform(extra: any = {}, id = 'ml'): () => AzureMLWorkspace {
  return () => {
    const { stack } = azureStack();
    return new AzureMLWorkspace(stack, id, {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      ...extra,
    } as AzureMLWorkspaceProps);
  };
}

describe('X-10 enums: an unknown value is an error, never a fallback', () => {
  test("X-08 removalPolicy 'retain' (lower case) is not RETAIN, and never DESTROY", () => {
    expectProblem(
      platform({ removalPolicy: 'retain' }),
      'azure/ml',
      'removalPolicy',
      'retain',
      /^one of RETAIN, DESTROY \(values are case-sensitive: did you mean RETAIN\?\)$/,
    );
  });

  test("AZ-07 isolationMode 'allowonlyapprovedoutbound' names the value meant", () => {
    expectProblem(
      platform({ isolationMode: 'allowonlyapprovedoutbound' }),
      'azure/ml',
      'isolationMode',
      'allowonlyapprovedoutbound',
      /did you mean AllowOnlyApprovedOutbound\?/,
    );
  });

  test("AZ-12 policyEffect 'deny'", () => {
    expectProblem(
      platform({ policyEffect: 'deny' }),
      'azure/ml',
      'policyEffect',
      'deny',
      /one of Deny, Audit \(values are case-sensitive: did you mean Deny\?\)/,
    );
  });

  test("AZ-10 endpointAuthMode 'TOKEN'", () => {
    expectProblem(
      platform({ endpointAuthMode: 'TOKEN' }),
      'azure/ml',
      'endpointAuthMode',
      'TOKEN',
      /^one of AML_TOKEN, AAD_TOKEN, KEY$/,
    );
  });

  test("AZ-04 storageReplicationType 'zrs'", () => {
    expectProblem(
      platform({ storageReplicationType: 'zrs' }),
      'azure/ml',
      'storageReplicationType',
      'zrs',
      /did you mean ZRS\?/,
    );
  });

  test('AZ-04 zone-redundant storage in a region without availability zones', () => {
    expectProblem(
      platform({ location: 'canadaeast', storageReplicationType: 'GZRS' }),
      'azure/ml',
      'storageReplicationType',
      'GZRS',
      /^LRS, GRS or RAGRS: canadaeast has no availability zones/,
    );
  });

  test("AZ-08 computeClusters[0].vmPriority 'Spot'", () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu', vmPriority: 'Spot' }] }),
      'azure/ml',
      'computeClusters[0].vmPriority',
      'Spot',
      /^one of Dedicated, LowPriority$/,
    );
  });

  test("AZ-07 outboundRules[0].protocol 'tcp'", () => {
    expectProblem(
      platform({
        outboundRules: [{ name: 'mon', serviceTag: 'AzureMonitor', protocol: 'tcp' }],
      }),
      'azure/ml',
      'outboundRules[0].protocol',
      'tcp',
      /did you mean TCP\?/,
    );
  });
});

describe('X-10 missing or mistyped props from untyped callers', () => {
  test('no props at all is one ValidationError, not a TypeError', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new AzureMLWorkspace(stack, 'ml', undefined as any),
      'azure/ml',
      'props',
      'undefined',
      /a props object \(required\)/,
    );
  });

  test('null props', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new AzureMLWorkspace(stack, 'ml', null as any),
      'azure/ml',
      'props',
      'null',
      /a props object \(required\)/,
    );
  });

  test('a number for environment', () => {
    expectProblem(
      platform({ environment: 7 }),
      'azure/ml',
      'environment',
      '7',
      /^1-16 lowercase letters, .* \(required\)$/,
    );
  });

  test('a missing location', () => {
    expectProblem(
      platform({ location: undefined }),
      'azure/ml',
      'location',
      'undefined',
      /an Azure location such as westeurope/,
    );
  });

  test('a string where the dataContainers list belongs is one problem, not one per character', () => {
    const { problems } = problemsOf(platform({ dataContainers: 'training-data' }));
    expect(problems).toEqual([
      {
        prop: 'dataContainers',
        value: 'training-data',
        allowed: 'a list of strings (got one string: write ["training-data"])',
      },
    ]);
  });

  test('a string where allowedRegions belongs', () => {
    expectProblem(
      platform({ allowedRegions: 'westeurope' }),
      'azure/ml',
      'allowedRegions',
      'westeurope',
      /got one string: write \["westeurope"\]/,
    );
  });

  test('an object where computeClusters (a list) belongs', () => {
    expectProblem(
      platform({ computeClusters: { name: 'cpu' } }),
      'azure/ml',
      'computeClusters',
      '{"name":"cpu"}',
      /^a list$/,
    );
  });

  test('a hole or null in computeClusters is reported, not read', () => {
    expectProblem(
      platform({ computeClusters: [null] }),
      'azure/ml',
      'computeClusters[0]',
      'null',
      /an object/,
    );
  });

  test("a cluster without a name never passes as the word 'undefined'", () => {
    expectProblem(
      platform({ computeClusters: [{ vmSize: 'Standard_DS3_v2' }] }),
      'azure/ml',
      'computeClusters[0].name',
      'undefined',
      /^3-32 letters, digits and hyphens, .* \(required\)$/,
    );
  });

  test('a string for encryption', () => {
    expectProblem(platform({ encryption: 'cmk' }), 'azure/ml', 'encryption', 'cmk', /an object/);
  });

  test("a string for a number: logRetentionDays '90'", () => {
    expectProblem(
      platform({ logRetentionDays: '90' }),
      'azure/ml',
      'logRetentionDays',
      '90',
      /an integer >= 30 <= 730/,
    );
  });

  test("a string for a boolean: locks 'false' (would be truthy)", () => {
    expectProblem(platform({ locks: 'false' }), 'azure/ml', 'locks', 'false', /true or false/);
  });

  test('a string where a persona list belongs', () => {
    expectProblem(
      platform({ personas: { [Persona.DATA_SCIENTIST]: IDS.ds } }),
      'azure/ml/rbac',
      'personas.DATA_SCIENTIST',
      IDS.ds,
      /a list of strings \(got one string/,
    );
  });
});

describe('X-02 identity canonicalization: Entra object ids compare case-insensitively', () => {
  test('one object id in two spellings as DATA_SCIENTIST and ML_ENGINEER is a conflict', () => {
    expectProblem(
      platform({
        personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.ML_ENGINEER]: [UPPER] },
      }),
      'azure/ml/rbac',
      'personas',
      `${IDS.ds} = ${UPPER} as DATA_SCIENTIST and ML_ENGINEER`,
      /one principal per conflicting persona \(model registration and model approval are maker and checker\)/,
    );
  });

  test('a human spelled in upper case holding a workload persona is a conflict', () => {
    const { problems } = problemsOf(
      platform({
        personas: { [Persona.MODEL_VIEWER]: [UPPER], [Persona.DEPLOYMENT]: [IDS.ds] },
      }),
    );
    expect(problems[0].allowed).toMatch(/no human persona may hold a workload identity's rights/);
  });

  test('an SoD exception written in another case still applies', () => {
    expect(
      platform({
        personas: { [Persona.DATA_SCIENTIST]: [IDS.ds], [Persona.ML_ENGINEER]: [IDS.ds] },
        sodExceptions: [
          {
            principal: UPPER,
            personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
            reason: 'two-person team during the pilot phase',
          },
        ],
      }),
    ).not.toThrow();
  });

  test('the same principal twice in one persona (case apart) is reported as that entry', () => {
    expectProblem(
      platform({ personas: { [Persona.DATA_SCIENTIST]: [IDS.ds, UPPER] } }),
      'azure/ml/rbac',
      'personas.DATA_SCIENTIST[1]',
      UPPER,
      /a principal not already listed \(same as personas\.DATA_SCIENTIST\[0\]\)/,
    );
  });

  test('AZ-02 the Cosmos DB application id in upper case is still the application id', () => {
    expectProblem(
      platform({
        encryption: { cosmosDbPrincipalObjectId: 'A232010E-820C-4083-83BB-3ACE5FC29D0B' },
      }),
      'azure/ml',
      'encryption.cosmosDbPrincipalObjectId',
      'A232010E-820C-4083-83BB-3ACE5FC29D0B',
      /not the application id/,
    );
  });
});

describe('X-10 tokens: skipped where safe, rejected (prop named, never mangled) where they form names', () => {
  function withVariable(prop: (v: TerraformVariable) => any): {
    run: () => AzureMLWorkspace;
    stack: TerraformStack;
  } {
    const { stack } = azureStack();
    const variable = new TerraformVariable(stack, 'x', { type: 'string' });
    return {
      stack,
      run: () =>
        new AzureMLWorkspace(stack, 'ml', {
          encryption: ENC,
          environment: 'dev',
          location: 'westeurope',
          ...prop(variable),
        }),
    };
  }

  test('environment from a TerraformVariable is rejected, not mangled into names', () => {
    const { run } = withVariable((x) => ({ environment: x.stringValue }));
    const { problems } = problemsOf(run);
    expect(problems).toHaveLength(1);
    expect(problems[0].prop).toBe('environment');
    expect(problems[0].value).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/); // as given, not lower-cased
    expect(problems[0].allowed).toMatch(
      /a literal value known at synth \(it is part of every resource name\)/,
    );
  });

  test('an allowedRegions token is rejected: the residency check runs at synth', () => {
    const { run } = withVariable((x) => ({ allowedRegions: [x.stringValue] }));
    const { problems } = problemsOf(run);
    expect(problems[0]).toMatchObject({ prop: 'allowedRegions[0]' });
    expect(problems[0].allowed).toMatch(/the residency check runs at synth/);
  });

  test('a data container token is rejected (it names a container, a datastore and constructs)', () => {
    const { run } = withVariable((x) => ({ dataContainers: [x.stringValue] }));
    expect(problemsOf(run).problems[0]).toMatchObject({ prop: 'dataContainers[0]' });
  });

  test('encryption.keyRotationDays as a number token is rejected (the rotation policy is computed from it)', () => {
    const { stack } = azureStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' });
    const { problems } = problemsOf(
      () =>
        new AzureMLWorkspace(stack, 'ml', {
          encryption: { ...ENC, keyRotationDays: days.numberValue },
          environment: 'dev',
          location: 'westeurope',
        }),
    );
    expect(problems[0]).toMatchObject({ prop: 'encryption.keyRotationDays' });
    expect(problems[0].allowed).toMatch(/computed from it/);
  });

  test('a location token is skipped (known at apply) and passed through as given', () => {
    const { stack, run } = withVariable((x) => ({ location: x.stringValue }));
    run();
    const json = synthJson(stack);
    expect(all(json, 'azurerm_resource_group')[0].r.location).toBe('${var.x}');
  });

  test('a workspaceName token is used verbatim, never mangled', () => {
    const { stack, run } = withVariable((x) => ({ workspaceName: x.stringValue }));
    run();
    expect(all(synthJson(stack), 'azurerm_machine_learning_workspace')[0].r.name).toBe('${var.x}');
  });
});

describe('X-10 collisions between two platforms, and duplicate list entries', () => {
  test('AZ-14 two platforms of one subscription both enabling Defender for Containers', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'a', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      defenderForContainers: true,
    });
    expectProblem(
      () =>
        new AzureMLWorkspace(stack, 'b', {
          encryption: ENC,
          environment: 'dev',
          location: 'westeurope',
          defenderForContainers: true,
        }),
      'azure/b',
      'defenderForContainers',
      'true',
      /exists once in subscription 11111111-1111-1111-1111-111111111111 and azure\/a already creates it/,
    );
  });

  test('AZ-14 Defender in two stacks of one subscription (same literal subscription id)', () => {
    const app = Testing.app();
    const one = new TerraformStack(app, 'one');
    const two = new TerraformStack(app, 'two');
    for (const s of [one, two]) {
      new AzurermProvider(s, 'azurerm', {
        subscriptionId: IDS.subscription,
        storageUseAzuread: true,
        features: [{ storage: [{ dataPlaneAvailable: false }] }],
      });
      new AzapiProvider(s, 'azapi');
      new TimeProvider(s, 'time');
    }
    platformIn(one, 'ml', { defenderForContainers: true })();
    expectProblem(
      platformIn(two, 'ml', { environment: 'test', defenderForContainers: true }),
      'two/ml',
      'defenderForContainers',
      'true',
      /one\/ml already creates it/,
    );
  });

  test('two platforms with the same id and environment under different parents: one resource group name', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(new Construct(stack, 'team-a'), 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      activityLogExport: false,
    });
    expectProblem(
      () =>
        new AzureMLWorkspace(new Construct(stack, 'team-b'), 'ml', {
          encryption: ENC,
          environment: 'dev',
          location: 'westeurope',
          activityLogExport: false,
        }),
      'azure/team-b/ml',
      'environment',
      'rg-ml-dev',
      /a resource group name not already created in subscription 11111111-1111-1111-1111-111111111111 by azure\/team-a\/ml/,
    );
  });

  test('AZ-06 two platforms in one existing resource group: its network and private DNS zones would be created twice', () => {
    const { stack } = azureStack();
    const shared = { createResourceGroup: false, resourceGroupName: 'rg-shared' };
    new AzureMLWorkspace(stack, 'a', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      ...shared,
    });
    const { path, problems } = problemsOf(
      () =>
        new AzureMLWorkspace(stack, 'b', {
          encryption: ENC,
          environment: 'dev',
          location: 'westeurope',
          activityLogExport: false,
          ...shared,
        }),
    );
    expect(path).toBe('azure/b/network');
    expect(problems[0]).toMatchObject({ prop: 'resourceGroupName', value: 'vnet-network' });
    expect(problems[0].allowed).toMatch(
      /^a virtual network name not already created in resource group rg-shared in subscription 11111111-1111-1111-1111-111111111111 by azure\/a\/network/,
    );
  });

  test('at most five subscription diagnostic settings: a sixth Activity Log export is refused', () => {
    const { stack } = azureStack();
    for (let i = 1; i <= 5; i++) {
      new AzureMLWorkspace(stack, `p${i}`, {
        encryption: ENC,
        environment: 'dev',
        location: 'westeurope',
      });
    }
    expectProblem(
      platformIn(stack, 'p6'),
      'azure/p6',
      'activityLogExport',
      'true',
      /at most 5 subscription diagnostic settings .* already taken by azure\/p1, azure\/p2, azure\/p3, azure\/p4, azure\/p5/,
    );
  });

  test('compute instance names are unique in an Azure region, across platforms', () => {
    const { stack } = azureStack();
    const instance = [{ name: 'ci-alice', ownerObjectId: IDS.ds }];
    new AzureMLWorkspace(stack, 'a', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      computeInstances: instance,
    });
    const { problems } = problemsOf(
      () =>
        new AzureMLWorkspace(stack, 'b', {
          encryption: ENC,
          environment: 'dev',
          location: 'westeurope',
          activityLogExport: false,
          computeInstances: instance,
        }),
    );
    expect(problems[0]).toMatchObject({ prop: 'instances.name', value: 'ci-alice' });
    expect(problems[0].allowed).toMatch(
      /not already created in Azure region westeurope by azure\/a\/compute/,
    );
  });

  test('a duplicate data container is reported as that entry', () => {
    expectProblem(
      platform({ dataContainers: ['raw', 'raw'] }),
      'azure/ml',
      'dataContainers[1]',
      'raw',
      /a container not already listed \(same as dataContainers\[0\]\)/,
    );
  });

  test('duplicate outbound rule names (case apart)', () => {
    expectProblem(
      platform({
        outboundRules: [
          { name: 'pypi', fqdn: 'pypi.org' },
          { name: 'PyPI', fqdn: 'files.pythonhosted.org' },
        ],
      }),
      'azure/ml',
      'outboundRules[1].name',
      'PyPI',
      /a unique rule name \(same as outboundRules\[0\]\.name\)/,
    );
  });

  test('a compute instance named like a cluster', () => {
    expectProblem(
      platform({
        computeClusters: [{ name: 'shared-name' }],
        computeInstances: [{ name: 'shared-name', ownerObjectId: IDS.ds }],
      }),
      'azure/ml',
      'computeInstances[0].name',
      'shared-name',
      /a name not used by another compute \(computeClusters\[0\]\)/,
    );
  });

  test('two custom roles whose names map to one role', () => {
    expectProblem(
      platform({
        customRoles: [
          {
            name: 'Model Reader',
            actions: ['Microsoft.MachineLearningServices/workspaces/models/read'],
          },
          { name: 'model-reader', actions: ['Microsoft.MachineLearningServices/workspaces/read'] },
        ],
      }),
      'azure/ml/rbac',
      'customRoles[1].name',
      'model-reader',
      /a role name not already used \(same as customRoles\[0\]\.name\)/,
    );
  });

  test('the same public range twice in allowedIpRanges', () => {
    expectProblem(
      platform({ allowedIpRanges: ['203.0.113.0/24', '203.0.113.0/24'] }),
      'azure/ml',
      'allowedIpRanges[1]',
      '203.0.113.0/24',
      /an entry not already listed \(same range as allowedIpRanges\[0\]\)/,
    );
  });
});

/** A platform in an existing stack. */
function platformIn(stack: TerraformStack, id: string, extra: any = {}): () => AzureMLWorkspace {
  return () =>
    new AzureMLWorkspace(stack, id, {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      ...extra,
    });
}

describe('X-05 networks: IP rules the services reject, the internet where an allow-list belongs', () => {
  test('a private range in allowedIpRanges (the firewalls only see public addresses)', () => {
    expectProblem(
      platform({ allowedIpRanges: ['10.1.2.0/24'] }),
      'azure/ml',
      'allowedIpRanges[0]',
      '10.1.2.0/24',
      /10\.0\.0\.0\/8 is private \(RFC 1918\)/,
    );
  });

  test('0.0.0.0/0 where an allow-list belongs', () => {
    expectProblem(
      platform({ allowedIpRanges: ['0.0.0.0/0'] }),
      'azure/ml',
      'allowedIpRanges[0]',
      '0.0.0.0/0',
      /an allow-list entry of at most a \/8/,
    );
  });

  test('a /32 for the storage firewall: write the address alone', () => {
    expectProblem(
      platform({ allowedIpRanges: ['203.0.113.7/32'] }),
      'azure/ml',
      'allowedIpRanges[0]',
      '203.0.113.7/32',
      /an address without a prefix \(203\.0\.113\.7\): storage accounts reject \/31 and \/32 ranges/,
    );
  });

  test('a /31 names both addresses', () => {
    expectProblem(
      platform({ allowedIpRanges: ['203.0.113.6/31'] }),
      'azure/ml',
      'allowedIpRanges[0]',
      '203.0.113.6/31',
      /203\.0\.113\.6 and 203\.0\.113\.7/,
    );
  });

  test('the shared address space 100.64.0.0/10', () => {
    expectProblem(
      platform({ allowedIpRanges: ['100.64.1.0/24'] }),
      'azure/ml',
      'allowedIpRanges[0]',
      '100.64.1.0/24',
      /shared address space \(RFC 6598\)/,
    );
  });

  test('a VNet of 0.0.0.0/0', () => {
    expectProblem(
      platform({ network: { vnetCidr: '0.0.0.0/0' } }),
      'azure/ml',
      'network.vnetCidr',
      '0.0.0.0/0',
      /an address space from \/8 to \/29/,
    );
  });

  test('a VNet over the Azure platform address 168.63.129.16', () => {
    expectProblem(
      platform({ network: { vnetCidr: '168.63.128.0/23' } }),
      'azure/ml',
      'network.vnetCidr',
      '168.63.128.0/23',
      /does not overlap 168\.63\.129\.16\/32 \(the Azure platform address/,
    );
  });

  test("AZ-07 FQDN '*' under AllowOnlyApprovedOutbound without a reason", () => {
    expectProblem(
      platform({ outboundRules: [{ name: 'any', fqdn: '*' }] }),
      'azure/ml',
      'outboundRules[0]',
      "fqdn '*'",
      /approved destinations under AllowOnlyApprovedOutbound: .* internetEgressReason/,
    );
  });

  test("AZ-07 the service tag 'Internet' under AllowOnlyApprovedOutbound without a reason", () => {
    expectProblem(
      platform({ outboundRules: [{ name: 'web', serviceTag: 'Internet' }] }),
      'azure/ml',
      'outboundRules[0]',
      "serviceTag 'Internet'",
      /internetEgressReason/,
    );
  });

  test('AZ-07 an acknowledged internet rule synthesizes and is recorded as a suppression', () => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
      outboundRules: [
        {
          name: 'web',
          serviceTag: 'Internet',
          internetEgressReason: 'vendor model hub with rotating addresses, reviewed SEC-42',
        },
      ],
    });
    const json = synthJson(stack);
    const report = evaluateStack('azure', json, [new AzureMlopsChecks()]);
    const f = report.findings.filter((x) => x.ruleId === 'AZ-07.outbound-internet');
    expect(f).toHaveLength(1);
    expect(f[0].status).toBe('SUPPRESSED');
    expect(f[0].reason).toMatch(/vendor model hub/);
  });

  test('AZ-07 internetEgressReason on a rule to a named destination', () => {
    expectProblem(
      platform({
        outboundRules: [
          { name: 'pypi', fqdn: 'pypi.org', internetEgressReason: 'no reason needed here' },
        ],
      }),
      'azure/ml',
      'outboundRules[0].internetEgressReason',
      'no reason needed here',
      /only on a rule to every internet destination/,
    );
  });

  test('AZ-07 port ranges outside 1-65535', () => {
    expectProblem(
      platform({
        outboundRules: [{ name: 'mon', serviceTag: 'AzureMonitor', portRanges: '0-70000' }],
      }),
      'azure/ml',
      'outboundRules[0].portRanges',
      '0-70000',
      /ports or ranges of 1-65535/,
    );
  });

  test('AZ-07 an FQDN that is not a DNS name', () => {
    expectProblem(
      platform({ outboundRules: [{ name: 'bad', fqdn: 'not a host' }] }),
      'azure/ml',
      'outboundRules[0].fqdn',
      'not a host',
      /a DNS name such as 'pypi\.org'/,
    );
  });

  test('a brought network with a vnetCidr too', () => {
    const rg = `/subscriptions/${IDS.subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub`;
    expectProblem(
      platform({
        network: {
          existingVirtualNetworkId: rg,
          existingPrivateEndpointSubnetId: `${rg}/subnets/pe`,
          vnetCidr: '10.9.0.0/23',
        },
      }),
      'azure/ml',
      'network.vnetCidr',
      '10.9.0.0/23',
      /unset when the network is brought/,
    );
  });

  test('a subnet id that is not an ARM id', () => {
    expectProblem(
      platform({
        network: { existingVirtualNetworkId: 'vnet-hub', existingPrivateEndpointSubnetId: 'pe' },
      }),
      'azure/ml',
      'network.existingVirtualNetworkId',
      'vnet-hub',
      /an ARM resource id \/subscriptions\/<subscription id>\/resourceGroups\/<group>\/providers\/Microsoft\.Network\/virtualNetworks/,
    );
  });
});

describe('X-03 IAM: custom roles', () => {
  const role = (actions: string[], key: 'actions' | 'dataActions' = 'actions') =>
    platform({
      customRoles: [
        {
          name: 'Wide',
          actions:
            key === 'actions' ? actions : ['Microsoft.MachineLearningServices/workspaces/read'],
          ...(key === 'dataActions' ? { dataActions: actions } : {}),
        },
      ],
    });

  test("'*/action' grants every provider's actions (listKeys...)", () => {
    expectProblem(
      role(['*/action']),
      'azure/ml/rbac',
      'customRoles[0].actions[0]',
      '*/action',
      /never '\*' nor a provider wildcard/,
    );
  });

  test("'*/write'", () => {
    expectProblem(
      role(['*/write']),
      'azure/ml/rbac',
      'customRoles[0].actions[0]',
      '*/write',
      /X-03/,
    );
  });

  test("'Microsoft.Authorization/*' (role and policy changes)", () => {
    expectProblem(
      role(['Microsoft.Authorization/*']),
      'azure/ml/rbac',
      'customRoles[0].actions[0]',
      'Microsoft.Authorization/*',
      /no Microsoft\.Authorization writes/,
    );
  });

  test("a data action '*'", () => {
    expectProblem(
      role(['*'], 'dataActions'),
      'azure/ml/rbac',
      'customRoles[0].dataActions[0]',
      '*',
      /never '\*'/,
    );
  });

  test('an action that is not an operation name', () => {
    expectProblem(
      role(['read everything']),
      'azure/ml/rbac',
      'customRoles[0].actions[0]',
      'read everything',
      /an operation such as 'Microsoft\.MachineLearningServices\/workspaces\/jobs\/read'/,
    );
  });

  test('a custom role for an unknown persona', () => {
    expectProblem(
      platform({
        customRoles: [
          {
            name: 'Reader',
            actions: ['Microsoft.MachineLearningServices/workspaces/read'],
            personas: ['ADMIN'],
          },
        ],
      }),
      'azure/ml/rbac',
      'customRoles[0].personas[0]',
      'ADMIN',
      /one of PLATFORM_ADMIN, ML_ENGINEER/,
    );
  });
});

describe('X-07 regions: the bundled Azure location list', () => {
  test('an unknown location', () => {
    expectProblem(
      platform({ location: 'westeurope2', allowedRegions: ['westeurope'] }),
      'azure/ml',
      'location',
      'westeurope2',
      /an Azure location such as westeurope/,
    );
  });

  test("'west-europe' names the location meant", () => {
    expectProblem(
      platform({ location: 'west-europe' }),
      'azure/ml',
      'location',
      'west-europe',
      /did you mean westeurope\?/,
    );
  });

  test("the display name 'West Europe' is the location westeurope (Azure normalizes case and spaces)", () => {
    expect(platform({ location: 'West Europe', allowedRegions: ['westeurope'] })).not.toThrow();
  });

  test('a region newer than the core list (denmarkeast) is known', () => {
    expect(platform({ location: 'denmarkeast' })).not.toThrow();
  });

  test('an unknown allowedRegions entry', () => {
    expectProblem(
      platform({ allowedRegions: ['westeurope', 'eu-west-1'] }),
      'azure/ml',
      'allowedRegions[1]',
      'eu-west-1',
      /an Azure location/,
    );
  });
});

describe('X-10 free-form values that reach the API', () => {
  test('AZ-08 a VM size in the wrong case names the size meant', () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu', vmSize: 'standard_ds3_v2' }] }),
      'azure/ml',
      'computeClusters[0].vmSize',
      'standard_ds3_v2',
      /did you mean Standard_DS3_v2\?/,
    );
  });

  test('AZ-08 a VM size missing from the bundled list; allowUnlistedVmSize accepts a new one', () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu', vmSize: 'Standard_Z99s_v9' }] }),
      'azure/ml',
      'computeClusters[0].vmSize',
      'Standard_Z99s_v9',
      /a VM size from the bundled list .* computeClusters\[0\]\.allowUnlistedVmSize: true/,
    );
    expect(
      platform({
        computeClusters: [{ name: 'cpu', vmSize: 'Standard_Z99s_v9', allowUnlistedVmSize: true }],
      }),
    ).not.toThrow();
  });

  test.each([
    ['Standard_NC6s_v3', 'NCv3', '2025-09-30'],
    ['standard_nc24rs_v3', 'NCv3', '2025-09-30'],
    ['Standard_NC6', 'NC', '2023-09-06'],
    ['Standard_NC12s_v2', 'NCv2', '2023-09-06'],
    ['Standard_ND6s', 'ND', '2023-09-06'],
    ['Standard_NV6', 'NV', '2023-09-06'],
  ])(
    'AZ-08 a size of a retired series (%s) fails, allowUnlistedVmSize or not',
    (size, series, date) => {
      for (const allowUnlistedVmSize of [undefined, true])
        expectProblem(
          platform({ computeClusters: [{ name: 'gpu', vmSize: size, allowUnlistedVmSize }] }),
          'azure/ml',
          'computeClusters[0].vmSize',
          size,
          new RegExp(`the ${series} series was retired on ${date} \\(move to `),
        );
    },
  );

  test('AZ-08 current GPU sizes of the same families pass', () => {
    for (const vmSize of [
      'Standard_NC4as_T4_v3',
      'Standard_NC24ads_A100_v4',
      'Standard_NV6ads_A10_v5',
    ])
      expect(platform({ computeClusters: [{ name: 'gpu', vmSize }] })).not.toThrow();
  });

  test("AZ-08 an empty ISO 8601 duration 'PT'", () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu', scaleDownAfterIdle: 'PT' }] }),
      'azure/ml',
      'computeClusters[0].scaleDownAfterIdle',
      'PT',
      /an ISO 8601 duration such as 'PT15M'/,
    );
  });

  test('AZ-08 a cluster name ending with a hyphen', () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu-' }] }),
      'azure/ml',
      'computeClusters[0].name',
      'cpu-',
      /3-32 letters, digits and hyphens, starting with a letter and ending with a letter or digit/,
    );
  });

  test('AZ-08 a compute instance name of three characters (azurerm needs four)', () => {
    expectProblem(
      platform({ computeInstances: [{ name: 'ci1', ownerObjectId: IDS.ds }] }),
      'azure/ml',
      'computeInstances[0].name',
      'ci1',
      /4-24 letters/,
    );
  });

  test('AZ-08 maxNodes 0', () => {
    expectProblem(
      platform({ computeClusters: [{ name: 'cpu', maxNodes: 0 }] }),
      'azure/ml',
      'computeClusters[0].maxNodes',
      '0',
      /an integer >= 1/,
    );
  });

  test('AZ-11 a Log Analytics retention of 10 days', () => {
    expectProblem(
      platform({ logRetentionDays: 10 }),
      'azure/ml',
      'logRetentionDays',
      '10',
      /an integer >= 30 <= 730/,
    );
  });

  test('AZ-02 a brought key id that is not a versioned key URL', () => {
    const vault = `/subscriptions/${IDS.subscription}/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-hub`;
    expectProblem(
      platform({
        encryption: {
          ...ENC,
          existingKeyVaultId: vault,
          existingKeyName: 'cmk',
          existingKeyId: 'https://kv-hub.vault.azure.net/keys/cmk',
          existingKeyVersionlessId: 'https://kv-hub.vault.azure.net/keys/cmk',
          existingKeyVaultPurgeProtection: true,
        },
      }),
      'azure/ml',
      'encryption.existingKeyId',
      'https://kv-hub.vault.azure.net/keys/cmk',
      /a versioned key id https:\/\/<vault>\.vault\.azure\.net\/keys\/<name>\/<32-hex version>/,
    );
  });

  test('AZ-06 a long construct id still gives names within their limits (private endpoints 64)', () => {
    const { stack } = azureStack();
    const id = 'machine-learning-platform-for-the-fraud-detection-team';
    new AzureMLWorkspace(stack, id, {
      encryption: ENC,
      environment: 'staging',
      location: 'westeurope',
    });
    const json = synthJson(stack);
    const pes = all(json, 'azurerm_private_endpoint');
    expect(pes.length).toBeGreaterThan(5);
    for (const { r } of pes) {
      expect(r.name.length).toBeLessThanOrEqual(64);
      expect(r.custom_network_interface_name.length).toBeLessThanOrEqual(80);
      expect(r.name).toMatch(/^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9_])?$/);
    }
    expect(new Set(pes.map(({ r }) => r.name)).size).toBe(pes.length);
    const policies = all(json, 'azurerm_resource_group_policy_assignment').map(({ r }) => r.name);
    expect(policies.every((n) => n.length <= 64)).toBe(true);
    expect(new Set(policies).size).toBe(policies.length);
    expect(all(json, 'azurerm_resource_group')[0].r.name.length).toBeLessThanOrEqual(90);
  });

  test('the construct id is part of names: characters Azure rejects are reported as the id', () => {
    expectProblem(
      platform({}, 'ml platform'),
      'azure/ml platform',
      'id (construct id)',
      'ml platform',
      /letters, digits, '-' and '_'/,
    );
  });
});

describe('X-10 wrong or missing provider', () => {
  test('No AzurermProvider in scope, instead of a residency error about another cloud', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'aws-only');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new AzapiProvider(stack, 'azapi');
    new TimeProvider(stack, 'time');
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
    });
    expectProblem(
      () => synthJson(stack),
      'aws-only/ml',
      'provider azurerm (stack aws-only)',
      'only aws, azapi, time',
      /^No AzurermProvider in scope/,
    );
  });

  test('no provider at all', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'dev',
      location: 'westeurope',
    });
    expectProblem(
      () => synthJson(stack),
      'bare/ml',
      'provider azurerm (stack bare)',
      'undefined',
      /No AzurermProvider in scope/,
    );
  });
});

describe('AZ-04, AZ-05 availability zones decide the redundancy defaults', () => {
  const synth = (location: string) => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', { encryption: ENC, environment: 'dev', location });
    return synthJson(stack);
  };
  test('a region with zones: zone-redundant storage and registry', () => {
    const json = synth('westeurope');
    expect(one(json, 'azurerm_storage_account').account_replication_type).toBe('ZRS');
    expect(one(json, 'azurerm_container_registry').zone_redundancy_enabled).toBe(true);
  });
  test('a region without zones: locally redundant storage and a registry without zone redundancy (their creation fails otherwise)', () => {
    const json = synth('canadaeast');
    expect(one(json, 'azurerm_storage_account').account_replication_type).toBe('LRS');
    expect(one(json, 'azurerm_container_registry').zone_redundancy_enabled).toBe(false);
  });
});
