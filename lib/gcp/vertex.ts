import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { VertexAiTensorboard } from '@cdktf/provider-google/lib/vertex-ai-tensorboard';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { GoogleVertexAiMetadataStore } from '@cdktf/provider-google-beta/lib/google-vertex-ai-metadata-store';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { betaProvider, checkKeyMatchesLocation, numericName } from './common';

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
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    v.check('region', props.region, Validate.gcpRegion(props.region));
    checkKeyMatchesLocation(v, 'kmsKeyName', props.kmsKeyName, props.region);
    const names = new Set<string>();
    (props.endpoints ?? []).forEach((e, i) => {
      v.require(
        /^[a-z][a-z0-9-]{0,62}$/.test(e.name),
        `endpoints[${i}].name`,
        e.name,
        'lowercase letters, digits and hyphens, starting with a letter, at most 63',
      );
      v.require(!names.has(e.name), `endpoints[${i}].name`, e.name, 'unique endpoint names');
      names.add(e.name);
      v.require(
        e.privateServiceConnect === true || props.networkName !== undefined,
        `endpoints[${i}]`,
        e.name,
        'a network (networkName) for a peered endpoint, or privateServiceConnect: true',
      );
    });
    v.throwIfInvalid();
    const deps = props.dependsOn ?? [];
    const encryptionSpec = { kmsKeyName: props.kmsKeyName };

    if (props.tensorboard ?? true) {
      this.tensorboard = new VertexAiTensorboard(this, 'tensorboard', {
        project: props.projectId,
        region: props.region,
        displayName: 'mlops-tensorboard',
        description: 'MLOps experiments (CMEK)',
        encryptionSpec,
        dependsOn: deps,
      });
      applyRemovalPolicy(this.tensorboard, props.removalPolicy);
    }
    if (props.metadataStore ?? true) {
      this.metadataStore = new GoogleVertexAiMetadataStore(this, 'metadata-store', {
        provider: betaProvider(this, props.region, props.betaProvider),
        project: props.projectId,
        region: props.region,
        name: 'default',
        description: 'MLOps ML metadata (CMEK)',
        encryptionSpec,
        dependsOn: deps,
      });
      applyRemovalPolicy(this.metadataStore, props.removalPolicy);
    }
    for (const e of props.endpoints ?? []) {
      const scopeForName = new Construct(this, `endpoint-${e.name}`);
      const endpoint = new VertexAiEndpoint(scopeForName, 'endpoint', {
        project: props.projectId,
        location: props.region,
        region: props.region,
        name: numericName(scopeForName),
        displayName: e.name,
        description: 'Private MLOps endpoint (GCP-15); deployments only by the deployment SA',
        encryptionSpec,
        ...(e.privateServiceConnect
          ? {
              privateServiceConnectConfig: {
                enablePrivateServiceConnect: true,
                projectAllowlist: e.pscProjectAllowlist ?? [props.projectId],
              },
            }
          : { network: `projects/${props.projectNumber}/global/networks/${props.networkName}` }),
        dependsOn: deps,
      });
      applyRemovalPolicy(endpoint, props.removalPolicy);
      this.endpoints[e.name] = endpoint;
    }
  }
}
