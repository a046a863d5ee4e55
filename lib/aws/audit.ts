import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { Validate } from '../core/validate';
import { DEFAULT_AUDIT_LOCK_DAYS, DEFAULT_LOG_RETENTION_DAYS } from './defaults';
import { awsEnv, AwsEnv } from './env';
import { PlatformKey } from './kms';
import { policyDocument } from './policy';
import { SecureBucket } from './secure-bucket';

/** Props of {@link AuditTrail}. */
export interface AuditTrailProps {
  /** KMS key ARN for log groups, the trail, its bucket and the SNS topic. */
  readonly kmsKeyArn: string;
  /**
   * The platform key, so the trail adds the CloudTrail and SNS statements to its policy.
   * @default - none: a key passed by ARN must already admit CloudTrail, CloudWatch Logs and SNS publishers
   */
  readonly platformKey?: PlatformKey;
  /** Bucket receiving server access logs of the trail bucket. */
  readonly accessLogBucket: SecureBucket;
  /**
   * Create the account-level SageMaker log groups (`/aws/sagemaker/studio`, TrainingJobs,
   * ProcessingJobs, TransformJobs). These names are per account and region: set false when
   * another stack (or tenant) owns them.
   * @default true
   */
  readonly createLogGroups?: boolean;
  /**
   * Log retention in days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * ARN of an organization trail that already records this account (AWS-22). When given, no
   * trail is created.
   * @default - a trail is created
   */
  readonly organizationTrailArn?: string;
  /**
   * Bucket ARNs whose object-level (data) events the trail records.
   * @default - none
   */
  readonly dataEventBucketArns?: string[];
  /**
   * Object Lock retention of the trail bucket, days.
   * @default 365
   */
  readonly trailBucketLockDays?: number;
  /**
   * Create the SNS topic, alarms and platform-change events (AWS-23).
   * @default true
   */
  readonly alarms?: boolean;
  /**
   * Errors in the Studio log group per 5 minutes that raise the alarm.
   * @default 10
   */
  readonly errorAlarmThreshold?: number;
  /**
   * Account id.
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
  /**
   * Region.
   * @default - the stack's AWS provider region, else the aws_region data source
   */
  readonly region?: string;
  /**
   * What happens to log groups and the trail bucket on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const SAGEMAKER_LOG_GROUPS = [
  '/aws/sagemaker/studio',
  '/aws/sagemaker/TrainingJobs',
  '/aws/sagemaker/ProcessingJobs',
  '/aws/sagemaker/TransformJobs',
];

/**
 * Audit and monitoring (X-06, AWS-21, AWS-22, AWS-23): KMS-encrypted SageMaker log groups with
 * retention, a multi-region CloudTrail with log file validation to an Object-Lock bucket
 * (unless an organization trail is declared), and a KMS-encrypted SNS topic fed by a
 * CloudWatch alarm on Studio errors and by EventBridge on domain/profile changes.
 */
export class AuditTrail extends Construct {
  /** Log groups by name. */
  public readonly logGroups: { [name: string]: CloudwatchLogGroup } = {};
  /** ARNs of the platform log groups (created or not). */
  public readonly logGroupArns: string[];
  /** The trail, when created. */
  public readonly trail?: Cloudtrail;
  /** The trail bucket, when created. */
  public readonly trailBucket?: SecureBucket;
  /** The alarm topic. */
  public readonly topic?: SnsTopic;
  /** The Studio error alarm. */
  public readonly errorAlarm?: CloudwatchMetricAlarm;
  /** The platform-change rule. */
  public readonly changeRule?: CloudwatchEventRule;
  private readonly env: AwsEnv;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const v = new Validator(this);
    const retention = props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const allowedRetention = [
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
      3288, 3653,
    ];
    v.require(
      allowedRetention.includes(retention),
      'logRetentionDays',
      retention,
      `one of ${allowedRetention.join(', ')}`,
    );
    if (props.organizationTrailArn)
      v.check(
        'organizationTrailArn',
        props.organizationTrailArn,
        Validate.arn(props.organizationTrailArn, 'cloudtrail'),
      );
    v.throwIfInvalid();
    this.env = awsEnv(this, props.accountId, props.region);
    const { partition, region, account } = this.env;
    this.logGroupArns = SAGEMAKER_LOG_GROUPS.map(
      (n) => `arn:${partition}:logs:${region}:${account}:log-group:${n}`,
    );

    if (props.createLogGroups ?? true) {
      for (const name of SAGEMAKER_LOG_GROUPS) {
        const lg = new CloudwatchLogGroup(this, name.split('/').pop()!.toLowerCase(), {
          name,
          kmsKeyId: props.kmsKeyArn,
          retentionInDays: retention,
        });
        applyRemovalPolicy(lg, props.removalPolicy, {
          retain: { deletion_protection_enabled: true },
          destroy: { deletion_protection_enabled: false },
        });
        this.logGroups[name] = lg;
      }
    }

    if (!props.organizationTrailArn) {
      props.platformKey?.grantCloudTrail();
      this.trailBucket = new SecureBucket(this, 'trail-bucket', {
        kmsKeyArn: props.kmsKeyArn,
        accessLogBucket: props.accessLogBucket,
        objectLockDays: props.trailBucketLockDays ?? DEFAULT_AUDIT_LOCK_DAYS,
        removalPolicy: props.removalPolicy,
      });
      const trailName = uniqueName(this, { prefix: 'mlops-trail', maxLength: 128 });
      const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${trailName}`;
      this.trailBucket.addToPolicy(
        JSON.stringify({
          Sid: 'CloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: this.trailBucket.bucketArn,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        }),
      );
      this.trailBucket.addToPolicy(
        JSON.stringify({
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${this.trailBucket.bucketArn}/AWSLogs/${account}/*`,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        }),
      );
      const dataBuckets = props.dataEventBucketArns ?? [];
      this.trail = new Cloudtrail(this, 'trail', {
        name: trailName,
        s3BucketName: this.trailBucket.bucketName,
        kmsKeyId: props.kmsKeyArn,
        enableLogFileValidation: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        eventSelector:
          dataBuckets.length > 0
            ? [
                {
                  readWriteType: 'All',
                  includeManagementEvents: true,
                  dataResource: [
                    { type: 'AWS::S3::Object', values: dataBuckets.map((b) => `${b}/`) },
                  ],
                },
              ]
            : undefined,
        dependsOn: [this.trailBucket.policy],
      });
    }

    if (props.alarms ?? true) {
      props.platformKey?.grantSnsPublishers();
      this.topic = new SnsTopic(this, 'alarms', {
        name: uniqueName(this, { prefix: 'mlops-platform-alarms', maxLength: 256 }),
        kmsMasterKeyId: props.kmsKeyArn,
      });
      new SnsTopicPolicy(this, 'alarms-policy', {
        arn: this.topic.arn,
        policy: policyDocument([
          {
            Sid: 'PlatformPublishers',
            Effect: 'Allow',
            Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': account } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      });
      const namespace = 'SecureMlops';
      const metricName = `StudioErrors-${uniqueName(this, { prefix: 'p', maxLength: 12 })}`;
      new CloudwatchLogMetricFilter(this, 'studio-errors', {
        name: metricName,
        logGroupName: '/aws/sagemaker/studio',
        pattern: '?ERROR ?Error ?Exception',
        metricTransformation: { name: metricName, namespace, value: '1', defaultValue: '0' },
        dependsOn: this.logGroups['/aws/sagemaker/studio']
          ? [this.logGroups['/aws/sagemaker/studio']]
          : undefined,
      });
      this.errorAlarm = new CloudwatchMetricAlarm(this, 'studio-errors-alarm', {
        alarmName: metricName,
        alarmDescription: 'SageMaker Studio errors above threshold (AWS-23)',
        namespace,
        metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: props.errorAlarmThreshold ?? 10,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
      });
      this.changeRule = new CloudwatchEventRule(this, 'platform-changes', {
        description: 'SageMaker domain, user profile and app image config changes (AWS-23)',
        eventPattern: JSON.stringify({
          source: ['aws.sagemaker'],
          'detail-type': ['AWS API Call via CloudTrail'],
          detail: {
            eventName: [
              'DeleteDomain',
              'UpdateDomain',
              'CreateUserProfile',
              'DeleteUserProfile',
              'UpdateUserProfile',
              'CreateAppImageConfig',
              'UpdateAppImageConfig',
              'DeleteAppImageConfig',
            ],
          },
        }),
      });
      new CloudwatchEventTarget(this, 'platform-changes-target', {
        rule: this.changeRule.name,
        arn: this.topic.arn,
      });
    }
  }
}
