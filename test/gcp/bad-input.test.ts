// Hand-written bad input to SecureVertexPipeline (issue 13): each case asserts the one
// ValidationError (construct path, prop, bad value, what is allowed). Cases by class: enums,
// untyped callers, identity canonicalization, tokens, duplicates, networks, IAM, regions,
// free-form values, provider. Collisions between platforms are in bad-input-collisions.test.ts.
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Persona } from '../../lib/core/personas';
import { SecureVertexPipeline } from '../../lib/gcp';
import { baseProps, errorOf, gcpStack, problemAt } from './fixtures';

function platform(props: any, stack: TerraformStack = gcpStack()): SecureVertexPipeline {
  return new SecureVertexPipeline(stack, 'ml', props);
}

/** One case: extra props merged into the typical ones, and the problem expected. */
interface Case {
  readonly props: any;
  readonly path?: string;
  readonly prop: string;
  readonly value: string;
  readonly allowed: string;
}

function expectCase(c: Case): void {
  const e = errorOf(() => platform({ ...baseProps(), ...c.props }));
  expect(e.constructPath).toBe(c.path ?? 'gcp/ml');
  const p = problemAt(e, c.prop);
  expect(p.value).toBe(c.value);
  expect(p.allowed).toContain(c.allowed);
  expect(e.message).toContain(`${c.prop}: got '${c.value}'`);
}

describe('X-10 GCP bad input: enums are exact, never a fallback', () => {
  test.each<[string, Case]>([
    [
      "removalPolicy 'retain' (lower case) is not RETAIN, nor DESTROY",
      {
        props: { removalPolicy: 'retain' },
        prop: 'removalPolicy',
        value: 'retain',
        allowed: 'one of RETAIN, DESTROY (values are case-sensitive: did you mean RETAIN?)',
      },
    ],
    [
      'removalPolicy as a number',
      {
        props: { removalPolicy: 1 },
        prop: 'removalPolicy',
        value: '1',
        allowed: 'one of RETAIN, DESTROY',
      },
    ],
    [
      'a CmekPurpose key of existingKeys in lower case',
      {
        props: {
          encryption: {
            existingKeys: { storage: 'projects/k/locations/europe-west4/keyRings/r/cryptoKeys/s' },
          },
        },
        path: 'gcp/ml/keys',
        prop: 'encryption.existingKeys',
        value: 'storage',
        allowed: 'purposes are case-sensitive: did you mean STORAGE?',
      },
    ],
    [
      'an ingress identityType in lower case',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            dryRun: true,
            ingressRules: [
              {
                title: 'any',
                identityType: 'any_user_account',
                sourceAccessLevels: ['*'],
                services: ['aiplatform.googleapis.com'],
              },
            ],
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.ingressRules[0].identityType',
        value: 'any_user_account',
        allowed: 'did you mean ANY_USER_ACCOUNT?',
      },
    ],
    [
      'a persona name of an SoD exception in lower case',
      {
        props: {
          sodExceptions: [
            {
              principal: 'group:ds@example.com',
              personas: ['data_scientist', Persona.ML_ENGINEER],
              reason: 'two-person sandbox team',
            },
          ],
        },
        prop: 'sodExceptions[0].personas[0]',
        value: 'data_scientist',
        allowed: 'did you mean DATA_SCIENTIST?',
      },
    ],
    [
      'an org-policy exclusion that is not a guardrail',
      {
        props: { orgPolicyExclusions: ['compute.requireOsLogins'] },
        path: 'gcp/ml/org-policies',
        prop: 'orgPolicyExclusions[0]',
        value: 'compute.requireOsLogins',
        allowed: 'one of gcp.resourceLocations',
      },
    ],
    [
      'an API left to another stack that the platform does not enable',
      {
        props: { existingApis: ['compute.googleapis.com', 'container.googleapis.com'] },
        prop: 'existingApis[1]',
        value: 'container.googleapis.com',
        allowed: 'an API the platform would enable: aiplatform.googleapis.com',
      },
    ],
  ])('X-10 %s', (_t, c) => expectCase(c));
});

describe('X-10 GCP bad input: untyped callers (JavaScript, YAML, jsii) get a ValidationError, never a TypeError', () => {
  test('X-10 no props at all', () => {
    const e = errorOf(() => new SecureVertexPipeline(gcpStack(), 'ml', undefined as any));
    expect(e.constructPath).toBe('gcp/ml');
    expect(problemAt(e, 'props')).toMatchObject({
      value: 'undefined',
      allowed: 'a props object (required)',
    });
  });

  test('X-10 null props', () => {
    const e = errorOf(() => new SecureVertexPipeline(gcpStack(), 'ml', null as any));
    expect(problemAt(e, 'props').value).toBe('null');
  });

  test.each<[string, Case]>([
    [
      'a missing environment is not the word "undefined"',
      {
        props: { environment: undefined },
        prop: 'environment',
        value: 'undefined',
        allowed:
          '1-16 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (required)',
      },
    ],
    [
      'a number for the environment',
      {
        props: { environment: 42 },
        prop: 'environment',
        value: '42',
        allowed: '1-16 lowercase letters',
      },
    ],
    [
      'a missing region',
      {
        props: { region: undefined },
        prop: 'region',
        value: 'undefined',
        allowed: 'a Google Cloud region',
      },
    ],
    [
      'one string where the persona list belongs is one problem',
      {
        props: { personas: { [Persona.DATA_SCIENTIST]: 'group:ds@example.com' } },
        prop: 'personas.DATA_SCIENTIST',
        value: 'group:ds@example.com',
        allowed: 'a list of IAM members (got one string: write ["group:ds@example.com"])',
      },
    ],
    [
      'an object where the data bucket list belongs',
      {
        props: { dataBuckets: { name: 'raw' } },
        prop: 'dataBuckets',
        value: '{"name":"raw"}',
        allowed: 'a list of data buckets',
      },
    ],
    [
      'a string where the allowed regions belong',
      {
        props: { allowedRegions: 'europe-west4' },
        prop: 'allowedRegions',
        value: 'europe-west4',
        allowed: 'a list of regions (got one string: write ["europe-west4"])',
      },
    ],
    [
      'one string where the restricted services belong is one problem, not one per character',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            dryRun: true,
            additionalRestrictedServices: 'dlp.googleapis.com',
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.additionalRestrictedServices',
        value: 'dlp.googleapis.com',
        allowed: 'a list of service names (got one string: write ["dlp.googleapis.com"])',
      },
    ],
    [
      'a string where a boolean belongs',
      {
        props: { artifactRegistry: 'false' },
        prop: 'artifactRegistry',
        value: 'false',
        allowed: 'true or false',
      },
    ],
    [
      'a misspelt prop is not ignored',
      {
        props: { removalpolicy: 'DESTROY' },
        prop: 'removalpolicy',
        value: 'DESTROY',
        allowed: 'did you mean removalPolicy?',
      },
    ],
    [
      'a misspelt nested prop is not ignored',
      {
        props: { perimeter: { accessPolicyId: '123456789012', dryrun: true } },
        prop: 'perimeter.dryrun',
        value: 'true',
        allowed: 'did you mean dryRun?',
      },
    ],
    [
      'an empty entry in a list (a sparse array)',
      {
        props: { alertEmails: ['a@example.com', , 'b@example.com'] },
        path: 'gcp/ml/monitoring',
        prop: 'alertEmails[1]',
        value: 'undefined',
        allowed: 'not an empty one',
      },
    ],
    [
      'NaN for the audit log retention',
      {
        props: { auditLogRetentionDays: Number.NaN },
        path: 'gcp/ml/audit',
        prop: 'auditLogRetentionDays',
        value: 'null',
        allowed: 'an integer between 1 and 3650 days',
      },
    ],
  ])('X-10 %s', (_t, c) => expectCase(c));
});

describe('X-02 GCP identity canonicalization for segregation of duties', () => {
  test('X-02 one member spelled in two cases holds two conflicting personas', () => {
    const e = errorOf(() =>
      platform(
        baseProps({
          personas: {
            [Persona.DATA_SCIENTIST]: ['user:bob@example.com'],
            [Persona.ML_ENGINEER]: ['user:Bob@Example.COM'],
          },
        }),
      ),
    );
    expect(problemAt(e, 'personas')).toMatchObject({
      value: 'user:bob@example.com = user:Bob@Example.COM as DATA_SCIENTIST and ML_ENGINEER',
    });
  });

  test('X-02 a user: and a group: of one e-mail are one identity', () => {
    const e = errorOf(() =>
      platform(
        baseProps({
          personas: {
            [Persona.PLATFORM_ADMIN]: ['group:sec@example.com'],
            [Persona.AUDITOR]: ['user:SEC@example.com'],
          },
        }),
      ),
    );
    expect(problemAt(e, 'personas').allowed).toContain(
      'auditors must be independent of the administrators they audit',
    );
  });

  test('X-02 a human persona holding a workload service account spelled in upper case', () => {
    const e = errorOf(() =>
      platform(
        baseProps({
          personas: {
            [Persona.DATA_ENGINEER]: [
              'serviceAccount:Vertex-Training@ACME-ML-PROD.iam.gserviceaccount.com',
            ],
          },
        }),
      ),
    );
    expect(problemAt(e, 'personas').allowed).toContain(
      "no human persona may hold a workload identity's rights",
    );
  });

  test('X-02 an SoD exception applies to the identity however it is spelled', () => {
    expect(() =>
      platform(
        baseProps({
          personas: {
            [Persona.DATA_SCIENTIST]: ['user:bob@example.com'],
            [Persona.ML_ENGINEER]: ['user:bob@example.com'],
          },
          sodExceptions: [
            {
              principal: 'user:BOB@example.com',
              personas: [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER],
              reason: 'two-person sandbox team',
            },
          ],
        }),
      ),
    ).not.toThrow();
  });

  test('X-10 one member twice in a persona (case-insensitive) is a duplicate entry', () => {
    expectCase({
      props: {
        personas: { [Persona.DATA_SCIENTIST]: ['group:ds@example.com', 'group:DS@example.com'] },
      },
      prop: 'personas.DATA_SCIENTIST[1]',
      value: 'group:DS@example.com',
      allowed: 'a member not already given earlier in the list (entry 0)',
    });
  });
});

describe('X-10 GCP tokens: skipped where safe, rejected naming the prop where they form names, never mangled', () => {
  test('X-10 an environment from a TerraformVariable is rejected, not mangled into bucket names', () => {
    const stack = gcpStack();
    const env = new TerraformVariable(stack, 'env', { type: 'string' }).stringValue;
    const e = errorOf(() => platform(baseProps({ environment: env }), stack));
    const p = problemAt(e, 'environment');
    expect(p.value).toBe(env); // the token as is, not lower-cased
    expect(p.allowed).toContain(
      'a literal value known at synth (it is part of every resource name)',
    );
  });

  test('X-10 a region from a variable is rejected (residency and key locations need it)', () => {
    const stack = gcpStack();
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const e = errorOf(() => platform(baseProps({ region: region.stringValue }), stack));
    expect(problemAt(e, 'region').allowed).toContain('a literal value known at synth');
  });

  test('X-10 a label value from a variable is rejected (labels are sanitized at synth)', () => {
    const stack = gcpStack();
    const owner = new TerraformVariable(stack, 'owner', { type: 'string' });
    const e = errorOf(() => platform(baseProps({ tags: { owner: owner.stringValue } }), stack));
    expect(problemAt(e, 'tags.owner').allowed).toContain('labels are checked and written at synth');
  });

  test('X-10 a persona member from a variable is rejected (it forms binding construct ids)', () => {
    const stack = gcpStack();
    const m = new TerraformVariable(stack, 'member', { type: 'string' });
    const e = errorOf(() =>
      platform(baseProps({ personas: { [Persona.MODEL_VIEWER]: [m.stringValue] } }), stack),
    );
    expect(problemAt(e, 'personas.MODEL_VIEWER[0]').allowed).toContain(
      'it forms the construct ids of its bindings',
    );
  });

  test('X-10 a perimeter dry-run switch from a variable is rejected (it decides status or spec)', () => {
    const stack = gcpStack();
    const dry = new TerraformVariable(stack, 'dry', { type: 'bool' });
    const e = errorOf(() =>
      platform(
        baseProps({
          perimeter: { accessPolicyId: '123456789012', dryRun: dry.booleanValue as any },
        }),
        stack,
      ),
    );
    expect(problemAt(e, 'perimeter.dryRun').allowed).toContain(
      'it decides what the construct creates',
    );
  });

  test('X-10 a string token where a number belongs', () => {
    const stack = gcpStack();
    const days = new TerraformVariable(stack, 'days', { type: 'string' });
    const e = errorOf(() =>
      platform(
        baseProps({
          datasets: [{ datasetId: 'features', tableExpirationDays: days.stringValue as any }],
        }),
        stack,
      ),
    );
    expect(e.constructPath).toBe('gcp/ml/dataset-features');
    expect(problemAt(e, 'datasets[0].tableExpirationDays').allowed).toBe(
      'a number (a string token where a number belongs)',
    );
  });

  test('X-10 a project id from a variable is accepted: it reaches attributes only', () => {
    const stack = gcpStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' }).stringValue;
    const p = platform(baseProps({ projectId: project }), stack);
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(p.project.projectId).toBe(project);
  });
});

describe('X-10 GCP duplicate entries are reported as the list prop, not as a construct clash', () => {
  test.each<[string, Case]>([
    [
      'two data buckets with one name',
      {
        props: { dataBuckets: [{ name: 'raw' }, { name: 'raw' }] },
        prop: 'dataBuckets[1]',
        value: '{"name":"raw"}',
        allowed: 'a bucket name not already given earlier in the list (entry 0)',
      },
    ],
    [
      'two data buckets with one bucketName',
      {
        props: {
          dataBuckets: [
            { name: 'a', bucketName: 'acme-raw' },
            { name: 'b', bucketName: 'acme-raw' },
          ],
        },
        prop: 'dataBuckets[1]',
        value: '{"name":"b","bucketName":"acme-raw"}',
        allowed: 'a bucketName not already given earlier in the list (entry 0)',
      },
    ],
    [
      'the pipeline root named like a data bucket',
      {
        props: {
          pipelineRootBucketName: 'acme-raw',
          dataBuckets: [{ name: 'a', bucketName: 'acme-raw' }],
        },
        prop: 'pipelineRootBucketName',
        value: 'acme-raw',
        allowed: "a name other than dataBuckets[0].bucketName's",
      },
    ],
    [
      'two datasets with one id',
      {
        props: { datasets: [{ datasetId: 'f' }, { datasetId: 'f' }] },
        prop: 'datasets[1]',
        value: '{"datasetId":"f"}',
        allowed: 'a dataset id not already given earlier in the list (entry 0)',
      },
    ],
    [
      'two Workbench instances with one name',
      {
        props: {
          workbenchInstances: [
            { name: 'wb-a', owner: 'a@example.com' },
            { name: 'wb-a', owner: 'b@example.com' },
          ],
        },
        prop: 'workbenchInstances[1]',
        value: '{"name":"wb-a","owner":"b@example.com"}',
        allowed: 'an instance name not already given earlier in the list (entry 0)',
      },
    ],
    [
      'two endpoints with one name',
      {
        props: { endpoints: [{ name: 'churn' }, { name: 'churn' }] },
        path: 'gcp/ml/vertex',
        prop: 'endpoints[1]',
        value: '{"name":"churn"}',
        allowed: 'an endpoint name not already given earlier in the list (entry 0)',
      },
    ],
    [
      'one alert e-mail twice in two cases',
      {
        props: { alertEmails: ['oncall@example.com', 'OnCall@example.com'] },
        path: 'gcp/ml/monitoring',
        prop: 'alertEmails[1]',
        value: 'OnCall@example.com',
        allowed: 'an address not already given earlier in the list (entry 0)',
      },
    ],
    [
      'one tag value twice',
      {
        props: { tagValues: ['tagValues/1', 'tagValues/1'] },
        prop: 'tagValues[1]',
        value: 'tagValues/1',
        allowed: 'a tag value not already given earlier in the list (entry 0)',
      },
    ],
    [
      'one federated principal twice',
      {
        props: {
          ciIdentity: {
            federatedPrincipals: [
              'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/attribute.repository/acme/ml',
              'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/attribute.repository/acme/ml',
            ],
          },
        },
        path: 'gcp/ml/ci',
        prop: 'ciIdentity.federatedPrincipals[1]',
        value:
          'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/attribute.repository/acme/ml',
        allowed: 'a principal not already given earlier in the list (entry 0)',
      },
    ],
    [
      'one Kubernetes service account twice',
      {
        props: {
          workloadIdentity: {
            deployment: [
              { namespace: 'serving', kubernetesServiceAccount: 'churn' },
              { namespace: 'serving', kubernetesServiceAccount: 'churn' },
            ],
            identityPoolExists: true,
          },
        },
        path: 'gcp/ml/wi-deployment',
        prop: 'workloadIdentity.deployment[1]',
        value: '{"namespace":"serving","kubernetesServiceAccount":"churn"}',
        allowed: 'a Kubernetes service account not already given earlier in the list (entry 0)',
      },
    ],
    [
      'one Kubernetes service account as trainer and deployer (X-02)',
      {
        props: {
          workloadIdentity: {
            training: [{ namespace: 'ml', kubernetesServiceAccount: 'job' }],
            deployment: [{ namespace: 'ml', kubernetesServiceAccount: 'job' }],
            identityPoolExists: true,
          },
        },
        prop: 'workloadIdentity.deployment[0]',
        value: 'ml/job',
        allowed: 'the identity that trains must not deploy',
      },
    ],
  ])('X-10 %s', (_t, c) => expectCase(c));
});

describe('X-10 GCP networks (GCP-08)', () => {
  test.each<[string, Case]>([
    [
      'a subnet of the whole internet (0.0.0.0/0)',
      {
        props: { network: { subnetCidr: '0.0.0.0/0' } },
        prop: 'network.subnetCidr',
        value: '0.0.0.0/0',
        allowed: 'never 0.0.0.0/0',
      },
    ],
    [
      'a /30 subnet (smaller than the /29 Google Cloud allows)',
      {
        props: { network: { subnetCidr: '10.0.0.0/30' } },
        prop: 'network.subnetCidr',
        value: '10.0.0.0/30',
        allowed: 'a /29 is the smallest subnet',
      },
    ],
    [
      'a /29 subnet for five Workbench instances',
      {
        props: {
          network: { subnetCidr: '10.0.0.0/29' },
          workbenchInstances: ['a', 'b', 'c', 'd', 'e'].map((x) => ({
            name: `wb-${x}x`,
            owner: `${x}@example.com`,
          })),
        },
        prop: 'network.subnetCidr',
        value: '10.0.0.0/29',
        allowed:
          'at least 5 usable addresses for 5 Workbench instance(s) (a /29 has 4 after the 4 Google Cloud reserves)',
      },
    ],
    [
      'host bits set',
      {
        props: { network: { subnetCidr: '10.10.1.0/20' } },
        prop: 'network.subnetCidr',
        value: '10.10.1.0/20',
        allowed: 'did you mean 10.10.0.0/20?',
      },
    ],
    [
      'a link-local subnet',
      {
        props: { network: { subnetCidr: '169.254.0.0/24' } },
        prop: 'network.subnetCidr',
        value: '169.254.0.0/24',
        allowed: 'outside 169.254.0.0/16',
      },
    ],
    [
      'a subnet over the restricted Google APIs VIP',
      {
        props: { network: { subnetCidr: '199.36.153.0/24' } },
        prop: 'network.subnetCidr',
        value: '199.36.153.0/24',
        allowed: '199.36.153.4/30 (restricted.googleapis.com)',
      },
    ],
    [
      'a brought subnetwork in another region than the platform',
      {
        props: {
          network: {
            existingNetworkId: 'projects/host/global/networks/shared',
            existingSubnetworkId: 'projects/host/regions/us-east1/subnetworks/ml',
          },
        },
        prop: 'network.existingSubnetworkId',
        value: 'projects/host/regions/us-east1/subnetworks/ml',
        allowed: 'a subnetwork in the platform region europe-west4',
      },
    ],
    [
      'a subnet range that a brought network would ignore',
      {
        props: {
          network: {
            existingNetworkId: 'projects/host/global/networks/shared',
            existingSubnetworkId: 'projects/host/regions/europe-west4/subnetworks/ml',
            subnetCidr: '10.0.0.0/24',
          },
        },
        prop: 'network.subnetCidr',
        value: '10.0.0.0/24',
        allowed: 'nothing with existingNetworkId',
      },
    ],
    [
      'a network name whose derived firewall names exceed 63 characters',
      {
        props: { network: { networkName: 'ml-platform-network-of-the-research-team' } },
        path: 'gcp/ml/network',
        prop: 'network.networkName',
        value: 'ml-platform-network-of-the-research-team',
        allowed: 'NAME-allow-private-services-egress, are at most 63 characters',
      },
    ],
    [
      'a private service access range smaller than /24',
      {
        props: { network: { privateServiceAccessPrefixLength: 28 } },
        path: 'gcp/ml/network',
        prop: 'network.privateServiceAccessPrefixLength',
        value: '28',
        allowed: 'an integer between 8 and 24',
      },
    ],
  ])('X-10 %s', (_t, c) => expectCase(c));
});

describe('X-03 GCP IAM input', () => {
  test.each<[string, Case]>([
    [
      'allUsers as a persona member',
      {
        props: { personas: { [Persona.MODEL_VIEWER]: ['allUsers'] } },
        prop: 'personas.MODEL_VIEWER[0]',
        value: 'allUsers',
        allowed: 'allUsers and allAuthenticatedUsers are never allowed',
      },
    ],
    [
      'allAuthenticatedUsers as a Vizier viewer',
      {
        props: { vizier: { viewers: ['allAuthenticatedUsers'] } },
        prop: 'vizier.viewers[0]',
        value: 'allAuthenticatedUsers',
        allowed: 'never allowed',
      },
    ],
    [
      'a member prefix in the wrong case',
      {
        props: { personas: { [Persona.AUDITOR]: ['User:eve@example.com'] } },
        prop: 'personas.AUDITOR[0]',
        value: 'User:eve@example.com',
        allowed: 'member prefixes are case-sensitive',
      },
    ],
    [
      'a whole workload identity pool allowed to impersonate the CI service account',
      {
        props: {
          ciIdentity: {
            federatedPrincipals: [
              'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/*',
            ],
          },
        },
        path: 'gcp/ml/ci',
        prop: 'ciIdentity.federatedPrincipals[0]',
        value:
          'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/*',
        allowed:
          'a whole pool (/*) lets every identity it trusts impersonate the CI service account',
      },
    ],
    [
      'a group as a perimeter deployer',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            deployerIdentities: ['group:deployers@example.com'],
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.deployerIdentities[0]',
        value: 'group:deployers@example.com',
        allowed: 'access level members cannot be groups',
      },
    ],
    [
      'an ingress rule admitting any identity from any source',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            dryRun: true,
            ingressRules: [
              {
                title: 'open',
                identityType: 'ANY_IDENTITY',
                sourceAccessLevels: ['*'],
                services: ['storage.googleapis.com'],
              },
            ],
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.ingressRules[0].identityType',
        value: 'ANY_IDENTITY',
        allowed: 'opens the perimeter to everyone',
      },
    ],
    [
      'an egress rule to every project',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            dryRun: true,
            egressRules: [
              {
                title: 'out',
                identityType: 'ANY_SERVICE_ACCOUNT',
                services: ['storage.googleapis.com'],
                targetResources: ['*'],
              },
            ],
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.egressRules[0].targetResources[0]',
        value: '*',
        allowed: "never '*': an egress rule to every project is an open exfiltration path",
      },
    ],
    [
      "'*' in a Private Service Connect allow-list",
      {
        props: {
          endpoints: [{ name: 'churn', privateServiceConnect: true, pscProjectAllowlist: ['*'] }],
        },
        path: 'gcp/ml/vertex',
        prop: 'endpoints[0].pscProjectAllowlist[0]',
        value: '*',
        allowed: "an allow-list names projects; never '*'",
      },
    ],
  ])('X-03 %s', (_t, c) => expectCase(c));
});

describe('X-07 GCP regions and zones against the bundled list', () => {
  test.each<[string, Case]>([
    [
      'a region that does not exist',
      {
        props: { region: 'europe-west99' },
        prop: 'region',
        value: 'europe-west99',
        allowed: 'regions of europe-west: europe-west1, europe-west10',
      },
    ],
    [
      'a region in upper case (region names are lower case)',
      {
        props: { region: 'EUROPE-WEST4' },
        prop: 'region',
        value: 'EUROPE-WEST4',
        allowed: 'did you mean europe-west4?',
      },
    ],
    [
      'a zone where the region belongs',
      {
        props: { region: 'europe-west4-a' },
        prop: 'region',
        value: 'europe-west4-a',
        allowed: 'europe-west4-a is a zone; its region is europe-west4',
      },
    ],
    [
      'a multi-region as the platform region',
      { props: { region: 'EU' }, prop: 'region', value: 'EU', allowed: 'a Google Cloud region' },
    ],
    [
      'an allowed region that does not exist',
      {
        props: { allowedRegions: ['europe-west4', 'europe-east1'] },
        prop: 'allowedRegions[1]',
        value: 'europe-east1',
        allowed: 'a Google Cloud region (e.g. europe-west4) or a multi/dual-region',
      },
    ],
    [
      'a Workbench zone that does not exist',
      {
        props: {
          workbenchInstances: [{ name: 'wb-a', owner: 'a@example.com', zone: 'europe-west4-d' }],
        },
        prop: 'workbenchInstances[0].zone',
        value: 'europe-west4-d',
        allowed: 'zones of europe-west4: europe-west4-a, europe-west4-b, europe-west4-c',
      },
    ],
    [
      'a Workbench zone of another region',
      {
        props: {
          workbenchInstances: [{ name: 'wb-a', owner: 'a@example.com', zone: 'us-central1-a' }],
        },
        prop: 'workbenchInstances[0].zone',
        value: 'us-central1-a',
        allowed: 'a zone of the platform region europe-west4',
      },
    ],
  ])('X-07 %s', (_t, c) => expectCase(c));

  test('X-07 a provider region that does not exist', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(stack, 'google', { region: 'mars-east1' });
    const e = errorOf(() => platform(baseProps(), stack));
    const p = problemAt(e, 'provider.region (gcp/google)');
    expect(p.value).toBe('mars-east1');
    expect(p.allowed).toContain('a Google Cloud region');
  });

  test('X-07 the default Workbench zone is the first zone of the region (europe-west1 has no zone a)', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(stack, 'google', { region: 'europe-west1' });
    const p = platform(
      baseProps({
        region: 'europe-west1',
        workbenchInstances: [{ name: 'wb-a', owner: 'a@example.com' }],
      }),
      stack,
    );
    const json = JSON.parse(Testing.synth(stack));
    const wb = Object.values<any>(json.resource.google_workbench_instance)[0];
    expect(wb.location).toBe('europe-west1-b');
    expect(p.workbenches['wb-a']).toBeDefined();
  });
});

describe('X-10 GCP free-form values that reach the API', () => {
  test.each<[string, Case]>([
    [
      'an audit log retention over 3650 days',
      {
        props: { auditLogRetentionDays: 4000 },
        path: 'gcp/ml/audit',
        prop: 'auditLogRetentionDays',
        value: '4000',
        allowed: 'an integer between 1 and 3650 days',
      },
    ],
    [
      'a rotation period in days instead of seconds',
      {
        props: { encryption: { rotationPeriod: '90d' } },
        path: 'gcp/ml/keys',
        prop: 'encryption.rotationPeriod',
        value: '90d',
        allowed: "a duration between '86400s' (1 day) and '7776000s' (90 days)",
      },
    ],
    [
      'a bucket retention of more than 100 years',
      {
        props: { dataBuckets: [{ name: 'raw', retentionDays: 40000 }] },
        path: 'gcp/ml/data-raw',
        prop: 'dataBuckets[0].retentionDays',
        value: '40000',
        allowed: 'an integer between 1 and 36500 days',
      },
    ],
    [
      'objects expiring before their retention ends',
      {
        props: { dataBuckets: [{ name: 'raw', retentionDays: 30, expireAfterDays: 7 }] },
        path: 'gcp/ml/data-raw',
        prop: 'dataBuckets[0].expireAfterDays',
        value: '7',
        allowed: 'at least retentionDays (30)',
      },
    ],
    [
      'a retention lock without a retention',
      {
        props: { dataBuckets: [{ name: 'raw', lockRetention: true }] },
        path: 'gcp/ml/data-raw',
        prop: 'dataBuckets[0].lockRetention',
        value: 'true',
        allowed: 'false without retentionDays',
      },
    ],
    [
      'a machine type in upper case',
      {
        props: {
          workbenchInstances: [
            { name: 'wb-a', owner: 'a@example.com', machineType: 'E2-STANDARD-4' },
          ],
        },
        path: 'gcp/ml/workbench-wb-a',
        prop: 'workbenchInstances[0].machineType',
        value: 'E2-STANDARD-4',
        allowed: 'machine type names are lower case: e2-standard-4',
      },
    ],
    [
      'a machine type that does not exist',
      {
        props: {
          workbenchInstances: [
            { name: 'wb-a', owner: 'a@example.com', machineType: 'n2-standard-3' },
          ],
        },
        path: 'gcp/ml/workbench-wb-a',
        prop: 'workbenchInstances[0].machineType',
        value: 'n2-standard-3',
        allowed: 'a Compute Engine machine type such as e2-standard-4',
      },
    ],
    [
      'an obsolete machine type',
      {
        props: {
          workbenchInstances: [
            { name: 'wb-a', owner: 'a@example.com', machineType: 'm2-ultramemx-96' },
          ],
        },
        path: 'gcp/ml/workbench-wb-a',
        prop: 'workbenchInstances[0].machineType',
        value: 'm2-ultramemx-96',
        allowed: 'not OBSOLETE',
      },
    ],
    [
      'a table expiration of zero days',
      {
        props: { datasets: [{ datasetId: 'f', tableExpirationDays: 0 }] },
        path: 'gcp/ml/dataset-f',
        prop: 'datasets[0].tableExpirationDays',
        value: '0',
        allowed: 'an integer between 1 and 36500 days',
      },
    ],
    [
      'a CPU alert threshold over 100%',
      {
        props: { alertThresholds: { cpuUtilization: 1.5 } },
        path: 'gcp/ml/monitoring',
        prop: 'alertThresholds.cpuUtilization',
        value: '1.5',
        allowed: 'a number in (0, 1]',
      },
    ],
    [
      'an environment of 21 characters',
      {
        props: { environment: 'production-eu-west-42' },
        prop: 'environment',
        value: 'production-eu-west-42',
        allowed: '1-16 lowercase letters',
      },
    ],
    [
      'an endpoint name in upper case',
      {
        props: { endpoints: [{ name: 'Churn' }] },
        path: 'gcp/ml/vertex',
        prop: 'endpoints[0].name',
        value: 'Churn',
        allowed: 'lowercase letters, digits and hyphens',
      },
    ],
    [
      'a perimeter name over 50 characters',
      {
        props: {
          perimeter: {
            accessPolicyId: '123456789012',
            dryRun: true,
            perimeterName: `p${'x'.repeat(50)}`,
          },
        },
        path: 'gcp/ml/perimeter',
        prop: 'perimeter.perimeterName',
        value: `p${'x'.repeat(50)}`,
        allowed: "1-50 letters, digits and '_'",
      },
    ],
    [
      'a bucket name with "google" in it',
      {
        props: { dataBuckets: [{ name: 'raw', bucketName: 'acme-google-raw' }] },
        path: 'gcp/ml/data-raw',
        prop: 'dataBuckets[0].bucketName',
        value: 'acme-google-raw',
        allowed: 'not starting with "goog" nor containing "google"',
      },
    ],
  ])('X-10 %s', (_t, c) => expectCase(c));

  test('X-10 the default machine type where the region has no E2 (asia-southeast3)', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new GoogleProvider(stack, 'google', { region: 'asia-southeast3' });
    const e = errorOf(() =>
      platform(
        baseProps({
          region: 'asia-southeast3',
          workbenchInstances: [{ name: 'wb-a', owner: 'a@example.com' }],
        }),
        stack,
      ),
    );
    expect(e.constructPath).toBe('gcp/ml/workbench-wb-a');
    expect(problemAt(e, 'workbenchInstances[0].machineType')).toMatchObject({
      value: 'e2-standard-4',
      allowed: 'a machine type offered in asia-southeast3 (no e2 machine types there)',
    });
  });

  test('X-10 two Workbench names that cut to one service account id', () => {
    const e = errorOf(() =>
      platform(
        baseProps({
          workbenchInstances: [
            { name: 'research-notebook-experiment-1', owner: 'a@example.com' },
            { name: 'research-notebook-experiment-2', owner: 'b@example.com' },
          ],
        }),
      ),
    );
    expect(e.constructPath).toBe('gcp/ml/workbench-research-notebook-experiment-2');
    const p = problemAt(e, 'workbenchInstances[1].name');
    expect(p.value).toBe('wb-research-notebook-experimen');
    expect(p.allowed).toContain(
      'not already created in project acme-ml-prod by gcp/ml/workbench-research-notebook-experiment-1',
    );
  });
});

describe('X-10 GCP provider', () => {
  test('X-10 no GoogleProvider in the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    const e = errorOf(() => platform(baseProps(), stack));
    expect(problemAt(e, 'provider')).toMatchObject({
      value: 'no GoogleProvider in stack gcp',
      allowed: expect.stringContaining('No GoogleProvider in scope'),
    });
  });

  test('X-10 an AwsProvider only: the missing GoogleProvider, not a residency error about eu-west-1', () => {
    const stack = new TerraformStack(Testing.app(), 'gcp');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const e = errorOf(() => platform(baseProps(), stack));
    expect(e.problems.map((p) => p.prop)).toEqual(['provider']);
    expect(e.message).not.toContain('eu-west-1');
  });

  test('X-10 a betaProvider that is not a GoogleBetaProvider', () => {
    expectCase({
      props: { betaProvider: { region: 'europe-west4' } },
      prop: 'betaProvider',
      value: '{"region":"europe-west4"}',
      allowed: 'a GoogleBetaProvider',
    });
  });
});
