import { Construct } from 'constructs';
import { Lazy, Token } from 'cdktf';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { GcpValidate } from './validate';
import { Persona, PersonaBinding, PersonaModel, SodException } from '../core/personas';
import { validatePlatformCommonProps } from '../core/platform';
import { PlatformTags } from '../core/tags';
import { normalizeLocation } from '../core/residency';
import { GcpIamGrant, checkBetaProvider } from './common';
import type { GcpObjectPrefixGrant } from './secure-bucket';
import {
  PIPELINE_ROOT_STAGING_PREFIX,
  defaultDataBuckets,
  defaultPerimeterName,
  defaultServiceAccountIds,
  platformApis,
} from './defaults';
import { zonesOf } from './locations';
import { GcpCustomRole, GcpRoleCatalogue } from './role-catalogue';
import {
  rejectToken,
  checkBoolean,
  GCP_PRINCIPALS,
  KMS_KEY_ID,
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
  literal,
} from './validation';
import type {
  GcpCiIdentityOptions,
  GcpDataBucketSpec,
  GcpDatasetSpec,
  GcpEncryptionOptions,
  GcpNetworkOptions,
  GcpPerimeterOptions,
  GcpVizierAccess,
  GcpWorkbenchSpec,
  GcpWorkloadIdentityOptions,
  SecureVertexPipelineProps,
} from './vertex-pipeline';
import type { GcpKubernetesBinding } from './workload-identity';

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
  existingApis: true,
  organizationId: true,
  auditLogRetentionDays: true,
  auditLogDestination: true,
  auditLogExcludeDataAccessFromDefaultBucket: true,
  serviceAccountIds: true,
  vizier: true,
  workloadIdentity: true,
  sensitiveDataProtection: true,
  mlEngineersRunPipelines: true,
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
  // the props every platform shares: the one environment rule, the removal policy (GCP checks
  // regions, personas and labels below, with the project's locations and member formats)
  validatePlatformCommonProps(v, props, { removalPolicy: checkRemovalPolicy });
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
    if (typeof loc !== 'string' || isUnresolved(loc) || allowed.some((r) => isUnresolved(r)))
      return;
    v.require(
      allowedSet.has(normalizeLocation(loc)),
      prop,
      loc,
      `a location in allowedRegions [${allowed.join(', ')}] (multi-regions such as EU or US only when listed explicitly)`,
    );
  };
  if (region) inAllowed('region', region);
  for (const b of [
    'artifactRegistry',
    'tensorboard',
    'metadataStore',
    'orgPolicies',
    'sensitiveDataProtection',
    'mlEngineersRunPipelines',
  ] as const)
    checkBoolean(v, b, props[b]);
  if (props.mlEngineersRunPipelines === false)
    v.require(
      props.ciIdentity !== undefined,
      'mlEngineersRunPipelines',
      false,
      'false together with a ciIdentity, which then launches the pipelines (else nobody can)',
    );
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
  checkBetaProvider(v, props.betaProvider);

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
        !isUnresolved(b.location) &&
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
      if (typeof loc === 'string' && !isUnresolved(loc) && ['US', 'EU'].includes(loc.toUpperCase()))
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
        !isUnresolved(loc) &&
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
        if (isUnresolved(w.zone))
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
      else if (isUnresolved(val))
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
  if (checkList(v, 'existingApis', props.existingApis, 'service names')) {
    const enabled = allPlatformApis(props);
    (props.existingApis ?? []).forEach((api, i) => {
      const prop = `existingApis[${i}]`;
      if (v.literal(prop, api, 'it names an API the platform leaves to another stack'))
        v.require(
          enabled.includes(api),
          prop,
          api,
          `an API the platform would enable: ${enabled.join(', ')}`,
        );
    });
    checkDuplicates(v, 'existingApis', props.existingApis, literal, 'a service name');
  }

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

/** A Workbench instance of the platform, with its zone resolved. */
export interface ResolvedWorkbenchSpec extends GcpWorkbenchSpec {
  /** The zone: given, or the region's first zone. */
  readonly zone: string;
}

/** The resolved configuration of a {@link SecureVertexPipeline}: validated props and their defaults. */
export interface ResolvedVertexPipelineProps {
  /** The validated props. */
  readonly props: SecureVertexPipelineProps;
  /** Regions resources may live in. */
  readonly allowedRegions: string[];
  /** Org-policy guardrails on. */
  readonly orgPolicies: boolean;
  /** Artifact Registry repositories created. */
  readonly artifactRegistry: boolean;
  /** APIs the project enables (those of `existingApis` left out). */
  readonly apis: string[];
  /** The validated human persona bindings. */
  readonly personaBindings: PersonaBinding[];
  /** The networks Workbench instances may use (ainotebooks.restrictVpcNetworks). */
  readonly workbenchNetworks: string[];
  /** The perimeter name (used when there is a perimeter). */
  readonly perimeterName: string;
  /** The data buckets. */
  readonly dataBuckets: GcpDataBucketSpec[];
  /** The Workbench instances. */
  readonly workbenches: ResolvedWorkbenchSpec[];
  /** Literal members of the PLATFORM_ADMIN persona (Workbench instance admins). */
  readonly workbenchAdmins: string[];
}

/** Every API the platform uses, for its options. */
function allPlatformApis(props: SecureVertexPipelineProps): string[] {
  return platformApis({
    sensitiveDataProtection: props.sensitiveDataProtection,
    federatedCi: (props.ciIdentity?.federatedPrincipals?.length ?? 0) > 0,
    cloudBuild: props.ciIdentity?.cloudBuild,
  });
}

/**
 * Validates the props of a SecureVertexPipeline (X-10, one ValidationError for every problem)
 * and resolves their defaults. Pure apart from the validation errors and claims it reports.
 */
export function resolveVertexPipelineProps(
  scope: Construct,
  input: SecureVertexPipelineProps,
): ResolvedVertexPipelineProps {
  const props = requireProps(scope, input, true);
  validatePlatformProps(scope, props);
  // workload SA members for SoD: humans may not also be workload identities
  const d = defaultServiceAccountIds();
  const ids = props.serviceAccountIds;
  const saIds = {
    PIPELINE: ids?.pipeline ?? d.PIPELINE,
    TRAINING: ids?.training ?? d.TRAINING,
    DEPLOYMENT: ids?.deployment ?? d.DEPLOYMENT,
    MONITORING: ids?.monitoring ?? d.MONITORING,
  };
  const sodMap: { [p: string]: string[] } = { ...(props.personas ?? {}) };
  if (!Token.isUnresolved(props.projectId)) {
    for (const [p, accountId] of Object.entries(saIds))
      if (typeof accountId === 'string')
        sodMap[p] = [`serviceAccount:${accountId}@${props.projectId}.iam.gserviceaccount.com`];
  }
  const personaBindings = PersonaModel.validate(
    scope,
    'personas',
    sodMap,
    props.sodExceptions,
    GCP_PRINCIPALS,
  ).filter((b) => !PersonaModel.isWorkload(b.persona));
  const existingNetwork = props.network?.existingNetworkId;
  const networkParent =
    existingNetwork && !Token.isUnresolved(existingNetwork)
      ? existingNetwork.split('/')[1]
      : props.projectId;
  return {
    props,
    allowedRegions: props.allowedRegions ?? [props.region],
    orgPolicies: props.orgPolicies ?? true,
    artifactRegistry: props.artifactRegistry ?? true,
    apis: allPlatformApis(props).filter((api) => !(props.existingApis ?? []).includes(api)),
    personaBindings,
    workbenchNetworks: [`under:projects/${networkParent}`],
    perimeterName: props.perimeter?.perimeterName ?? defaultPerimeterName(props.environment),
    dataBuckets: props.dataBuckets ?? defaultDataBuckets(),
    workbenches: (props.workbenchInstances ?? []).map((w) => ({
      ...w,
      // the region's first zone (europe-west1 and us-east1 have no zone a)
      zone: w.zone ?? zonesOf(props.region)[0] ?? `${props.region}-a`,
    })),
    workbenchAdmins: (props.personas?.[Persona.PLATFORM_ADMIN] ?? []).filter(
      (m) => !Token.isUnresolved(m),
    ),
  };
}

/** The identities an access plan binds, as members (tokens are fine). */
export interface VertexAccessMembers {
  /** The member of a workload persona's service account. */
  workload(persona: Persona): string;
  /** The member of a Workbench instance's service account. */
  workbench(name: string): string;
  /** The member of the CI/CD service account. */
  readonly ci: string;
  /** The name of a custom role. */
  roleName(role: GcpCustomRole): string;
}

/** A platform-level binding: a project role, or a human's actAs on a workload service account. */
export interface VertexPlatformBinding {
  /** Label of the construct id. */
  readonly label: string;
  /** The project role granted. */
  readonly role?: string;
  /** The workload persona whose service account the member may act as. */
  readonly actAs?: Persona;
  /** The member. */
  readonly member: string;
  /** Stable key of the member for the construct id. */
  readonly key: string;
}

/** Every least-privilege binding of the platform (X-03, GCP-03), by resource, in creation order. */
export interface VertexAccessPlan {
  /** Grants on each data bucket. */
  readonly dataBuckets: GcpIamGrant[];
  /** Grants on each dataset. */
  readonly datasets: GcpIamGrant[];
  /** Grants on the pipeline root bucket. */
  readonly pipelineRoot: GcpIamGrant[];
  /** Grants on the objects under the pipeline root's staging prefix only. */
  readonly pipelineRootStaging: GcpObjectPrefixGrant[];
  /** Grants on the Artifact Registry repositories. */
  readonly registry: GcpIamGrant[];
  /** Project-level bindings and actAs grants. */
  readonly platform: VertexPlatformBinding[];
}

const OBJECT_VIEWER = 'roles/storage.objectViewer';
const DATA_VIEWER = 'roles/bigquery.dataViewer';
const JOB_USER = 'roles/bigquery.jobUser';
/**
 * The BigQuery Storage Read API (bigquery.readsessions.create, getData, update): what
 * `to_dataframe()`, BigQuery DataFrames and the Vertex AI BigQuery readers use to read query
 * results and tables. Granted with every project-level JOB_USER; the data itself stays behind the
 * dataset grants (a read session reads only tables its caller may read).
 */
const READ_SESSION_USER = 'roles/bigquery.readSessionUser';
const LOG_WRITER = 'roles/logging.logWriter';
/**
 * Reads the logs of the jobs a persona runs (logging.logEntries.list), to debug failed Vertex AI
 * jobs and pipeline steps. It does not include private logs: roles/logging.viewer holds no
 * logging.privateLogEntries.list (iann0036/iam-dataset gcp/roles/logging.viewer.json), so Data
 * Access audit logs stay with roles/logging.privateLogViewer (the auditors'); nor does it hold
 * logging.views.access, which the views of a user-defined log bucket such as the audit bucket
 * need. Granted to human personas only, never to service accounts.
 */
const LOG_VIEWER = 'roles/logging.viewer';
const REGISTRY_READER = 'roles/artifactregistry.reader';
const REGISTRY_WRITER = 'roles/artifactregistry.writer';

/**
 * The platform's bindings (X-03, GCP-03), computed before the parts are built: workload service
 * accounts, Workbench service accounts, human personas, Vizier access and the CI identity.
 */
export function planVertexAccess(
  r: ResolvedVertexPipelineProps,
  who: VertexAccessMembers,
): VertexAccessPlan {
  const plan = {
    dataBuckets: [] as GcpIamGrant[],
    datasets: [] as GcpIamGrant[],
    pipelineRoot: [] as GcpIamGrant[],
    pipelineRootStaging: [] as GcpObjectPrefixGrant[],
    registry: [] as GcpIamGrant[],
    platform: [] as VertexPlatformBinding[],
  };
  const project = (label: string, role: string, member: string, key: string = member): void => {
    plan.platform.push({ label: `project-${label}`, role, member, key });
  };
  const actAs = (label: string, actAsPersona: Persona, member: string, key = member): void => {
    plan.platform.push({ label, actAs: actAsPersona, member, key });
  };
  const data = (member: string, key: string, bucketRole?: string, datasetRole?: string): void => {
    if (bucketRole) plan.dataBuckets.push({ role: bucketRole, member, key });
    if (datasetRole) plan.datasets.push({ role: datasetRole, member, key });
  };
  const root = (role: string, member: string, key: string = member): void => {
    plan.pipelineRoot.push({ role, member, key });
  };
  // the code and packages a notebook or the SDK stages for the custom jobs it submits
  // (CustomJob.from_local_script, aiplatform.init(staging_bucket=...)): written under the
  // staging prefix only; the jobs read them as the training SA (objectUser on the root)
  const staging = (member: string, key: string = member): void => {
    plan.pipelineRootStaging.push({
      prefix: PIPELINE_ROOT_STAGING_PREFIX,
      role: 'roles/storage.objectUser',
      member,
      key,
    });
  };
  const registry = (role: string, member: string, key: string = member): void => {
    plan.registry.push({ role, member, key });
  };
  const role = (c: GcpCustomRole): string => who.roleName(c);
  // runs BigQuery jobs and reads their results through the Storage Read API
  const bqUser = (prefix: string, member: string, key: string = member): void => {
    project(`${prefix}bq-job-user`, JOB_USER, member, key);
    project(`${prefix}bq-read-session-user`, READ_SESSION_USER, member, key);
  };

  // ---- workload service accounts: one member per SA, with a stable key for construct ids
  const w = (p: Persona): { m: string; k: string } => ({ m: who.workload(p), k: `workload:${p}` });
  const pipeline = w(Persona.PIPELINE);
  const training = w(Persona.TRAINING);
  const deployment = w(Persona.DEPLOYMENT);
  const monitoring = w(Persona.MONITORING);
  for (const s of [pipeline, training, deployment, monitoring])
    project('log-writer', LOG_WRITER, s.m, s.k);
  for (const s of [pipeline, training]) {
    data(s.m, s.k, OBJECT_VIEWER, DATA_VIEWER);
    // Vertex AI Pipelines reads and writes artifacts under the pipeline root (objects get, create,
    // and delete to overwrite); roles/storage.objectUser has every object permission of
    // objectAdmin but object IAM/ACLs (moot under uniform bucket-level access) and object
    // retention, so nobody acting as these SAs can set or override object retention
    root('roles/storage.objectUser', s.m, s.k);
    bqUser('', s.m, s.k);
  }
  for (const s of [pipeline, training, deployment]) registry(REGISTRY_READER, s.m, s.k);
  root(OBJECT_VIEWER, deployment.m, deployment.k);
  root(OBJECT_VIEWER, monitoring.m, monitoring.k);
  project('metric-writer', 'roles/monitoring.metricWriter', monitoring.m, monitoring.k);
  for (const { name } of r.workbenches) {
    const m = who.workbench(name);
    const k = `workbench:${name}`;
    project('wb-ds', role(GcpCustomRole.DATA_SCIENTIST), m, k);
    // a notebook calls Google APIs as the instance's SA: the jobs it submits name the training
    // SA (the custom constraints require a service account, GCP-01)
    actAs('wb-acts-as-training', Persona.TRAINING, m, k);
    staging(m, k);
    bqUser('wb-', m, k);
    project('wb-log-writer', LOG_WRITER, m, k);
    data(m, k, OBJECT_VIEWER, DATA_VIEWER);
    root(OBJECT_VIEWER, m, k);
  }

  // ---- human personas
  for (const { persona, principal: m } of r.personaBindings) {
    switch (persona) {
      case Persona.DATA_SCIENTIST:
        project('ds', role(GcpCustomRole.DATA_SCIENTIST), m);
        // jobs they submit name the training SA (the custom constraints require one)
        actAs('ds-acts-as-training', Persona.TRAINING, m);
        staging(m);
        bqUser('', m);
        project('log-viewer', LOG_VIEWER, m);
        data(m, m, OBJECT_VIEWER, DATA_VIEWER);
        root(OBJECT_VIEWER, m);
        registry(REGISTRY_READER, m);
        break;
      case Persona.ML_ENGINEER:
        project('mle', role(GcpCustomRole.ML_ENGINEER), m);
        // pipeline runs they submit run as the pipeline SA
        if (r.props.mlEngineersRunPipelines ?? true)
          actAs('mle-acts-as-pipeline', Persona.PIPELINE, m);
        bqUser('', m);
        project('log-viewer', LOG_VIEWER, m);
        data(m, m, undefined, DATA_VIEWER);
        root(OBJECT_VIEWER, m);
        // when the CI launches the pipelines, the templates and images it runs are its own to
        // push: an ML engineer who could move a tag the CI launches would pick what it registers
        registry((r.props.mlEngineersRunPipelines ?? true) ? REGISTRY_WRITER : REGISTRY_READER, m);
        break;
      case Persona.DATA_ENGINEER:
        bqUser('', m);
        data(m, m, 'roles/storage.objectAdmin', 'roles/bigquery.dataEditor');
        break;
      case Persona.MODEL_VIEWER:
        project('viewer', role(GcpCustomRole.MODEL_VIEWER), m);
        break;
      case Persona.AUDITOR:
        project('viewer', role(GcpCustomRole.MODEL_VIEWER), m);
        project('security-reviewer', 'roles/iam.securityReviewer', m);
        project('private-log-viewer', 'roles/logging.privateLogViewer', m);
        break;
      case Persona.PLATFORM_ADMIN:
        // read-only on Workbench project-wide; roles/notebooks.admin on each instance only
        // (construct id kept from the project-wide admin grant: the address is stable, X-12)
        project('notebooks-admin', 'roles/notebooks.viewer', m);
        // read-only Cloud Monitoring: alert policies, snoozes and notification channels watch
        // the admins' own changes (GCP-14), so only the deployer (Terraform) manages them
        // (construct id kept from the editor grant: the address is stable, X-12)
        project('monitoring-editor', 'roles/monitoring.viewer', m);
        // logging configuration without creating, redirecting or deleting sinks and log buckets,
        // or lifting the _Default exclusion (GCP-10)
        project('logging-config', role(GcpCustomRole.LOGGING_CONFIG), m);
        project('kms-viewer', 'roles/cloudkms.viewer', m);
        registry('roles/artifactregistry.repoAdmin', m);
        break;
      default:
        break;
    }
  }

  // ---- Vizier (GCP-04)
  const vizier = r.props.vizier;
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
  for (const [level, members, custom, pre] of levels)
    for (const m of members ?? []) project(`vizier-${level}`, predefined ? pre : role(custom), m);

  // ---- CI/CD identity (GCP-19): pushes images and pipeline templates
  if (r.props.ciIdentity) {
    registry(REGISTRY_WRITER, who.ci, 'ci');
    root('roles/storage.objectUser', who.ci, 'ci');
  }
  return plan;
}

/** A member resolved at synth, for an identity created after the resource it is granted on. */
export function lateMember(produce: () => string): string {
  return Lazy.stringValue({ produce });
}
