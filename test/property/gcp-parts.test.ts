// Property tests (issue 13) over the main exported GCP parts used alone: random bad input gives
// a clean synth (no ERROR finding of GcpMlopsChecks) or a ValidationError naming props; never
// a TypeError. Each part is built next to the project whose APIs it waits for.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { RemovalPolicy } from '../../lib/core/removal-policy';
import {
  CmekKeys,
  CmekKeysProps,
  GcpArtifactRegistry,
  GcpArtifactRegistryProps,
  GcpAuditLogging,
  GcpAuditLoggingProps,
  GcpBigQueryDataset,
  GcpBigQueryDatasetProps,
  GcpMlopsChecks,
  GcpMonitoring,
  GcpMonitoringProps,
  GcpOrgPolicies,
  GcpOrgPoliciesProps,
  GcpPrivateNetwork,
  GcpPrivateNetworkProps,
  GcpProject,
  GcpRoleCatalogue,
  GcpSecureBucket,
  GcpSecureBucketProps,
  GcpServiceAccounts,
  GcpServiceAccountsProps,
  GcpWorkbenchInstance,
  GcpWorkbenchInstanceProps,
  ServicePerimeter,
  ServicePerimeterProps,
} from '../../lib/gcp';
import { PropertySubject, assertNoSilentBadInput, baselineOutcome } from './harness';
import { realisticTokens } from './gcp-tokens';

const PROJECT = 'acme-ml-parts';
const REGION = 'europe-west4';
const KEY = `projects/${PROJECT}/locations/${REGION}/keyRings/ring/cryptoKeys/key`;
const RUNS = 40;

/** A stack with the providers and the project (its APIs enabled); the part waits for the APIs. */
function stackFor(app: App): { stack: TerraformStack; project: GcpProject } {
  const stack = new TerraformStack(app, 'part');
  new GoogleProvider(stack, 'google', { project: PROJECT, region: REGION });
  new GoogleBetaProvider(stack, 'google-beta', { project: PROJECT, region: REGION });
  const project = new GcpProject(stack, 'project', { projectId: PROJECT });
  return { stack, project };
}

function subject<P>(
  baseline: () => P,
  make: (stack: TerraformStack, project: GcpProject, props: P) => void,
  frozen?: string[],
): PropertySubject<P> {
  return {
    baseline,
    frozen,
    build: (app, props) => {
      const { stack, project } = stackFor(app);
      make(stack, project, realisticTokens(props));
      return [stack];
    },
    packs: () => [new GcpMlopsChecks()],
  };
}

const subjects: { [name: string]: PropertySubject<any> } = {
  GcpPrivateNetwork: subject<GcpPrivateNetworkProps>(
    () => ({
      projectId: PROJECT,
      region: REGION,
      networkName: 'ml-net',
      subnetCidr: '10.30.0.0/24',
      privateServiceAccessPrefixLength: 20,
      restrictedGoogleApis: true,
      iapSshTargetServiceAccounts: [`wb-a@${PROJECT}.iam.gserviceaccount.com`],
      cloudNat: true,
      flowLogSampling: 0.5,
    }),
    (stack, project, props) =>
      new GcpPrivateNetwork(stack, 'network', { ...props, dependsOn: project.apiDependencies }),
  ),
  CmekKeys: subject<CmekKeysProps>(
    () => ({
      projectId: PROJECT,
      location: REGION,
      keyRingName: 'ring-a',
      rotationPeriod: '7776000s',
      existingKeys: { LOGGING: KEY },
      grantOnExistingKeys: false,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new CmekKeys(stack, 'keys', { ...props, dependsOn: project.api('cloudkms.googleapis.com') }),
  ),
  GcpSecureBucket: subject<GcpSecureBucketProps>(
    () => ({
      projectId: PROJECT,
      location: REGION,
      kmsKeyName: KEY,
      bucketName: 'acme-ml-parts-data',
      accessLogBucket: 'acme-ml-parts-logs',
      expireAfterDays: 400,
      noncurrentVersionDays: 30,
      retentionDays: 30,
      lockRetention: false,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new GcpSecureBucket(stack, 'bucket', {
        ...props,
        dependsOn: project.api('storage.googleapis.com'),
      }),
  ),
  ServicePerimeter: subject<ServicePerimeterProps>(
    () => ({
      accessPolicyId: '123456789012',
      perimeterName: 'mlops_parts',
      projectResources: ['projects/111111111111'],
      dryRun: false,
      deployerIdentities: ['serviceAccount:tf@acme-seed.iam.gserviceaccount.com'],
      accessLevels: ['accessPolicies/123456789012/accessLevels/corp'],
      // dlp, and every supported service the project enables (GCP-07.enabled-services)
      additionalRestrictedServices: [
        'dlp.googleapis.com',
        'cloudresourcemanager.googleapis.com',
        'compute.googleapis.com',
        'dns.googleapis.com',
        'iam.googleapis.com',
        'orgpolicy.googleapis.com',
        'servicenetworking.googleapis.com',
      ],
      ingressRules: [
        {
          title: 'ci',
          identities: ['serviceAccount:ci@acme-seed.iam.gserviceaccount.com'],
          sourceResources: ['projects/222222222222'],
          services: ['aiplatform.googleapis.com'],
        },
      ],
      egressRules: [
        {
          title: 'out',
          identityType: 'ANY_SERVICE_ACCOUNT',
          services: ['storage.googleapis.com'],
          targetResources: ['projects/333333333333'],
        },
      ],
    }),
    (stack, project, props) =>
      new ServicePerimeter(stack, 'perimeter', { ...props, dependsOn: project.apiDependencies }),
  ),
  GcpServiceAccounts: subject<GcpServiceAccountsProps>(
    () => ({
      projectId: PROJECT,
      accountIds: { pipeline: 'ml-pipeline', training: 'ml-training' },
      displayNamePrefix: 'Parts',
    }),
    (stack, project, props) => {
      // the roles can create Vertex AI jobs: the organization's job-service-account constraints (GCP-01)
      new GcpOrgPolicies(stack, 'org-policies', {
        projectId: PROJECT,
        allowedLocations: [REGION],
        constraints: ['iam.disableServiceAccountKeyCreation'],
        organizationId: '123456789012',
        dependsOn: project.api('orgpolicy.googleapis.com'),
      });
      const iam = project.api('iam.googleapis.com');
      const roles = new GcpRoleCatalogue(stack, 'roles', { projectId: PROJECT, dependsOn: iam });
      new GcpServiceAccounts(stack, 'sas', { ...props, roleCatalogue: roles, dependsOn: iam });
    },
  ),
  GcpWorkbenchInstance: subject<GcpWorkbenchInstanceProps>(
    () => ({
      projectId: PROJECT,
      zone: `${REGION}-b`,
      instanceName: 'ana-notebook',
      owner: 'ana@example.com',
      network: `projects/${PROJECT}/global/networks/ml`,
      subnetwork: `projects/${PROJECT}/regions/${REGION}/subnetworks/ml`,
      kmsKeyName: KEY,
      machineType: 'n2-standard-8',
      disableDownloads: true,
      disableTerminal: true,
      admins: ['group:admins@example.com'],
      idleShutdownMinutes: 120,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new GcpWorkbenchInstance(stack, 'wb', { ...props, dependsOn: project.apiDependencies }),
  ),
  GcpMonitoring: subject<GcpMonitoringProps>(
    () => ({
      projectId: PROJECT,
      emails: ['oncall@example.com'],
      existingChannels: [`projects/${PROJECT}/notificationChannels/123`],
      thresholds: { latencyMs: 800, errorsPerMinute: 2, cpuUtilization: 0.9 },
      displayNamePrefix: 'Parts',
    }),
    (stack, project, props) =>
      new GcpMonitoring(stack, 'monitoring', {
        ...props,
        dependsOn: project.api('monitoring.googleapis.com'),
      }),
  ),
  GcpOrgPolicies: subject<GcpOrgPoliciesProps>(
    () => ({
      projectId: PROJECT,
      allowedLocations: [REGION, 'EU'],
      exclude: ['compute.requireOsLogin'],
      organizationId: '123456789012',
      workbenchNetworks: [`under:projects/${PROJECT}`],
      dryRun: false,
    }),
    (stack, project, props) => {
      const policies = new GcpOrgPolicies(stack, 'org-policies', {
        ...props,
        dependsOn: project.api('orgpolicy.googleapis.com'),
      });
      // the default compute SA's guard lands before the Compute API (GCP-01.default-sa-guard)
      // and after its settle wait
      policies.guardComputeApi(stack, project);
    },
  ),
  GcpBigQueryDataset: subject<GcpBigQueryDatasetProps>(
    () => ({
      projectId: PROJECT,
      datasetId: 'features',
      location: REGION,
      kmsKeyName: KEY,
      tableExpirationDays: 30,
      description: 'features',
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new GcpBigQueryDataset(stack, 'dataset', {
        ...props,
        dependsOn: project.api('bigquery.googleapis.com'),
      }),
  ),
  GcpArtifactRegistry: subject<GcpArtifactRegistryProps>(
    () => ({
      projectId: PROJECT,
      location: REGION,
      kmsKeyName: KEY,
      dockerRepositoryId: 'images',
      kfpRepositoryId: 'templates',
      keepRecentVersions: 5,
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new GcpArtifactRegistry(stack, 'registry', {
        ...props,
        dependsOn: project.api('artifactregistry.googleapis.com'),
      }),
  ),
  GcpAuditLogging: subject<GcpAuditLoggingProps>(
    () => ({
      projectId: PROJECT,
      location: REGION,
      kmsKeyName: KEY,
      retentionDays: 400,
      locked: true,
      bucketId: 'audit',
      removalPolicy: RemovalPolicy.RETAIN,
    }),
    (stack, project, props) =>
      new GcpAuditLogging(stack, 'audit', {
        ...props,
        dependsOn: project.api('logging.googleapis.com'),
        apiDependsOn: project.api('logging.googleapis.com'),
      }),
    // an unlocked log bucket is a documented choice that the pack reports (GCP-10.log-bucket)
    ['locked'],
  ),
};

describe.each(Object.entries(subjects))('X-10 property: bad input to %s', (_name, s) => {
  test('X-10 the baseline synthesizes with no ERROR finding', () => {
    expect(baselineOutcome(s)).toEqual({ kind: 'ok' });
  });

  test('X-10 random mutations give a clean synth or a ValidationError naming props', () => {
    assertNoSilentBadInput(s, RUNS);
  });
});
