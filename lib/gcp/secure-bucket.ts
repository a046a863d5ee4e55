import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { requireProps } from '../core/errors';
import { GcpValidate } from './validate';
import { RemovalPolicy } from '../core/removal-policy';
import { uniqueName } from '../core/naming';
import {
  GcpIamGrant,
  bindOnce,
  bindingId,
  checkCmekKey,
  finishGrantingPart,
  idPart,
} from './common';
import { BUCKET_DEFAULTS, NAME_PREFIX, bucketLifecycle } from './defaults';
import {
  checkBoolean,
  checkLocation,
  checkNumber,
  checkPattern,
  checkProjectId,
  claim,
  closePartValidation,
  openValidation,
} from './validation';

/** Props of {@link GcpSecureBucket}. */
export interface GcpSecureBucketProps {
  /** Project. */
  readonly projectId: string;
  /** Location (region, or a multi-region such as EU when allowed). */
  readonly location: string;
  /** CMEK key id (same location as the bucket). */
  readonly kmsKeyName: string;
  /**
   * Bucket name (globally unique).
   * @default - a unique name derived from the construct path
   */
  readonly bucketName?: string;
  /**
   * Prefix of the generated name.
   * @default 'mlops'
   */
  readonly namePrefix?: string;
  /**
   * Bucket receiving access (usage) logs; undefined means this bucket is itself a log bucket.
   * @default - no access logs
   */
  readonly accessLogBucket?: string;
  /**
   * Delete live objects after this many days (data does not linger, s001 §II).
   * @default - live objects are kept
   */
  readonly expireAfterDays?: number;
  /**
   * Delete non-current versions after this many days.
   * @default 30
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Retention policy (objects cannot be deleted before), days.
   * @default - none
   */
  readonly retentionDays?: number;
  /**
   * Lock the retention policy (irreversible).
   * @default false
   */
  readonly lockRetention?: boolean;
  /**
   * Resources the bucket waits for (the storage agent's key grant, GCP-05).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Bindings made when the part is created, in order (the same as calling grant() for each).
   * @default - none
   */
  readonly grants?: GcpIamGrant[];
  /**
   * Bindings on the objects under a prefix only (an IAM condition on the object name), made when
   * the part is created (the same as calling grantUnderPrefix() for each).
   * @default - none
   */
  readonly prefixGrants?: GcpObjectPrefixGrant[];
}

/** A role on the objects under one prefix of a bucket (GCP-03). */
export interface GcpObjectPrefixGrant extends GcpIamGrant {
  /** Object name prefix ending with '/', e.g. 'staging/'. */
  readonly prefix: string;
}

/** An object name prefix: path segments of letters, digits, '.', '_' and '-', ending with '/'. */
const OBJECT_PREFIX = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/;

const PROPS_KEYS: { [K in keyof Required<GcpSecureBucketProps>]: true } = {
  projectId: true,
  location: true,
  kmsKeyName: true,
  bucketName: true,
  namePrefix: true,
  accessLogBucket: true,
  expireAfterDays: true,
  noncurrentVersionDays: true,
  retentionDays: true,
  lockRetention: true,
  dependsOn: true,
  removalPolicy: true,
  grants: true,
  prefixGrants: true,
};

/**
 * Validates the props of a GcpSecureBucket (one ValidationError) and resolves the bucket name
 * and the non-current version retention.
 */
function resolveBucketProps(
  scope: Construct,
  props: GcpSecureBucketProps,
): { name: string; noncurrent: number } {
  const v = openValidation(scope, props, PROPS_KEYS);
  checkPattern(v, 'namePrefix', props.namePrefix, /\S/, 'a non-empty name prefix', {
    optional: true,
    literal: 'it forms the generated bucket name',
  });
  v.throwIfInvalid();
  const name =
    props.bucketName ??
    uniqueName(scope, { prefix: props.namePrefix ?? NAME_PREFIX, maxLength: 63 });
  const noncurrent = props.noncurrentVersionDays ?? BUCKET_DEFAULTS.noncurrentVersionDays;
  checkProjectId(v, 'projectId', props.projectId);
  if (typeof name !== 'string') v.add('bucketName', name, 'a bucket name (a string)');
  else v.check('bucketName', name, GcpValidate.bucketName(name));
  checkLocation(v, 'location', props.location);
  checkCmekKey(
    v,
    'kmsKeyName',
    props.kmsKeyName,
    props.location,
    'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K in the bucket location',
  );
  checkPattern(
    v,
    'accessLogBucket',
    props.accessLogBucket,
    /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/,
    'the name of the bucket receiving access logs',
    { optional: true },
  );
  checkNumber(v, 'noncurrentVersionDays', noncurrent, 1, 36500, { unit: 'days' });
  checkNumber(v, 'expireAfterDays', props.expireAfterDays, 1, 36500, { unit: 'days' });
  checkNumber(v, 'retentionDays', props.retentionDays, 1, 36500, {
    unit: 'days',
    literal: 'it is converted to seconds at synth',
  });
  if (
    typeof props.retentionDays === 'number' &&
    typeof props.expireAfterDays === 'number' &&
    props.expireAfterDays < props.retentionDays
  )
    v.add(
      'expireAfterDays',
      props.expireAfterDays,
      `at least retentionDays (${props.retentionDays}): objects cannot be deleted before their retention ends`,
    );
  (props.prefixGrants ?? []).forEach((g, i) =>
    checkPattern(
      v,
      `prefixGrants[${i}].prefix`,
      g?.prefix,
      OBJECT_PREFIX,
      "an object name prefix ending with '/' (letters, digits, '.', '_', '-'), e.g. 'staging/'",
      { literal: 'it forms the IAM condition' },
    ),
  );
  checkBoolean(v, 'lockRetention', props.lockRetention);
  if (props.lockRetention === true && props.retentionDays === undefined)
    v.add(
      'lockRetention',
      true,
      'false without retentionDays (there is no retention policy to lock)',
    );
  closePartValidation(v, props);
  return { name, noncurrent };
}

/**
 * A Cloud Storage bucket with the GCP-12 controls: uniform bucket-level access, public access
 * prevention enforced, versioning, lifecycle rules, optional retention, CMEK (GCP-06), access
 * logs to a log bucket; never force-destroyed.
 */
export class GcpSecureBucket extends Construct {
  /** The bucket. */
  public readonly bucket: StorageBucket;
  /** The bucket name. */
  public readonly bucketName: string;
  /** IAM bindings made through grant(). */
  public readonly bindings: StorageBucketIamMember[] = [];
  /** Reference to the bucket name (one token, reused by every binding). */
  public readonly bucketRef: string;

  constructor(scope: Construct, id: string, props: GcpSecureBucketProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const { name, noncurrent } = resolveBucketProps(this, props);
    // bucket names are global across Google Cloud
    claim(
      this,
      'Cloud Storage bucket',
      'Google Cloud (bucket names are global)',
      name,
      props.bucketName !== undefined ? 'bucketName' : 'namePrefix',
    );

    this.bucketName = name;
    this.bucket = new StorageBucket(this, 'bucket', {
      project: props.projectId,
      name,
      location: props.location,
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: props.kmsKeyName },
      lifecycleRule: bucketLifecycle(noncurrent, props.expireAfterDays),
      softDeletePolicy: { retentionDurationSeconds: BUCKET_DEFAULTS.softDeleteSeconds },
      logging: props.accessLogBucket
        ? { logBucket: props.accessLogBucket, logObjectPrefix: name }
        : undefined,
      retentionPolicy: props.retentionDays
        ? { retentionPeriod: props.retentionDays * 86400, isLocked: props.lockRetention ?? false }
        : undefined,
      forceDestroy: false,
      dependsOn: props.dependsOn,
    });
    this.bucketRef = this.bucket.name;
    finishGrantingPart(this, [this.bucket], props, {
      retain: { force_destroy: false },
      destroy: { force_destroy: true },
    });
    for (const g of props.prefixGrants ?? [])
      this.grantUnderPrefix(g.prefix, g.role, g.member, g.key);
  }

  /**
   * Grants a role on the objects under `prefix` only (GCP-03): an IAM condition on the object
   * name (`resource.name.startsWith("projects/_/buckets/BUCKET/objects/PREFIX")`), which uniform
   * bucket-level access allows. Bucket-level permissions of the role (listing) do not match the
   * condition. Idempotent per prefix, role and key.
   * @param key stable key of the member for the construct id (required when member is a token)
   */
  public grantUnderPrefix(
    prefix: string,
    role: string,
    member: string,
    key?: string,
  ): StorageBucketIamMember {
    return bindOnce(
      this,
      `${bindingId(role, member, key)}-under-${idPart(prefix.replace(/\/$/, ''))}`,
      this.bindings,
      (cid) =>
        new StorageBucketIamMember(this, cid, {
          bucket: this.bucketRef,
          role,
          member,
          condition: {
            title: `objects under ${prefix}`.slice(0, 100),
            expression: `resource.name.startsWith("projects/_/buckets/${this.bucketRef}/objects/${prefix}")`,
          },
        }),
    );
  }

  /**
   * Grants a role on this bucket (resource-level binding, GCP-03). Idempotent per role and key.
   * @param key stable key of the member for the construct id (required when member is a token)
   */
  public grant(role: string, member: string, key?: string): StorageBucketIamMember {
    return bindOnce(
      this,
      bindingId(role, member, key),
      this.bindings,
      (cid) => new StorageBucketIamMember(this, cid, { bucket: this.bucketRef, role, member }),
    );
  }
}
