import type { StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import type { OrgPolicyPolicySpecRules } from '@cdktf/provider-google/lib/org-policy-policy';
import { isGcpMultiRegion } from './validate';
import type { MonitoringAlertPolicyConditions } from '@cdktf/provider-google/lib/monitoring-alert-policy';
/**
 * Secure defaults of the GCP constructs, in one place (aws-solutions-constructs style).
 * Every value here is documented in the GCP section of the README.
 */

/** 90 days, the maximum (and default) CMEK rotation period (GCP-06). */
export const MAX_ROTATION_SECONDS = 90 * 24 * 3600;
/** Default rotation period of platform keys. */
export const DEFAULT_ROTATION_PERIOD = `${MAX_ROTATION_SECONDS}s`;
/** How long a destroyed key version stays recoverable (provider default is 30 days; we keep it explicit). */
export const DEFAULT_KEY_DESTROY_SCHEDULED_DURATION = `${30 * 24 * 3600}s`;

/** Services a VPC Service Controls perimeter restricts at least (GCP-07). */
export const REQUIRED_RESTRICTED_SERVICES = [
  'aiplatform.googleapis.com',
  'storage.googleapis.com',
  'bigquery.googleapis.com',
  'artifactregistry.googleapis.com',
  'notebooks.googleapis.com',
  'cloudkms.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'containerregistry.googleapis.com',
];

/**
 * Services that VPC Service Controls supports, among those the platform can enable (GCP-07).
 * Source: https://cloud.google.com/vpc-service-controls/docs/supported-products (and the
 * `supported_restricted_service` list of terraform-google-enterprise-genai
 * 3-networks-svpc/modules/base_env/main.tf; the bundled reference data, X-15, holds the full
 * list). Not supported, so never restricted: containerscanning.googleapis.com (its findings are
 * served by containeranalysis.googleapis.com, which is). `GCP-07` checks the same against the
 * reference data, for every service a stack enables.
 */
export const VPC_SC_SUPPORTED_SERVICES = [
  'aiplatform.googleapis.com',
  'artifactregistry.googleapis.com',
  'bigquery.googleapis.com',
  'cloudbuild.googleapis.com',
  'cloudkms.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'containeranalysis.googleapis.com',
  'containerregistry.googleapis.com',
  'dlp.googleapis.com',
  'dns.googleapis.com',
  'iam.googleapis.com',
  'iamcredentials.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'notebooks.googleapis.com',
  'orgpolicy.googleapis.com',
  'servicenetworking.googleapis.com',
  'storage.googleapis.com',
  'sts.googleapis.com',
];

/**
 * Services whose audit logs are turned on for ADMIN_READ, DATA_READ and DATA_WRITE (GCP-10):
 * `allServices` (every service of the project, no exemption), plus the ML services by name so
 * that narrowing the list keeps them.
 */
export const AUDITED_SERVICES = [
  'allServices',
  'aiplatform.googleapis.com',
  'storage.googleapis.com',
  'bigquery.googleapis.com',
  'cloudkms.googleapis.com',
];

/** Audit log types turned on (GCP-10). */
export const AUDIT_LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'];

/** Services that must use CMEK under gcp.restrictNonCmekServices (GCP-11). */
export const CMEK_REQUIRED_SERVICES = [
  'aiplatform.googleapis.com',
  'notebooks.googleapis.com',
  'storage.googleapis.com',
  'bigquery.googleapis.com',
];

/** APIs the platform enables (never disabled on destroy). */
export const PLATFORM_APIS = [
  'aiplatform.googleapis.com',
  'artifactregistry.googleapis.com',
  'bigquery.googleapis.com',
  'cloudkms.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'containerscanning.googleapis.com',
  'dns.googleapis.com',
  'iam.googleapis.com',
  'logging.googleapis.com',
  'monitoring.googleapis.com',
  'notebooks.googleapis.com',
  'orgpolicy.googleapis.com',
  'servicenetworking.googleapis.com',
  'storage.googleapis.com',
];

/** Roles never granted to workloads, and never granted at project level by rule GCP-02. */
export const BROAD_ROLES = [
  'roles/owner',
  'roles/editor',
  'roles/aiplatform.admin',
  'roles/storage.admin',
  'roles/bigquery.admin',
];

/** Roles never granted on the whole project (rule GCP-02): Workbench admin goes on the instance. */
export const PROJECT_WIDE_FORBIDDEN_ROLES = ['roles/notebooks.admin'];

/** Data-plane roles that belong on buckets / datasets, not on the project (GCP-03). */
export const DATA_PLANE_ROLES = [
  'roles/storage.objectAdmin',
  'roles/storage.objectCreator',
  'roles/storage.objectUser',
  'roles/storage.objectViewer',
  'roles/bigquery.dataEditor',
  'roles/bigquery.dataOwner',
  'roles/bigquery.dataViewer',
];

/** The Cloud KMS role granted to service agents on exactly the keys they use (GCP-05). */
export const KMS_ENCRYPTER_DECRYPTER = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** The restricted VIP of Google APIs (restricted.googleapis.com), GCP-08. */
export const RESTRICTED_VIP_CIDR = '199.36.153.4/30';
/** The private VIP of Google APIs (private.googleapis.com), GCP-08. */
export const PRIVATE_VIP_CIDR = '199.36.153.8/30';

/** Defaults of the private network (GCP-08). */
export const NETWORK_DEFAULTS = {
  networkName: 'mlops-vpc',
  subnetCidr: '10.10.0.0/20',
  privateServiceAccessPrefix: 16,
  flowLogSampling: 0.5,
  flowLogInterval: 'INTERVAL_5_SEC',
};

/** Bucket defaults (GCP-12). */
export const BUCKET_DEFAULTS = {
  /** Non-current object versions are deleted after this many days. */
  noncurrentVersionDays: 30,
  /** Soft delete window (seconds), 7 days, the GCS default, made explicit. */
  softDeleteSeconds: 7 * 24 * 3600,
  /** Access logs are kept this many days. */
  accessLogDays: 365,
};

/** Artifact Registry cleanup defaults (GCP-13). */
export const REGISTRY_DEFAULTS = {
  untaggedOlderThan: `${30 * 24 * 3600}s`,
  keepRecentVersions: 10,
};

/** Log bucket defaults (GCP-10). */
export const LOG_DEFAULTS = {
  retentionDays: 400,
  /** The audit log bucket id. */
  bucketId: 'mlops-audit',
  /** The audit sink name (one per project). */
  sinkName: 'mlops-audit-sink',
  /** What the sink exports: every Cloud Audit Log. */
  sinkFilter: 'logName:"cloudaudit.googleapis.com"',
  /** The exclusion on the project's `_Default` sink (one name per project). */
  defaultSinkExclusionName: 'mlops-audit-data-access',
  /**
   * What the exclusion keeps out of the `_Default` log bucket: the Data Access audit logs (ADMIN_READ,
   * DATA_READ, DATA_WRITE), which the audit sink routes to the platform's log bucket.
   */
  defaultSinkExclusionFilter: 'LOG_ID("cloudaudit.googleapis.com/data_access")',
};

/**
 * The guardrail constraints (GCP-11, GCP-09). Boolean constraints are enforced; list
 * constraints get the values in {@link GcpOrgPolicies}. Names and types:
 * https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints;
 * the Workbench set follows terraform-google-enterprise-genai 1-org/modules/ml-org-policies.
 */
export const GUARDRAIL_CONSTRAINTS = [
  'gcp.resourceLocations',
  'iam.disableServiceAccountKeyCreation',
  'storage.uniformBucketLevelAccess',
  'storage.publicAccessPrevention',
  'compute.requireOsLogin',
  'compute.vmExternalIpAccess',
  'ainotebooks.restrictPublicIp',
  'ainotebooks.disableRootAccess',
  'gcp.restrictNonCmekServices',
  'iam.automaticIamGrantsForDefaultServiceAccounts',
  'iam.disableServiceAccountKeyUpload',
  'ainotebooks.disableFileDownloads',
  'ainotebooks.disableTerminal',
  'ainotebooks.requireAutoUpgradeSchedule',
  'ainotebooks.accessMode',
  'ainotebooks.restrictVpcNetworks',
  'ainotebooks.environmentOptions',
];

/** The boolean constraints among the guardrails (enforce), the others are list constraints. */
export const BOOLEAN_GUARDRAILS = [
  'iam.disableServiceAccountKeyCreation',
  'storage.uniformBucketLevelAccess',
  'storage.publicAccessPrevention',
  'compute.requireOsLogin',
  'ainotebooks.restrictPublicIp',
  'ainotebooks.disableRootAccess',
  'iam.automaticIamGrantsForDefaultServiceAccounts',
  'iam.disableServiceAccountKeyUpload',
  'ainotebooks.disableFileDownloads',
  'ainotebooks.disableTerminal',
  'ainotebooks.requireAutoUpgradeSchedule',
];

/**
 * The custom constraints (GCP-01): a Vertex AI job created without a service account runs as
 * the Custom Code Service Agent, which holds project-wide storage and BigQuery data access.
 * Resource types and fields: https://cloud.google.com/vertex-ai/docs/training/custom-constraints
 * (CustomJob.jobSpec.serviceAccount, HyperparameterTuningJob.trialJobSpec.serviceAccount).
 */
export const JOB_SERVICE_ACCOUNT_CONSTRAINTS: {
  [name: string]: { resourceType: string; condition: string; displayName: string };
} = {
  'custom.mlopsCustomJobServiceAccount': {
    resourceType: 'aiplatform.googleapis.com/CustomJob',
    condition: "resource.jobSpec.serviceAccount == ''",
    displayName: 'Vertex AI custom jobs name a service account',
  },
  'custom.mlopsTuningJobServiceAccount': {
    resourceType: 'aiplatform.googleapis.com/HyperparameterTuningJob',
    condition: "resource.trialJobSpec.serviceAccount == ''",
    displayName: 'Vertex AI tuning jobs name a service account',
  },
};

/** Workload service account ids by persona (PIPELINE, TRAINING, DEPLOYMENT, MONITORING), GCP-01. */
export function defaultServiceAccountIds(): { [persona: string]: string } {
  return {
    PIPELINE: 'vertex-pipeline',
    TRAINING: 'vertex-training',
    DEPLOYMENT: 'vertex-deployment',
    MONITORING: 'vertex-monitoring',
  };
}

/** The data buckets of a platform that names none (GCP-12). */
export function defaultDataBuckets(): Array<{ name: string }> {
  return [{ name: 'training-data' }];
}

/** The name prefix of a platform bucket (its unique suffix is added by the bucket). */
export function platformBucketPrefix(environment: string, name: string): string {
  return `mlops-${environment}-${name}`;
}

/** The access-log bucket of a platform (GCP-12): its name prefix and retention. */
export function accessLogBucketDefaults(environment: string): {
  namePrefix: string;
  expireAfterDays: number;
} {
  return {
    namePrefix: platformBucketPrefix(environment, 'access-logs'),
    expireAfterDays: BUCKET_DEFAULTS.accessLogDays,
  };
}

/** The grant that lets Cloud Storage write usage logs into an access-log bucket (GCP-12). */
export function accessLogWriterGrant(): { role: string; member: string } {
  return {
    role: 'roles/storage.objectCreator',
    member: 'group:cloud-storage-analytics@google.com',
  };
}

/**
 * Where notebooks and the SDK stage the code and packages of the custom jobs they submit
 * (`aiplatform.init(staging_bucket="gs://BUCKET/staging")`): the data scientists and the
 * Workbench service accounts write the pipeline root bucket under this prefix only (GCP-03).
 */
export const PIPELINE_ROOT_STAGING_PREFIX = 'staging/';

/** The pipeline root of a pipeline-root bucket (passed to pipeline jobs). */
export function pipelineRootUri(bucketName: string): string {
  return `gs://${bucketName}/pipeline-root`;
}

/** The perimeter name of a platform that names none (GCP-07). */
export function defaultPerimeterName(environment: string): string {
  return `mlops_${environment.replace(/-/g, '_')}`;
}

/** The dataset that receives Sensitive Data Protection findings. */
export const DLP_FINDINGS_DATASET = 'dlp_findings';

/**
 * APIs the platform enables: the platform APIs, plus DLP for Sensitive Data Protection, IAM
 * credentials and STS for federated CI principals, Cloud Build for a Cloud Build CI identity.
 */
export function platformApis(options: {
  sensitiveDataProtection?: boolean;
  federatedCi?: boolean;
  cloudBuild?: boolean;
}): string[] {
  return [
    ...PLATFORM_APIS,
    ...(options.sensitiveDataProtection ? ['dlp.googleapis.com'] : []),
    ...(options.federatedCi ? ['iamcredentials.googleapis.com', 'sts.googleapis.com'] : []),
    ...(options.cloudBuild ? ['cloudbuild.googleapis.com'] : []),
  ];
}

/**
 * How long the Compute Engine API enablement waits after the
 * iam.automaticIamGrantsForDefaultServiceAccounts policy is set, for the policy to take effect.
 */
export const DEFAULT_SA_GUARD_WAIT = '120s';

/**
 * The services a platform perimeter restricts beyond REQUIRED_RESTRICTED_SERVICES: every
 * VPC-SC-supported service among the enabled ones, plus containeranalysis.googleapis.com when
 * containerscanning.googleapis.com (whose findings it serves) is enabled (GCP-07).
 */
export function perimeterRestrictedServices(enabledApis: string[]): string[] {
  return [
    ...enabledApis.filter(
      (api) =>
        VPC_SC_SUPPORTED_SERVICES.includes(api) && !REQUIRED_RESTRICTED_SERVICES.includes(api),
    ),
    ...(enabledApis.includes('containerscanning.googleapis.com')
      ? ['containeranalysis.googleapis.com']
      : []),
  ];
}

/** The role that lets a member act as (run jobs as) a service account. */
export const SERVICE_ACCOUNT_USER = 'roles/iam.serviceAccountUser';

/** How the private network reaches Google APIs: the VIP range, its host name and addresses (GCP-08). */
export function googleApisVip(restricted: boolean): { cidr: string; host: string; ips: string[] } {
  return restricted
    ? {
        cidr: RESTRICTED_VIP_CIDR,
        host: 'restricted.googleapis.com.',
        ips: ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7'],
      }
    : {
        cidr: PRIVATE_VIP_CIDR,
        host: 'private.googleapis.com.',
        ips: ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'],
      };
}

/** The source range of IAP TCP forwarding (SSH through IAP), GCP-08. */
export const IAP_SOURCE_RANGE = '35.235.240.0/20';

/** A firewall rule of the private network, without project, network and name. */
export interface FirewallRuleDefaults {
  readonly direction: string;
  readonly priority: number;
  readonly sourceRanges?: string[];
  readonly destinationRanges?: string[];
  readonly allow?: Array<{ protocol: string; ports?: string[] }>;
  readonly deny?: Array<{ protocol: string; ports?: string[] }>;
  readonly targetServiceAccounts?: string[];
  readonly disabled?: boolean;
}

/**
 * The base firewall rules of the private network, by id, in creation order (GCP-08): default-deny
 * ingress and egress, egress to the Google APIs VIP on 443, IAP SSH to the listed service
 * accounts only (disabled without any), egress inside the subnet.
 */
export function privateNetworkFirewalls(o: {
  vipCidr: string;
  subnetCidr: string;
  sshTargets: string[];
}): { [id: string]: FirewallRuleDefaults } {
  return {
    'deny-all-ingress': {
      direction: 'INGRESS',
      priority: 65534,
      sourceRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    },
    'deny-all-egress': {
      direction: 'EGRESS',
      priority: 65534,
      destinationRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    },
    'allow-google-apis-egress': {
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [o.vipCidr],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    },
    'allow-iap-ssh-ingress': {
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [IAP_SOURCE_RANGE],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      targetServiceAccounts: o.sshTargets.length > 0 ? o.sshTargets : undefined,
      disabled: o.sshTargets.length === 0,
    },
    'allow-internal-egress': {
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [o.subnetCidr],
      allow: [{ protocol: 'all' }],
    },
  };
}

/** Egress to the internet on 443 through Cloud NAT (only with cloudNat). */
export function natEgressFirewall(): FirewallRuleDefaults {
  return {
    direction: 'EGRESS',
    priority: 2000,
    destinationRanges: ['0.0.0.0/0'],
    allow: [{ protocol: 'tcp', ports: ['443'] }],
  };
}

/**
 * Egress to the private service access range (Vertex AI private endpoints), GCP-08. A private
 * endpoint over private services access serves predictions over plain HTTP on port 80: its
 * `predictHttpUri` is `http://ENDPOINT_ID.aiplatform.googleapis.com/v1/models/DEPLOYED_MODEL_ID:predict`
 * (https://cloud.google.com/vertex-ai/docs/predictions/using-private-endpoints); the traffic stays
 * on the peering.
 */
export function privateServicesEgressFirewall(range: string): FirewallRuleDefaults {
  return {
    direction: 'EGRESS',
    priority: 1000,
    destinationRanges: [range],
    allow: [{ protocol: 'tcp', ports: ['80', '443', '8080'] }],
  };
}

/** The type of the platform perimeter: regular (a project is in one regular perimeter), GCP-07. */
export const PERIMETER_TYPE = 'PERIMETER_TYPE_REGULAR';

/** VPC-accessible services of a perimeter: the restricted services only (GCP-07). */
export function perimeterVpcAccessibleServices(): {
  enableRestriction: boolean;
  allowedServices: string[];
} {
  return { enableRestriction: true, allowedServices: ['RESTRICTED-SERVICES'] };
}

/** The access level of a perimeter's deployer identities (at most 50 characters). */
export function deployerAccessLevelName(perimeterName: string): string {
  return `${perimeterName}_deployers`.slice(0, 50);
}

/** Monitoring defaults (GCP-14): alert thresholds and the display name prefix. */
export function monitoringDefaults(): {
  latencyMs: number;
  errorsPerMinute: number;
  cpuUtilization: number;
  displayNamePrefix: string;
} {
  return { latencyMs: 1000, errorsPerMinute: 5, cpuUtilization: 0.8, displayNamePrefix: 'MLOps' };
}

/** An alert on a metric threshold or on matching log entries (GCP-14). */
export interface AlertDefinition {
  /** Construct id. */
  readonly name: string;
  /** Display name. */
  readonly displayName: string;
  /** Documentation shown with the incident. */
  readonly doc: string;
  /** A metric threshold condition (WARNING). */
  readonly condition?: MonitoringAlertPolicyConditions;
  /** A log filter (CRITICAL). */
  readonly logFilter?: string;
}

/** The endpoint alerts: p99 latency, 5xx errors, replica CPU (GCP-14). */
export function endpointAlerts(
  prefix: string,
  t: { latencyMs: number; errorsPerMinute: number; cpuUtilization: number },
): AlertDefinition[] {
  const filter = (metric: string, extra = ''): string =>
    `resource.type = "aiplatform.googleapis.com/Endpoint" AND metric.type = "aiplatform.googleapis.com/prediction/online/${metric}"${extra}`;
  const above = (
    displayName: string,
    metric: string,
    value: number,
    duration: string,
    aligner: string,
  ): MonitoringAlertPolicyConditions => ({
    displayName,
    conditionThreshold: {
      filter: metric,
      comparison: 'COMPARISON_GT',
      thresholdValue: value,
      duration,
      aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: aligner }],
    },
  });
  return [
    {
      name: 'endpoint-latency',
      displayName: `${prefix} endpoint latency p99`,
      condition: above(
        `p99 prediction latency > ${t.latencyMs} ms`,
        filter('prediction_latencies'),
        t.latencyMs,
        '300s',
        'ALIGN_PERCENTILE_99',
      ),
      doc: 'Online prediction latency of a Vertex AI endpoint is above the threshold (GCP-14).',
    },
    {
      name: 'endpoint-errors',
      displayName: `${prefix} endpoint 5xx errors`,
      condition: above(
        `5xx responses > ${t.errorsPerMinute}/min`,
        filter('response_count', ' AND metric.label.response_code = starts_with("5")'),
        t.errorsPerMinute,
        '300s',
        'ALIGN_SUM',
      ),
      doc: 'A Vertex AI endpoint returns server errors (GCP-14).',
    },
    {
      name: 'endpoint-cpu',
      displayName: `${prefix} endpoint CPU utilisation`,
      condition: above(
        `replica CPU > ${Math.round(t.cpuUtilization * 100)}%`,
        filter('cpu/utilization'),
        t.cpuUtilization,
        '600s',
        'ALIGN_MEAN',
      ),
      doc: 'Endpoint replicas are saturated; check autoscaling (GCP-14).',
    },
  ];
}

/** The log-based alerts: IAM, Cloud KMS, perimeter, and audit trail or alerting changes (GCP-14). */
export function securityLogAlerts(prefix: string): AlertDefinition[] {
  return [
    {
      name: 'iam-changes',
      displayName: `${prefix} IAM policy change`,
      // Resource-level grants log under their service's method names: `...SetIamPolicy` (projects,
      // keys, registries, Vertex AI), `google.iam.admin.v1.SetIAMPolicy` (service accounts),
      // the storage.setIamPermissions method (buckets, CIS GCP 2.10) and dataset patches (BigQuery
      // dataset access, which google_bigquery_dataset_iam_member writes through the dataset).
      logFilter: [
        'protoPayload.methodName:"SetIamPolicy"',
        'protoPayload.methodName:"SetIAMPolicy"',
        'protoPayload.methodName="storage.setIamPermissions"',
        '(protoPayload.serviceName="bigquery.googleapis.com" AND (protoPayload.methodName:"PatchDataset" OR protoPayload.methodName:"UpdateDataset"))',
        'protoPayload.methodName:"CreateRole"',
        'protoPayload.methodName:"UpdateRole"',
      ].join(' OR '),
      doc: 'An IAM policy or custom role changed (GCP-14).',
    },
    {
      name: 'kms-changes',
      displayName: `${prefix} Cloud KMS key change`,
      logFilter:
        // a version is disabled or enabled by UpdateCryptoKeyVersion (cryptoKeyVersions.patch);
        // Cloud KMS has no Disable method
        'protoPayload.serviceName="cloudkms.googleapis.com" AND (protoPayload.methodName:"DestroyCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKey" OR protoPayload.methodName:"UpdateCryptoKeyPrimaryVersion")',
      doc: 'A platform key was changed, disabled or scheduled for destruction (GCP-14).',
    },
    {
      name: 'perimeter-changes',
      displayName: `${prefix} VPC-SC perimeter change or violation`,
      logFilter:
        'protoPayload.serviceName="accesscontextmanager.googleapis.com" OR protoPayload.metadata.@type="type.googleapis.com/google.cloud.audit.VpcServiceControlAuditMetadata"',
      doc: 'The service perimeter changed, or a request was blocked by it (GCP-14).',
    },
    {
      name: 'audit-changes',
      displayName: `${prefix} audit trail or alerting change`,
      // Admin Activity entries of Cloud Logging (google.logging.v2.ConfigServiceV2.*) and Cloud
      // Monitoring (google.monitoring.v3.*Service.*) that would blind the audit trail or these
      // alerts: a sink or log bucket created (a copy of the logs elsewhere), changed or deleted,
      // an exclusion created, changed or deleted, an alert policy or notification channel changed or deleted, a snooze. Reads
      // (Get/List, logged as ADMIN_READ) are not matched.
      logFilter: [
        '(protoPayload.serviceName="logging.googleapis.com" AND (',
        [
          'CreateSink',
          'UpdateSink',
          'DeleteSink',
          'CreateBucket',
          'UpdateBucket',
          'DeleteBucket',
          'CreateExclusion',
          'UpdateExclusion',
          'DeleteExclusion',
        ]
          .map((m) => `protoPayload.methodName:"${m}"`)
          .join(' OR '),
        ')) OR (protoPayload.serviceName="monitoring.googleapis.com" AND (',
        [
          'UpdateAlertPolicy',
          'DeleteAlertPolicy',
          'UpdateNotificationChannel',
          'DeleteNotificationChannel',
          'CreateSnooze',
          'UpdateSnooze',
        ]
          .map((m) => `protoPayload.methodName:"${m}"`)
          .join(' OR '),
        '))',
      ].join(''),
      doc: 'A log sink, log bucket or exclusion was created, changed or deleted, or an alert policy, notification channel or snooze changed: the audit trail or its alerts may be blinded (GCP-10, GCP-14).',
    },
  ];
}

/** Workbench instance defaults (GCP-09). */
export const WORKBENCH_DEFAULTS = {
  /** Machine type unless given. */
  machineType: 'e2-standard-4',
  /** Idle shutdown, minutes. */
  idleShutdownMinutes: 60,
  /** When instances upgrade themselves (ainotebooks.requireAutoUpgradeSchedule). */
  upgradeSchedule: '0 3 * * SUN',
  /** Boot and data disk sizes, GB. */
  bootDiskGb: '150',
  dataDiskGb: '100',
};

/**
 * The metadata of a Workbench instance (GCP-09): root, nbconvert and (unless turned on)
 * downloads and terminal disabled, the upgrade schedule, idle shutdown (0: off).
 */
export function workbenchMetadata(o: {
  disableDownloads?: boolean;
  disableTerminal?: boolean;
  idleShutdownMinutes: number;
}): { [key: string]: string } {
  return {
    'notebook-disable-root': 'true',
    'notebook-disable-downloads': String(o.disableDownloads ?? true),
    'notebook-disable-terminal': String(o.disableTerminal ?? true),
    'notebook-disable-nbconvert': 'true',
    'notebook-upgrade-schedule': WORKBENCH_DEFAULTS.upgradeSchedule,
    ...(o.idleShutdownMinutes > 0
      ? { 'idle-timeout-seconds': String(o.idleShutdownMinutes * 60) }
      : {}),
  };
}

/** A CMEK disk of a Workbench instance (GCP-06). */
export function workbenchDisk(
  kmsKey: string,
  diskSizeGb: string,
): { diskEncryption: string; kmsKey: string; diskType: string; diskSizeGb: string } {
  return { diskEncryption: 'CMEK', kmsKey, diskType: 'PD_BALANCED', diskSizeGb };
}

/** Shielded VM: secure boot, vTPM, integrity monitoring (GCP-09). */
export function shieldedVm(): {
  enableSecureBoot: boolean;
  enableVtpm: boolean;
  enableIntegrityMonitoring: boolean;
} {
  return { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true };
}

/** The name prefix of generated platform resource names (key rings, buckets). */
export const NAME_PREFIX = 'mlops';

/** The secure settings of a platform key (GCP-06): symmetric, software, destroy delay kept. */
export function cmekKeyDefaults(): {
  purpose: string;
  destroyScheduledDuration: string;
  versionTemplate: { algorithm: string; protectionLevel: string };
} {
  return {
    purpose: 'ENCRYPT_DECRYPT',
    destroyScheduledDuration: DEFAULT_KEY_DESTROY_SCHEDULED_DURATION,
    versionTemplate: { algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION', protectionLevel: 'SOFTWARE' },
  };
}

/** The name (and construct id) of the key of a CmekPurpose value: lowercase, '-' for '_'. */
export function cmekKeyName(purpose: string): string {
  return purpose.toLowerCase().replace(/_/g, '-');
}

/** The managed Workbench image (ainotebooks.environmentOptions allows only it), GCP-09. */
export const WORKBENCH_IMAGE = {
  project: 'cloud-notebooks-managed',
  family: 'workbench-instances',
};

/** gcp.resourceLocations value for a location: value groups `in:<loc>-locations`. */
function locationValue(loc: string): string {
  return isGcpMultiRegion(loc) ? `in:${loc.toLowerCase()}-locations` : `in:${loc}-locations`;
}

/** An enforced boolean constraint. */
export function enforced(): OrgPolicyPolicySpecRules[] {
  return [{ enforce: 'TRUE' }];
}

/**
 * The rules of every guardrail constraint (GCP-09, GCP-11): boolean constraints enforced, the
 * list constraints restricted to the allowed locations, CMEK services, single-user or
 * service-account access, the Workbench networks and the managed image.
 */
export function guardrailRules(o: { allowedLocations: string[]; workbenchNetworks: string[] }): {
  [constraint: string]: OrgPolicyPolicySpecRules[];
} {
  const boolRule = enforced();
  const rules: { [constraint: string]: OrgPolicyPolicySpecRules[] } = {
    'gcp.resourceLocations': [{ values: { allowedValues: o.allowedLocations.map(locationValue) } }],
    'iam.disableServiceAccountKeyCreation': boolRule,
    'storage.uniformBucketLevelAccess': boolRule,
    'storage.publicAccessPrevention': boolRule,
    'compute.requireOsLogin': boolRule,
    'compute.vmExternalIpAccess': [{ denyAll: 'TRUE' }],
    'ainotebooks.restrictPublicIp': boolRule,
    'ainotebooks.disableRootAccess': boolRule,
    'gcp.restrictNonCmekServices': [{ values: { deniedValues: CMEK_REQUIRED_SERVICES } }],
    'ainotebooks.accessMode': [{ values: { allowedValues: ['single-user', 'service-account'] } }],
    'ainotebooks.restrictVpcNetworks': [{ values: { allowedValues: o.workbenchNetworks } }],
    'ainotebooks.environmentOptions': [
      {
        values: {
          allowedValues: [
            `ainotebooks-vm/${WORKBENCH_IMAGE.project}/image-family/${WORKBENCH_IMAGE.family}`,
          ],
        },
      },
    ],
  };
  for (const c of BOOLEAN_GUARDRAILS) rules[c] ??= boolRule;
  return rules;
}

/** Vertex AI resource defaults (GCP-06, GCP-15). */
export const VERTEX_DEFAULTS = {
  /** Tensorboard display name. */
  tensorboardName: 'mlops-tensorboard',
  /** The metadata store: the region's one default store of the project. */
  metadataStoreName: 'default',
};

/**
 * The lifecycle rules of a platform bucket (GCP-12): non-current versions deleted after some
 * days, incomplete multipart uploads aborted after a day, live objects deleted after
 * expireAfterDays when given.
 */
export function bucketLifecycle(
  noncurrentVersionDays: number,
  expireAfterDays?: number,
): StorageBucketLifecycleRule[] {
  return [
    {
      action: { type: 'Delete' },
      condition: { daysSinceNoncurrentTime: noncurrentVersionDays, withState: 'ARCHIVED' },
    },
    { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
    ...(expireAfterDays !== undefined
      ? [{ action: { type: 'Delete' }, condition: { age: expireAfterDays, withState: 'LIVE' } }]
      : []),
  ];
}

/** Sensitive Data Protection defaults (GCP-18): weekly scans for common personal data. */
export function sensitiveDataDefaults(): {
  recurrence: string;
  minLikelihood: string;
  infoTypes: string[];
} {
  return {
    recurrence: '604800s',
    minLikelihood: 'LIKELY',
    infoTypes: [
      'PERSON_NAME',
      'EMAIL_ADDRESS',
      'PHONE_NUMBER',
      'CREDIT_CARD_NUMBER',
      'IBAN_CODE',
      'STREET_ADDRESS',
    ],
  };
}

/** The providers whose resources the residency check covers. */
export const GOOGLE_PROVIDERS = ['google', 'google-beta'];
