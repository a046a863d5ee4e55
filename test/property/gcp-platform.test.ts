// Property test (issue 13): random bad input to SecureVertexPipeline gives a clean synth (no
// ERROR finding of GcpMlopsChecks) or a ValidationError naming props; never a TypeError.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Persona } from '../../lib/core/personas';
import { RemovalPolicy } from '../../lib/core/removal-policy';
import { GcpMlopsChecks, SecureVertexPipeline, SecureVertexPipelineProps } from '../../lib/gcp';
import { PropertySubject, assertNoSilentBadInput, baselineOutcome } from './harness';
import { realisticTokens } from './gcp-tokens';

const PROJECT = 'acme-ml-prop';
const REGION = 'europe-west4';

/** A platform with most options on, so most props have a value to mutate. */
function baseline(): SecureVertexPipelineProps {
  return {
    environment: 'prop',
    projectId: PROJECT,
    region: REGION,
    allowedRegions: [REGION, 'EU'],
    organizationId: '123456789012',
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: { rotationPeriod: '2592000s', keyRingName: 'mlops-prop' },
    network: { subnetCidr: '10.20.0.0/22', cloudNat: false, privateServiceAccessPrefixLength: 20 },
    perimeter: {
      accessPolicyId: '123456789012',
      dryRun: true,
      deployerIdentities: ['serviceAccount:terraform@acme-seed.iam.gserviceaccount.com'],
      accessLevels: ['accessPolicies/123456789012/accessLevels/corp'],
      ingressRules: [
        {
          title: 'ci',
          identities: ['serviceAccount:ci@acme-seed.iam.gserviceaccount.com'],
          sourceAccessLevels: ['*'],
          services: ['aiplatform.googleapis.com'],
        },
      ],
      egressRules: [
        {
          title: 'shared data',
          identityType: 'ANY_SERVICE_ACCOUNT',
          services: ['storage.googleapis.com'],
          targetResources: ['projects/222222222222'],
        },
      ],
    },
    personas: {
      [Persona.DATA_SCIENTIST]: ['group:ds@example.com', 'group:ds2@example.com'],
      [Persona.ML_ENGINEER]: ['group:mle@example.com'],
      [Persona.PLATFORM_ADMIN]: ['group:admins@example.com'],
      [Persona.AUDITOR]: ['group:auditors@example.com'],
    },
    dataBuckets: [
      { name: 'training-data', expireAfterDays: 365, retentionDays: 30 },
      { name: 'features', bucketName: 'acme-ml-prop-features' },
    ],
    datasets: [{ datasetId: 'features', tableExpirationDays: 90 }],
    endpoints: [{ name: 'churn' }, { name: 'fraud', privateServiceConnect: true }],
    workbenchInstances: [
      {
        name: 'ana-wb',
        owner: 'ana@example.com',
        zone: 'europe-west4-b',
        machineType: 'n2-standard-4',
      },
    ],
    alertEmails: ['oncall@example.com'],
    alertThresholds: { latencyMs: 500, errorsPerMinute: 3, cpuUtilization: 0.7 },
    auditLogRetentionDays: 400,
    serviceAccountIds: { training: 'vertex-train' },
    vizier: { developers: ['group:ds@example.com'] },
    ciIdentity: {
      federatedPrincipals: [
        'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/attribute.repository/acme/ml',
      ],
    },
    workloadIdentity: {
      deployment: [{ namespace: 'serving', kubernetesServiceAccount: 'churn' }],
      identityPoolExists: true,
    },
    tags: { owner: 'ml-team', costCenter: 'cc-1', extra: { team: 'ml' } },
    tagValues: ['tagValues/123456'],
    orgPolicyExclusions: ['compute.requireOsLogin'],
  };
}

const subject: PropertySubject<SecureVertexPipelineProps> = {
  baseline,
  build: (app: App, props) => {
    const stack = new TerraformStack(app, 'gcp');
    new GoogleProvider(stack, 'google', { project: PROJECT, region: REGION });
    new GoogleBetaProvider(stack, 'google-beta', { project: PROJECT, region: REGION });
    new SecureVertexPipeline(stack, 'ml', realisticTokens(props));
    return [stack];
  },
  packs: () => [new GcpMlopsChecks()],
  // Without organizationId, or with orgPolicies off, the platform has no job-service-account
  // constraints: a documented choice (the organization sets them) that the pack reports as an
  // ERROR (GCP-01.custom-code-agent), so a clean synth is not expected there. Their bad values are
  // hand-written cases in test/gcp/bad-input.test.ts.
  frozen: ['organizationId', 'orgPolicies'],
};

describe('X-10 property: bad input to SecureVertexPipeline never passes silently', () => {
  test('X-10 the baseline synthesizes with no ERROR finding', () => {
    expect(baselineOutcome(subject)).toEqual({ kind: 'ok' });
  });

  test('X-10 random mutations give a clean synth or a ValidationError naming props', () => {
    assertNoSilentBadInput(subject, 50);
  });
});
