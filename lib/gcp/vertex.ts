import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { VertexAiTensorboard } from '@cdktf/provider-google/lib/vertex-ai-tensorboard';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { GoogleVertexAiMetadataStore } from '@cdktf/provider-google-beta/lib/google-vertex-ai-metadata-store';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { requireProps } from '../core/errors';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { betaProvider, numericName, checkBetaProvider, checkCmekKey } from './common';
import { VERTEX_DEFAULTS } from './defaults';
import {
  checkBoolean,
  checkDuplicates,
  checkKnownKeys,
  checkList,
  checkObjectList,
  checkPattern,
  checkRegion,
  checkRemovalPolicy,
  claim,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

/** A private Vertex AI endpoint (GCP-15). */
export interface GcpEndpointSpec {
  /** Display name (also the construct id, keep it stable). */
  readonly name: string;
  /**
   * Use Private Service Connect instead of VPC peering (private service access).
   * @default false
   */
  readonly privateServiceConnect?: boolean;
  /**
   * Projects allowed to connect with Private Service Connect.
   * @default - the platform project
   */
  readonly pscProjectAllowlist?: string[];
}

/** Props of {@link GcpVertexResources}. */
export interface GcpVertexResourcesProps {
  /** Project. */
  readonly projectId: string;
  /** Project number (token): peered endpoints need projects/NUMBER/global/networks/NAME. */
  readonly projectNumber: string;
  /** Region. */
  readonly region: string;
  /** CMEK key id for Vertex AI (same region). */
  readonly kmsKeyName: string;
  /**
   * VPC network name for peered private endpoints.
   * @default - required when an endpoint uses peering
   */
  readonly networkName?: string;
  /**
   * Create a Tensorboard.
   * @default true
   */
  readonly tensorboard?: boolean;
  /**
   * Create the default metadata store with CMEK (google-beta).
   * @default true
   */
  readonly metadataStore?: boolean;
  /**
   * Private endpoints.
   * @default - none
   */
  readonly endpoints?: GcpEndpointSpec[];
  /**
   * Resources the Vertex AI resources wait for (the Vertex AI agent's key grant, the peering).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * google-beta provider.
   * @default - the stack's google-beta provider, declared if missing
   */
  readonly betaProvider?: GoogleBetaProvider;
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const ENDPOINT_KEYS: { [K in keyof Required<GcpEndpointSpec>]: true } = {
  name: true,
  privateServiceConnect: true,
  pscProjectAllowlist: true,
};
const PROPS_KEYS: { [K in keyof Required<GcpVertexResourcesProps>]: true } = {
  projectId: true,
  projectNumber: true,
  region: true,
  kmsKeyName: true,
  networkName: true,
  tensorboard: true,
  metadataStore: true,
  endpoints: true,
  dependsOn: true,
  betaProvider: true,
  removalPolicy: true,
};

/** Validates the props of GcpVertexResources (one ValidationError). */
function validateVertexProps(scope: Construct, props: GcpVertexResourcesProps): void {
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  v.string('projectNumber', props.projectNumber, { optional: false });
  checkRegion(v, 'region', props.region, {
    literal: 'Vertex AI resources and their key must be in one known region (GCP-06)',
  });
  checkCmekKey(
    v,
    'kmsKeyName',
    props.kmsKeyName,
    props.region,
    'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K in the region',
  );
  checkPattern(
    v,
    'networkName',
    props.networkName,
    /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'a VPC network name (1-63 lowercase letters, digits and hyphens)',
    { optional: true },
  );
  checkBoolean(v, 'tensorboard', props.tensorboard);
  checkBoolean(v, 'metadataStore', props.metadataStore);
  if (checkObjectList(v, 'endpoints', props.endpoints, 'endpoints')) {
    (props.endpoints ?? []).forEach((e, i) => {
      checkKnownKeys(v, `endpoints[${i}]`, e, ENDPOINT_KEYS);
      checkPattern(
        v,
        `endpoints[${i}].name`,
        e.name,
        /^[a-z][a-z0-9-]{0,62}$/,
        'lowercase letters, digits and hyphens, starting with a letter, at most 63',
        { literal: 'it is the endpoint construct id and display name' },
      );
      checkBoolean(v, `endpoints[${i}].privateServiceConnect`, e.privateServiceConnect);
      if (
        checkList(v, `endpoints[${i}].pscProjectAllowlist`, e.pscProjectAllowlist, 'project ids')
      ) {
        (e.pscProjectAllowlist ?? []).forEach((p, j) =>
          checkPattern(
            v,
            `endpoints[${i}].pscProjectAllowlist[${j}]`,
            p,
            /^([a-z][a-z0-9-]{4,28}[a-z0-9]|\d{1,20})$/,
            "a project id or number (an allow-list names projects; never '*')",
          ),
        );
        if (e.pscProjectAllowlist !== undefined && e.privateServiceConnect !== true)
          v.add(
            `endpoints[${i}].pscProjectAllowlist`,
            e.pscProjectAllowlist,
            'nothing unless privateServiceConnect is true (a peered endpoint has no allow-list)',
          );
      }
      v.require(
        e.privateServiceConnect === true || props.networkName !== undefined,
        `endpoints[${i}]`,
        e.name,
        'a network (networkName) for a peered endpoint, or privateServiceConnect: true',
      );
    });
    checkDuplicates(v, 'endpoints', props.endpoints, (e) => literal(e?.name), 'an endpoint name');
  }
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  checkBetaProvider(v, props.betaProvider);
  checkRemovalPolicy(v, 'removalPolicy', props.removalPolicy);
  v.throwIfInvalid();
}

/**
 * A Vertex AI resource `make` creates from the project, region, CMEK (GCP-06) and ordering every
 * one of them shares, with the removal policy applied.
 */
function cmekResource<T extends TerraformResource>(
  props: GcpVertexResourcesProps,
  make: (base: {
    project: string;
    region: string;
    encryptionSpec: { kmsKeyName: string };
    dependsOn: ITerraformDependable[];
  }) => T,
): T {
  const resource = make({
    project: props.projectId,
    region: props.region,
    encryptionSpec: { kmsKeyName: props.kmsKeyName },
    dependsOn: props.dependsOn ?? [],
  });
  applyRemovalPolicy(resource, props.removalPolicy);
  return resource;
}

/**
 * Vertex AI resources with CMEK (GCP-06) in the platform region: Tensorboard, the default
 * metadata store, and private endpoints (GCP-15) peered to the platform network or behind
 * Private Service Connect. Traffic splits are left to pipelines.
 */
export class GcpVertexResources extends Construct {
  /** Tensorboard. */
  public readonly tensorboard?: VertexAiTensorboard;
  /** Metadata store. */
  public readonly metadataStore?: GoogleVertexAiMetadataStore;
  /** Endpoints by name. */
  public readonly endpoints: { [name: string]: VertexAiEndpoint } = {};

  constructor(scope: Construct, id: string, props: GcpVertexResourcesProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    validateVertexProps(this, props);
    if (props.tensorboard ?? true) {
      this.tensorboard = cmekResource(
        props,
        (base) =>
          new VertexAiTensorboard(this, 'tensorboard', {
            ...base,
            displayName: VERTEX_DEFAULTS.tensorboardName,
            description: 'MLOps experiments (CMEK)',
          }),
      );
    }
    if (props.metadataStore ?? true) this.metadataStore = this.buildMetadataStore(props);
    for (const e of props.endpoints ?? []) this.endpoints[e.name] = this.buildEndpoint(props, e);
  }

  /** The region's one default metadata store of the project, with CMEK (google-beta). */
  private buildMetadataStore(props: GcpVertexResourcesProps): GoogleVertexAiMetadataStore {
    claim(
      this,
      'Vertex AI metadata store',
      projectScope(props.projectId, ` region ${props.region}`),
      VERTEX_DEFAULTS.metadataStoreName,
      'metadataStore',
      'one default metadata store per project and region: metadataStore: false on the other platform',
    );
    return cmekResource(
      props,
      (base) =>
        new GoogleVertexAiMetadataStore(this, 'metadata-store', {
          ...base,
          provider: betaProvider(this, props.region, props.betaProvider),
          name: VERTEX_DEFAULTS.metadataStoreName,
          description: 'MLOps ML metadata (CMEK)',
        }),
    );
  }

  /** A private endpoint (GCP-15): peered to the network, or behind Private Service Connect. */
  private buildEndpoint(props: GcpVertexResourcesProps, e: GcpEndpointSpec): VertexAiEndpoint {
    const scopeForName = new Construct(this, `endpoint-${e.name}`);
    claim(
      this,
      'Vertex AI endpoint',
      projectScope(props.projectId, ` region ${props.region}`),
      numericName(scopeForName),
      'endpoints',
    );
    return cmekResource(
      props,
      (base) =>
        new VertexAiEndpoint(scopeForName, 'endpoint', {
          ...base,
          location: props.region,
          name: numericName(scopeForName),
          displayName: e.name,
          description: 'Private MLOps endpoint (GCP-15); deployments only by the deployment SA',
          ...(e.privateServiceConnect
            ? {
                privateServiceConnectConfig: {
                  enablePrivateServiceConnect: true,
                  projectAllowlist: e.pscProjectAllowlist ?? [props.projectId],
                },
              }
            : { network: `projects/${props.projectNumber}/global/networks/${props.networkName}` }),
        }),
    );
  }
}
