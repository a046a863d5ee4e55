// One production Vertex AI MLOps platform (s000, s001, s002), built with SecureVertexPipeline.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { App, GcsBackend, TerraformStack } from 'cdktf';
import { Compliance, Persona } from '../lib/core';
import { GcpMlopsChecks, SecureVertexPipeline } from '../lib/gcp';

const PROJECT = 'acme-ml-prod-111111';
const REGION = 'europe-west4';
/**
 * The organisation's VPC Service Controls access policy (fake id). The examples are separate
 * organisations: in one organisation (and one app) the perimeter names and the custom
 * constraints below would be shared or collide (README, "What is validated").
 */
const ACCESS_POLICY = '222222222222';
/** The organisation (fake id): custom org-policy constraints are defined there. */
const ORGANIZATION = '222222222221';
/** The identity that runs Terraform for this project (admitted through the perimeter). */
const DEPLOYER = 'serviceAccount:terraform@acme-seed-111111.iam.gserviceaccount.com';
/** Workload identity federation pool of the CI system (fake project number). */
const CI_PRINCIPALS = [
  'principalSet://iam.googleapis.com/projects/111111111111/locations/global/workloadIdentityPools/github/attribute.repository/acme/ml-pipelines',
];

/** A production platform in europe-west4: CMEK everywhere, private network, perimeter, personas, guardrails. */
export function gcpVertexExample(app: App): TerraformStack[] {
  const stack = new TerraformStack(app, 'gcp-vertex');
  // Remote state in a CMEK-encrypted GCS bucket of the state project.
  new GcsBackend(stack, {
    bucket: 'acme-tfstate-111111',
    prefix: 'gcp-vertex/prod',
    kmsEncryptionKey:
      'projects/acme-tfstate-111111/locations/europe-west4/keyRings/tfstate/cryptoKeys/state',
  });
  // Provider default labels where the provider has them; the construct adds the platform labels too.
  new GoogleProvider(stack, 'google', {
    project: PROJECT,
    region: REGION,
    defaultLabels: { 'managed-by': 'cdktf', 'cost-center': 'ml-1234' },
  });
  // google-beta: service identities and the Vertex AI metadata store (GCP-05, GCP-06).
  new GoogleBetaProvider(stack, 'google-beta', { project: PROJECT, region: REGION });

  // The serving GKE cluster (Workload Identity on) is created by the serving team's stack, applied
  // before this one: reading it here makes a missing cluster fail at plan, and the Workload
  // Identity bindings wait for it (the PROJECT.svc.id.goog pool exists only with a cluster).
  const servingCluster = new DataGoogleContainerCluster(stack, 'serving-cluster', {
    project: PROJECT,
    location: REGION,
    name: 'ml-serving',
  });

  new SecureVertexPipeline(stack, 'ml-platform', {
    environment: 'prod',
    projectId: PROJECT,
    region: REGION,
    allowedRegions: [REGION],
    organizationId: ORGANIZATION,
    perimeter: {
      accessPolicyId: ACCESS_POLICY,
      // Roll out with dryRun: true first, read the violations, then flip to false (README,
      // "Applying on a fresh project"). Enforced, the perimeter is created after everything inside.
      dryRun: false,
      deployerIdentities: [DEPLOYER],
      accessLevels: [`accessPolicies/${ACCESS_POLICY}/accessLevels/corp_devices`],
      ingressRules: [
        {
          title: 'CI deploys pipelines',
          identities: ['serviceAccount:mlops-ci@acme-ml-prod-111111.iam.gserviceaccount.com'],
          // CI runs outside Google Cloud (workload identity federation): any source, this identity only
          sourceAccessLevels: ['*'],
          services: [
            'aiplatform.googleapis.com',
            'artifactregistry.googleapis.com',
            'storage.googleapis.com',
          ],
        },
      ],
    },
    personas: {
      [Persona.PLATFORM_ADMIN]: ['group:ml-platform-admins@acme.example'],
      [Persona.ML_ENGINEER]: ['group:ml-engineers@acme.example'],
      // groups only: people join and leave groups, not IAM policies (GCP-03.groups)
      [Persona.DATA_SCIENTIST]: ['group:data-scientists@acme.example'],
      [Persona.DATA_ENGINEER]: ['group:data-engineers@acme.example'],
      [Persona.MODEL_VIEWER]: ['group:ml-business-viewers@acme.example'],
      [Persona.AUDITOR]: ['group:security-auditors@acme.example'],
    },
    vizier: {
      developers: ['group:data-scientists@acme.example'],
      viewers: ['group:ml-business-viewers@acme.example'],
    },
    dataBuckets: [
      { name: 'training-data', expireAfterDays: 365 },
      { name: 'inference-logs', expireAfterDays: 90 },
    ],
    datasets: [{ datasetId: 'features' }, { datasetId: 'monitoring', tableExpirationDays: 90 }],
    endpoints: [{ name: 'churn-model' }],
    workbenchInstances: [{ name: 'alice-workbench', owner: 'alice@acme.example' }],
    alertEmails: ['ml-oncall@acme.example'],
    workloadIdentity: {
      // the churn model's release job (it deploys the approved version); the serving pods and
      // the endpoint's clients use identities of their own
      deployment: [{ namespace: 'serving', kubernetesServiceAccount: 'churn-model' }],
      clusters: [servingCluster],
    },
    sensitiveDataProtection: true,
    ciIdentity: { federatedPrincipals: CI_PRINCIPALS },
    tags: { owner: 'ml-platform', costCenter: 'ml-1234', dataClassification: 'confidential' },
  });

  Compliance.of(app).addPack(new GcpMlopsChecks());
  return [stack];
}
