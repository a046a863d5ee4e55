import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { isUnresolved, requireProps } from '../core/errors';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { uniqueName } from '../core/naming';
import { checkCmekKey } from './common';
import {
  checkBoolean,
  checkDuplicates,
  checkInstance,
  checkList,
  checkLocation,
  checkPattern,
  claim,
  closePartValidation,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';
import {
  NAME_PREFIX,
  cmekKeyDefaults,
  cmekKeyName,
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

const PROPS_KEYS: { [K in keyof Required<CmekKeysProps>]: true } = {
  projectId: true,
  location: true,
  purposes: true,
  keyRingName: true,
  existingKeyRingId: true,
  existingKeys: true,
  rotationPeriod: true,
  serviceAgents: true,
  grantOnExistingKeys: true,
  dependsOn: true,
  removalPolicy: true,
};

/** The resolved configuration of {@link CmekKeys}. */
interface ResolvedCmek {
  readonly purposes: CmekPurpose[];
  readonly rotation: string;
}

/** Validates the props of CmekKeys (one ValidationError) and resolves their defaults. */
function resolveCmekProps(scope: Construct, props: CmekKeysProps): ResolvedCmek {
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  checkLocation(v, 'location', props.location, {
    literal: 'the key ring location must match the location of what the keys encrypt (GCP-06)',
  });
  const allPurposes = Object.values(CmekPurpose) as string[];
  if (checkList(v, 'purposes', props.purposes, 'CmekPurpose values')) {
    (props.purposes ?? []).forEach((p, i) => v.enumValue(`purposes[${i}]`, p, allPurposes, false));
    checkDuplicates(v, 'purposes', props.purposes, (p) => String(p), 'a purpose');
  }
  const rotation = props.rotationPeriod ?? DEFAULT_ROTATION_PERIOD;
  if (!isUnresolved(rotation)) {
    const s = typeof rotation === 'string' ? seconds(rotation) : undefined;
    v.require(
      s !== undefined && s >= 86400 && s <= MAX_ROTATION_SECONDS,
      'rotationPeriod',
      rotation,
      `a duration between '86400s' (1 day) and '${MAX_ROTATION_SECONDS}s' (90 days)`,
    );
  }
  checkPattern(
    v,
    'keyRingName',
    props.keyRingName,
    /^[a-zA-Z0-9_-]{1,63}$/,
    "1-63 letters, digits, '_' and '-'",
    {
      optional: true,
    },
  );
  if (
    checkPattern(
      v,
      'existingKeyRingId',
      props.existingKeyRingId,
      /^projects\/[^/\s]+\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}$/,
      'a key ring id projects/P/locations/L/keyRings/R',
      { optional: true },
    ) &&
    literal(props.existingKeyRingId) !== undefined
  ) {
    const ringLocation = /\/locations\/([a-z0-9-]+)\/keyRings\//.exec(
      `${props.existingKeyRingId}/`,
    )?.[1];
    v.require(
      ringLocation === undefined ||
        literal(props.location) === undefined ||
        ringLocation.toLowerCase() === props.location.toLowerCase(),
      'existingKeyRingId',
      props.existingKeyRingId,
      `a key ring in location '${props.location}' (key and resource regions must match, GCP-06)`,
    );
  }
  if (v.object('existingKeys', props.existingKeys)) {
    for (const [purpose, keyId] of Object.entries(props.existingKeys ?? {})) {
      if (!allPurposes.includes(purpose)) {
        const near = allPurposes.find((a) => a.toLowerCase() === purpose.toLowerCase());
        v.add(
          'existingKeys',
          purpose,
          `keys named by purpose: ${allPurposes.join(', ')}${near ? ` (purposes are case-sensitive: did you mean ${near}?)` : ''}`,
        );
        continue;
      }
      checkCmekKey(
        v,
        `existingKeys.${purpose}`,
        keyId,
        props.location,
        'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K',
      );
    }
  }
  checkInstance(
    v,
    'serviceAgents',
    props.serviceAgents,
    GcpServiceAgents,
    'a GcpServiceAgents construct',
  );
  checkBoolean(v, 'grantOnExistingKeys', props.grantOnExistingKeys);
  closePartValidation(v, props);
  return {
    purposes: props.purposes ?? (Object.values(CmekPurpose) as CmekPurpose[]),
    rotation,
  };
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
    props = requireProps(this, props, true);
    const r = resolveCmekProps(this, props);
    this.location = props.location;
    const toCreate = r.purposes.filter((p) => props.existingKeys?.[p] === undefined);
    let ringId = props.existingKeyRingId;
    if (toCreate.length > 0 && ringId === undefined) {
      this.keyRing = this.buildKeyRing(props);
      ringId = this.keyRing.id;
    }
    for (const purpose of r.purposes) {
      const existing = props.existingKeys?.[purpose];
      if (existing !== undefined) this.keyIds[purpose] = existing;
      else {
        const key = this.buildKey(props, purpose, ringId!, r.rotation);
        this.keys[purpose] = key;
        this.keyIds[purpose] = key.id;
      }
      const grantHere = existing === undefined || (props.grantOnExistingKeys ?? true);
      this.grantsByPurpose[purpose] = [];
      if (props.serviceAgents && grantHere) this.grantAgents(purpose, props.serviceAgents);
    }
  }

  /** The key ring; its name is unique in its project and location, and it is never deleted. */
  private buildKeyRing(props: CmekKeysProps): KmsKeyRing {
    const ringName = props.keyRingName ?? uniqueName(this, { prefix: NAME_PREFIX, maxLength: 63 });
    claim(
      this,
      'Cloud KMS key ring',
      projectScope(props.projectId, ` location ${props.location}`),
      ringName,
      'keyRingName',
    );
    const keyRing = new KmsKeyRing(this, 'key-ring', {
      project: props.projectId,
      location: props.location,
      name: ringName,
      dependsOn: props.dependsOn,
    });
    applyRemovalPolicy(keyRing, props.removalPolicy);
    return keyRing;
  }

  /** The key of a purpose, rotated (GCP-06). */
  private buildKey(
    props: CmekKeysProps,
    purpose: CmekPurpose,
    ringId: string,
    rotation: string,
  ): KmsCryptoKey {
    const name = cmekKeyName(purpose);
    // key names are unique in their key ring: a brought key ring shared by two CmekKeys
    if (props.existingKeyRingId !== undefined)
      claim(
        this,
        'Cloud KMS key',
        literal(props.existingKeyRingId) && `key ring ${props.existingKeyRingId}`,
        name,
        'existingKeyRingId',
      );
    const key = new KmsCryptoKey(this, name, {
      keyRing: ringId,
      name,
      rotationPeriod: rotation,
      ...cmekKeyDefaults(),
    });
    applyRemovalPolicy(key, props.removalPolicy);
    return key;
  }

  /** The service agents' grants on the key of a purpose, each after its agent exists (GCP-05). */
  private grantAgents(purpose: CmekPurpose, agents: GcpServiceAgents): void {
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
