import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Validator } from '../core/errors';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { Validate } from '../core/validate';
import { DEFAULT_KEY_DELETION_WINDOW_DAYS, DEFAULT_KEY_ROTATION_DAYS } from './defaults';
import { awsEnv, AwsEnv } from './env';
import { policyDocument, Statement } from './policy';

/** Encrypt/decrypt actions a key user needs (without grants). */
const KEY_USE_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
];

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
   * Deletion window in days (7-30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
  /**
   * IAM principal ARNs allowed to administer the key (not to use it).
   * @default - the account root, which delegates to IAM policies
   */
  readonly adminPrincipalArns?: string[];
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
 * 30-day deletion window, and a key policy with no `kms:*`: key administration by named
 * principals, use by named roles only through named AWS services (`kms:ViaService`), and
 * service principals (CloudWatch Logs, CloudTrail, SNS via CloudWatch/EventBridge) each bound
 * to an encryption-context or source condition. Grant methods add statements before synth.
 */
export class PlatformKey extends Construct {
  /** The key. */
  public readonly key: KmsKey;
  /** Its alias. */
  public readonly alias: KmsAlias;
  /** The key ARN (the form SageMaker sharing settings and S3 accept). */
  public readonly keyArn: string;
  private readonly env: AwsEnv;
  private readonly statements: Statement[] = [];
  private readonly users = new Map<string, Set<string>>();

  constructor(scope: Construct, id: string, props: PlatformKeyProps = {}) {
    super(scope, id);
    const v = new Validator(this);
    const rotation = props.rotationPeriodDays ?? DEFAULT_KEY_ROTATION_DAYS;
    const window = props.deletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
    v.require(
      Number.isInteger(rotation) && rotation >= 90 && rotation <= 365,
      'rotationPeriodDays',
      rotation,
      'an integer from 90 to 365',
    );
    v.require(
      Number.isInteger(window) && window >= 7 && window <= 30,
      'deletionWindowDays',
      window,
      'an integer from 7 to 30',
    );
    (props.adminPrincipalArns ?? []).forEach((a, i) =>
      v.check(`adminPrincipalArns[${i}]`, a, Validate.arn(a, 'iam')),
    );
    if (props.accountId)
      v.check('accountId', props.accountId, Validate.awsAccountId(props.accountId));
    v.throwIfInvalid();

    this.env = awsEnv(this, props.accountId, props.region);
    const root = `arn:${this.env.partition}:iam::${this.env.account}:root`;
    const admins =
      props.adminPrincipalArns && props.adminPrincipalArns.length > 0
        ? [...props.adminPrincipalArns, root]
        : [root];

    this.statements.push({
      Sid: 'KeyAdministration',
      Effect: 'Allow',
      Principal: { AWS: admins },
      Action: [
        'kms:CancelKeyDeletion',
        'kms:CreateAlias',
        'kms:CreateGrant',
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
    this.statements.push({
      Sid: 'AllowGrantsForAwsResources',
      Effect: 'Allow',
      Principal: { AWS: root },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
    });
    this.statements.push({
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

    this.key = new KmsKey(this, 'key', {
      description: `secure-mlops platform key (${this.node.path})`,
      enableKeyRotation: true,
      rotationPeriodInDays: rotation,
      deletionWindowInDays: window,
      policy: Lazy.stringValue({ produce: () => this.renderPolicy() }),
    });
    applyRemovalPolicy(this.key, props.removalPolicy);
    this.keyArn = this.key.arn;
    const aliasName =
      props.alias ?? `secure-mlops/${this.node.path.replace(/[^a-zA-Z0-9/_-]/g, '-')}`;
    this.alias = new KmsAlias(this, 'alias', {
      name: `alias/${aliasName}`,
      targetKeyId: this.key.keyId,
    });
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

  /** Lets CloudTrail encrypt trail logs of this account (AWS-22). */
  public grantCloudTrail(): void {
    if (this.statements.some((s) => s.Sid === 'CloudTrail')) return;
    this.statements.push({
      Sid: 'CloudTrail',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${this.env.partition}:cloudtrail:*:${this.env.account}:trail/*`,
        },
        StringEquals: { 'aws:SourceAccount': this.env.account },
      },
    });
  }

  /** Lets CloudWatch alarms and EventBridge publish to SNS topics encrypted with this key (AWS-23). */
  public grantSnsPublishers(): void {
    if (this.statements.some((s) => s.Sid === 'SnsPublishers')) return;
    this.statements.push({
      Sid: 'SnsPublishers',
      Effect: 'Allow',
      Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': this.env.account } },
    });
  }

  /** Lets S3 server access logging and AWS Backup use the key for this account. */
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

  private renderPolicy(): string {
    const statements = [...this.statements];
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
    return policyDocument(statements);
  }
}
