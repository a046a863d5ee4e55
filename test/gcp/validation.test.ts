import { TerraformVariable } from 'cdktf';
import { Persona } from '../../lib/core/personas';
import { ValidationError } from '../../lib/core/errors';
import {
  CmekKeys,
  GcpServiceAccounts,
  SecureVertexPipeline,
  ServicePerimeter,
  SecureVertexPipelineProps,
} from '../../lib/gcp';
import { baseProps, gcpStack } from './fixtures';

function errorOf(fn: () => void): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('no ValidationError thrown');
}

function platformError(extra: Partial<SecureVertexPipelineProps>): ValidationError {
  return errorOf(() => new SecureVertexPipeline(gcpStack(), 'ml', baseProps(extra)));
}

describe('X-10 input validation (GCP)', () => {
  test('X-10 invalid project id', () => {
    const e = platformError({ projectId: 'Bad_Project' });
    expect(e.message).toContain("projectId: got 'Bad_Project'; allowed: 6-30 lowercase letters");
    expect(e.constructPath).toBe('gcp/ml');
  });

  test('X-10 invalid service account id', () => {
    const e = platformError({ serviceAccountIds: { training: 'Train' } });
    expect(e.message).toContain(
      "serviceAccountIds.training: got 'Train'; allowed: 6-30 lowercase letters, digits and hyphens",
    );
  });

  test('X-10 duplicate service account ids (one identity per function)', () => {
    const e = errorOf(
      () =>
        new GcpServiceAccounts(gcpStack(), 'sas', {
          projectId: 'acme-ml-prod',
          accountIds: { training: 'vertex-pipeline' },
        }),
    );
    expect(e.message).toContain('distinct account ids');
  });

  test('X-10 invalid label', () => {
    const e = platformError({ tags: { owner: 'Platform Team', extra: { 'Cost Center': 'x' } } });
    expect(e.message).toContain("tags.owner: got 'Platform Team'; allowed: 0-63 lowercase letters");
    expect(e.message).toContain(
      "tags.Cost Center: got 'Cost Center'; allowed: 1-63 lowercase letters",
    );
  });

  test('X-10 rotation period over 90 days', () => {
    const e = platformError({ encryption: { rotationPeriod: '31536000s' } });
    expect(e.message).toContain(
      "rotationPeriod: got '31536000s'; allowed: a duration between '86400s' (1 day) and '7776000s' (90 days)",
    );
    expect(e.constructPath).toBe('gcp/ml/keys');
  });

  test('X-10 brought key in another region than the resources (GCP-06)', () => {
    const e = platformError({
      encryption: {
        existingKeys: { STORAGE: 'projects/kms-prj/locations/us-central1/keyRings/r/cryptoKeys/k' },
      },
    });
    expect(e.message).toContain(
      "existingKeys.STORAGE: got 'projects/kms-prj/locations/us-central1/keyRings/r/cryptoKeys/k'; allowed: a key in location 'europe-west4'",
    );
  });

  test('X-10 data bucket in a multi-region without a key there (GCP-06)', () => {
    const e = platformError({
      allowedRegions: ['europe-west4', 'EU'],
      dataBuckets: [{ name: 'raw', location: 'EU' }],
    });
    expect(e.message).toContain(
      "dataBuckets[0].location: got 'EU'; allowed: the platform region 'europe-west4' (the platform keys live there), or a kmsKeyName in 'EU'",
    );
  });

  test('X-10 bucket key location must match the bucket', () => {
    const e = platformError({
      allowedRegions: ['europe-west4', 'EU'],
      dataBuckets: [
        {
          name: 'raw',
          location: 'EU',
          kmsKeyName: 'projects/kms-prj/locations/europe-west1/keyRings/r/cryptoKeys/k',
        },
      ],
    });
    expect(e.message).toContain(
      "kmsKeyName: got 'projects/kms-prj/locations/europe-west1/keyRings/r/cryptoKeys/k'; allowed: a key in location 'EU'",
    );
  });

  test('X-07 a location outside allowed regions', () => {
    const e = platformError({
      dataBuckets: [
        {
          name: 'raw',
          location: 'EU',
          kmsKeyName: 'projects/kms-prj/locations/eu/keyRings/r/cryptoKeys/k',
        },
      ],
    });
    expect(e.message).toContain(
      "dataBuckets[0].location: got 'EU'; allowed: a location in allowedRegions [europe-west4] (multi-regions such as EU or US only when listed explicitly)",
    );
  });

  test('X-07 region outside allowed regions', () => {
    const e = platformError({ allowedRegions: ['europe-west1'] });
    expect(e.message).toContain(
      "region: got 'europe-west4'; allowed: a location in allowedRegions [europe-west1]",
    );
  });

  test('X-10 member string of the wrong form', () => {
    const e = platformError({
      personas: { [Persona.DATA_SCIENTIST]: ['alice@example.com', 'allUsers'] },
    });
    expect(e.message).toContain(
      "personas.DATA_SCIENTIST[0]: got 'alice@example.com'; allowed: 'user:EMAIL', 'group:EMAIL'",
    );
    expect(e.message).toContain("personas.DATA_SCIENTIST[1]: got 'allUsers'");
  });

  test('X-02 persona conflict', () => {
    const e = platformError({
      personas: {
        [Persona.DATA_SCIENTIST]: ['user:bob@example.com'],
        [Persona.ML_ENGINEER]: ['user:bob@example.com'],
      },
    });
    expect(e.message).toContain(
      "personas: got 'user:bob@example.com as DATA_SCIENTIST and ML_ENGINEER'; allowed: one principal per conflicting persona (model registration and model approval are maker and checker)",
    );
  });

  test('X-02 a human bound as a workload service account conflicts', () => {
    const e = platformError({
      personas: {
        [Persona.DATA_SCIENTIST]: [
          'serviceAccount:vertex-training@acme-ml-prod.iam.gserviceaccount.com',
        ],
      },
    });
    expect(e.message).toContain('no human persona may hold a workload identity');
  });

  test('X-02 persona conflict allowed with a reasoned exception', () => {
    expect(
      () =>
        new SecureVertexPipeline(
          gcpStack(),
          'ml',
          baseProps({
            personas: {
              [Persona.DATA_SCIENTIST]: ['user:bob@example.com'],
              [Persona.ML_ENGINEER]: ['user:bob@example.com'],
            },
            sodExceptions: [
              {
                principal: 'user:bob@example.com',
                personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
                reason: 'two-person team in the sandbox',
              },
            ],
          }),
        ),
    ).not.toThrow();
  });

  test('X-10 workload personas are not given in personas', () => {
    const e = platformError({
      personas: { [Persona.TRAINING]: ['serviceAccount:x@acme-ml-prod.iam.gserviceaccount.com'] },
    });
    expect(e.message).toContain('personas.TRAINING');
    expect(e.message).toContain('human personas only');
  });

  test('X-10 one error lists every problem', () => {
    const e = platformError({ projectId: 'X', region: 'europe', environment: 'Prod' });
    expect(e.problems.map((p) => p.prop)).toEqual(
      expect.arrayContaining(['projectId', 'region', 'environment']),
    );
  });

  test('X-10 unresolved tokens are skipped', () => {
    const stack = gcpStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    expect(
      () => new SecureVertexPipeline(stack, 'ml', baseProps({ projectId: project.stringValue })),
    ).not.toThrow();
  });

  test('X-10 perimeter: access policy, perimeter name and project resources', () => {
    const e = errorOf(
      () =>
        new ServicePerimeter(gcpStack(), 'p', {
          accessPolicyId: 'policy',
          perimeterName: 'bad-name',
          projectResources: ['projects/acme-ml-prod'],
        }),
    );
    expect(e.message).toContain("accessPolicyId: got 'policy'");
    expect(e.message).toContain("perimeterName: got 'bad-name'");
    expect(e.message).toContain(
      "projectResources[0]: got 'projects/acme-ml-prod'; allowed: projects/NUMBER",
    );
  });

  test('X-10 CMEK: key ring location must match the given location', () => {
    const e = errorOf(
      () =>
        new CmekKeys(gcpStack(), 'k', {
          projectId: 'acme-ml-prod',
          location: 'europe-west4',
          existingKeyRingId: 'projects/p1/locations/us-east1/keyRings/r',
        }),
    );
    expect(e.message).toContain(
      "existingKeyRingId: got 'projects/p1/locations/us-east1/keyRings/r'; allowed: a key ring in location 'europe-west4'",
    );
  });

  test('X-10 existing network needs a subnetwork', () => {
    const e = platformError({
      network: { existingNetworkId: 'projects/host/global/networks/shared' },
    });
    expect(e.message).toContain('existingNetworkId and existingSubnetworkId together');
  });

  test('X-10 tag values must be tagValues/NUMBER', () => {
    const e = platformError({ tagValues: ['env/prod'] });
    expect(e.message).toContain("tagValues[0]: got 'env/prod'; allowed: tagValues/NUMBER");
  });

  test('X-10 project creation needs a folder and a billing account', () => {
    const e = platformError({ createProject: { folderId: 'eng', billingAccount: '123' } });
    expect(e.message).toContain("createProject.folderId: got 'eng'");
    expect(e.message).toContain("createProject.billingAccount: got '123'");
  });
});
