import { Construct } from 'constructs';
import { Lazy, Token } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { isUnresolved, Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import {
  BUCKET_OBJECT_OWNERSHIP,
  bucketEncryptionRule,
  bucketLifecycleRules,
  bucketPublicAccessBlock,
  forceDestroyRemovalOverrides,
  OBJECT_LOCK_MODE,
} from './defaults';
import { awsEnv } from './env';
import { accountRegionalName } from './naming';
import { policyDocument, Statement } from './policy';
import { ResolvedSecureBucketProps, resolveSecureBucketProps } from './secure-bucket-resolve';
import { iamPrincipalList } from './validation';

/**
 * The S3 actions that change a bucket's protection or copy its contents elsewhere (IAM action
 * names of the Service Authorization Reference; DeleteBucketOwnershipControls is authorized as
 * PutBucketOwnershipControls, deleting encryption, lifecycle and the public access block as the
 * Put* action). Only the deployer may call them on the platform's buckets.
 */
export const BUCKET_CONFIGURATION_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketOwnershipControls',
  's3:PutBucketPublicAccessBlock',
  's3:PutEncryptionConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketObjectLockConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketLogging',
  's3:PutReplicationConfiguration',
  's3:PutInventoryConfiguration',
  's3:PutBucketNotification',
  's3:DeleteBucket',
];

/** Props of {@link SecureBucket}. */
export interface SecureBucketProps {
  /**
   * Bucket name (S3 bucket names are global across all AWS accounts).
   * @default - `<id>-<account>-<region>-<suffix>`: unique per account and region, stable across synths
   */
  readonly bucketName?: string;
  /**
   * Account id used in the generated bucket name.
   * @default - `sourceAccountId` if given, else the `aws_caller_identity` data source
   */
  readonly accountId?: string;
  /**
   * Region used in the generated bucket name.
   * @default - the region of the stack's AWS provider, else the `aws_region` data source
   */
  readonly region?: string;
  /**
   * KMS key ARN for SSE-KMS with a bucket key. Required unless `serverAccessLogTarget` is true.
   * @default - none (SSE-S3, only allowed for server access log targets)
   */
  readonly kmsKeyArn?: string;
  /**
   * Key id of `kmsKeyArn`: writes that name the bucket's key may name it by this id as well as
   * by its ARN (a write under any other key, or under SSE-S3, is denied, AWS-07).
   * @default - taken from a literal `kmsKeyArn`; for a token, writes name the key by its ARN
   */
  readonly kmsKeyId?: string;
  /**
   * Deny writes that name an encryption other than the bucket's key (SSE-S3, another KMS key,
   * the AWS managed key, SSE-C), which would override the default encryption (AWS-07). Only
   * for a bucket with `kmsKeyArn` that receives neither server access logs nor CloudTrail.
   * @default true
   */
  readonly bucketKeyWritesOnly?: boolean;
  /**
   * Bucket that receives this bucket's server access logs.
   * @default - none; then the bucket must be a log target itself (`serverAccessLogTarget`)
   */
  readonly accessLogBucket?: SecureBucket;
  /**
   * This bucket receives S3 server access logs. S3 cannot deliver access logs to SSE-KMS
   * buckets, so such a bucket uses SSE-S3 (AES256) and admits `logging.s3.amazonaws.com`.
   * @default false
   */
  readonly serverAccessLogTarget?: boolean;
  /**
   * Days after which noncurrent versions expire.
   * @default 365
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects expire.
   * @default - never
   */
  readonly expirationDays?: number;
  /**
   * Object Lock default retention in days (GOVERNANCE mode); enables Object Lock.
   * @default - no Object Lock
   */
  readonly objectLockDays?: number;
  /**
   * Account id allowed to deliver server access logs (log targets only).
   * @default - none
   */
  readonly sourceAccountId?: string;
  /**
   * What happens to the bucket on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * ARN of a CloudTrail trail that delivers its log files to this bucket: the bucket policy
   * admits CloudTrail's ACL check and its writes under `AWSLogs/<account>/`, for that trail
   * only (`aws:SourceArn`).
   * @default - no CloudTrail delivery
   */
  readonly cloudTrailArn?: string;
}

/**
 * An S3 bucket with every AWS-07 control: SSE-KMS with the platform CMK and bucket key,
 * versioning, the four public-access blocks, `BucketOwnerEnforced`, a TLS-only bucket policy,
 * server access logging to a log bucket and lifecycle rules; `force_destroy = false` and
 * `prevent_destroy` unless `removalPolicy` is DESTROY.
 */
export class SecureBucket extends Construct {
  /** The bucket. */
  public readonly bucket: S3Bucket;
  /** Its name (a reference to the bucket resource, which orders dependants after it). */
  public readonly bucketName: string;
  /**
   * The bucket name as a plain string, when it is known at synth (given, or generated from a
   * literal account and region): for another stack that must name the bucket without a
   * cross-stack reference (e.g. a network stack's S3 gateway endpoint policy).
   */
  public readonly staticName?: string;
  /** Its ARN. */
  public readonly bucketArn: string;
  /** Encryption configuration. */
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** Versioning. */
  public readonly versioning: S3BucketVersioningA;
  /** Public access block. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** Ownership controls. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** Bucket policy. */
  public readonly policy: S3BucketPolicy;
  /** Lifecycle configuration. */
  public readonly lifecycle: S3BucketLifecycleConfiguration;
  /** Server access logging, when a log bucket is given. */
  public readonly logging?: S3BucketLoggingA;
  /** Object Lock configuration, when enabled. */
  public readonly objectLock?: S3BucketObjectLockConfigurationA;
  private readonly extraStatements: any[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    super(scope, id);
    const r = resolveSecureBucketProps(this, props);
    const name = this.bucketNameOf(r, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: name,
      forceDestroy: false,
      objectLockEnabled: r.objectLockDays !== undefined ? true : undefined,
    });
    applyRemovalPolicy(this.bucket, r.removalPolicy, forceDestroyRemovalOverrides());
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.staticName = Token.isUnresolved(name) ? undefined : name;
    ({
      encryption: this.encryption,
      versioning: this.versioning,
      publicAccessBlock: this.publicAccessBlock,
      ownershipControls: this.ownershipControls,
    } = this.buildProtection(r));
    if (r.accessLogBucket) {
      this.logging = new S3BucketLoggingA(this, 'logging', {
        bucket: this.bucket.id,
        targetBucket: r.accessLogBucket.bucket.id,
        targetPrefix: `${name}/`,
      });
    }
    if (r.objectLockDays !== undefined) {
      this.objectLock = new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket: this.bucket.id,
        rule: { defaultRetention: { mode: OBJECT_LOCK_MODE, days: r.objectLockDays } },
        dependsOn: [this.versioning],
      });
    }
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: bucketLifecycleRules(r.noncurrentVersionExpirationDays, r.expirationDays),
      dependsOn: [this.versioning],
    });
    this.policy = this.buildPolicy(r);
  }

  /**
   * Denies, in the bucket policy, every change of the bucket's protection (policy, ACL,
   * ownership, public access block, encryption, versioning, Object Lock, lifecycle, access
   * logging, replication, inventory, notifications, deletion) to every principal but
   * `principalArns`, the principals that run Terraform (AWS-07, AWS-18): a human admin cannot
   * drop the bucket policy's denies, switch the encryption, suspend versioning, expire data or
   * stop access logging. Leave out a principal that applies this
   * bucket's Terraform and its next apply fails (AccessDenied on the bucket's configuration).
   *
   * @param principalArns IAM role or user ARNs (`aws:PrincipalArn`) that keep changing the
   * configuration; at least one.
   */
  public restrictConfigurationChanges(principalArns: string[]): void {
    const v = new Validator(this);
    const prop = 'restrictConfigurationChanges.principalArns';
    iamPrincipalList(v, prop, principalArns, { optional: false });
    if (Array.isArray(principalArns) && principalArns.length === 0)
      v.add(
        prop,
        principalArns,
        "at least one IAM role or user ARN (the principals that run Terraform; with none, nobody could change the bucket's configuration, the deployer included)",
      );
    if (this.extraStatements.some((st) => st.Sid === 'BucketConfigurationDeployerOnly'))
      v.add(prop, principalArns, 'one call per bucket (its configuration is already restricted)');
    v.throwIfInvalid();
    this.extraStatements.push({
      Sid: 'BucketConfigurationDeployerOnly',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [...BUCKET_CONFIGURATION_ACTIONS],
      Resource: this.bucket.arn,
      Condition: { ArnNotLike: { 'aws:PrincipalArn': principalArns } },
    });
  }

  /** Adds one statement, as a JSON object string, to the bucket policy (e.g. a service delivery grant). */
  public addToPolicy(statementJson: string): void {
    this.extraStatements.push(JSON.parse(statementJson));
  }

  /** `s3://<bucket>/<prefix>`. */
  public s3Url(prefix: string): string {
    return `s3://${this.bucketName}/${prefix}`;
  }

  /** The bucket name: given, or `<id>-<account>-<region>-<suffix>`, claimed in the app. */
  private bucketNameOf(r: ResolvedSecureBucketProps, id: string): string {
    const name =
      r.bucketName ??
      accountRegionalName(
        this,
        // the bucket lives in the caller's account: a source account only known at apply is left
        // to the aws_caller_identity data source
        awsEnv(
          this,
          r.accountId ?? (isUnresolved(r.sourceAccountId) ? undefined : r.sourceAccountId),
          r.region,
        ),
        id,
        63,
      );
    // bucket names are global in a partition: two buckets of one app with the same name fail
    if (!Token.isUnresolved(name))
      claimName(this, 'S3 bucket', 'the global S3 namespace', name, 'bucketName');
    return name;
  }

  /** Encryption, versioning, the public access blocks and object ownership (AWS-07). */
  private buildProtection(r: ResolvedSecureBucketProps): {
    encryption: S3BucketServerSideEncryptionConfigurationA;
    versioning: S3BucketVersioningA;
    publicAccessBlock: S3BucketPublicAccessBlock;
    ownershipControls: S3BucketOwnershipControls;
  } {
    const bucket = this.bucket.id;
    return {
      encryption: new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
        bucket,
        rule: [bucketEncryptionRule(r.kmsKeyArn)],
      }),
      versioning: new S3BucketVersioningA(this, 'versioning', {
        bucket,
        versioningConfiguration: { status: 'Enabled' },
      }),
      publicAccessBlock: new S3BucketPublicAccessBlock(this, 'public-access', {
        bucket,
        ...bucketPublicAccessBlock(),
      }),
      ownershipControls: new S3BucketOwnershipControls(this, 'ownership', {
        bucket,
        rule: { objectOwnership: BUCKET_OBJECT_OWNERSHIP },
      }),
    };
  }

  /** The bucket policy: TLS only, log delivery for log targets, and the added statements. */
  private buildPolicy(r: ResolvedSecureBucketProps): S3BucketPolicy {
    const base: Statement[] = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ];
    if (r.serverAccessLogTarget) {
      base.push({
        Sid: 'S3ServerAccessLogsDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${this.bucket.arn}/*`,
        ...(r.sourceAccountId
          ? { Condition: { StringEquals: { 'aws:SourceAccount': r.sourceAccountId } } }
          : {}),
      });
    }
    if (r.cloudTrailArn !== undefined) base.push(...this.cloudTrailDelivery(r, r.cloudTrailArn));
    else if (
      r.kmsKeyArn !== undefined &&
      !r.serverAccessLogTarget &&
      (r.bucketKeyWritesOnly ?? true)
    )
      base.push(...this.platformKeyWrites(r.kmsKeyArn, r.kmsKeyId));
    return new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({
        produce: () => policyDocument([...base, ...this.extraStatements]),
      }),
      dependsOn: [this.publicAccessBlock],
    });
  }

  /**
   * Objects are written under the bucket's key only (AWS-07). Default encryption applies to a
   * write that names no encryption; a write that names one overrides it: SSE-S3 (`AES256`),
   * another KMS key, `aws:kms` without a key id, for which S3 takes the account's AWS managed
   * key (`aws/s3`; PutObject, `x-amz-server-side-encryption-aws-kms-key-id`), or a key of the
   * writer's own (SSE-C). Those are denied.
   * The key may be named by its ARN or its key id (S3 compares the header as sent), not by an
   * alias: a write that names the key by an alias is denied.
   */
  private platformKeyWrites(keyArn: string, keyId: string | undefined): Statement[] {
    const deny = (sid: string, condition: Statement['Condition']): Statement => ({
      Sid: sid,
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: `${this.bucket.arn}/*`,
      Condition: condition,
    });
    const id = keyId ?? (Token.isUnresolved(keyArn) ? undefined : keyArn.split('/').pop());
    return [
      deny('DenyOtherEncryption', {
        StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] },
      }),
      deny('DenyAwsManagedKey', {
        Null: {
          's3:x-amz-server-side-encryption': 'false',
          's3:x-amz-server-side-encryption-aws-kms-key-id': 'true',
        },
      }),
      // SSE-C sends no x-amz-server-side-encryption header: the object would be under a key
      // only the writer holds
      deny('DenyCustomerKeys', {
        Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
      }),
      deny('DenyOtherKmsKey', {
        StringNotEqualsIfExists: {
          's3:x-amz-server-side-encryption-aws-kms-key-id':
            id === undefined ? [keyArn] : [keyArn, id],
        },
      }),
    ];
  }

  /**
   * CloudTrail log delivery for one trail:
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
   */
  private cloudTrailDelivery(r: ResolvedSecureBucketProps, trailArn: string): Statement[] {
    const account = awsEnv(this, r.accountId, r.region).account;
    return [
      {
        Sid: 'CloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: this.bucket.arn,
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'CloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${this.bucket.arn}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
    ];
  }
}
