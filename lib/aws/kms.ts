import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { claimName } from '../core/name-claims';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { awsEnv, AwsEnv, deployerArn } from './env';
import { secureKeySettings } from './defaults';
import { ResolvedPlatformKeyProps, resolvePlatformKeyProps } from './kms-resolve';
import { policyDocument, Statement } from './policy';
import { accountRegionScope } from './validation';

/** Cryptographic actions the data perimeter denies outside the network (DescribeKey excluded). */
const CRYPTO_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];

/** Encrypt/decrypt actions a key user needs (without grants): the cryptographic ones and DescribeKey. */
const KEY_USE_ACTIONS = [...CRYPTO_ACTIONS, 'kms:DescribeKey'];

/**
 * Services through which the deploying principal uses the key at apply time: SageMaker and
 * EFS create the domain's home file system (CreateDomain), AWS Backup creates an encrypted
 * vault (added with `deployerServices` or {@link PlatformKey.grantDeployerVia}).
 */
const DEPLOYER_SERVICES = ['sagemaker', 'elasticfilesystem'];

/** A data perimeter around the key (AWS data-perimeter guidance): where and by whom it may be used. */
export interface KeyPerimeterProps {
  /**
   * VPC endpoint ids through which direct calls to KMS may come (`aws:SourceVpce`).
   * @default - not restricted by endpoint id
   */
  readonly sourceVpceIds?: string[];
  /**
   * VPC ids from which direct calls to KMS may come (`aws:SourceVpc`), when the endpoint ids
   * are not known to this stack.
   * @default - not restricted by VPC id
   */
  readonly sourceVpcIds?: string[];
  /**
   * Role ARN patterns that AWS services use from their own network (pipeline, deployment and
   * monitoring roles), exempt from the network condition.
   * @default - none
   */
  readonly exemptPrincipalArns?: string[];
  /**
   * AWS Organizations id: principals outside it may not use the key (`aws:PrincipalOrgID`).
   * @default - no organization condition
   */
  readonly organizationId?: string;
  /**
   * Accounts outside the organization that may still use the key (e.g. model consumers).
   * @default - none
   */
  readonly trustedAccountIds?: string[];
}

/**
 * The removal policy of a platform key that also encrypts the audit evidence (trail bucket and
 * log groups): DESTROY only when the evidence may go too, or the kept logs could no longer be
 * read once the key is deleted.
 */
export function keyRemovalPolicy(
  removalPolicy: RemovalPolicy | undefined,
  auditRemovalPolicy: RemovalPolicy | undefined,
): RemovalPolicy {
  return removalPolicy === RemovalPolicy.DESTROY && auditRemovalPolicy === RemovalPolicy.DESTROY
    ? RemovalPolicy.DESTROY
    : RemovalPolicy.RETAIN;
}

/** Props of {@link PlatformKey}. */
export interface PlatformKeyProps {
  /**
   * Alias (without the `alias/` prefix).
   * @default - 'secure-mlops/<construct path>'
   */
  readonly alias?: string;
  /**
   * Automatic rotation period in days (90-365).
   * @default 90
   */
  readonly rotationPeriodDays?: number;
  /**
   * Deletion window in days: 30, as AWS-05 requires (KMS accepts 7-30; a shorter window is refused).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * IAM principal ARNs allowed to administer the key (not to use it).
   * @default - the account root, which delegates to IAM policies
   */
  readonly adminPrincipalArns?: string[];
  /**
   * IAM role/user ARNs that run Terraform. They may use the key only through the AWS services
   * that need it at apply time (`kms:ViaService`: SageMaker and EFS for CreateDomain, AWS Backup
   * for CreateBackupVault), and create grants only for AWS resources
   * (`kms:GrantIsForAWSResource`). The roles must exist before the key is created.
   * @default - the role or user running Terraform (`aws_iam_session_context` of `aws_caller_identity`)
   */
  readonly deployerPrincipalArns?: string[];
  /**
   * Services, besides SageMaker and EFS, through which the deployers use the key at apply time
   * (`kms:ViaService`), e.g. `backup` for an AWS Backup vault encrypted with the key.
   * @default - none (SageMaker and EFS only)
   */
  readonly deployerServices?: string[];
  /**
   * Account id used in ARNs and conditions.
   * @default - the `aws_caller_identity` data source
   */
  readonly accountId?: string;
  /**
   * Region used in service principals and conditions.
   * @default - the region of the stack's AWS provider, else the `aws_region` data source
   */
  readonly region?: string;
  /**
   * What happens to the key on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer managed KMS key for the platform (AWS-05, X-04): rotation on (90 days by default),
 * 30-day deletion window, and a key policy with no `kms:*`: key administration by the account
 * (delegated to IAM) and named administrators, no grant creation through the account
 * statement; the deploying principal, the platform roles and AWS service principals
 * (CloudWatch Logs, CloudTrail, SNS publishers) each admitted for exactly what their service
 * documents, through named services (`kms:ViaService`) or with encryption-context / source
 * conditions; and, once {@link addPerimeter} is called, a data perimeter that denies use
 * outside the platform network unless an AWS service makes the call. Grant methods add
 * statements before synth.
 */
export class PlatformKey extends Construct {
  /** The key. */
  public readonly key: KmsKey;
  /** Its alias. */
  public readonly alias: KmsAlias;
  /** The key ARN (the form SageMaker sharing settings and S3 accept). */
  public readonly keyArn: string;
  /** Principals that run Terraform (named in the key policy). */
  public readonly deployerPrincipalArns: string[];
  private readonly env: AwsEnv;
  private readonly statements: Statement[] = [];
  private readonly users = new Map<string, Set<string>>();
  private readonly deployerServices = new Set<string>(DEPLOYER_SERVICES);
  private readonly trailArns: string[] = [];
  private readonly logReaders: string[] = [];
  private readonly trailBuckets: string[] = [];
  private perimeter?: KeyPerimeterProps;
  private cloudTrail = false;

  constructor(scope: Construct, id: string, props: PlatformKeyProps = {}) {
    super(scope, id);
    const r = resolvePlatformKeyProps(this, props);
    this.env = awsEnv(this, r.accountId, r.region);
    this.deployerPrincipalArns = r.deployerPrincipalArns ?? [deployerArn(this)];
    for (const service of r.deployerServices ?? []) this.deployerServices.add(service);
    this.statements.push(...this.baseStatements(r));
    this.key = new KmsKey(this, 'key', {
      description: `secure-mlops platform key (${this.node.path})`,
      ...secureKeySettings(r.rotationPeriodDays, r.deletionWindowDays),
      policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
    });
    applyRemovalPolicy(this.key, r.removalPolicy);
    this.keyArn = this.key.arn;
    // alias names are unique in an account and Region (CreateAlias AlreadyExistsException)
    claimName(
      this,
      'KMS alias',
      accountRegionScope(this, this.env.account, this.env.region),
      `alias/${r.alias}`,
      'alias',
    );
    this.alias = new KmsAlias(this, 'alias', {
      name: `alias/${r.alias}`,
      targetKeyId: this.key.keyId,
    });
  }

  /** The statements every platform key starts with: key administration and CloudWatch Logs. */
  private baseStatements(r: ResolvedPlatformKeyProps): Statement[] {
    const root = `arn:${this.env.partition}:iam::${this.env.account}:root`;
    const admins =
      r.adminPrincipalArns && r.adminPrincipalArns.length > 0
        ? [...r.adminPrincipalArns, root]
        : [root];
    const statements: Statement[] = [];
    // Key administration only: no cryptographic use and no kms:CreateGrant, so a principal
    // with broad IAM KMS permissions cannot grant itself Decrypt through the account statement.
    statements.push({
      Sid: 'KeyAdministration',
      Effect: 'Allow',
      Principal: { AWS: admins },
      Action: [
        'kms:CancelKeyDeletion',
        'kms:CreateAlias',
        'kms:DeleteAlias',
        'kms:DescribeKey',
        'kms:DisableKey',
        'kms:DisableKeyRotation',
        'kms:EnableKey',
        'kms:EnableKeyRotation',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListAliases',
        'kms:ListGrants',
        'kms:ListKeyPolicies',
        'kms:ListResourceTags',
        'kms:PutKeyPolicy',
        'kms:RevokeGrant',
        'kms:RotateKeyOnDemand',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:UpdateAlias',
        'kms:UpdateKeyDescription',
      ],
      Resource: '*',
    });
    // CloudWatch Logs (AWS-21): https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    statements.push({
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: `logs.${this.env.region}.amazonaws.com` },
      Action: KEY_USE_ACTIONS,
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${this.env.partition}:logs:${this.env.region}:${this.env.account}:log-group:*`,
        },
      },
    });

    return statements;
  }

  /**
   * Lets `principalArn` use the key for encryption, only through `service`
   * (e.g. 's3', 'sagemaker', 'elasticfilesystem'), via `kms:ViaService`.
   */
  public grantUseVia(principalArn: string, service: string): void {
    const set = this.users.get(principalArn) ?? new Set<string>();
    set.add(`${service}.${this.env.region}.amazonaws.com`);
    this.users.set(principalArn, set);
  }

  /**
   * Lets every principal whose ARN matches `principalArnPattern` (e.g. the IAM path of per-user
   * execution roles) use the key, only through `services` (e.g. ['s3', 'sagemaker']).
   */
  public grantUseViaPattern(sid: string, principalArnPattern: string, services: string[]): void {
    if (this.statements.some((s) => s.Sid === sid)) return;
    this.statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: `arn:${this.env.partition}:iam::${this.env.account}:root` },
      Action: [...KEY_USE_ACTIONS, 'kms:CreateGrant'],
      Resource: '*',
      Condition: {
        ArnLike: { 'aws:PrincipalArn': principalArnPattern },
        StringEquals: {
          'kms:ViaService': services.map((s) => `${s}.${this.env.region}.amazonaws.com`),
        },
      },
    });
  }

  /**
   * Lets `principalArns` (e.g. the account roots of model consumers) read objects of one S3
   * bucket encrypted with this key, and nothing else: `kms:Decrypt` only, only through S3
   * (`kms:ViaService`), only for that bucket (`kms:EncryptionContext:aws:s3:arn`). With an S3
   * Bucket Key S3 sends the bucket ARN as the encryption context, without one the object ARN;
   * both are admitted (the object ARN limited to `objectKeyPattern`).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#encryption-context
   * @param sid statement id (a second call with the same id is ignored)
   * @param principalArns principals that read the objects
   * @param bucketArn ARN of the bucket (`arn:<partition>:s3:::<name>`)
   * @param objectKeyPattern object keys the principals read (IAM wildcards), e.g. `models/*`
   */
  public grantS3ObjectRead(
    sid: string,
    principalArns: string[],
    bucketArn: string,
    objectKeyPattern: string,
  ): void {
    if (principalArns.length === 0 || this.statements.some((s) => s.Sid === sid)) return;
    this.statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: principalArns.length === 1 ? principalArns[0] : principalArns },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': `s3.${this.env.region}.amazonaws.com` },
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/${objectKeyPattern}`],
        },
      },
    });
  }

  /** Lets the deploying principal use the key through one more service (e.g. 'backup'). */
  public grantDeployerVia(service: string): void {
    this.deployerServices.add(service);
  }

  /**
   * Lets CloudTrail encrypt the logs of a trail (AWS-22), with the statements the CloudTrail
   * documentation requires: GenerateDataKey* under the trail's encryption context, DescribeKey
   * (DescribeKey carries no encryption context), and Decrypt for an S3 Bucket Key on the trail
   * bucket; each limited to the trails granted (`aws:SourceArn`) and this account
   * (`aws:SourceAccount`), or to this account alone when no trail ARN is given.
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   * @param trailArn the trail's ARN, `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`,
   * built from its parts (a reference to the trail would make the key depend on the trail, which
   * depends on the key)
   */
  public grantCloudTrail(trailArn?: string): void {
    this.cloudTrail = true;
    if (trailArn !== undefined && !this.trailArns.includes(trailArn)) this.trailArns.push(trailArn);
  }

  /**
   * Lets principals read (decrypt) CloudTrail log files encrypted with this key: under the
   * trail's encryption context, and, for a trail bucket with an S3 Bucket Key, through S3 under
   * the bucket's context (S3 decrypts a bucket key with `aws:s3:arn` = the bucket ARN).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html
   * @param trailBucketArn the ARN of the bucket the trail writes to, when it uses a Bucket Key
   */
  public grantCloudTrailLogReaders(principalArns: string[], trailBucketArn?: string): void {
    for (const p of principalArns) if (!this.logReaders.includes(p)) this.logReaders.push(p);
    if (trailBucketArn !== undefined && !this.trailBuckets.includes(trailBucketArn))
      this.trailBuckets.push(trailBucketArn);
  }

  /**
   * Lets CloudWatch alarms and EventBridge publish to SNS topics encrypted with this key
   * (AWS-23). https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
   */
  public grantSnsPublishers(): void {
    if (this.statements.some((s) => s.Sid === 'SnsPublishers')) return;
    this.statements.push({
      Sid: 'SnsPublishers',
      Effect: 'Allow',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': this.env.account } },
    });
  }

  /** Lets an AWS service principal use the key for this account (`aws:SourceAccount`). */
  public grantService(sid: string, servicePrincipal: string, actions: string[]): void {
    if (this.statements.some((s) => s.Sid === sid)) return;
    this.statements.push({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: servicePrincipal },
      Action: actions,
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': this.env.account } },
    });
  }

  /**
   * Adds the data perimeter (AWS data-perimeter guidance): cryptographic use is denied unless
   * the call comes through the platform network or an AWS service makes it, and, with an
   * organization id, unless the principal belongs to the organization (or a trusted account).
   */
  public addPerimeter(perimeter: KeyPerimeterProps): void {
    this.perimeter = perimeter;
  }

  /**
   * The CloudTrail statements. Each one is limited to the platform's trails (`aws:SourceArn`,
   * the trail ARNs built from their parts, so that the key does not depend on the trail) in this
   * account (`aws:SourceAccount`), against the confused deputy: without it any trail of any
   * account could have CloudTrail use the key. A key granted to CloudTrail without a trail ARN
   * is limited to the trails of this account.
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cross-service-confused-deputy-prevention.html
   */
  private cloudTrailStatements(): Statement[] {
    const source = {
      StringEquals: {
        ...(this.trailArns.length > 0 ? { 'aws:SourceArn': this.trailArns } : {}),
        'aws:SourceAccount': this.env.account,
      },
    };
    return [
      {
        Sid: 'CloudTrailEncryptLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${this.env.partition}:cloudtrail:*:${this.env.account}:trail/*`,
          },
          ...source,
        },
      },
      {
        Sid: 'CloudTrailDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: source,
      },
      {
        Sid: 'CloudTrailDecryptForBucketKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: source,
      },
    ];
  }

  private renderPolicy(): string {
    const statements = [...this.statements];
    if (this.cloudTrail) statements.push(...this.cloudTrailStatements());
    if (this.logReaders.length > 0) {
      statements.push({
        Sid: 'CloudTrailLogReaders',
        Effect: 'Allow',
        Principal: { AWS: this.logReaders },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } },
      });
      if (this.trailBuckets.length > 0)
        statements.push({
          Sid: 'CloudTrailLogReadersBucketKey',
          Effect: 'Allow',
          Principal: { AWS: this.logReaders },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: {
            StringEquals: {
              'kms:ViaService': `s3.${this.env.region}.amazonaws.com`,
              'kms:EncryptionContext:aws:s3:arn': this.trailBuckets,
            },
          },
        });
    }
    const deployerVia = [...this.deployerServices]
      .sort()
      .map((s) => `${s}.${this.env.region}.amazonaws.com`);
    statements.push(
      {
        Sid: 'DeployerUseViaServices',
        Effect: 'Allow',
        Principal: { AWS: this.deployerPrincipalArns },
        Action: [...KEY_USE_ACTIONS, 'kms:RetireGrant'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': deployerVia } },
      },
      {
        Sid: 'DeployerGrantsForAwsResources',
        Effect: 'Allow',
        Principal: { AWS: this.deployerPrincipalArns },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': deployerVia },
          Bool: { 'kms:GrantIsForAWSResource': 'true' },
        },
      },
    );
    // group principals by their allowed services to keep the policy small
    const byServices = new Map<string, string[]>();
    for (const [principal, services] of this.users) {
      const key = [...services].sort().join(',');
      byServices.set(key, [...(byServices.get(key) ?? []), principal]);
    }
    let i = 0;
    for (const [services, principals] of byServices) {
      statements.push({
        Sid: `UseViaServices${i++}`,
        Effect: 'Allow',
        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
        Action: [...KEY_USE_ACTIONS, 'kms:CreateGrant'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': services.split(',') } },
      });
    }
    statements.push(...perimeterStatements(this.perimeter));
    return policyDocument(statements);
  }
}

/** The Deny statements of a key's data perimeter. */
function perimeterStatements(p: KeyPerimeterProps | undefined): Statement[] {
  if (!p) return [];
  const out: Statement[] = [];
  const network: { [key: string]: string[] } = {};
  if (p.sourceVpceIds && p.sourceVpceIds.length > 0) network['aws:SourceVpce'] = p.sourceVpceIds;
  else if (p.sourceVpcIds && p.sourceVpcIds.length > 0) network['aws:SourceVpc'] = p.sourceVpcIds;
  if (Object.keys(network).length > 0) {
    out.push({
      Sid: 'DataPerimeterNetwork',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: CRYPTO_ACTIONS,
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: network,
        BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
        ...(p.exemptPrincipalArns && p.exemptPrincipalArns.length > 0
          ? { ArnNotLikeIfExists: { 'aws:PrincipalArn': p.exemptPrincipalArns } }
          : {}),
      },
    });
  }
  if (p.organizationId) {
    out.push({
      Sid: 'DataPerimeterIdentity',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: CRYPTO_ACTIONS,
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: {
          'aws:PrincipalOrgID': p.organizationId,
          ...(p.trustedAccountIds && p.trustedAccountIds.length > 0
            ? { 'aws:PrincipalAccount': p.trustedAccountIds }
            : {}),
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    });
  }
  return out;
}
