import { Construct } from 'constructs';
import { PlatformCommonProps } from '../core/platform';
import { Annotations, ITerraformDependable, TerraformResource, Token, dependable } from 'cdktf';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { TagsTagBinding } from '@cdktf/provider-google/lib/tags-tag-binding';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { lightStackTraces } from '../core/stack-traces';
import { PersonaBinding } from '../core/personas';
import { Tagging } from '../core/tags';
import './profile';
import { DataResidency } from '../core/residency';
import { RemovalPolicy } from '../core/removal-policy';
import { Compliance } from '../core/compliance/compliance';
import { GcpArtifactRegistry } from './artifact-registry';
import { GcpAuditLogging } from './audit';
import { GcpBigQueryDataset } from './bigquery';
import { GcpCiIdentity } from './ci-identity';
import { CmekKeys, CmekPurpose } from './cmek';
import { GcpIamGrant, memberId } from './common';
import { asPlatformProps, claim, literal, under } from './validation';
import { GcpAlertThresholds, GcpMonitoring } from './monitoring';
import { GcpPrivateNetwork } from './network';
import { GcpOrgPolicies } from './org-policies';
import { GcpPerimeterEgressRule, GcpPerimeterIngressRule, ServicePerimeter } from './perimeter';
import { GcpProject, GcpProjectCreationProps } from './project';
import { GcpCustomRole, GcpRoleCatalogue } from './role-catalogue';
import { GcpObjectPrefixGrant, GcpSecureBucket } from './secure-bucket';
import { GcpSensitiveDataProtection } from './sensitive-data';
import { GcpServiceAccountIds, GcpServiceAccounts } from './service-accounts';
import { GcpServiceAgent, GcpServiceAgents } from './service-agents';
import {
  DLP_FINDINGS_DATASET,
  GOOGLE_PROVIDERS,
  KMS_ENCRYPTER_DECRYPTER,
  SERVICE_ACCOUNT_USER,
  accessLogBucketDefaults,
  accessLogWriterGrant,
  perimeterRestrictedServices,
  pipelineRootUri,
  platformBucketPrefix,
} from './defaults';
import { GcpEndpointSpec, GcpVertexResources } from './vertex';
import {
  ResolvedVertexPipelineProps,
  VertexAccessMembers,
  VertexAccessPlan,
  VertexPlatformBinding,
  lateMember,
  planVertexAccess,
  resolveVertexPipelineProps,
} from './vertex-pipeline-props';
import { GcpWorkbenchInstance } from './workbench';
import { GcpKubernetesBinding, GcpWorkloadIdentity } from './workload-identity';
import { isUnresolved } from '../core/errors';

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
   * KSAs acting as the deployment SA: the release jobs that deploy models to the endpoints. That
   * SA deploys and undeploys models and uploads them (Model Deployer role): bind the job that
   * releases a model, never the pods that serve a model or call the endpoints for predictions.
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
export interface SecureVertexPipelineProps extends PlatformCommonProps {
  /** Project id (existing, or created with createProject). */
  readonly projectId: string;
  /** Platform region, e.g. europe-west4. */
  readonly region: string;
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
   * APIs of the project that another stack enables, applied before this one (e.g. the network
   * stack's): the platform does not declare them, so each API is enabled by one stack. List
   * compute.googleapis.com here when another stack owns the
   * iam.automaticIamGrantsForDefaultServiceAccounts guard (`orgPolicyExclusions`): that stack
   * enables the Compute API after its guard has settled, and an enablement here would not wait
   * for it, so the default compute SA could be created with Editor (GCP-01). Each entry is an API
   * the platform would otherwise enable; the perimeter restricts them all the same.
   * @default - none: the platform enables every API it uses
   */
  readonly existingApis?: string[];
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
   * Keep the Data Access audit logs out of the project's `_Default` log bucket (an exclusion on
   * the `_Default` sink), so their only copy is the CMEK, retention-locked audit log bucket (or
   * auditLogDestination): `_Default` is not encrypted with the platform key and the project
   * owner controls its retention. `false` keeps a second copy in `_Default` and suppresses rule
   * GCP-10.default-bucket with that reason in the compliance report. See
   * GcpAuditLoggingProps.excludeDataAccessFromDefaultBucket.
   * @default true
   */
  readonly auditLogExcludeDataAccessFromDefaultBucket?: boolean;
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
   * ML engineers may act as the pipeline service account, to launch pipeline runs and
   * schedules themselves. The pipeline SA registers models (`aiplatform.models.upload`) and ML
   * engineers approve them (model updates and aliases), so an ML engineer who launches a
   * pipeline of their own can register a model version and then approve it. Set false to keep
   * registration and approval apart: pipelines are then launched by the CI identity
   * (`ciIdentity`) from reviewed templates, and ML engineers approve what it registers.
   * @default true
   */
  readonly mlEngineersRunPipelines?: boolean;
  /**
   * CI/CD identity.
   * @default - none
   */
  readonly ciIdentity?: GcpCiIdentityOptions;
  /**
   * Resource Manager tag values (tagValues/NUMBER) bound to the project, e.g. for IAM or
   * org-policy conditions on tags.
   * @default - none
   */
  readonly tagValues?: string[];
  /**
   * google-beta provider for service identities and the metadata store.
   * @default - the stack's google-beta provider, declared (id 'google-beta', platform region) when missing
   */
  readonly betaProvider?: GoogleBetaProvider;
}

export { DEFAULT_SA_GUARD_WAIT } from './defaults';

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
      const r = resolveVertexPipelineProps(this, props);
      this.personaBindings = r.personaBindings;
      this.labels = Tagging.apply(this, r.props.environment, r.props.tags);
      DataResidency.enforce(this, r.allowedRegions, GOOGLE_PROVIDERS);
      this.project = this.buildProject(r);
      const guardrails = this.buildGuardrails(r);
      this.orgPolicies = guardrails.orgPolicies;
      this.defaultSaGuardWait = guardrails.defaultSaGuardWait;
      const encryption = this.buildEncryption(r);
      this.serviceAgents = encryption.serviceAgents;
      this.keys = encryption.keys;
      this.jobKmsKeyName = this.keys.keyId(CmekPurpose.VERTEX_AI);
      const identity = this.buildIdentity(r);
      this.roles = identity.roles;
      this.serviceAccounts = identity.serviceAccounts;
      const network = this.buildNetwork(r);
      this.network = network.network;
      this.networkId = network.networkId;
      this.subnetworkId = network.subnetworkId;
      this.perimeter = network.perimeter;
      // every least-privilege binding, decided before the resources it is granted on exist
      const access = planVertexAccess(r, this.accessMembers());
      const storage = this.buildStorage(r, access);
      this.accessLogBucket = storage.accessLogBucket;
      this.pipelineRoot = storage.pipelineRoot;
      this.pipelineRootUri = pipelineRootUri(this.pipelineRoot.bucket.name);
      this.registry = storage.registry;
      this.vertex = this.buildVertex(r, network.networkName);
      this.buildWorkbenches(r);
      const observability = this.buildObservability(r);
      this.audit = observability.audit;
      this.monitoring = observability.monitoring;
      this.bindPlatform(access.platform);
      this.buildWorkloadIdentity(r);
      this.sensitiveData = this.buildSensitiveData(r);
      this.ciIdentity = this.buildCiIdentity(r);
      this.enforcePerimeterLast();
    } finally {
      restoreStackTraces();
    }
  }

  /** A part, its validation problems reported under the platform's prop names. */
  private part<T>(prefix: string, renames: { [partProp: string]: string }, build: () => T): T {
    return asPlatformProps(
      under(prefix, {
        projectId: 'projectId',
        removalPolicy: 'removalPolicy',
        provider: 'provider',
        dependsOn: 'dependsOn',
        ...renames,
      }),
      build,
    );
  }

  /** The project, its APIs and its Resource Manager tag bindings. */
  private buildProject(r: ResolvedVertexPipelineProps): GcpProject {
    const project = this.part(
      '',
      { create: 'createProject', apis: 'sensitiveDataProtection' },
      () =>
        new GcpProject(this, 'project', {
          projectId: r.props.projectId,
          create: r.props.createProject,
          apis: r.apis,
          removalPolicy: r.props.removalPolicy,
        }),
    );
    for (const tagValue of r.props.tagValues ?? []) {
      this.tagBindings.push(
        new TagsTagBinding(this, `tag-${tagValue.replace(/\//g, '-')}`, {
          parent: `//cloudresourcemanager.googleapis.com/projects/${project.projectNumber}`,
          tagValue,
        }),
      );
    }
    return project;
  }

  /**
   * Guardrails first: the default compute SA must never get Editor, so the
   * iam.automaticIamGrantsForDefaultServiceAccounts policy lands before the Compute API is
   * enabled (which creates that SA). The policies wait only for the APIs they call.
   */
  private buildGuardrails(r: ResolvedVertexPipelineProps): {
    orgPolicies?: GcpOrgPolicies;
    defaultSaGuardWait?: ITerraformDependable;
  } {
    if (!r.orgPolicies) return {};
    const orgPolicies = this.part(
      '',
      {
        allowedLocations: 'allowedRegions',
        exclude: 'orgPolicyExclusions',
        constraints: 'orgPolicyExclusions',
        workbenchNetworks: 'network.existingNetworkId',
      },
      () =>
        new GcpOrgPolicies(this, 'org-policies', {
          projectId: this.project.projectId,
          allowedLocations: r.allowedRegions,
          exclude: r.props.orgPolicyExclusions,
          organizationId: r.props.organizationId,
          workbenchNetworks: r.workbenchNetworks,
          dependsOn: [
            ...this.project.api('orgpolicy.googleapis.com'),
            ...this.project.api('cloudresourcemanager.googleapis.com'),
          ],
        }),
    );
    const defaultSaGuardWait = orgPolicies.guardComputeApi(this, this.project);
    return { orgPolicies, defaultSaGuardWait };
  }

  /** Service agents and the CMEK keys they use (GCP-05, GCP-06). */
  private buildEncryption(r: ResolvedVertexPipelineProps): {
    serviceAgents: GcpServiceAgents;
    keys: CmekKeys;
  } {
    const projectId = this.project.projectId;
    const serviceAgents = this.part(
      '',
      {},
      () =>
        new GcpServiceAgents(this, 'service-agents', {
          projectId,
          projectNumber: this.project.projectNumber,
          region: r.props.region,
          dependsOn: this.project.apiDependencies,
          apiEnablements: this.project.services,
          betaProvider: r.props.betaProvider,
        }),
    );
    const e = r.props.encryption;
    const keys = this.part(
      'encryption',
      { location: 'region' },
      () =>
        new CmekKeys(this, 'keys', {
          projectId,
          location: r.props.region,
          keyRingName: e?.keyRingName,
          existingKeyRingId: e?.existingKeyRingId,
          existingKeys: e?.existingKeys,
          rotationPeriod: e?.rotationPeriod,
          serviceAgents,
          dependsOn: this.project.api('cloudkms.googleapis.com'),
          removalPolicy: r.props.removalPolicy,
        }),
    );
    return { serviceAgents, keys };
  }

  /** Custom roles and the workload service accounts (GCP-01, GCP-03, GCP-04). */
  private buildIdentity(r: ResolvedVertexPipelineProps): {
    roles: GcpRoleCatalogue;
    serviceAccounts: GcpServiceAccounts;
  } {
    const projectId = this.project.projectId;
    const iamApi = this.project.api('iam.googleapis.com');
    const roles = this.part(
      '',
      { roleIdSuffix: 'projectId' },
      () => new GcpRoleCatalogue(this, 'roles', { projectId, dependsOn: iamApi }),
    );
    const serviceAccounts = this.part(
      '',
      { accountIds: 'serviceAccountIds' },
      () =>
        new GcpServiceAccounts(this, 'service-accounts', {
          projectId,
          accountIds: r.props.serviceAccountIds,
          roleCatalogue: roles,
          dependsOn: iamApi,
        }),
    );
    return { roles, serviceAccounts };
  }

  /** The private network (or the brought one) and the perimeter (GCP-07, GCP-08). */
  private buildNetwork(r: ResolvedVertexPipelineProps): {
    network?: GcpPrivateNetwork;
    networkId: string;
    subnetworkId: string;
    networkName?: string;
    perimeter?: ServicePerimeter;
  } {
    const n = r.props.network;
    if (n?.existingNetworkId) {
      const networkId = n.existingNetworkId;
      return {
        networkId,
        subnetworkId: n.existingSubnetworkId!,
        networkName: Token.isUnresolved(networkId) ? undefined : networkId.split('/').pop(),
        perimeter: this.buildPerimeter(r),
      };
    }
    const network = this.part(
      'network',
      { region: 'region', restrictedGoogleApis: 'perimeter' },
      () =>
        new GcpPrivateNetwork(this, 'network', {
          projectId: this.project.projectId,
          region: r.props.region,
          networkName: n?.networkName,
          subnetCidr: n?.subnetCidr,
          cloudNat: n?.cloudNat,
          privateServiceAccessPrefixLength: n?.privateServiceAccessPrefixLength,
          restrictedGoogleApis: r.props.perimeter !== undefined,
          dependsOn: this.project.apiDependencies,
        }),
    );
    return {
      network,
      networkId: network.network.id,
      subnetworkId: network.subnetwork.id,
      networkName: network.networkName,
      perimeter: this.buildPerimeter(r),
    };
  }

  /** The VPC Service Controls perimeter, when an access policy is given (GCP-07). */
  private buildPerimeter(r: ResolvedVertexPipelineProps): ServicePerimeter | undefined {
    const p = r.props.perimeter;
    if (!p) return undefined;
    // a project belongs to one regular perimeter at most
    claim(
      this,
      'regular service perimeter member',
      'VPC Service Controls (a project is in one regular perimeter)',
      literal(r.props.projectId) && `project ${r.props.projectId}`,
      'perimeter',
    );
    const extra = p.additionalRestrictedServices;
    // the APIs of the project: those enabled here and those another stack enables (existingApis)
    const enabled = perimeterRestrictedServices([
      ...Object.keys(this.project.services),
      ...(r.props.existingApis ?? []),
    ]);
    const restricted = Array.isArray(extra) ? [...enabled, ...extra] : (extra ?? enabled);
    if (!p.dryRun) warnOutsidePerimeter(this, r);
    return this.part(
      'perimeter',
      { projectResources: 'projectId' },
      () =>
        new ServicePerimeter(this, 'perimeter', {
          accessPolicyId: p.accessPolicyId,
          perimeterName: r.perimeterName,
          projectResources: [`projects/${this.project.projectNumber}`],
          dryRun: p.dryRun,
          accessLevels: p.accessLevels,
          deployerIdentities: p.deployerIdentities,
          ingressRules: [...ciFederationIngress(r, restricted), ...(p.ingressRules ?? [])],
          egressRules: p.egressRules,
          // a non-list is passed as is, for one problem (not one per character)
          additionalRestrictedServices: restricted,
          // completed at the end: enforced only once everything inside exists
          dependsOn: [],
        }),
    );
  }

  /** The members the access plan binds; Workbench and CI accounts are created later. */
  private accessMembers(): VertexAccessMembers {
    return {
      workload: (p) => this.serviceAccounts.accountFor(p).member,
      workbench: (name) => lateMember(() => this.workbenches[name].serviceAccount!.member),
      ci: lateMember(() => this.ciIdentity!.serviceAccount.member),
      roleName: (role) => this.roles.roleName(role),
    };
  }

  /** Buckets, datasets and registry, with their grants (GCP-03, GCP-06, GCP-12, GCP-13). */
  private buildStorage(
    r: ResolvedVertexPipelineProps,
    access: VertexAccessPlan,
  ): {
    accessLogBucket: GcpSecureBucket;
    pipelineRoot: GcpSecureBucket;
    registry?: GcpArtifactRegistry;
  } {
    const { environment } = r.props;
    const accessLogBucket = this.part(
      '',
      { namePrefix: 'environment', bucketName: 'environment', location: 'region' },
      () =>
        new GcpSecureBucket(this, 'access-logs', {
          ...accessLogBucketDefaults(environment),
          ...this.dataPartProps(r, CmekPurpose.STORAGE),
          grants: [accessLogWriterGrant()],
        }),
    );
    const pipelineRoot = this.part(
      '',
      { namePrefix: 'environment', bucketName: 'pipelineRootBucketName', location: 'region' },
      () =>
        this.bucket(
          r,
          'pipeline-root',
          accessLogBucket,
          access.pipelineRoot,
          { name: 'pipeline-root', bucketName: r.props.pipelineRootBucketName },
          undefined,
          access.pipelineRootStaging,
        ),
    );
    r.dataBuckets.forEach((spec, i) => {
      const ready = this.grantAgentOnKey(
        `data-${spec.name}-key`,
        spec.kmsKeyName,
        GcpServiceAgent.STORAGE,
      );
      this.dataBuckets[spec.name] = this.part(
        `dataBuckets[${i}]`,
        { namePrefix: `dataBuckets[${i}].name` },
        () => this.bucket(r, `data-${spec.name}`, accessLogBucket, access.dataBuckets, spec, ready),
      );
    });
    (r.props.datasets ?? []).forEach((spec, i) => {
      this.datasets[spec.datasetId] = this.part(`datasets[${i}]`, {}, () =>
        this.dataset(r, spec, access.datasets),
      );
    });
    const registry = !r.artifactRegistry
      ? undefined
      : this.part(
          '',
          {
            dockerRepositoryId: 'artifactRegistry',
            kfpRepositoryId: 'artifactRegistry',
            location: 'region',
          },
          () =>
            new GcpArtifactRegistry(this, 'registry', {
              ...this.dataPartProps(r, CmekPurpose.ARTIFACT_REGISTRY),
              grants: access.registry,
            }),
        );
    return { accessLogBucket, pipelineRoot, registry };
  }

  /** A platform bucket: the pipeline root or a data bucket. */
  private bucket(
    r: ResolvedVertexPipelineProps,
    cid: string,
    accessLogBucket: GcpSecureBucket,
    grants: GcpIamGrant[],
    spec: GcpDataBucketSpec,
    ready?: ITerraformDependable[],
    prefixGrants?: GcpObjectPrefixGrant[],
  ): GcpSecureBucket {
    return new GcpSecureBucket(this, cid, {
      ...this.dataPartProps(r, CmekPurpose.STORAGE, spec, ready),
      bucketName: spec.bucketName,
      namePrefix: platformBucketPrefix(r.props.environment, spec.name),
      accessLogBucket: accessLogBucket.bucket.name,
      expireAfterDays: spec.expireAfterDays,
      retentionDays: spec.retentionDays,
      lockRetention: spec.lockRetention,
      grants,
      prefixGrants,
    });
  }

  /** A BigQuery dataset on the platform BIGQUERY key or its own (GCP-06). */
  private dataset(
    r: ResolvedVertexPipelineProps,
    spec: GcpDatasetSpec,
    grants?: GcpIamGrant[],
    cid: string = `dataset-${spec.datasetId}`,
  ): GcpBigQueryDataset {
    const ready = this.grantAgentOnKey(
      `dataset-${spec.datasetId}-key`,
      spec.kmsKeyName,
      GcpServiceAgent.BIGQUERY,
    );
    return new GcpBigQueryDataset(this, cid, {
      ...this.dataPartProps(r, CmekPurpose.BIGQUERY, spec, ready),
      datasetId: spec.datasetId,
      tableExpirationDays: spec.tableExpirationDays,
      grants,
    });
  }

  /**
   * The props every data part of the platform shares: the project, the location (the spec's,
   * else the region), the CMEK key (the spec's own, else the platform key of `purpose`, GCP-06),
   * what the part waits for (`ready`, the grant on its own key, else the grants on the platform
   * key, GCP-05) and the removal policy.
   */
  private dataPartProps(
    r: ResolvedVertexPipelineProps,
    purpose: CmekPurpose,
    spec: { readonly location?: string; readonly kmsKeyName?: string } = {},
    ready?: ITerraformDependable[],
  ): {
    projectId: string;
    location: string;
    kmsKeyName: string;
    dependsOn: ITerraformDependable[];
    removalPolicy?: RemovalPolicy;
  } {
    return {
      projectId: this.project.projectId,
      location: spec.location ?? r.props.region,
      kmsKeyName: spec.kmsKeyName ?? this.keys.keyId(purpose),
      dependsOn: ready ?? this.keys.grantsFor(purpose),
      removalPolicy: r.props.removalPolicy,
    };
  }

  /** Vertex AI resources: metadata store, Tensorboard, endpoints (GCP-06, GCP-08). */
  private buildVertex(
    r: ResolvedVertexPipelineProps,
    networkName: string | undefined,
  ): GcpVertexResources {
    const vertexReady: ITerraformDependable[] = [...this.keys.grantsFor(CmekPurpose.VERTEX_AI)];
    if (this.network) vertexReady.push(this.network.privateServiceConnection);
    return this.part(
      '',
      { kmsKeyName: 'encryption.existingKeys' },
      () =>
        new GcpVertexResources(this, 'vertex', {
          projectId: this.project.projectId,
          projectNumber: this.project.projectNumber,
          region: r.props.region,
          kmsKeyName: this.keys.keyId(CmekPurpose.VERTEX_AI),
          networkName,
          tensorboard: r.props.tensorboard,
          metadataStore: r.props.metadataStore,
          endpoints: r.props.endpoints,
          dependsOn: vertexReady,
          betaProvider: r.props.betaProvider,
          removalPolicy: r.props.removalPolicy,
        }),
    );
  }

  /** Workbench instances (GCP-09), reachable through IAP SSH only. */
  private buildWorkbenches(r: ResolvedVertexPipelineProps): void {
    r.workbenches.forEach((w, i) => {
      const at = `workbenchInstances[${i}]`;
      this.workbenches[w.name] = this.part(
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
            projectId: this.project.projectId,
            zone: w.zone,
            instanceName: w.name,
            owner: w.owner,
            machineType: w.machineType,
            disableDownloads: w.disableDownloads,
            disableTerminal: w.disableTerminal,
            admins: r.workbenchAdmins,
            // the owner starts the instance again after the idle shutdown (GCP-09)
            ownerRole: this.roles.roleName(GcpCustomRole.WORKBENCH_OWNER),
            network: this.networkId,
            subnetwork: this.subnetworkId,
            kmsKeyName: this.keys.keyId(CmekPurpose.COMPUTE),
            dependsOn: this.keys.grantsFor(CmekPurpose.COMPUTE),
            removalPolicy: r.props.removalPolicy,
          }),
      );
    });
    // the instances' service accounts exist only now
    this.network?.allowIapSshTo(Object.values(this.workbenches).map((w) => w.serviceAccountEmail));
  }

  /** Audit logging (GCP-10) and monitoring. */
  private buildObservability(r: ResolvedVertexPipelineProps): {
    audit: GcpAuditLogging;
    monitoring: GcpMonitoring;
  } {
    const projectId = this.project.projectId;
    const p = r.props;
    const audit = this.part(
      '',
      {
        retentionDays: 'auditLogRetentionDays',
        existingDestination: 'auditLogDestination',
        excludeDataAccessFromDefaultBucket: 'auditLogExcludeDataAccessFromDefaultBucket',
        location: 'region',
        kmsKeyName: 'encryption.existingKeys',
        bucketId: 'projectId',
        services: 'projectId',
      },
      () =>
        new GcpAuditLogging(this, 'audit', {
          projectId,
          location: p.region,
          kmsKeyName: p.auditLogDestination ? undefined : this.keys.keyId(CmekPurpose.LOGGING),
          existingDestination: p.auditLogDestination,
          excludeDataAccessFromDefaultBucket: p.auditLogExcludeDataAccessFromDefaultBucket,
          retentionDays: p.auditLogRetentionDays,
          dependsOn: this.keys.grantsFor(CmekPurpose.LOGGING),
          apiDependsOn: this.project.api('logging.googleapis.com'),
          removalPolicy: p.removalPolicy,
        }),
    );
    const monitoring = this.part(
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
          emails: p.alertEmails,
          existingChannels: p.alertChannels,
          thresholds: p.alertThresholds,
          dependsOn: this.project.api('monitoring.googleapis.com'),
        }),
    );
    return { audit, monitoring };
  }

  /** Project-level bindings and actAs grants of the access plan (X-03, GCP-03). */
  private bindPlatform(bindings: VertexPlatformBinding[]): void {
    for (const b of bindings) {
      const cid = memberId(b.label, b.key);
      if (this.node.tryFindChild(cid)) continue;
      if (b.actAs !== undefined)
        this.personaActAs.push(
          new ServiceAccountIamMember(this, cid, {
            serviceAccountId: this.serviceAccounts.accountFor(b.actAs).name,
            role: SERVICE_ACCOUNT_USER,
            member: b.member,
          }),
        );
      else
        this.projectBindings.push(
          new ProjectIamMember(this, cid, {
            project: this.project.projectId,
            role: b.role!,
            member: b.member,
          }),
        );
    }
  }

  /** Workload Identity bindings of GKE workloads (GCP-17). */
  private buildWorkloadIdentity(r: ResolvedVertexPipelineProps): void {
    const wi = r.props.workloadIdentity;
    const bind = (kind: 'training' | 'deployment', bindings?: GcpKubernetesBinding[]): void => {
      if (!bindings?.length) return;
      this.workloadIdentity.push(
        this.part(
          'workloadIdentity',
          { bindings: `workloadIdentity.${kind}`, dependsOn: 'workloadIdentity.clusters' },
          () =>
            new GcpWorkloadIdentity(this, `wi-${kind}`, {
              projectId: this.project.projectId,
              serviceAccount: this.serviceAccounts[kind],
              bindings,
              dependsOn: wi?.clusters,
            }),
        ),
      );
    };
    bind('training', wi?.training);
    bind('deployment', wi?.deployment);
    if (wi?.identityPoolExists === true && !wi.clusters?.length) {
      // the caller states what the stack cannot show (GCP-17.pool): recorded in the report
      for (const w of this.workloadIdentity)
        Compliance.suppress(
          w,
          'GCP-17.pool',
          'workloadIdentity.identityPoolExists: the caller states that a GKE cluster with Workload Identity (the PROJECT.svc.id.goog pool) exists before this apply',
        );
    }
  }

  /** Sensitive Data Protection scans of the data buckets, findings in a CMEK dataset. */
  private buildSensitiveData(
    r: ResolvedVertexPipelineProps,
  ): GcpSensitiveDataProtection | undefined {
    if (!r.props.sensitiveDataProtection) return undefined;
    const findings = this.part(
      '',
      { datasetId: 'sensitiveDataProtection', location: 'region' },
      () => this.dataset(r, { datasetId: DLP_FINDINGS_DATASET }, undefined, 'dataset-dlp-findings'),
    );
    this.datasets[DLP_FINDINGS_DATASET] = findings;
    return this.part(
      '',
      { bucketNames: 'dataBuckets', region: 'region' },
      () =>
        new GcpSensitiveDataProtection(this, 'sensitive-data', {
          projectId: this.project.projectId,
          region: r.props.region,
          bucketNames: Object.values(this.dataBuckets).map((b) => b.bucket.name),
          findingsDatasetId: findings.dataset.datasetId,
          dependsOn: this.project.api('dlp.googleapis.com'),
        }),
    );
  }

  /** The CI/CD identity (GCP-19); its registry and pipeline-root grants are in the access plan. */
  private buildCiIdentity(r: ResolvedVertexPipelineProps): GcpCiIdentity | undefined {
    const ci = r.props.ciIdentity;
    if (!ci) return undefined;
    return this.part(
      'ciIdentity',
      {
        pipelineRole: 'ciIdentity',
        pipelineServiceAccount: 'ciIdentity',
        projectNumber: 'ciIdentity',
      },
      () =>
        new GcpCiIdentity(this, 'ci', {
          projectId: this.project.projectId,
          projectNumber: this.project.projectNumber,
          accountId: ci.accountId,
          federatedPrincipals: ci.federatedPrincipals,
          cloudBuild: ci.cloudBuild,
          // launches runs only: uploading models or running custom jobs as the pipeline SA
          // outside a pipeline are the runs' own
          pipelineRole: this.roles.roleName(GcpCustomRole.PIPELINE_LAUNCHER),
          pipelineServiceAccount: this.serviceAccounts.pipeline,
        }),
    );
  }

  /** The perimeter is enforced last: after every resource inside it exists (GCP-07). */
  private enforcePerimeterLast(): void {
    if (!this.perimeter) return;
    const own = new Set(this.perimeter.node.findAll());
    this.perimeter.perimeter.dependsOn = this.node
      .findAll()
      .filter((c) => TerraformResource.isTerraformResource(c) && !own.has(c))
      .map((c) => dependable(c as TerraformResource));
  }

  /**
   * GCP-05: grants a service agent a per-resource key (given in props), after the agent exists.
   * Returns what the resource waits for: that grant, or undefined when it has no key of its own.
   */
  private grantAgentOnKey(
    id: string,
    keyId: string | undefined,
    agent: GcpServiceAgent,
  ): ITerraformDependable[] | undefined {
    if (!keyId) return undefined;
    return [
      new KmsCryptoKeyIamMember(this, id, {
        cryptoKeyId: keyId,
        role: KMS_ENCRYPTER_DECRYPTER,
        member: this.serviceAgents.member(agent),
        dependsOn: this.serviceAgents.readiness(agent),
      }),
    ];
  }
}

/** The project id of a literal `projects/<id>/...` resource name, when it is one. */
function projectOf(name: unknown): string | undefined {
  if (typeof name !== 'string' || isUnresolved(name)) return undefined;
  return /^projects\/([^/]+)\//.exec(name)?.[1];
}

/**
 * GCP-07: the perimeter holds the platform project only. Keys of another project (a central KMS
 * project) and a Shared VPC host project stay outside it, and once it is enforced the calls to
 * them cross it: Cloud KMS needs an egress rule (or the key project in the same perimeter), and
 * Google requires a Shared VPC host in the perimeter of its service projects.
 */
function warnOutsidePerimeter(scope: Construct, r: ResolvedVertexPipelineProps): void {
  const own = r.props.projectId;
  const e = r.props.encryption;
  const keyProjects = new Set(
    [
      e?.existingKeyRingId,
      ...Object.values(e?.existingKeys ?? {}),
      ...r.dataBuckets.map((b) => b.kmsKeyName),
      ...(Array.isArray(r.props.datasets) ? r.props.datasets.map((d) => d.kmsKeyName) : []),
    ]
      .map(projectOf)
      .filter((x): x is string => x !== undefined && x !== own),
  );
  const kmsEgress = (r.props.perimeter?.egressRules ?? []).some((g) =>
    (g.services ?? []).includes('cloudkms.googleapis.com'),
  );
  if (keyProjects.size > 0 && !kmsEgress)
    Annotations.of(scope).addWarning(
      `GCP-07: keys of project(s) ${[...keyProjects].join(', ')} lie outside the perimeter: once it is enforced, new CMEK resources and the service agents' use of those keys need an egress rule to projects/<key project number> for cloudkms.googleapis.com (perimeter.egressRules), or the key project in the same perimeter`,
    );
  const host = projectOf(r.props.network?.existingNetworkId);
  if (host !== undefined && host !== own)
    Annotations.of(scope).addWarning(
      `GCP-07: the network is in project ${host}, outside the perimeter: Google requires the Shared VPC host project in the perimeter of its service projects, or calls to the network are blocked once it is enforced`,
    );
}

/**
 * The ingress rule federated CI principals need through an enforced perimeter (GCP-19): they
 * exchange their token (sts) and impersonate the CI service account (iamcredentials) from
 * outside Google Cloud, and a workload identity pool principal can only be admitted by an
 * ingress rule, never by an access level. None without federated principals, or when neither
 * service is restricted.
 */
function ciFederationIngress(
  r: ResolvedVertexPipelineProps,
  restricted: unknown,
): GcpPerimeterIngressRule[] {
  const principals = r.props.ciIdentity?.federatedPrincipals;
  if (!Array.isArray(principals) || principals.length === 0 || !Array.isArray(restricted))
    return [];
  const services = ['sts.googleapis.com', 'iamcredentials.googleapis.com'].filter((x) =>
    restricted.includes(x),
  );
  if (services.length === 0) return [];
  return [
    {
      title: 'CI federated identities impersonate the CI service account',
      identities: principals,
      sourceAccessLevels: ['*'],
      services,
    },
  ];
}
