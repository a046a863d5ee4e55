import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { uniqueName } from '../core/naming';
import { checkKeyId, checkKeyMatchesLocation } from './common';
import {
  DEFAULT_KEY_DESTROY_SCHEDULED_DURATION,
  DEFAULT_ROTATION_PERIOD,
  KMS_ENCRYPTER_DECRYPTER,
  MAX_ROTATION_SECONDS,
} from './defaults';
import { GcpServiceAgent, GcpServiceAgents } from './service-agents';

/** What a platform key encrypts: one key per service (GCP-06). */
export enum CmekPurpose {
  /** Cloud Storage buckets. */
  STORAGE = 'STORAGE',
  /** BigQuery datasets. */
  BIGQUERY = 'BIGQUERY',
  /** Vertex AI resources (endpoints, tensorboards, metadata store, datasets, pipeline jobs). */
  VERTEX_AI = 'VERTEX_AI',
  /** Artifact Registry repositories. */
  ARTIFACT_REGISTRY = 'ARTIFACT_REGISTRY',
  /** Workbench / Compute Engine disks. */
  COMPUTE = 'COMPUTE',
  /** Cloud Logging log buckets. */
  LOGGING = 'LOGGING',
}

/** Service agents granted each purpose's key. */
const AGENTS_BY_PURPOSE: { [purpose: string]: GcpServiceAgent[] } = {
  [CmekPurpose.STORAGE]: [GcpServiceAgent.STORAGE],
  [CmekPurpose.BIGQUERY]: [GcpServiceAgent.BIGQUERY],
  [CmekPurpose.VERTEX_AI]: [GcpServiceAgent.VERTEX_AI],
  [CmekPurpose.ARTIFACT_REGISTRY]: [GcpServiceAgent.ARTIFACT_REGISTRY],
  [CmekPurpose.COMPUTE]: [GcpServiceAgent.COMPUTE, GcpServiceAgent.NOTEBOOKS],
  [CmekPurpose.LOGGING]: [GcpServiceAgent.LOGGING],
};

/** Props of {@link CmekKeys}. */
export interface CmekKeysProps {
  /** Project that holds the key ring. */
  readonly projectId: string;
  /** Location of the key ring: the region (or multi-region) of the resources it encrypts. */
  readonly location: string;
  /**
   * Purposes to create (or accept) keys for.
   * @default - every CmekPurpose
   */
  readonly purposes?: CmekPurpose[];
  /**
   * Key ring name.
   * @default - a unique name derived from the construct path
   */
  readonly keyRingName?: string;
  /**
   * Existing key ring id (projects/P/locations/L/keyRings/R) to create the keys in.
   * @default - a key ring is created
   */
  readonly existingKeyRingId?: string;
  /**
   * Existing keys by purpose (CmekPurpose value -> key id); nothing is created for those.
   * @default - keys are created
   */
  readonly existingKeys?: { [purpose: string]: string };
  /**
   * Rotation period, at most 90 days ('7776000s').
   * @default '7776000s'
   */
  readonly rotationPeriod?: string;
  /**
   * Service agents to grant encrypter/decrypter on the keys of their purpose (GCP-05).
   * @default - no grants
   */
  readonly serviceAgents?: GcpServiceAgents;
  /**
   * Grant the service agents on existing (brought) keys too.
   * @default true
   */
  readonly grantOnExistingKeys?: boolean;
  /**
   * Resources to wait for (e.g. the enabled API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Removal policy of the key ring and keys.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Parses 'NNNs' into seconds, or undefined. */
function seconds(v: string): number | undefined {
  const m = /^(\d+)(\.\d+)?s$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/**
 * The platform's customer-managed keys (X-04, GCP-06): a key ring in the platform location,
 * one key per purpose, rotation at most 90 days, destroy protection; and the service agents'
 * encrypter/decrypter grants on exactly the keys they need (GCP-05), each grant created after
 * its agent exists.
 */
export class CmekKeys extends Construct {
  /** The key ring (undefined when an existing key ring or only existing keys are used). */
  public readonly keyRing?: KmsKeyRing;
  /** Created keys by purpose. */
  public readonly keys: { [purpose: string]: KmsCryptoKey } = {};
  /** Service-agent grants, by `<purpose>/<agent>`. */
  public readonly grants: { [name: string]: KmsCryptoKeyIamMember } = {};
  /** The location of the keys. */
  public readonly location: string;
  private readonly keyIds: { [purpose: string]: string } = {};
  private readonly grantsByPurpose: { [purpose: string]: ITerraformDependable[] } = {};

  constructor(scope: Construct, id: string, props: CmekKeysProps) {
    super(scope, id);
    const purposes = props.purposes ?? Object.values(CmekPurpose);
    const rotation = props.rotationPeriod ?? DEFAULT_ROTATION_PERIOD;
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    v.check('location', props.location, Validate.gcpLocation(props.location));
    if (!Token.isUnresolved(rotation)) {
      const s = seconds(rotation);
      v.require(
        s !== undefined && s >= 86400 && s <= MAX_ROTATION_SECONDS,
        'rotationPeriod',
        rotation,
        `a duration between '86400s' (1 day) and '${MAX_ROTATION_SECONDS}s' (90 days)`,
      );
    }
    if (props.keyRingName !== undefined) {
      v.require(
        Token.isUnresolved(props.keyRingName) || /^[a-zA-Z0-9_-]{1,63}$/.test(props.keyRingName),
        'keyRingName',
        props.keyRingName,
        "1-63 letters, digits, '_' and '-'",
      );
    }
    if (props.existingKeyRingId !== undefined && !Token.isUnresolved(props.existingKeyRingId)) {
      v.require(
        /^projects\/[^/]+\/locations\/[A-Za-z0-9-]+\/keyRings\/[^/]+$/.test(
          props.existingKeyRingId,
        ),
        'existingKeyRingId',
        props.existingKeyRingId,
        'a key ring id projects/P/locations/L/keyRings/R',
      );
      const ringLocation = /\/locations\/([A-Za-z0-9-]+)\/keyRings\//.exec(
        `${props.existingKeyRingId}/`,
      )?.[1];
      v.require(
        ringLocation === undefined ||
          Token.isUnresolved(props.location) ||
          ringLocation.toLowerCase() === props.location.toLowerCase(),
        'existingKeyRingId',
        props.existingKeyRingId,
        `a key ring in location '${props.location}' (key and resource regions must match, GCP-06)`,
      );
    }
    for (const [purpose, keyId] of Object.entries(props.existingKeys ?? {})) {
      v.require(
        (Object.values(CmekPurpose) as string[]).includes(purpose),
        'existingKeys',
        purpose,
        `keys named by purpose: ${Object.values(CmekPurpose).join(', ')}`,
      );
      checkKeyId(v, `existingKeys.${purpose}`, keyId);
      checkKeyMatchesLocation(v, `existingKeys.${purpose}`, keyId, props.location);
    }
    v.throwIfInvalid();

    this.location = props.location;
    const toCreate = purposes.filter((p) => props.existingKeys?.[p] === undefined);
    let ringId = props.existingKeyRingId;
    if (toCreate.length > 0 && ringId === undefined) {
      this.keyRing = new KmsKeyRing(this, 'key-ring', {
        project: props.projectId,
        location: props.location,
        name: props.keyRingName ?? uniqueName(this, { prefix: 'mlops', maxLength: 63 }),
        dependsOn: props.dependsOn,
      });
      applyRemovalPolicy(this.keyRing, props.removalPolicy);
      ringId = this.keyRing.id;
    }
    for (const purpose of purposes) {
      const existing = props.existingKeys?.[purpose];
      if (existing !== undefined) {
        this.keyIds[purpose] = existing;
      } else {
        const key = new KmsCryptoKey(this, purpose.toLowerCase().replace(/_/g, '-'), {
          keyRing: ringId!,
          name: purpose.toLowerCase().replace(/_/g, '-'),
          purpose: 'ENCRYPT_DECRYPT',
          rotationPeriod: rotation,
          destroyScheduledDuration: DEFAULT_KEY_DESTROY_SCHEDULED_DURATION,
          versionTemplate: {
            algorithm: 'GOOGLE_SYMMETRIC_ENCRYPTION',
            protectionLevel: 'SOFTWARE',
          },
        });
        applyRemovalPolicy(key, props.removalPolicy);
        this.keys[purpose] = key;
        this.keyIds[purpose] = key.id;
      }
      const agents = props.serviceAgents;
      const grantHere = existing === undefined || (props.grantOnExistingKeys ?? true);
      this.grantsByPurpose[purpose] = [];
      if (agents && grantHere) {
        for (const agent of AGENTS_BY_PURPOSE[purpose]) {
          if (!agents.has(agent)) continue;
          const grant = new KmsCryptoKeyIamMember(
            this,
            `${purpose.toLowerCase()}-${agent.toLowerCase()}`,
            {
              cryptoKeyId: this.keyIds[purpose],
              role: KMS_ENCRYPTER_DECRYPTER,
              member: agents.member(agent),
              dependsOn: agents.readiness(agent),
            },
          );
          this.grants[`${purpose}/${agent}`] = grant;
          this.grantsByPurpose[purpose].push(grant);
        }
      }
    }
  }

  /** The key id of a purpose; throws when the purpose was not requested. */
  public keyId(purpose: CmekPurpose): string {
    const k = this.keyIds[purpose];
    if (k === undefined)
      throw new Error(`CmekKeys ${this.node.path}: no key for purpose ${purpose}`);
    return k;
  }

  /** True when a key exists for the purpose. */
  public hasKey(purpose: CmekPurpose): boolean {
    return this.keyIds[purpose] !== undefined;
  }

  /** The grants a resource encrypted with the purpose's key must wait for (GCP-05). */
  public grantsFor(purpose: CmekPurpose): ITerraformDependable[] {
    return this.grantsByPurpose[purpose] ?? [];
  }
}
