import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource, Token, dependable } from 'cdktf';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { TagsTagBinding } from '@cdktf/provider-google/lib/tags-tag-binding';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Validator, requireProps } from '../core/errors';
import { lightStackTraces } from '../core/stack-traces';
import { GcpValidate } from './validate';
import { Persona, PersonaBinding, PersonaModel, SodException } from '../core/personas';
import { PlatformTags, Tagging } from '../core/tags';
import './profile';
import { DataResidency, normalizeLocation } from '../core/residency';
import { RemovalPolicy } from '../core/removal-policy';
import { Compliance } from '../core/compliance/compliance';
import { GcpArtifactRegistry } from './artifact-registry';
import { GcpAuditLogging } from './audit';
import { GcpBigQueryDataset } from './bigquery';
import { GcpCiIdentity } from './ci-identity';
import { CmekKeys, CmekPurpose } from './cmek';
import { memberId, timeProvider } from './common';
import { zonesOf } from './locations';
import {
  rejectToken,
  checkBoolean,
  GCP_PRINCIPALS,
  KMS_KEY_ID,
  asPlatformProps,
  checkDuplicates,
  checkGoogleProvider,
  checkKnownKeys,
  checkList,
  checkLocation,
  checkMembers,
  checkObjectList,
  checkPattern,
  checkProjectId,
  checkRegion,
  checkRemovalPolicy,
  checkSubnetRange,
  checkZone,
  claim,
  literal,
  under,
  unresolved,
} from './validation';
import { GcpAlertThresholds, GcpMonitoring } from './monitoring';
import { GcpPrivateNetwork } from './network';
import { GcpOrgPolicies } from './org-policies';
import { GcpPerimeterEgressRule, GcpPerimeterIngressRule, ServicePerimeter } from './perimeter';
import { GcpProject, GcpProjectCreationProps } from './project';
import { GcpCustomRole, GcpRoleCatalogue } from './role-catalogue';
import { GcpSecureBucket } from './secure-bucket';
import { GcpSensitiveDataProtection } from './sensitive-data';
import { GcpServiceAccountIds, GcpServiceAccounts } from './service-accounts';
import { GcpServiceAgent, GcpServiceAgents } from './service-agents';
import {
  KMS_ENCRYPTER_DECRYPTER,
  PLATFORM_APIS,
  REQUIRED_RESTRICTED_SERVICES,
  VPC_SC_SUPPORTED_SERVICES,
} from './defaults';
import { GcpEndpointSpec, GcpVertexResources } from './vertex';
import { GcpWorkbenchInstance } from './workbench';
import { GcpKubernetesBinding, GcpWorkloadIdentity } from './workload-identity';

/** Encryption options of the platform (X-04, GCP-06). */
export interface GcpEncryptionOptions {
  /**
   * Key ring name.
   * @default - a unique name
   */
  readonly keyRingName?: string;
  /**
   * Existing key ring id to create the keys in.
   * @default - a key ring is created
   */
  readonly existingKeyRingId?: string;
  /**
   * Existing keys by CmekPurpose value (STORAGE, BIGQUERY, VERTEX_AI, ARTIFACT_REGISTRY, COMPUTE, LOGGING).
   * @default - keys are created
   */
  readonly existingKeys?: { [purpose: string]: string };
  /**
   * Rotation period (at most 90 days).
   * @default '7776000s'
   */
  readonly rotationPeriod?: string;
}

/** Network options of the platform (X-05, GCP-08). */
export interface GcpNetworkOptions {
  /**
   * Existing network id (projects/P/global/networks/N) instead of creating one.
   * @default - a private network is created
   */
  readonly existingNetworkId?: string;
  /**
   * Existing subnetwork id (projects/P/regions/R/subnetworks/S); required with existingNetworkId.
   * @default - created
   */
  readonly existingSubnetworkId?: string;
  /**
   * Name of a created network; the names of its subnet, firewalls, routes and DNS zones derive
   * from it (two platforms in one project need different names).
   * @default 'mlops-vpc'
   */
  readonly networkName?: string;
  /**
   * Subnet range of a created network.
   * @default '10.10.0.0/20'
   */
  readonly subnetCidr?: string;
  /**
   * Cloud NAT.
   * @default false
   */
  readonly cloudNat?: boolean;
  /**
   * Private service access range prefix length.
   * @default 16
   */
  readonly privateServiceAccessPrefixLength?: number;
}

/** VPC Service Controls options (GCP-07). */
export interface GcpPerimeterOptions {
  /** Access policy id (digits). */
  readonly accessPolicyId: string;
  /**
   * Perimeter name.
   * @default - 'mlops_' + the environment
   */
  readonly perimeterName?: string;
  /**
   * Dry-run (true) or enforced (false).
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Access levels admitted.
   * @default - none
   */
  readonly accessLevels?: string[];
  /**
   * The identities that run Terraform for this platform (serviceAccount: or user:), admitted
   * through an access level of their own. Required when the perimeter is enforced.
   * @default - none (dry-run only)
   */
  readonly deployerIdentities?: string[];
  /**
   * Ingress rules (each needs identities and sources).
   * @default - none
   */
  readonly ingressRules?: GcpPerimeterIngressRule[];
  /**
   * Egress rules.
   * @default - none
   */
  readonly egressRules?: GcpPerimeterEgressRule[];
  /**
   * Extra restricted services (every VPC-SC-supported service the platform enables is
   * restricted already).
   * @default - none
   */
  readonly additionalRestrictedServices?: string[];
}

/** A data bucket (GCP-12). */
export interface GcpDataBucketSpec {
  /** Logical name (construct id; keep stable). */
  readonly name: string;
  /**
   * Bucket name.
   * @default - a unique name
   */
  readonly bucketName?: string;
  /**
   * Location (must be allowed; a multi-region needs kmsKeyName in that multi-region).
   * @default - the platform region
   */
  readonly location?: string;
  /**
   * CMEK key id in the bucket's location.
   * @default - the platform STORAGE key
   */
  readonly kmsKeyName?: string;
  /**
   * Delete objects after this many days.
   * @default - kept
   */
  readonly expireAfterDays?: number;
  /**
   * Retention policy, days.
   * @default - none
   */
  readonly retentionDays?: number;
  /**
   * Lock the retention policy.
   * @default false
   */
  readonly lockRetention?: boolean;
}

/** A BigQuery dataset. */
export interface GcpDatasetSpec {
  /** Dataset id (construct id; keep stable). */
  readonly datasetId: string;
  /**
   * Location.
   * @default - the platform region
   */
  readonly location?: string;
  /**
   * CMEK key id in the dataset's location.
   * @default - the platform BIGQUERY key
   */
  readonly kmsKeyName?: string;
  /**
   * Default table expiration, days.
   * @default - none
   */
  readonly tableExpirationDays?: number;
}

/** A Workbench instance (GCP-09). */
export interface GcpWorkbenchSpec {
  /** Instance name (construct id; keep stable). */
  readonly name: string;
  /** Owner's e-mail. */
  readonly owner: string;
  /**
   * Zone.
   * @default - '<region>-a'
   */
  readonly zone?: string;
  /**
   * Machine type.
   * @default 'e2-standard-4'
   */
  readonly machineType?: string;
  /**
   * Disable downloads.
   * @default true
   */
  readonly disableDownloads?: boolean;
  /**
   * Disable the terminal.
   * @default true
   */
  readonly disableTerminal?: boolean;
}

/** Vizier access (GCP-04). */
export interface GcpVizierAccess {
  /**
   * Vizier administrators.
   * @default - none
   */
  readonly admins?: string[];
  /**
   * Vizier developers.
   * @default - none
   */
  readonly developers?: string[];
  /**
   * Vizier viewers.
   * @default - none
   */
  readonly viewers?: string[];
  /**
   * Use the predefined roles/ml.admin, roles/ml.developer, roles/ml.viewer (which also grant
   * AI Platform Training and Prediction) instead of the Vizier-only custom roles.
   * @default false
   */
  readonly usePredefinedRoles?: boolean;
}

/** Workload Identity bindings (GCP-17). */
export interface GcpWorkloadIdentityOptions {
  /**
   * KSAs acting as the training SA.
   * @default - none
   */
  readonly training?: GcpKubernetesBinding[];
  /**
   * KSAs acting as the deployment (serving) SA.
   * @default - none
   */
  readonly deployment?: GcpKubernetesBinding[];
  /**
   * The GKE cluster(s) with Workload Identity in the platform project, as `google_container_cluster`
   * resources or data sources: they create the workload identity pool (PROJECT.svc.id.goog), and
   * the bindings wait for them. Give this or identityPoolExists.
   * @default - none
   */
  readonly clusters?: ITerraformDependable[];
  /**
   * States that the project's workload identity pool already exists (a GKE cluster with
   * Workload Identity was created before this apply).
   * @default false
   */
  readonly identityPoolExists?: boolean;
}

/** CI/CD identity options (GCP-19). */
export interface GcpCiIdentityOptions {
  /**
   * Account id.
   * @default 'mlops-ci'
   */
  readonly accountId?: string;
  /**
   * Federated principals (principalSet://iam.googleapis.com/...) allowed to impersonate it.
   * @default - none
   */
  readonly federatedPrincipals?: string[];
  /**
   * Let Cloud Build use it.
   * @default false
   */
  readonly cloudBuild?: boolean;
}

/** Props of {@link SecureVertexPipeline}. */
export interface SecureVertexPipelineProps {
  /** Environment name (dev, staging, prod...). */
  readonly environment: string;
  /** Project id (existing, or created with createProject). */
  readonly projectId: string;
  /** Platform region, e.g. europe-west4. */
  readonly region: string;
  /**
   * Regions (and explicitly, multi-regions such as EU) resources may live in.
   * @default - [region]
   */
  readonly allowedRegions?: string[];
  /**
   * Create the project under a folder with billing.
   * @default - the project exists
   */
  readonly createProject?: GcpProjectCreationProps;
  /**
   * CMEK options.
   * @default - a key ring and one key per purpose are created
   */
  readonly encryption?: GcpEncryptionOptions;
  /**
   * Network options.
   * @default - a private network is created
   */
  readonly network?: GcpNetworkOptions;
  /**
   * VPC Service Controls perimeter; on when given.
   * @default - no perimeter (needs an access policy and organisation-level rights)
   */
  readonly perimeter?: GcpPerimeterOptions;
  /**
   * Persona -> members (user:, group:, serviceAccount:), human personas only.
   * @default - no human bindings
   */
  readonly personas?: { [persona: string]: string[] };
  /**
   * Explicit segregation-of-duties exceptions.
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /**
   * Data buckets.
   * @default - one bucket named 'training-data'
   */
  readonly dataBuckets?: GcpDataBucketSpec[];
  /**
   * BigQuery datasets.
   * @default - none
   */
  readonly datasets?: GcpDatasetSpec[];
  /**
   * Pipeline root bucket name.
   * @default - a unique name
   */
  readonly pipelineRootBucketName?: string;
  /**
   * Create the Artifact Registry repositories (Docker + KFP).
   * @default true
   */
  readonly artifactRegistry?: boolean;
  /**
   * Create a Tensorboard.
   * @default true
   */
  readonly tensorboard?: boolean;
  /**
   * Create the CMEK metadata store.
   * @default true
   */
  readonly metadataStore?: boolean;
  /**
   * Private endpoints.
   * @default - none
   */
  readonly endpoints?: GcpEndpointSpec[];
  /**
   * Workbench instances.
   * @default - none
   */
  readonly workbenchInstances?: GcpWorkbenchSpec[];
  /**
   * Alert e-mails (notification channels).
   * @default - none
   */
  readonly alertEmails?: string[];
  /**
   * Existing notification channels.
   * @default - none
   */
  readonly alertChannels?: string[];
  /**
   * Alert thresholds.
   * @default - see GcpAlertThresholds
   */
  readonly alertThresholds?: GcpAlertThresholds;
  /**
   * Org-policy guardrails (needs roles/orgpolicy.policyAdmin at organisation or folder).
   * @default true
   */
  readonly orgPolicies?: boolean;
  /**
   * Guardrail constraints to leave out (e.g. one another stack of the same project owns).
   * @default - none
   */
  readonly orgPolicyExclusions?: string[];
  /**
   * Organization id (digits): defines the custom constraints that make Vertex AI custom and
   * tuning jobs name a service account (no code runs as the Custom Code Service Agent, GCP-01).
   * @default - no custom constraints (rule GCP-01.custom-code-agent reports it)
   */
  readonly organizationId?: string;
  /**
   * Audit log bucket retention, days.
   * @default 400
   */
  readonly auditLogRetentionDays?: number;
  /**
   * Existing audit sink destination (central logging).
   * @default - a CMEK, locked log bucket
   */
  readonly auditLogDestination?: string;
  /**
   * Workload service account ids.
   * @default - vertex-pipeline, vertex-training, vertex-deployment, vertex-monitoring
   */
  readonly serviceAccountIds?: GcpServiceAccountIds;
  /**
   * Vizier access.
   * @default - none
   */
  readonly vizier?: GcpVizierAccess;
  /**
   * Workload Identity for GKE workloads.
   * @default - none
   */
  readonly workloadIdentity?: GcpWorkloadIdentityOptions;
  /**
   * Sensitive Data Protection scans of the data buckets.
   * @default false
   */
  readonly sensitiveDataProtection?: boolean;
  /**
   * CI/CD identity.
   * @default - none
   */
  readonly ciIdentity?: GcpCiIdentityOptions;
  /**
   * Tags, written as GCP labels (keys and values must be valid labels: lowercase letters, digits, "_" and "-").
   * @default - platform tags from the construct id and environment
   */
  readonly tags?: PlatformTags;
  /**
   * Resource Manager tag values (tagValues/NUMBER) bound to the project, e.g. for IAM or
   * org-policy conditions on tags.
   * @default - none
   */
  readonly tagValues?: string[];
  /**
   * Removal policy of stateful resources.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * google-beta provider for service identities and the metadata store.
   * @default - the stack's google-beta provider, declared (id 'google-beta', platform region) when missing
   */
  readonly betaProvider?: GoogleBetaProvider;
}

const WORKLOAD = PersonaModel.WORKLOAD as string[];

// Every prop of each props interface: a key outside these is an untyped caller's misspelling.
const PLATFORM_KEYS: { [K in keyof Required<SecureVertexPipelineProps>]: true } = {
  environment: true,
  projectId: true,
  region: true,
  allowedRegions: true,
  createProject: true,
  encryption: true,
  network: true,
  perimeter: true,
  personas: true,
  sodExceptions: true,
  dataBuckets: true,
  datasets: true,
  pipelineRootBucketName: true,
  artifactRegistry: true,
  tensorboard: true,
  metadataStore: true,
  endpoints: true,
  workbenchInstances: true,
  alertEmails: true,
  alertChannels: true,
  alertThresholds: true,
  orgPolicies: true,
  orgPolicyExclusions: true,
  organizationId: true,
  auditLogRetentionDays: true,
  auditLogDestination: true,
  serviceAccountIds: true,
  vizier: true,
  workloadIdentity: true,
  sensitiveDataProtection: true,
  ciIdentity: true,
  tags: true,
  tagValues: true,
  removalPolicy: true,
  betaProvider: true,
};
const ENCRYPTION_KEYS: { [K in keyof Required<GcpEncryptionOptions>]: true } = {
  keyRingName: true,
  existingKeyRingId: true,
  existingKeys: true,
  rotationPeriod: true,
};
const NETWORK_KEYS: { [K in keyof Required<GcpNetworkOptions>]: true } = {
  existingNetworkId: true,
  existingSubnetworkId: true,
  networkName: true,
  subnetCidr: true,
  cloudNat: true,
  privateServiceAccessPrefixLength: true,
};
const PERIMETER_KEYS: { [K in keyof Required<GcpPerimeterOptions>]: true } = {
  accessPolicyId: true,
  perimeterName: true,
  dryRun: true,
  accessLevels: true,
  deployerIdentities: true,
  ingressRules: true,
  egressRules: true,
  additionalRestrictedServices: true,
};
const VIZIER_KEYS: { [K in keyof Required<GcpVizierAccess>]: true } = {
  admins: true,
  developers: true,
  viewers: true,
  usePredefinedRoles: true,
};
const WI_KEYS: { [K in keyof Required<GcpWorkloadIdentityOptions>]: true } = {
  training: true,
  deployment: true,
  clusters: true,
  identityPoolExists: true,
};
const CI_KEYS: { [K in keyof Required<GcpCiIdentityOptions>]: true } = {
  accountId: true,
  federatedPrincipals: true,
  cloudBuild: true,
};
const TAG_KEYS: { [K in keyof Required<PlatformTags>]: true } = {
  platform: true,
  environment: true,
  owner: true,
  dataClassification: true,
  costCenter: true,
  extra: true,
};
const BUCKET_KEYS: { [K in keyof Required<GcpDataBucketSpec>]: true } = {
  name: true,
  bucketName: true,
  location: true,
  kmsKeyName: true,
  expireAfterDays: true,
  retentionDays: true,
  lockRetention: true,
};
const DATASET_KEYS: { [K in keyof Required<GcpDatasetSpec>]: true } = {
  datasetId: true,
  location: true,
  kmsKeyName: true,
  tableExpirationDays: true,
};
const WORKBENCH_KEYS: { [K in keyof Required<GcpWorkbenchSpec>]: true } = {
  name: true,
  owner: true,
  zone: true,
  machineType: true,
  disableDownloads: true,
  disableTerminal: true,
};
const SOD_KEYS: { [K in keyof Required<SodException>]: true } = {
  principal: true,
  personas: true,
  reason: true,
};

/** Name of a data bucket, dataset or Workbench instance in a list prop: it is a construct id. */
const LOGICAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * Validates the platform's own props: every problem of the props object in one
 * ValidationError, before any part is built. The parts validate their props again (under the
 * platform's prop names); this catches what only the platform knows: types from untyped
 * callers, duplicates in list props (which would otherwise clash as construct ids), residency,
 * props that a bring-your-own option would silently ignore.
 */
function validatePlatformProps(scope: Construct, props: SecureVertexPipelineProps): void {
  const v = new Validator(scope);
  checkGoogleProvider(scope, v);
  checkKnownKeys(v, '', props, PLATFORM_KEYS);
  checkKnownKeys(v, 'encryption', props.encryption, ENCRYPTION_KEYS);
  checkKnownKeys(v, 'network', props.network, NETWORK_KEYS);
  checkKnownKeys(v, 'perimeter', props.perimeter, PERIMETER_KEYS);
  checkKnownKeys(v, 'vizier', props.vizier, VIZIER_KEYS);
  checkKnownKeys(v, 'workloadIdentity', props.workloadIdentity, WI_KEYS);
  checkKnownKeys(v, 'ciIdentity', props.ciIdentity, CI_KEYS);
  checkKnownKeys(v, 'tags', props.tags, TAG_KEYS);
  for (const [list, keys] of [
    ['dataBuckets', BUCKET_KEYS],
    ['datasets', DATASET_KEYS],
    ['workbenchInstances', WORKBENCH_KEYS],
    ['sodExceptions', SOD_KEYS],
  ] as const) {
    const value = props[list];
    if (Array.isArray(value))
      value.forEach((x: unknown, i: number) => checkKnownKeys(v, `${list}[${i}]`, x, keys as any));
  }
  checkPattern(
    v,
    'environment',
    props.environment,
    /^[a-z][a-z0-9-]{0,19}$/,
    '1-20 lowercase letters, digits and hyphens, starting with a letter',
    { literal: 'it forms bucket, perimeter and label names' },
  );
  checkProjectId(v, 'projectId', props.projectId);
  const regionOk = checkRegion(v, 'region', props.region, {
    literal: 'keys, network, Vertex AI resources and the residency checks (X-07) are placed by it',
  });
  const region = regionOk ? (props.region as string) : undefined;
  let allowed: string[] = region ? [region] : [];
  if (checkList(v, 'allowedRegions', props.allowedRegions, 'regions')) {
    if (props.allowedRegions !== undefined) {
      allowed = props.allowedRegions;
      v.require(allowed.length > 0, 'allowedRegions', '[]', 'at least one region');
      allowed.forEach((r, i) =>
        checkLocation(v, `allowedRegions[${i}]`, r, {
          literal: 'residency (X-07) and the gcp.resourceLocations policy are built from it',
        }),
      );
      checkDuplicates(v, 'allowedRegions', allowed, (r) => literal(r)?.toLowerCase(), 'a region');
    }
  }
  const allowedSet = new Set(
    allowed.filter((r) => typeof r === 'string').map((r) => normalizeLocation(r)),
  );
  const inAllowed = (prop: string, loc: unknown): void => {
    if (typeof loc !== 'string' || unresolved(loc) || allowed.some((r) => unresolved(r))) return;
    v.require(
      allowedSet.has(normalizeLocation(loc)),
      prop,
      loc,
      `a location in allowedRegions [${allowed.join(', ')}] (multi-regions such as EU or US only when listed explicitly)`,
    );
  };
  if (region) inAllowed('region', region);
  checkRemovalPolicy(v, 'removalPolicy', props.removalPolicy);
  for (const b of [
    'artifactRegistry',
    'tensorboard',
    'metadataStore',
    'orgPolicies',
    'sensitiveDataProtection',
  ] as const)
    checkBoolean(v, b, props[b]);
  for (const o of [
    'encryption',
    'network',
    'perimeter',
    'vizier',
    'workloadIdentity',
    'ciIdentity',
    'tags',
    'alertThresholds',
    'createProject',
    'serviceAccountIds',
  ] as const)
    v.object(o, props[o]);
  if (props.betaProvider !== undefined && !(props.betaProvider instanceof GoogleBetaProvider))
    v.add('betaProvider', props.betaProvider, 'a GoogleBetaProvider');

  // ---- personas: lists of members, no member twice however spelled
  if (v.object('personas', props.personas)) {
    for (const [persona, members] of Object.entries(props.personas ?? {})) {
      if (WORKLOAD.includes(persona)) {
        v.add(
          `personas.${persona}`,
          JSON.stringify(members),
          'human personas only; workload personas are the platform service accounts (serviceAccountIds)',
        );
        continue;
      }
      checkMembers(v, `personas.${persona}`, members);
    }
  }
  if (v.object('vizier', props.vizier)) {
    for (const k of ['admins', 'developers', 'viewers'] as const)
      checkMembers(v, `vizier.${k}`, props.vizier?.[k]);
    checkBoolean(v, 'vizier.usePredefinedRoles', props.vizier?.usePredefinedRoles);
  }

  // ---- data buckets and datasets: names are construct ids, locations need a key there (GCP-06)
  const regionLower = region?.toLowerCase();
  if (checkObjectList(v, 'dataBuckets', props.dataBuckets, 'data buckets')) {
    (props.dataBuckets ?? []).forEach((b, i) => {
      checkPattern(
        v,
        `dataBuckets[${i}].name`,
        b.name,
        LOGICAL_NAME,
        "1-63 letters, digits, '_', '.' and '-' (the logical name is the bucket's construct id)",
        { literal: 'it is the construct id of the bucket' },
      );
      if (checkLocation(v, `dataBuckets[${i}].location`, b.location, { optional: true }))
        inAllowed(`dataBuckets[${i}].location`, b.location);
      checkPattern(
        v,
        `dataBuckets[${i}].kmsKeyName`,
        b.kmsKeyName,
        KMS_KEY_ID,
        'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K',
        { optional: true },
      );
      if (
        typeof b.location === 'string' &&
        !unresolved(b.location) &&
        b.location.toLowerCase() !== regionLower &&
        b.kmsKeyName === undefined &&
        region
      ) {
        v.add(
          `dataBuckets[${i}].location`,
          b.location,
          `the platform region '${region}' (the platform keys live there), or a kmsKeyName in '${b.location}' (key and resource regions must match, GCP-06)`,
        );
      }
    });
    checkDuplicates(v, 'dataBuckets', props.dataBuckets, (b) => literal(b.name), 'a bucket name');
    checkDuplicates(
      v,
      'dataBuckets',
      props.dataBuckets,
      (b) => literal(b.bucketName),
      'a bucketName',
    );
  }
  checkPattern(v, 'pipelineRootBucketName', props.pipelineRootBucketName, /\S/, 'a bucket name', {
    optional: true,
  });
  const named = new Map<string, string>();
  (Array.isArray(props.dataBuckets) ? props.dataBuckets : []).forEach((b, i) => {
    const n = literal(b?.bucketName);
    if (n) named.set(n, `dataBuckets[${i}].bucketName`);
  });
  const root = literal(props.pipelineRootBucketName);
  if (root && named.has(root))
    v.add('pipelineRootBucketName', root, `a name other than ${named.get(root)}'s`);
  if (checkObjectList(v, 'datasets', props.datasets, 'datasets')) {
    (props.datasets ?? []).forEach((d, i) => {
      checkPattern(
        v,
        `datasets[${i}].datasetId`,
        d.datasetId,
        /^[A-Za-z0-9_]{1,1024}$/,
        "1-1024 letters, digits and '_'",
        { literal: 'it is the dataset id and its construct id' },
      );
      if (literal(d.datasetId) === 'dlp_findings' && props.sensitiveDataProtection)
        v.add(
          `datasets[${i}].datasetId`,
          d.datasetId,
          'a dataset id other than dlp_findings, which sensitiveDataProtection creates',
        );
      const loc = d.location;
      if (typeof loc === 'string' && !unresolved(loc) && ['US', 'EU'].includes(loc.toUpperCase()))
        inAllowed(`datasets[${i}].location`, loc);
      else if (checkRegion(v, `datasets[${i}].location`, loc, { optional: true }))
        inAllowed(`datasets[${i}].location`, loc);
      checkPattern(
        v,
        `datasets[${i}].kmsKeyName`,
        d.kmsKeyName,
        KMS_KEY_ID,
        'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K',
        { optional: true },
      );
      if (
        typeof loc === 'string' &&
        !unresolved(loc) &&
        loc.toLowerCase() !== regionLower &&
        d.kmsKeyName === undefined &&
        region
      ) {
        v.add(
          `datasets[${i}].location`,
          loc,
          `the platform region '${region}', or a kmsKeyName in '${loc}' (GCP-06)`,
        );
      }
    });
    checkDuplicates(v, 'datasets', props.datasets, (d) => literal(d.datasetId), 'a dataset id');
  }

  // ---- Workbench (GCP-09)
  const orgPoliciesOn = props.orgPolicies ?? true;
  const excluded = new Set(
    Array.isArray(props.orgPolicyExclusions) ? props.orgPolicyExclusions : [],
  );
  if (checkObjectList(v, 'workbenchInstances', props.workbenchInstances, 'Workbench instances')) {
    (props.workbenchInstances ?? []).forEach((w, i) => {
      checkPattern(
        v,
        `workbenchInstances[${i}].name`,
        w.name,
        /^[a-z][-a-z0-9]{1,61}[a-z0-9]$/,
        'an RFC 1035 name of 3-63 lowercase letters, digits and hyphens, starting with a letter',
        { literal: 'it names the instance, its service account and its construct id' },
      );
      if (w.zone !== undefined) {
        if (unresolved(w.zone))
          rejectToken(
            v,
            `workbenchInstances[${i}].zone`,
            w.zone,
            'the zone must be in the platform region',
          );
        else if (checkZone(v, `workbenchInstances[${i}].zone`, w.zone, region))
          inAllowed(`workbenchInstances[${i}].zone`, w.zone);
      }
      if (orgPoliciesOn && !excluded.has('ainotebooks.disableTerminal'))
        v.require(
          w.disableTerminal !== false,
          `workbenchInstances[${i}].disableTerminal`,
          'false',
          'true while the ainotebooks.disableTerminal guardrail is on (or exclude it in orgPolicyExclusions); the API rejects the instance otherwise',
        );
      if (orgPoliciesOn && !excluded.has('ainotebooks.disableFileDownloads'))
        v.require(
          w.disableDownloads !== false,
          `workbenchInstances[${i}].disableDownloads`,
          'false',
          'true while the ainotebooks.disableFileDownloads guardrail is on (or exclude it in orgPolicyExclusions)',
        );
    });
    checkDuplicates(
      v,
      'workbenchInstances',
      props.workbenchInstances,
      (w) => literal(w.name),
      'an instance name',
    );
  }

  // ---- labels: sanitized to GCP label rules at synth, so they must be literal
  if (v.object('tags', props.tags) && props.tags) {
    const t = props.tags;
    const extra = v.object('tags.extra', t.extra) ? (t.extra ?? {}) : {};
    const explicit: { [k: string]: unknown } = {
      environment: t.environment ?? props.environment,
      owner: t.owner,
      'data-classification': t.dataClassification,
      'cost-center': t.costCenter,
      platform: t.platform,
      ...extra,
    };
    for (const [k, val] of Object.entries(explicit)) {
      v.check(`tags.${k}`, k, GcpValidate.labelKey(k));
      if (val === undefined) continue;
      if (typeof val !== 'string')
        v.add(
          `tags.${k}`,
          val,
          "a label value (a string of lowercase letters, digits, '_' and '-')",
        );
      else if (unresolved(val))
        rejectToken(v, `tags.${k}`, val, 'labels are checked and written at synth');
      else v.check(`tags.${k}`, val, GcpValidate.labelValue(val));
    }
  }
  if (checkList(v, 'tagValues', props.tagValues, 'tagValues/NUMBER')) {
    (props.tagValues ?? []).forEach((t, i) =>
      checkPattern(v, `tagValues[${i}]`, t, /^tagValues\/\d+$/, 'tagValues/NUMBER', {
        literal: 'it is the tag binding construct id',
      }),
    );
    checkDuplicates(v, 'tagValues', props.tagValues, literal, 'a tag value');
  }
  if (checkList(v, 'orgPolicyExclusions', props.orgPolicyExclusions, 'constraint names'))
    checkDuplicates(v, 'orgPolicyExclusions', props.orgPolicyExclusions, literal, 'a constraint');

  // ---- network (GCP-08): brought network and subnet together, created subnet sized for its use
  const n = props.network;
  if (v.object('network', n) && n !== undefined) {
    const brought = n.existingNetworkId !== undefined || n.existingSubnetworkId !== undefined;
    if (brought) {
      v.require(
        n.existingNetworkId !== undefined && n.existingSubnetworkId !== undefined,
        'network',
        JSON.stringify(n),
        'existingNetworkId and existingSubnetworkId together',
      );
      checkPattern(
        v,
        'network.existingNetworkId',
        n.existingNetworkId,
        /^projects\/[^/\s]+\/global\/networks\/[^/\s]+$/,
        'projects/P/global/networks/N',
        { optional: true },
      );
      if (
        checkPattern(
          v,
          'network.existingSubnetworkId',
          n.existingSubnetworkId,
          /^projects\/[^/\s]+\/regions\/[a-z0-9-]+\/subnetworks\/[^/\s]+$/,
          'projects/P/regions/R/subnetworks/S',
          { optional: true },
        )
      ) {
        const r = literal(n.existingSubnetworkId)?.split('/')[3];
        if (r !== undefined && region !== undefined && r !== region)
          v.add(
            'network.existingSubnetworkId',
            n.existingSubnetworkId,
            `a subnetwork in the platform region ${region} (Workbench instances and private endpoints attach there)`,
          );
      }
      for (const k of [
        'subnetCidr',
        'networkName',
        'cloudNat',
        'privateServiceAccessPrefixLength',
      ] as const)
        if (n[k] !== undefined)
          v.add(
            `network.${k}`,
            n[k],
            'nothing with existingNetworkId: it configures a created network only',
          );
    } else if (n.subnetCidr !== undefined) {
      const hosts = Array.isArray(props.workbenchInstances) ? props.workbenchInstances.length : 0;
      checkSubnetRange(
        v,
        'network.subnetCidr',
        n.subnetCidr,
        Math.max(1, hosts),
        hosts > 0 ? `${hosts} Workbench instance(s)` : 'the platform instances',
      );
    }
  }

  // ---- Workload Identity (GCP-17)
  const wi = props.workloadIdentity;
  if (v.object('workloadIdentity', wi) && wi !== undefined) {
    const t = checkObjectList(v, 'workloadIdentity.training', wi.training, 'bindings')
      ? (wi.training ?? [])
      : [];
    const d = checkObjectList(v, 'workloadIdentity.deployment', wi.deployment, 'bindings')
      ? (wi.deployment ?? [])
      : [];
    checkList(v, 'workloadIdentity.clusters', wi.clusters, 'clusters');
    checkBoolean(v, 'workloadIdentity.identityPoolExists', wi.identityPoolExists);
    if (t.length + d.length > 0) {
      v.require(
        (Array.isArray(wi.clusters) && wi.clusters.length > 0) || wi.identityPoolExists === true,
        'workloadIdentity.clusters',
        '[]',
        'the GKE cluster (resource or data source) that creates the PROJECT.svc.id.goog pool, or identityPoolExists: true; a binding made before the pool exists fails with "Identity Pool does not exist"',
      );
    }
    // one Kubernetes service account may act as one of the two identities (X-02: trains or deploys)
    const key = (b: GcpKubernetesBinding) => `${b?.namespace}/${b?.kubernetesServiceAccount}`;
    const trainers = new Set(t.map(key));
    d.forEach((b, i) => {
      if (trainers.has(key(b)))
        v.add(
          `workloadIdentity.deployment[${i}]`,
          key(b),
          'a Kubernetes service account not also in workloadIdentity.training (the identity that trains must not deploy, X-02)',
        );
    });
  }
  v.throwIfInvalid();
}

/**
 * How long the Compute Engine API enablement waits after the
 * iam.automaticIamGrantsForDefaultServiceAccounts policy is set, for the policy to take effect.
 */
export const DEFAULT_SA_GUARD_WAIT = '120s';

/**
 * A secure Vertex AI MLOps platform in one GCP project (GCP-01 ... GCP-19, X-01 ... X-13).
 * A thin composition of the exported parts; every part is a public property.
 */
export class SecureVertexPipeline extends Construct {
  /** Project and APIs. */
  public readonly project: GcpProject;
  /** Service agents. */
  public readonly serviceAgents: GcpServiceAgents;
  /** CMEK keys. */
  public readonly keys: CmekKeys;
  /** Custom roles. */
  public readonly roles: GcpRoleCatalogue;
  /** Workload service accounts. */
  public readonly serviceAccounts: GcpServiceAccounts;
  /** Private network (undefined when brought). */
  public readonly network?: GcpPrivateNetwork;
  /** Perimeter (when an access policy is given). */
  public readonly perimeter?: ServicePerimeter;
  /** Access-log bucket. */
  public readonly accessLogBucket: GcpSecureBucket;
  /** Pipeline root bucket. */
  public readonly pipelineRoot: GcpSecureBucket;
  /** Data buckets by name. */
  public readonly dataBuckets: { [name: string]: GcpSecureBucket } = {};
  /** Datasets by id. */
  public readonly datasets: { [id: string]: GcpBigQueryDataset } = {};
  /** Artifact Registry. */
  public readonly registry?: GcpArtifactRegistry;
  /** Vertex AI resources. */
  public readonly vertex: GcpVertexResources;
  /** Workbench instances by name. */
  public readonly workbenches: { [name: string]: GcpWorkbenchInstance } = {};
  /** Audit logging. */
  public readonly audit: GcpAuditLogging;
  /** Org policies. */
  public readonly orgPolicies?: GcpOrgPolicies;
  /** Monitoring. */
  public readonly monitoring: GcpMonitoring;
  /** Workload Identity bindings. */
  public readonly workloadIdentity: GcpWorkloadIdentity[] = [];
  /** Sensitive Data Protection. */
  public readonly sensitiveData?: GcpSensitiveDataProtection;
  /** CI/CD identity. */
  public readonly ciIdentity?: GcpCiIdentity;
  /** Resource Manager tag bindings on the project. */
  public readonly tagBindings: TagsTagBinding[] = [];
  /** Project-level persona bindings. */
  public readonly projectBindings: ProjectIamMember[] = [];
  /** actAs grants of human personas on workload SAs (data scientists → training, ML engineers → pipeline). */
  public readonly personaActAs: ServiceAccountIamMember[] = [];
  /** The wait (a `time_sleep`) between the default-SA guard policy and the Compute Engine API enablement (GCP-01). */
  public readonly defaultSaGuardWait?: ITerraformDependable;
  /** The validated persona bindings. */
  public readonly personaBindings: PersonaBinding[];
  /** The resolved labels. */
  public readonly labels: { [key: string]: string };
  /** Network id used by the platform. */
  public readonly networkId: string;
  /** Subnetwork id used by the platform. */
  public readonly subnetworkId: string;
  /** Key to pass as encryption_spec_key_name to pipeline, training and batch jobs (GCP-06). */
  public readonly jobKmsKeyName: string;
  /** Pipeline root to pass to pipeline jobs. */
  public readonly pipelineRootUri: string;

  constructor(scope: Construct, id: string, props: SecureVertexPipelineProps) {
    super(scope, id);
    // cdktf captures a stack trace per token; formatting them dominates synth time at scale
    const restoreStackTraces = lightStackTraces();
    try {
      props = requireProps(this, props, true);
      validatePlatformProps(this, props);
      const allowed = props.allowedRegions ?? [props.region];
      const removalPolicy = props.removalPolicy;
      const orgPoliciesOn = props.orgPolicies ?? true;

      // ---- workload SA members for SoD: humans may not also be workload identities
      const saIds = {
        PIPELINE: props.serviceAccountIds?.pipeline ?? 'vertex-pipeline',
        TRAINING: props.serviceAccountIds?.training ?? 'vertex-training',
        DEPLOYMENT: props.serviceAccountIds?.deployment ?? 'vertex-deployment',
        MONITORING: props.serviceAccountIds?.monitoring ?? 'vertex-monitoring',
      };
      const sodMap: { [p: string]: string[] } = { ...(props.personas ?? {}) };
      if (!Token.isUnresolved(props.projectId)) {
        for (const [p, accountId] of Object.entries(saIds))
          if (typeof accountId === 'string')
            sodMap[p] = [`serviceAccount:${accountId}@${props.projectId}.iam.gserviceaccount.com`];
      }
      this.personaBindings = PersonaModel.validate(
        this,
        'personas',
        sodMap,
        props.sodExceptions,
        GCP_PRINCIPALS,
      ).filter((b) => !PersonaModel.isWorkload(b.persona));

      // a part's validation problems are reported under the platform's prop names
      const part = <T>(
        prefix: string,
        renames: { [partProp: string]: string },
        build: () => T,
      ): T =>
        asPlatformProps(
          under(prefix, {
            projectId: 'projectId',
            removalPolicy: 'removalPolicy',
            provider: 'provider',
            dependsOn: 'dependsOn',
            ...renames,
          }),
          build,
        );

      this.labels = Tagging.apply(this, props.environment, props.tags);
      DataResidency.enforce(this, allowed, ['google', 'google-beta']);

      // ---- project, agents, keys, roles, identities
      const extraApis = [
        ...(props.sensitiveDataProtection ? ['dlp.googleapis.com'] : []),
        ...(props.ciIdentity?.federatedPrincipals?.length
          ? ['iamcredentials.googleapis.com', 'sts.googleapis.com']
          : []),
        ...(props.ciIdentity?.cloudBuild ? ['cloudbuild.googleapis.com'] : []),
      ];
      this.project = part(
        '',
        { create: 'createProject', apis: 'sensitiveDataProtection' },
        () =>
          new GcpProject(this, 'project', {
            projectId: props.projectId,
            create: props.createProject,
            apis: [...PLATFORM_APIS, ...extraApis],
            removalPolicy,
          }),
      );
      const projectId = this.project.projectId;
      for (const tagValue of props.tagValues ?? []) {
        this.tagBindings.push(
          new TagsTagBinding(this, `tag-${tagValue.replace(/\//g, '-')}`, {
            parent: `//cloudresourcemanager.googleapis.com/projects/${this.project.projectNumber}`,
            tagValue,
          }),
        );
      }
      const apis = this.project.apiDependencies;
      // ---- guardrails first: the default compute SA must never get Editor, so the
      // iam.automaticIamGrantsForDefaultServiceAccounts policy lands before the Compute API is
      // enabled (which creates that SA). The policies wait only for the APIs they call.
      if (orgPoliciesOn) {
        const orgApis = [
          ...this.project.api('orgpolicy.googleapis.com'),
          ...this.project.api('cloudresourcemanager.googleapis.com'),
        ];
        const networkParent =
          props.network?.existingNetworkId && !Token.isUnresolved(props.network.existingNetworkId)
            ? props.network.existingNetworkId.split('/')[1]
            : props.projectId;
        this.orgPolicies = part(
          '',
          {
            allowedLocations: 'allowedRegions',
            exclude: 'orgPolicyExclusions',
            constraints: 'orgPolicyExclusions',
            workbenchNetworks: 'network.existingNetworkId',
          },
          () =>
            new GcpOrgPolicies(this, 'org-policies', {
              projectId,
              allowedLocations: allowed,
              exclude: props.orgPolicyExclusions,
              organizationId: props.organizationId,
              workbenchNetworks: [`under:projects/${networkParent}`],
              dependsOn: orgApis,
            }),
        );
        const guard = this.orgPolicies.policies['iam.automaticIamGrantsForDefaultServiceAccounts'];
        if (guard) {
          this.defaultSaGuardWait = new Sleep(this, 'default-sa-guard-wait', {
            provider: timeProvider(this),
            createDuration: DEFAULT_SA_GUARD_WAIT,
            dependsOn: [guard],
          });
          this.project.enableAfter('compute.googleapis.com', [this.defaultSaGuardWait]);
        }
      }
      this.serviceAgents = part(
        '',
        {},
        () =>
          new GcpServiceAgents(this, 'service-agents', {
            projectId,
            projectNumber: this.project.projectNumber,
            region: props.region,
            dependsOn: apis,
            betaProvider: props.betaProvider,
          }),
      );
      this.keys = part(
        'encryption',
        { location: 'region' },
        () =>
          new CmekKeys(this, 'keys', {
            projectId,
            location: props.region,
            keyRingName: props.encryption?.keyRingName,
            existingKeyRingId: props.encryption?.existingKeyRingId,
            existingKeys: props.encryption?.existingKeys,
            rotationPeriod: props.encryption?.rotationPeriod,
            serviceAgents: this.serviceAgents,
            dependsOn: this.project.api('cloudkms.googleapis.com'),
            removalPolicy,
          }),
      );
      this.jobKmsKeyName = this.keys.keyId(CmekPurpose.VERTEX_AI);
      const iamApi = this.project.api('iam.googleapis.com');
      this.roles = part(
        '',
        { roleIdSuffix: 'projectId' },
        () => new GcpRoleCatalogue(this, 'roles', { projectId, dependsOn: iamApi }),
      );
      this.serviceAccounts = part(
        '',
        { accountIds: 'serviceAccountIds' },
        () =>
          new GcpServiceAccounts(this, 'service-accounts', {
            projectId,
            accountIds: props.serviceAccountIds,
            roleCatalogue: this.roles,
            dependsOn: iamApi,
          }),
      );

      // ---- network and perimeter
      let networkName: string | undefined;
      if (props.network?.existingNetworkId) {
        this.networkId = props.network.existingNetworkId;
        this.subnetworkId = props.network.existingSubnetworkId!;
        networkName = Token.isUnresolved(this.networkId)
          ? undefined
          : this.networkId.split('/').pop();
      } else {
        this.network = part(
          'network',
          { region: 'region', restrictedGoogleApis: 'perimeter' },
          () =>
            new GcpPrivateNetwork(this, 'network', {
              projectId,
              region: props.region,
              networkName: props.network?.networkName,
              subnetCidr: props.network?.subnetCidr,
              cloudNat: props.network?.cloudNat,
              privateServiceAccessPrefixLength: props.network?.privateServiceAccessPrefixLength,
              restrictedGoogleApis: props.perimeter !== undefined,
              dependsOn: apis,
            }),
        );
        this.networkId = this.network.network.id;
        this.subnetworkId = this.network.subnetwork.id;
        networkName = this.network.networkName;
      }
      if (props.perimeter) {
        // a project belongs to one regular perimeter at most
        claim(
          this,
          'regular service perimeter member',
          'VPC Service Controls (a project is in one regular perimeter)',
          literal(props.projectId) && `project ${props.projectId}`,
          'perimeter',
        );
        const extra = props.perimeter.additionalRestrictedServices;
        const enabled = [
          ...Object.keys(this.project.services).filter(
            (api) =>
              VPC_SC_SUPPORTED_SERVICES.includes(api) &&
              !REQUIRED_RESTRICTED_SERVICES.includes(api),
          ),
          // enabled with containerscanning.googleapis.com, which serves its findings
          ...(this.project.services['containerscanning.googleapis.com']
            ? ['containeranalysis.googleapis.com']
            : []),
        ];
        this.perimeter = part(
          'perimeter',
          { projectResources: 'projectId' },
          () =>
            new ServicePerimeter(this, 'perimeter', {
              accessPolicyId: props.perimeter!.accessPolicyId,
              perimeterName:
                props.perimeter!.perimeterName ?? `mlops_${props.environment.replace(/-/g, '_')}`,
              projectResources: [`projects/${this.project.projectNumber}`],
              dryRun: props.perimeter!.dryRun,
              accessLevels: props.perimeter!.accessLevels,
              deployerIdentities: props.perimeter!.deployerIdentities,
              ingressRules: props.perimeter!.ingressRules,
              egressRules: props.perimeter!.egressRules,
              // a non-list is passed as is, for one problem (not one per character)
              additionalRestrictedServices: Array.isArray(extra)
                ? [...enabled, ...extra]
                : (extra ?? enabled),
              // completed at the end: enforced only once everything inside exists
              dependsOn: [],
            }),
        );
      }

      // ---- storage
      const storageReady = this.keys.grantsFor(CmekPurpose.STORAGE);
      const storageKey = this.keys.keyId(CmekPurpose.STORAGE);
      this.accessLogBucket = part(
        '',
        { namePrefix: 'environment', bucketName: 'environment', location: 'region' },
        () =>
          new GcpSecureBucket(this, 'access-logs', {
            projectId,
            location: props.region,
            kmsKeyName: storageKey,
            namePrefix: `mlops-${props.environment}-access-logs`,
            expireAfterDays: 365,
            dependsOn: storageReady,
            removalPolicy,
          }),
      );
      this.accessLogBucket.grant(
        'roles/storage.objectCreator',
        'group:cloud-storage-analytics@google.com',
      );
      const bucket = (
        cid: string,
        spec: GcpDataBucketSpec | undefined,
        prefix: string,
        bucketName?: string,
        ready?: ITerraformDependable[],
        at?: string,
      ): GcpSecureBucket =>
        part(
          at ?? '',
          at
            ? { namePrefix: `${at}.name` }
            : {
                namePrefix: 'environment',
                bucketName: 'pipelineRootBucketName',
                location: 'region',
              },
          () =>
            new GcpSecureBucket(this, cid, {
              projectId,
              location: spec?.location ?? props.region,
              kmsKeyName: spec?.kmsKeyName ?? storageKey,
              bucketName: spec?.bucketName ?? bucketName,
              namePrefix: prefix,
              accessLogBucket: this.accessLogBucket.bucket.name,
              expireAfterDays: spec?.expireAfterDays,
              retentionDays: spec?.retentionDays,
              lockRetention: spec?.lockRetention,
              dependsOn: ready ?? storageReady,
              removalPolicy,
            }),
        );
      this.pipelineRoot = bucket(
        'pipeline-root',
        undefined,
        `mlops-${props.environment}-pipeline-root`,
        props.pipelineRootBucketName,
      );
      this.pipelineRootUri = `gs://${this.pipelineRoot.bucket.name}/pipeline-root`;
      (props.dataBuckets ?? [{ name: 'training-data' }]).forEach((spec, i) => {
        const ready = spec.kmsKeyName
          ? [
              this.grantAgentOnKey(
                `data-${spec.name}-key`,
                spec.kmsKeyName,
                GcpServiceAgent.STORAGE,
              ),
            ]
          : undefined;
        this.dataBuckets[spec.name] = bucket(
          `data-${spec.name}`,
          spec,
          `mlops-${props.environment}-${spec.name}`,
          undefined,
          ready,
          `dataBuckets[${i}]`,
        );
      });
      (props.datasets ?? []).forEach((spec, i) => {
        this.datasets[spec.datasetId] = part(
          `datasets[${i}]`,
          {},
          () =>
            new GcpBigQueryDataset(this, `dataset-${spec.datasetId}`, {
              projectId,
              datasetId: spec.datasetId,
              location: spec.location ?? props.region,
              kmsKeyName: spec.kmsKeyName ?? this.keys.keyId(CmekPurpose.BIGQUERY),
              tableExpirationDays: spec.tableExpirationDays,
              dependsOn: spec.kmsKeyName
                ? [
                    this.grantAgentOnKey(
                      `dataset-${spec.datasetId}-key`,
                      spec.kmsKeyName,
                      GcpServiceAgent.BIGQUERY,
                    ),
                  ]
                : this.keys.grantsFor(CmekPurpose.BIGQUERY),
              removalPolicy,
            }),
        );
      });
      if (props.artifactRegistry ?? true) {
        this.registry = part(
          '',
          {
            dockerRepositoryId: 'artifactRegistry',
            kfpRepositoryId: 'artifactRegistry',
            location: 'region',
          },
          () =>
            new GcpArtifactRegistry(this, 'registry', {
              projectId,
              location: props.region,
              kmsKeyName: this.keys.keyId(CmekPurpose.ARTIFACT_REGISTRY),
              dependsOn: this.keys.grantsFor(CmekPurpose.ARTIFACT_REGISTRY),
              removalPolicy,
            }),
        );
      }

      // ---- Vertex AI
      const vertexReady: ITerraformDependable[] = [...this.keys.grantsFor(CmekPurpose.VERTEX_AI)];
      if (this.network) vertexReady.push(this.network.privateServiceConnection);
      this.vertex = part(
        '',
        { kmsKeyName: 'encryption.existingKeys' },
        () =>
          new GcpVertexResources(this, 'vertex', {
            projectId,
            projectNumber: this.project.projectNumber,
            region: props.region,
            kmsKeyName: this.keys.keyId(CmekPurpose.VERTEX_AI),
            networkName,
            tensorboard: props.tensorboard,
            metadataStore: props.metadataStore,
            endpoints: props.endpoints,
            dependsOn: vertexReady,
            betaProvider: props.betaProvider,
            removalPolicy,
          }),
      );
      (props.workbenchInstances ?? []).forEach((w, i) => {
        const at = `workbenchInstances[${i}]`;
        this.workbenches[w.name] = part(
          at,
          {
            instanceName: `${at}.name`,
            admins: 'personas.PLATFORM_ADMIN',
            kmsKeyName: 'encryption.existingKeys',
            network: 'network',
            subnetwork: 'network',
          },
          () =>
            new GcpWorkbenchInstance(this, `workbench-${w.name}`, {
              projectId,
              // the region's first zone (europe-west1 and us-east1 have no zone a)
              zone: w.zone ?? zonesOf(props.region)[0] ?? `${props.region}-a`,
              instanceName: w.name,
              owner: w.owner,
              machineType: w.machineType,
              disableDownloads: w.disableDownloads,
              disableTerminal: w.disableTerminal,
              admins: (props.personas?.[Persona.PLATFORM_ADMIN] ?? []).filter(
                (m) => !Token.isUnresolved(m),
              ),
              network: this.networkId,
              subnetwork: this.subnetworkId,
              kmsKeyName: this.keys.keyId(CmekPurpose.COMPUTE),
              dependsOn: this.keys.grantsFor(CmekPurpose.COMPUTE),
              removalPolicy,
            }),
        );
      });

      this.network?.allowIapSshTo(
        Object.values(this.workbenches).map((w) => w.serviceAccountEmail),
      );

      // ---- audit, monitoring
      this.audit = part(
        '',
        {
          retentionDays: 'auditLogRetentionDays',
          existingDestination: 'auditLogDestination',
          location: 'region',
          kmsKeyName: 'encryption.existingKeys',
          bucketId: 'projectId',
          services: 'projectId',
        },
        () =>
          new GcpAuditLogging(this, 'audit', {
            projectId,
            location: props.region,
            kmsKeyName: props.auditLogDestination
              ? undefined
              : this.keys.keyId(CmekPurpose.LOGGING),
            existingDestination: props.auditLogDestination,
            retentionDays: props.auditLogRetentionDays,
            dependsOn: this.keys.grantsFor(CmekPurpose.LOGGING),
            apiDependsOn: this.project.api('logging.googleapis.com'),
            removalPolicy,
          }),
      );
      this.monitoring = part(
        '',
        {
          emails: 'alertEmails',
          existingChannels: 'alertChannels',
          thresholds: 'alertThresholds',
          displayNamePrefix: 'projectId',
        },
        () =>
          new GcpMonitoring(this, 'monitoring', {
            projectId,
            emails: props.alertEmails,
            existingChannels: props.alertChannels,
            thresholds: props.alertThresholds,
            dependsOn: this.project.api('monitoring.googleapis.com'),
          }),
      );

      // ---- least-privilege bindings (X-03, GCP-03)
      this.bindWorkloads(projectId);
      this.bindPersonas(projectId, props.vizier);

      // ---- optional controls
      const wi = props.workloadIdentity;
      if (wi?.training?.length) {
        this.workloadIdentity.push(
          part(
            'workloadIdentity',
            { bindings: 'workloadIdentity.training', dependsOn: 'workloadIdentity.clusters' },
            () =>
              new GcpWorkloadIdentity(this, 'wi-training', {
                projectId,
                serviceAccount: this.serviceAccounts.training,
                bindings: wi.training!,
                dependsOn: wi.clusters,
              }),
          ),
        );
      }
      if (wi?.deployment?.length) {
        this.workloadIdentity.push(
          part(
            'workloadIdentity',
            { bindings: 'workloadIdentity.deployment', dependsOn: 'workloadIdentity.clusters' },
            () =>
              new GcpWorkloadIdentity(this, 'wi-deployment', {
                projectId,
                serviceAccount: this.serviceAccounts.deployment,
                bindings: wi.deployment!,
                dependsOn: wi.clusters,
              }),
          ),
        );
      }
      if (wi?.identityPoolExists === true && !wi.clusters?.length) {
        // the caller states what the stack cannot show (GCP-17.pool): recorded in the report
        for (const w of this.workloadIdentity)
          Compliance.suppress(
            w,
            'GCP-17.pool',
            'workloadIdentity.identityPoolExists: the caller states that a GKE cluster with Workload Identity (the PROJECT.svc.id.goog pool) exists before this apply',
          );
      }
      if (props.sensitiveDataProtection) {
        const findings = part(
          '',
          { datasetId: 'sensitiveDataProtection', location: 'region' },
          () =>
            new GcpBigQueryDataset(this, 'dataset-dlp-findings', {
              projectId,
              datasetId: 'dlp_findings',
              location: props.region,
              kmsKeyName: this.keys.keyId(CmekPurpose.BIGQUERY),
              dependsOn: this.keys.grantsFor(CmekPurpose.BIGQUERY),
              removalPolicy,
            }),
        );
        this.datasets.dlp_findings = findings;
        this.sensitiveData = part(
          '',
          { bucketNames: 'dataBuckets', region: 'region' },
          () =>
            new GcpSensitiveDataProtection(this, 'sensitive-data', {
              projectId,
              region: props.region,
              bucketNames: Object.values(this.dataBuckets).map((b) => b.bucket.name),
              findingsDatasetId: findings.dataset.datasetId,
              dependsOn: this.project.api('dlp.googleapis.com'),
            }),
        );
      }
      const ciOptions = props.ciIdentity;
      if (ciOptions) {
        this.ciIdentity = part(
          'ciIdentity',
          {
            pipelineRole: 'ciIdentity',
            pipelineServiceAccount: 'ciIdentity',
            projectNumber: 'ciIdentity',
          },
          () =>
            new GcpCiIdentity(this, 'ci', {
              projectId,
              projectNumber: this.project.projectNumber,
              accountId: ciOptions.accountId,
              federatedPrincipals: ciOptions.federatedPrincipals,
              cloudBuild: ciOptions.cloudBuild,
              pipelineRole: this.roles.roleName(GcpCustomRole.PIPELINE_OPERATOR),
              pipelineServiceAccount: this.serviceAccounts.pipeline,
            }),
        );
        const ci = this.ciIdentity.serviceAccount.member;
        this.registry?.grant('roles/artifactregistry.writer', ci, 'ci');
        this.pipelineRoot.grant('roles/storage.objectUser', ci, 'ci');
      }

      // ---- the perimeter is enforced last: after every resource inside it exists (GCP-07)
      if (this.perimeter) {
        const own = new Set(this.perimeter.node.findAll());
        this.perimeter.perimeter.dependsOn = this.node
          .findAll()
          .filter((c) => TerraformResource.isTerraformResource(c) && !own.has(c))
          .map((c) => dependable(c as TerraformResource));
      }
    } finally {
      restoreStackTraces();
    }
  }

  /** GCP-05: grants a service agent a per-resource key (given in props), after the agent exists. */
  private grantAgentOnKey(
    id: string,
    keyId: string,
    agent: GcpServiceAgent,
  ): KmsCryptoKeyIamMember {
    return new KmsCryptoKeyIamMember(this, id, {
      cryptoKeyId: keyId,
      role: KMS_ENCRYPTER_DECRYPTER,
      member: this.serviceAgents.member(agent),
      dependsOn: this.serviceAgents.readiness(agent),
    });
  }

  /** A project-level binding; the construct id comes from the label (one per role) and a stable member key. */
  private projectRole(
    projectId: string,
    label: string,
    role: string,
    member: string,
    key: string = member,
  ): void {
    const cid = memberId(`project-${label}`, key);
    if (this.node.tryFindChild(cid)) return;
    this.projectBindings.push(
      new ProjectIamMember(this, cid, { project: projectId, role, member }),
    );
  }

  /** A human persona's actAs (roles/iam.serviceAccountUser) on one workload SA. */
  private actAs(label: string, sa: { name: string }, member: string): void {
    const cid = memberId(label, member);
    if (this.node.tryFindChild(cid)) return;
    this.personaActAs.push(
      new ServiceAccountIamMember(this, cid, {
        serviceAccountId: sa.name,
        role: 'roles/iam.serviceAccountUser',
        member,
      }),
    );
  }

  private grantData(
    member: string,
    key: string,
    bucketRole: string | undefined,
    datasetRole: string | undefined,
  ): void {
    if (bucketRole)
      for (const b of Object.values(this.dataBuckets)) b.grant(bucketRole, member, key);
    if (datasetRole)
      for (const d of Object.values(this.datasets)) d.grant(datasetRole, member, key);
  }

  private bindWorkloads(projectId: string): void {
    const sa = this.serviceAccounts;
    // one member token per SA, with a stable key for construct ids
    const w = (p: Persona): { m: string; k: string } => ({
      m: sa.accountFor(p).member,
      k: `workload:${p}`,
    });
    const pipeline = w(Persona.PIPELINE);
    const training = w(Persona.TRAINING);
    const deployment = w(Persona.DEPLOYMENT);
    const monitoring = w(Persona.MONITORING);
    for (const s of [pipeline, training, deployment, monitoring])
      this.projectRole(projectId, 'log-writer', 'roles/logging.logWriter', s.m, s.k);
    for (const s of [pipeline, training]) {
      this.grantData(s.m, s.k, 'roles/storage.objectViewer', 'roles/bigquery.dataViewer');
      this.pipelineRoot.grant('roles/storage.objectAdmin', s.m, s.k);
      this.projectRole(projectId, 'bq-job-user', 'roles/bigquery.jobUser', s.m, s.k);
    }
    for (const s of [pipeline, training, deployment])
      this.registry?.grant('roles/artifactregistry.reader', s.m, s.k);
    this.pipelineRoot.grant('roles/storage.objectViewer', deployment.m, deployment.k);
    this.pipelineRoot.grant('roles/storage.objectViewer', monitoring.m, monitoring.k);
    this.projectRole(
      projectId,
      'metric-writer',
      'roles/monitoring.metricWriter',
      monitoring.m,
      monitoring.k,
    );
    for (const [name, wb] of Object.entries(this.workbenches)) {
      if (!wb.serviceAccount) continue;
      const m = wb.serviceAccount.member;
      const k = `workbench:${name}`;
      this.projectRole(projectId, 'wb-ds', this.roles.roleName(GcpCustomRole.DATA_SCIENTIST), m, k);
      this.projectRole(projectId, 'wb-bq-job-user', 'roles/bigquery.jobUser', m, k);
      this.projectRole(projectId, 'wb-log-writer', 'roles/logging.logWriter', m, k);
      this.grantData(m, k, 'roles/storage.objectViewer', 'roles/bigquery.dataViewer');
      this.pipelineRoot.grant('roles/storage.objectViewer', m, k);
    }
  }

  private bindPersonas(projectId: string, vizier: GcpVizierAccess | undefined): void {
    const role = (r: GcpCustomRole): string => this.roles.roleName(r);
    for (const { persona, principal: m } of this.personaBindings) {
      switch (persona) {
        case Persona.DATA_SCIENTIST:
          this.projectRole(projectId, 'ds', role(GcpCustomRole.DATA_SCIENTIST), m);
          // jobs they submit name the training SA (the custom constraints require one)
          this.actAs('ds-acts-as-training', this.serviceAccounts.training, m);
          this.projectRole(projectId, 'bq-job-user', 'roles/bigquery.jobUser', m);
          this.grantData(m, m, 'roles/storage.objectViewer', 'roles/bigquery.dataViewer');
          this.pipelineRoot.grant('roles/storage.objectViewer', m);
          this.registry?.grant('roles/artifactregistry.reader', m);
          break;
        case Persona.ML_ENGINEER:
          this.projectRole(projectId, 'mle', role(GcpCustomRole.ML_ENGINEER), m);
          // pipeline runs they submit run as the pipeline SA
          this.actAs('mle-acts-as-pipeline', this.serviceAccounts.pipeline, m);
          this.projectRole(projectId, 'bq-job-user', 'roles/bigquery.jobUser', m);
          this.grantData(m, m, undefined, 'roles/bigquery.dataViewer');
          this.pipelineRoot.grant('roles/storage.objectViewer', m);
          this.registry?.grant('roles/artifactregistry.writer', m);
          break;
        case Persona.DATA_ENGINEER:
          this.projectRole(projectId, 'bq-job-user', 'roles/bigquery.jobUser', m);
          this.grantData(m, m, 'roles/storage.objectAdmin', 'roles/bigquery.dataEditor');
          break;
        case Persona.MODEL_VIEWER:
          this.projectRole(projectId, 'viewer', role(GcpCustomRole.MODEL_VIEWER), m);
          break;
        case Persona.AUDITOR:
          this.projectRole(projectId, 'viewer', role(GcpCustomRole.MODEL_VIEWER), m);
          this.projectRole(projectId, 'security-reviewer', 'roles/iam.securityReviewer', m);
          this.projectRole(projectId, 'private-log-viewer', 'roles/logging.privateLogViewer', m);
          break;
        case Persona.PLATFORM_ADMIN:
          // read-only on Workbench project-wide; roles/notebooks.admin on each instance only
          // (construct id kept from the project-wide admin grant: the address is stable, X-12)
          this.projectRole(projectId, 'notebooks-admin', 'roles/notebooks.viewer', m);
          this.projectRole(projectId, 'monitoring-editor', 'roles/monitoring.editor', m);
          // logging configuration without redirecting or deleting the audit sink (GCP-10)
          this.projectRole(projectId, 'logging-config', role(GcpCustomRole.LOGGING_CONFIG), m);
          this.projectRole(projectId, 'kms-viewer', 'roles/cloudkms.viewer', m);
          this.registry?.grant('roles/artifactregistry.repoAdmin', m);
          break;
        default:
          break;
      }
    }
    const predefined = vizier?.usePredefinedRoles ?? false;
    const levels: Array<[string, string[] | undefined, GcpCustomRole, string]> = [
      [
        'admin',
        vizier?.admins,
        GcpCustomRole.VIZIER_ADMIN,
        GcpRoleCatalogue.PREDEFINED_VIZIER_ROLES.ADMIN,
      ],
      [
        'developer',
        vizier?.developers,
        GcpCustomRole.VIZIER_DEVELOPER,
        GcpRoleCatalogue.PREDEFINED_VIZIER_ROLES.DEVELOPER,
      ],
      [
        'viewer',
        vizier?.viewers,
        GcpCustomRole.VIZIER_VIEWER,
        GcpRoleCatalogue.PREDEFINED_VIZIER_ROLES.VIEWER,
      ],
    ];
    for (const [level, members, custom, pre] of levels) {
      for (const m of members ?? [])
        this.projectRole(projectId, `vizier-${level}`, predefined ? pre : role(custom), m);
    }
  }
}
