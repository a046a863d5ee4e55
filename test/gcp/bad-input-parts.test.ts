// Hand-written bad input to the exported GCP parts used alone (issue 13): untyped callers, enums,
// tokens, regions, free-form values and the provider, each asserting the one ValidationError.
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import {
  CmekKeys,
  GcpArtifactRegistry,
  GcpAuditLogging,
  GcpBigQueryDataset,
  GcpCiIdentity,
  GcpMonitoring,
  GcpOrgPolicies,
  GcpPrivateNetwork,
  GcpProject,
  GcpRoleCatalogue,
  GcpSecureBucket,
  GcpSensitiveDataProtection,
  GcpServiceAccounts,
  GcpServiceAgents,
  GcpVertexResources,
  GcpWorkbenchInstance,
  GcpWorkloadIdentity,
  ServicePerimeter,
} from '../../lib/gcp';
import { errorOf, gcpStack, problemAt } from './fixtures';

const P = 'acme-ml-prod';
const R = 'europe-west4';
const KEY = `projects/${P}/locations/${R}/keyRings/r/cryptoKeys/k`;

type Ctor = new (scope: any, id: string, props: any) => unknown;

/** Every exported part, with props that build it (the baseline each case changes one thing of). */
const PARTS: Array<[string, Ctor, (s: TerraformStack) => any]> = [
  ['GcpProject', GcpProject, () => ({ projectId: P })],
  ['GcpServiceAgents', GcpServiceAgents, () => ({ projectId: P, projectNumber: '123', region: R })],
  ['CmekKeys', CmekKeys, () => ({ projectId: P, location: R })],
  ['GcpRoleCatalogue', GcpRoleCatalogue, () => ({ projectId: P })],
  ['GcpServiceAccounts', GcpServiceAccounts, () => ({ projectId: P })],
  ['GcpPrivateNetwork', GcpPrivateNetwork, () => ({ projectId: P, region: R })],
  [
    'ServicePerimeter',
    ServicePerimeter,
    () => ({
      accessPolicyId: '1',
      perimeterName: 'p',
      projectResources: ['projects/1'],
      dryRun: true,
    }),
  ],
  ['GcpAuditLogging', GcpAuditLogging, () => ({ projectId: P, location: R, kmsKeyName: KEY })],
  ['GcpOrgPolicies', GcpOrgPolicies, () => ({ projectId: P, allowedLocations: [R] })],
  ['GcpSecureBucket', GcpSecureBucket, () => ({ projectId: P, location: R, kmsKeyName: KEY })],
  [
    'GcpBigQueryDataset',
    GcpBigQueryDataset,
    () => ({ projectId: P, datasetId: 'd', location: R, kmsKeyName: KEY }),
  ],
  [
    'GcpArtifactRegistry',
    GcpArtifactRegistry,
    () => ({ projectId: P, location: R, kmsKeyName: KEY }),
  ],
  [
    'GcpVertexResources',
    GcpVertexResources,
    () => ({ projectId: P, projectNumber: '1', region: R, kmsKeyName: KEY }),
  ],
  [
    'GcpWorkbenchInstance',
    GcpWorkbenchInstance,
    () => ({
      projectId: P,
      zone: `${R}-a`,
      instanceName: 'wb-a',
      owner: 'a@example.com',
      network: `projects/${P}/global/networks/n`,
      subnetwork: `projects/${P}/regions/${R}/subnetworks/s`,
      kmsKeyName: KEY,
    }),
  ],
  ['GcpMonitoring', GcpMonitoring, () => ({ projectId: P })],
  [
    'GcpWorkloadIdentity',
    GcpWorkloadIdentity,
    (s) => ({
      projectId: P,
      serviceAccount: new ServiceAccount(s, 'sa', { accountId: 'serving-sa' }),
      bindings: [{ namespace: 'ns', kubernetesServiceAccount: 'ksa' }],
    }),
  ],
  [
    'GcpSensitiveDataProtection',
    GcpSensitiveDataProtection,
    () => ({ projectId: P, region: R, bucketNames: ['acme-raw'], findingsDatasetId: 'dlp' }),
  ],
  [
    'GcpCiIdentity',
    GcpCiIdentity,
    (s) => ({
      projectId: P,
      projectNumber: '1',
      pipelineRole: `projects/${P}/roles/mlopsPipelineOperator`,
      pipelineServiceAccount: new ServiceAccount(s, 'pipeline', { accountId: 'pipeline-sa' }),
    }),
  ],
];

describe('X-10 GCP parts: every part builds from its baseline and rejects untyped input', () => {
  test.each(PARTS)('X-10 %s builds from the baseline', (_n, Part, props) => {
    const stack = gcpStack();
    expect(() => new Part(stack, 'part', props(stack))).not.toThrow();
  });

  test.each(PARTS)('X-10 %s with no props at all', (_n, Part) => {
    const e = errorOf(() => new Part(gcpStack(), 'part', undefined));
    expect(e.constructPath).toBe('gcp/part');
    expect(problemAt(e, 'props')).toMatchObject({
      value: 'undefined',
      allowed: 'a props object (required)',
    });
  });

  test.each(PARTS)('X-10 %s with a list for props', (_n, Part) => {
    const e = errorOf(() => new Part(gcpStack(), 'part', []));
    expect(problemAt(e, 'props').value).toBe('[]');
  });

  test.each(PARTS)('X-10 %s without a GoogleProvider in its stack', (_n, Part, props) => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    const e = errorOf(() => new Part(stack, 'part', props(stack)));
    expect(problemAt(e, 'provider').allowed).toContain('No GoogleProvider in scope');
  });

  test.each(PARTS)('X-10 %s with a misspelt prop', (_n, Part, props) => {
    const stack = gcpStack();
    const e = errorOf(() => new Part(stack, 'part', { ...props(stack), projectid: P }));
    expect(problemAt(e, 'projectid').allowed).toMatch(/no such prop/);
  });
});

describe('X-10 GCP parts: specific bad input', () => {
  const cases: Array<[string, () => unknown, string, string, string]> = [
    [
      'CmekKeys: a rotation period as a number of seconds',
      () =>
        new CmekKeys(gcpStack(), 'k', {
          projectId: P,
          location: R,
          rotationPeriod: 7776000 as any,
        }),
      'rotationPeriod',
      '7776000',
      "a duration between '86400s' (1 day) and '7776000s' (90 days)",
    ],
    [
      'CmekKeys: a purpose in lower case',
      () =>
        new CmekKeys(gcpStack(), 'k', { projectId: P, location: R, purposes: ['storage' as any] }),
      'purposes[0]',
      'storage',
      'did you mean STORAGE?',
    ],
    [
      'GcpServiceAgents: an agent that does not exist',
      () =>
        new GcpServiceAgents(gcpStack(), 'a', {
          projectId: P,
          projectNumber: '1',
          region: R,
          agents: ['DATAFLOW' as any],
        }),
      'agents[0]',
      'DATAFLOW',
      'one of VERTEX_AI, STORAGE',
    ],
    [
      'GcpRoleCatalogue: a role id suffix from a variable',
      () => {
        const s = gcpStack();
        const v = new TerraformVariable(s, 'suffix', { type: 'string' }).stringValue;
        return new GcpRoleCatalogue(s, 'roles', { projectId: P, roleIdSuffix: v });
      },
      'roleIdSuffix',
      '',
      'it forms the custom role ids',
    ],
    [
      'GcpServiceAccounts: an account id for a function that does not exist',
      () =>
        new GcpServiceAccounts(gcpStack(), 'sas', {
          projectId: P,
          accountIds: { serving: 'ml-serving' } as any,
        }),
      'accountIds',
      'serving',
      'account ids by function: pipeline, training, deployment, monitoring',
    ],
    [
      'GcpPrivateNetwork: flow log sampling of 0 (flow logs off)',
      () => new GcpPrivateNetwork(gcpStack(), 'n', { projectId: P, region: R, flowLogSampling: 0 }),
      'flowLogSampling',
      '0',
      'flow logs are required (GCP-08)',
    ],
    [
      'GcpPrivateNetwork: an IAP SSH target with a member prefix',
      () =>
        new GcpPrivateNetwork(gcpStack(), 'n', {
          projectId: P,
          region: R,
          iapSshTargetServiceAccounts: [`serviceAccount:wb@${P}.iam.gserviceaccount.com`],
        }),
      'iapSshTargetServiceAccounts[0]',
      `serviceAccount:wb@${P}.iam.gserviceaccount.com`,
      'no prefix',
    ],
    [
      'ServicePerimeter: an access level of another access policy',
      () =>
        new ServicePerimeter(gcpStack(), 'p', {
          accessPolicyId: '1',
          perimeterName: 'p',
          projectResources: ['projects/1'],
          dryRun: true,
          accessLevels: ['accessPolicies/2/accessLevels/corp'],
        }),
      'accessLevels[0]',
      'accessPolicies/2/accessLevels/corp',
      "an access level of the perimeter's access policy accessPolicies/1",
    ],
    [
      'ServicePerimeter: an enforced perimeter without deployers',
      () =>
        new ServicePerimeter(gcpStack(), 'p', {
          accessPolicyId: '1',
          perimeterName: 'p',
          projectResources: ['projects/1'],
        }),
      'deployerIdentities',
      '[]',
      'required for an enforced perimeter',
    ],
    [
      'ServicePerimeter: an egress rule without services',
      () =>
        new ServicePerimeter(gcpStack(), 'p', {
          accessPolicyId: '1',
          perimeterName: 'p',
          projectResources: ['projects/1'],
          dryRun: true,
          egressRules: [
            { title: 'out', identityType: 'ANY_SERVICE_ACCOUNT', targetResources: ['projects/2'] },
          ],
        }),
      'egressRules[0].services',
      '[]',
      'at least one service',
    ],
    [
      'GcpAuditLogging: a sink destination of the wrong form',
      () =>
        new GcpAuditLogging(gcpStack(), 'a', {
          projectId: P,
          location: R,
          existingDestination: 'gs://central-logs',
        }),
      'existingDestination',
      'gs://central-logs',
      'storage.googleapis.com/BUCKET',
    ],
    [
      'GcpAuditLogging: neither a key nor a destination',
      () => new GcpAuditLogging(gcpStack(), 'a', { projectId: P, location: R }),
      'kmsKeyName',
      'undefined',
      'for the log bucket (or existingDestination) (required)',
    ],
    [
      'GcpOrgPolicies: no allowed location',
      () => new GcpOrgPolicies(gcpStack(), 'o', { projectId: P, allowedLocations: [] }),
      'allowedLocations',
      '[]',
      'at least one location',
    ],
    [
      'GcpOrgPolicies: a Workbench network of the wrong form',
      () =>
        new GcpOrgPolicies(gcpStack(), 'o', {
          projectId: P,
          allowedLocations: [R],
          workbenchNetworks: ['projects/p/networks/n'],
        }),
      'workbenchNetworks[0]',
      'projects/p/networks/n',
      'under:projects/P',
    ],
    [
      'GcpSecureBucket: a key in another region',
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: P,
          location: R,
          kmsKeyName: `projects/${P}/locations/us-east1/keyRings/r/cryptoKeys/k`,
        }),
      'kmsKeyName',
      `projects/${P}/locations/us-east1/keyRings/r/cryptoKeys/k`,
      "a key in location 'europe-west4'",
    ],
    [
      'GcpSecureBucket: a staging prefix without its trailing slash (it would match staging-old/ too)',
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          prefixGrants: [
            { prefix: 'staging', role: 'roles/storage.objectUser', member: 'group:ds@example.com' },
          ],
        }),
      'prefixGrants[0].prefix',
      'staging',
      "an object name prefix ending with '/'",
    ],
    [
      'GcpSecureBucket: a prefix with a quote (it would end the IAM condition string)',
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          prefixGrants: [
            { prefix: 'a"/', role: 'roles/storage.objectUser', member: 'group:ds@example.com' },
          ],
        }),
      'prefixGrants[0].prefix',
      'a"/',
      "an object name prefix ending with '/'",
    ],
    [
      'GcpSecureBucket: a name prefix from a variable',
      () => {
        const s = gcpStack();
        const v = new TerraformVariable(s, 'prefix', { type: 'string' }).stringValue;
        return new GcpSecureBucket(s, 'b', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          namePrefix: v,
        });
      },
      'namePrefix',
      '',
      'it forms the generated bucket name',
    ],
    [
      'GcpBigQueryDataset: a Cloud Storage dual-region (BigQuery has US and EU only)',
      () =>
        new GcpBigQueryDataset(gcpStack(), 'd', {
          projectId: P,
          datasetId: 'd',
          location: 'EUR4',
          kmsKeyName: KEY,
        }),
      'location',
      'EUR4',
      'a Google Cloud region',
    ],
    [
      'GcpBigQueryDataset: a dataset id with a hyphen',
      () =>
        new GcpBigQueryDataset(gcpStack(), 'd', {
          projectId: P,
          datasetId: 'my-data',
          location: R,
          kmsKeyName: KEY,
        }),
      'datasetId',
      'my-data',
      "1-1024 letters, digits and '_'",
    ],
    [
      'GcpArtifactRegistry: keep no recent version',
      () =>
        new GcpArtifactRegistry(gcpStack(), 'r', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          keepRecentVersions: 0,
        }),
      'keepRecentVersions',
      '0',
      'an integer between 1 and 2147483647',
    ],
    [
      'GcpVertexResources: a Private Service Connect allow-list on a peered endpoint',
      () =>
        new GcpVertexResources(gcpStack(), 'v', {
          projectId: P,
          projectNumber: '1',
          region: R,
          kmsKeyName: KEY,
          networkName: 'n',
          endpoints: [{ name: 'e', pscProjectAllowlist: [P] }],
        }),
      'endpoints[0].pscProjectAllowlist',
      `["${P}"]`,
      'nothing unless privateServiceConnect is true',
    ],
    [
      'GcpWorkbenchInstance: idle shutdown after 5 minutes',
      () =>
        new GcpWorkbenchInstance(gcpStack(), 'w', {
          projectId: P,
          zone: `${R}-a`,
          instanceName: 'wb-a',
          owner: 'a@example.com',
          network: `projects/${P}/global/networks/n`,
          subnetwork: `projects/${P}/regions/${R}/subnetworks/s`,
          kmsKeyName: KEY,
          idleShutdownMinutes: 5,
        }),
      'idleShutdownMinutes',
      '5',
      'an integer between 10 and 1440 minutes, or 0 to turn idle shutdown off',
    ],
    [
      'GcpWorkbenchInstance: a subnetwork in another region than the zone',
      () =>
        new GcpWorkbenchInstance(gcpStack(), 'w', {
          projectId: P,
          zone: `${R}-a`,
          instanceName: 'wb-a',
          owner: 'a@example.com',
          network: `projects/${P}/global/networks/n`,
          subnetwork: `projects/${P}/regions/us-east1/subnetworks/s`,
          kmsKeyName: KEY,
        }),
      'subnetwork',
      `projects/${P}/regions/us-east1/subnetworks/s`,
      'a subnetwork in europe-west4, the region of zone europe-west4-a',
    ],
    [
      'GcpWorkbenchInstance: the owner with a member prefix',
      () =>
        new GcpWorkbenchInstance(gcpStack(), 'w', {
          projectId: P,
          zone: `${R}-a`,
          instanceName: 'wb-a',
          owner: 'user:a@example.com',
          network: `projects/${P}/global/networks/n`,
          subnetwork: `projects/${P}/regions/${R}/subnetworks/s`,
          kmsKeyName: KEY,
        }),
      'owner',
      'user:a@example.com',
      'a user e-mail without prefix',
    ],
    [
      'GcpWorkbenchInstance: a permission where the owner role belongs',
      () =>
        new GcpWorkbenchInstance(gcpStack(), 'w', {
          projectId: P,
          zone: `${R}-a`,
          instanceName: 'wb-a',
          owner: 'a@example.com',
          network: `projects/${P}/global/networks/n`,
          subnetwork: `projects/${P}/regions/${R}/subnetworks/s`,
          kmsKeyName: KEY,
          ownerRole: 'notebooks.instances.start',
        }),
      'ownerRole',
      'notebooks.instances.start',
      'a role name: roles/SERVICE.ROLE, projects/P/roles/R or organizations/O/roles/R',
    ],
    [
      'GcpMonitoring: a misspelt threshold',
      () =>
        new GcpMonitoring(gcpStack(), 'm', { projectId: P, thresholds: { latencyMS: 100 } as any }),
      'thresholds.latencyMS',
      '100',
      'did you mean latencyMs?',
    ],
    [
      'GcpWorkloadIdentity: a service account e-mail where the ServiceAccount belongs',
      () =>
        new GcpWorkloadIdentity(gcpStack(), 'wi', {
          projectId: P,
          serviceAccount: `sa@${P}.iam.gserviceaccount.com` as any,
          bindings: [{ namespace: 'ns', kubernetesServiceAccount: 'ksa' }],
        }),
      'serviceAccount',
      `sa@${P}.iam.gserviceaccount.com`,
      'a google_service_account (ServiceAccount) construct',
    ],
    [
      'GcpSensitiveDataProtection: a scan every hour (1 to 60 days)',
      () =>
        new GcpSensitiveDataProtection(gcpStack(), 'dlp', {
          projectId: P,
          region: R,
          bucketNames: ['acme-raw'],
          findingsDatasetId: 'dlp',
          recurrence: '3600s',
        }),
      'recurrence',
      '3600s',
      "between '86400s' (1 day) and '5184000s' (60 days)",
    ],
    [
      'GcpCiIdentity: a pipeline role that is not a role name',
      () => {
        const s = gcpStack();
        return new GcpCiIdentity(s, 'ci', {
          projectId: P,
          projectNumber: '1',
          pipelineRole: 'mlopsPipelineOperator',
          pipelineServiceAccount: new ServiceAccount(s, 'p', { accountId: 'pipeline-sa' }),
        });
      },
      'pipelineRole',
      'mlopsPipelineOperator',
      'a custom role name projects/P/roles/R',
    ],
    [
      'GcpWorkloadIdentity: no bindings at all',
      () =>
        new GcpWorkloadIdentity(gcpStack(), 'wi', {
          projectId: P,
          serviceAccount: undefined as any,
        } as any),
      'bindings',
      '[]',
      'at least one { namespace, kubernetesServiceAccount }',
    ],
    [
      'GcpSecureBucket: grants as a string',
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          grants: 'roles/storage.objectViewer' as any,
        }),
      'grants',
      'roles/storage.objectViewer',
      'a list of { role, member, key? }',
    ],
    [
      'GcpBigQueryDataset: a grant without a role',
      () =>
        new GcpBigQueryDataset(gcpStack(), 'd', {
          projectId: P,
          datasetId: 'd',
          location: R,
          kmsKeyName: KEY,
          grants: [{ member: 'group:a@example.com' } as any],
        }),
      'grants[0].role',
      'undefined',
      'a non-empty string',
    ],
    [
      'GcpArtifactRegistry: a grant to a token member without a key',
      () => {
        const s = gcpStack();
        const member = new TerraformVariable(s, 'member', { type: 'string' }).stringValue;
        return new GcpArtifactRegistry(s, 'r', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          grants: [{ role: 'roles/artifactregistry.reader', member }],
        });
      },
      'grants[0].member',
      '',
      'or give the grant a literal key',
    ],
    [
      'GcpSecureBucket: a grant to a public member',
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: P,
          location: R,
          kmsKeyName: KEY,
          grants: [{ role: 'roles/storage.objectViewer', member: 'allUsers' }],
        }),
      'grants[0].member',
      'allUsers',
      'allUsers and allAuthenticatedUsers are never allowed',
    ],
  ];

  test.each(cases)('X-10 %s', (_t, build, prop, value, allowed) => {
    const e = errorOf(build);
    const p = problemAt(e, prop);
    if (value) expect(p.value).toBe(value);
    expect(p.allowed).toContain(allowed);
  });

  test('X-10 a part keeps reporting every problem in one error', () => {
    const e = errorOf(
      () =>
        new GcpSecureBucket(gcpStack(), 'b', {
          projectId: 'Bad',
          location: 'mars',
          kmsKeyName: 'key',
          expireAfterDays: -1,
        } as any),
    );
    expect(e.problems.map((p) => p.prop)).toEqual(
      expect.arrayContaining(['projectId', 'location', 'kmsKeyName', 'expireAfterDays']),
    );
  });

  test('X-10 a GoogleProvider of another stack does not count', () => {
    const stack = new TerraformStack(Testing.app(), 'nested');
    new GoogleProvider(new TerraformStack(Testing.app(), 'other'), 'google', {});
    expect(() => new GcpMonitoring(stack, 'm', { projectId: P })).toThrow(
      /No GoogleProvider in scope/,
    );
  });
});
