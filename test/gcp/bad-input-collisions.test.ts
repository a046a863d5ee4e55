// Names unique in their scope (issue 13): two GCP platforms, or two parts, in one app that would
// create the same project-, policy-, organization- or globally-scoped name fail synth naming both
// construct paths; the organization-level custom constraints are defined once and shared.
import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  CmekKeys,
  GcpArtifactRegistry,
  GcpPrivateNetwork,
  GcpSecureBucket,
  SecureVertexPipeline,
  ServicePerimeter,
} from '../../lib/gcp';
import { errorOf, problemAt } from './fixtures';

const KEY = 'projects/acme-ml-prod/locations/europe-west4/keyRings/r/cryptoKeys/k';

function stackIn(app: App, id: string, project = 'acme-ml-prod'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project, region: 'europe-west4' });
  new GoogleBetaProvider(stack, 'google-beta', { project, region: 'europe-west4' });
  return stack;
}

const props = (extra: any = {}): any => ({
  environment: 'dev',
  projectId: 'acme-ml-prod',
  region: 'europe-west4',
  organizationId: '123456789012',
  ...extra,
});

describe('X-10 GCP names unique in their scope', () => {
  test('X-10 two platforms in one project: the first shared name fails, naming both platforms', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    new SecureVertexPipeline(stack, 'ml-a', props());
    const e = errorOf(() => new SecureVertexPipeline(stack, 'ml-b', props({ environment: 'stg' })));
    expect(e.constructPath).toBe('gcp/ml-b/org-policies');
    const p = problemAt(e, 'orgPolicyExclusions');
    expect(p.value).toBe('gcp.resourceLocations');
    expect(p.allowed).toContain(
      'a project organization policy name not already created in project acme-ml-prod by gcp/ml-a/org-policies',
    );
    expect(p.allowed).toContain('set each constraint in one place');
  });

  test('X-10 two platforms in one project, in two stacks of one app, without the org policies on the second', () => {
    const app = Testing.app();
    new SecureVertexPipeline(stackIn(app, 'a'), 'ml', props());
    const e = errorOf(
      () =>
        new SecureVertexPipeline(
          stackIn(app, 'b'),
          'ml',
          props({ environment: 'stg', orgPolicies: false }),
        ),
    );
    expect(e.constructPath).toBe('b/ml/roles');
    expect(problemAt(e, 'projectId').allowed).toContain('a project holds one SecureVertexPipeline');
    expect(problemAt(e, 'projectId')).toMatchObject({
      value: 'mlopsPipelineOperator',
      allowed: expect.stringContaining(
        'a custom role name not already created in project acme-ml-prod by a/ml/roles',
      ),
    });
  });

  test('X-10 two platforms in two projects of one app and one organization synthesize', () => {
    const app = Testing.app();
    const a = stackIn(app, 'a', 'acme-ml-one');
    const b = stackIn(app, 'b', 'acme-ml-two');
    const one = new SecureVertexPipeline(a, 'ml', props({ projectId: 'acme-ml-one' }));
    const two = new SecureVertexPipeline(b, 'ml', props({ projectId: 'acme-ml-two' }));
    expect(() => app.synth()).not.toThrow();
    // the organization's custom constraints are defined once; the second platform enforces them
    expect(Object.keys(one.orgPolicies!.customConstraints)).toHaveLength(2);
    expect(Object.keys(two.orgPolicies!.customConstraints)).toHaveLength(0);
    expect(two.orgPolicies!.policies['custom.mlopsCustomJobServiceAccount']).toBeDefined();
    expect(b.dependencies).toContain(a);
  });

  test('X-10 two platforms in two projects of one stack share the constraints and wait for them', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    new SecureVertexPipeline(stack, 'one', props({ projectId: 'acme-ml-one' }));
    new SecureVertexPipeline(stack, 'two', props({ projectId: 'acme-ml-two' }));
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.google_org_policy_custom_constraint)).toHaveLength(2);
    const policy = Object.values<any>(json.resource.google_org_policy_policy).find(
      (p) => p.name === 'projects/acme-ml-two/policies/custom.mlopsCustomJobServiceAccount',
    );
    expect(policy.depends_on).toEqual([
      expect.stringMatching(
        /^google_org_policy_custom_constraint\.one_org-policies_custom-mlopsCustomJobServiceAccount/,
      ),
    ]);
  });

  test('X-10 two perimeters with one name in one access policy', () => {
    const app = Testing.app();
    const perimeter = { accessPolicyId: '123456789012', dryRun: true };
    new SecureVertexPipeline(
      stackIn(app, 'a', 'acme-ml-one'),
      'ml',
      props({ projectId: 'acme-ml-one', perimeter }),
    );
    const e = errorOf(
      () =>
        new SecureVertexPipeline(
          stackIn(app, 'b', 'acme-ml-two'),
          'ml',
          props({ projectId: 'acme-ml-two', perimeter }),
        ),
    );
    expect(e.constructPath).toBe('b/ml/perimeter');
    expect(problemAt(e, 'perimeter.perimeterName')).toMatchObject({
      value: 'mlops_dev',
      allowed: expect.stringContaining(
        'a service perimeter name not already created in access policy 123456789012 by a/ml/perimeter',
      ),
    });
  });

  test('X-10 one project in two regular perimeters', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    const base = {
      accessPolicyId: '123456789012',
      dryRun: true,
      projectResources: ['projects/111'],
    };
    new ServicePerimeter(stack, 'p1', { ...base, perimeterName: 'one' });
    const e = errorOf(() => new ServicePerimeter(stack, 'p2', { ...base, perimeterName: 'two' }));
    expect(problemAt(e, 'projectResources')).toMatchObject({
      value: 'projects/111',
      allowed: expect.stringContaining('by gcp/p1 (projectResources)'),
    });
  });

  test('X-10 one bucket name in two stacks of one app (bucket names are global)', () => {
    const app = Testing.app();
    const b = {
      projectId: 'acme-ml-prod',
      location: 'europe-west4',
      kmsKeyName: KEY,
      bucketName: 'acme-raw',
    };
    new GcpSecureBucket(stackIn(app, 'a'), 'raw', b);
    const e = errorOf(
      () =>
        new GcpSecureBucket(stackIn(app, 'b', 'acme-ml-other'), 'raw', {
          ...b,
          projectId: 'acme-ml-other',
        }),
    );
    expect(e.constructPath).toBe('b/raw');
    expect(problemAt(e, 'bucketName').allowed).toContain(
      'a Cloud Storage bucket name not already created in Google Cloud (bucket names are global) by a/raw',
    );
  });

  test('X-10 one key ring name twice in one project and location', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    const k = { projectId: 'acme-ml-prod', location: 'europe-west4', keyRingName: 'mlops' };
    new CmekKeys(stack, 'k1', k);
    const e = errorOf(() => new CmekKeys(stack, 'k2', k));
    expect(problemAt(e, 'keyRingName').allowed).toContain(
      'a Cloud KMS key ring name not already created in project acme-ml-prod location europe-west4 by gcp/k1',
    );
  });

  test('X-10 one brought key ring shared by two CmekKeys: the key names collide', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    const k = {
      projectId: 'acme-ml-prod',
      location: 'europe-west4',
      existingKeyRingId: 'projects/kms/locations/europe-west4/keyRings/central',
    };
    new CmekKeys(stack, 'k1', k);
    const e = errorOf(() => new CmekKeys(stack, 'k2', k));
    expect(problemAt(e, 'existingKeyRingId')).toMatchObject({ value: 'storage' });
  });

  test('X-10 two networks with one name in one project; another name is fine', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    const n = { projectId: 'acme-ml-prod', region: 'europe-west4' };
    new GcpPrivateNetwork(stack, 'n1', n);
    const e = errorOf(
      () => new GcpPrivateNetwork(stack, 'n2', { ...n, subnetCidr: '10.20.0.0/20' }),
    );
    expect(problemAt(e, 'networkName')).toMatchObject({ value: 'mlops-vpc' });
    expect(
      () =>
        new GcpPrivateNetwork(stack, 'n3', {
          ...n,
          networkName: 'ml-two',
          subnetCidr: '10.30.0.0/20',
        }),
    ).not.toThrow();
  });

  test('X-10 one repository id for Docker and KFP', () => {
    const stack = stackIn(Testing.app(), 'gcp');
    const e = errorOf(
      () =>
        new GcpArtifactRegistry(stack, 'registry', {
          projectId: 'acme-ml-prod',
          location: 'europe-west4',
          kmsKeyName: KEY,
          dockerRepositoryId: 'ml',
          kfpRepositoryId: 'ml',
        }),
    );
    expect(problemAt(e, 'kfpRepositoryId')).toMatchObject({
      value: 'ml',
      allowed: "a repository id other than dockerRepositoryId ('ml')",
    });
  });
});
