import { Construct } from 'constructs';
import { Annotations } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { ResolvedAuditTrailProps, resolveAuditTrailProps } from './audit-resolve';
import { alarmEvaluationSettings, logGroupRemovalOverrides, METRIC_NAMESPACE } from './defaults';
import { awsEnv, AwsEnv } from './env';
import { PlatformKey } from './kms';
import { policyDocument, trustPolicy } from './policy';
import { SecureBucket } from './secure-bucket';
import { accountRegionScope } from './validation';

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
   * Bucket ARNs whose object-level (data) events the trail records (X-06).
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
   * CIDRs from which presigned Studio URLs are expected (AWS-11); CreatePresignedDomainUrl
   * calls from anywhere else raise the presigned-URL alarm.
   * @default - none: the alarm fires on presigned-URL requests that IAM denied
   */
  readonly presignedUrlAllowedCidrs?: string[];
  /**
   * IAM role name patterns of the platform (e.g. `mlops-prod-*`): policy or trust changes on
   * matching roles raise the IAM-change alarm.
   * @default - the alarm watches role changes of every role
   */
  readonly platformRoleNamePatterns?: string[];
  /**
   * Principals that read the trail's log files (decrypt permission in the platform key).
   * @default - none
   */
  readonly logReaderArns?: string[];
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

/** Longest metric filter pattern CloudWatch Logs accepts (PutMetricFilter FilterPattern). */
const MAX_FILTER_PATTERN = 1024;

/** A metric filter on the trail log group and the alarm on its metric (AWS-23). */
interface TrailAlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly pattern: string;
}

/** CloudTrail event-name alternatives: `(($.eventName = "A") || ($.eventName = "B"))`. */
function anyEvent(names: string[]): string {
  return `(${names.map((n) => `($.eventName = "${n}")`).join(' || ')})`;
}

/**
 * Wildcard IP patterns covering a CIDR for a metric filter (`10.1.*` for a /16), or undefined
 * when the CIDR needs more than `max` patterns.
 */
export function cidrPatterns(cidr: string, max = 16): string[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (prefix === 32) return [octets.join('.')];
  if (prefix === 0) return ['*'];
  const full = Math.floor(prefix / 8);
  const rest = prefix % 8;
  if (rest === 0) return [`${octets.slice(0, full).join('.')}.*`];
  const count = 2 ** (8 - rest);
  if (count > max) return undefined;
  const base = octets[full] & (0xff << (8 - rest)) & 0xff;
  const head = octets.slice(0, full);
  return Array.from({ length: count }, (_, i) =>
    full === 3 ? [...head, base + i].join('.') : `${[...head, base + i].join('.')}.*`,
  );
}

/**
 * Audit and monitoring (X-06, AWS-21, AWS-22, AWS-23): KMS-encrypted SageMaker log groups with
 * retention; a multi-region CloudTrail with log file validation to an Object-Lock bucket and to
 * a KMS-encrypted CloudWatch Logs group (unless an organization trail is declared); metric
 * filters and alarms on that group (presigned URLs from outside the allowed networks, domain or
 * user-profile deletion, a key disabled or scheduled for deletion, bucket policy changes, IAM
 * changes on platform roles, Studio errors) to a KMS-encrypted SNS topic, which EventBridge also
 * feeds with domain/profile changes.
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
  /** The CloudWatch Logs group the trail delivers to, when a trail is created. */
  public readonly trailLogGroup?: CloudwatchLogGroup;
  /**
   * Alarms on the trail's events, by id (presigned-url, deletions, key-state, bucket-policy,
   * iam-roles, iam-policies, trail-changes).
   */
  public readonly trailAlarms: { [id: string]: CloudwatchMetricAlarm } = {};
  private readonly env: AwsEnv;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const r = resolveAuditTrailProps(this, props);
    this.env = awsEnv(this, r.accountId, r.region);
    const { partition, region, account } = this.env;
    this.logGroupArns = SAGEMAKER_LOG_GROUPS.map(
      (n) => `arn:${partition}:logs:${region}:${account}:log-group:${n}`,
    );
    if (r.createLogGroups) this.buildLogGroups(r);
    if (!r.organizationTrailArn)
      ({
        trailBucket: this.trailBucket,
        trailLogGroup: this.trailLogGroup,
        trail: this.trail,
      } = this.buildTrail(r));
    if (r.alarms)
      ({
        topic: this.topic,
        errorAlarm: this.errorAlarm,
        changeRule: this.changeRule,
      } = this.buildAlarms(r));
  }

  /**
   * The account-level SageMaker log groups. These names are per account and Region: a second
   * platform creating them fails at apply (ResourceAlreadyExistsException); they are claimed so
   * that it fails at synth instead.
   */
  private buildLogGroups(r: ResolvedAuditTrailProps): void {
    const { region, account } = this.env;
    const scopeKey = accountRegionScope(this, account, region);
    for (const name of SAGEMAKER_LOG_GROUPS)
      claimName(this, 'CloudWatch log group', scopeKey, name, 'createLogGroups');
    for (const name of SAGEMAKER_LOG_GROUPS) {
      const lg = new CloudwatchLogGroup(this, name.split('/').pop()!.toLowerCase(), {
        name,
        kmsKeyId: r.kmsKeyArn,
        retentionInDays: r.logRetentionDays,
      });
      applyRemovalPolicy(lg, r.removalPolicy, logGroupRemovalOverrides());
      this.logGroups[name] = lg;
    }
  }

  /** The trail (AWS-22) to an Object-Lock bucket and a KMS-encrypted log group. */
  private buildTrail(r: ResolvedAuditTrailProps): {
    trailBucket: SecureBucket;
    trailLogGroup: CloudwatchLogGroup;
    trail: Cloudtrail;
  } {
    const { partition, region, account } = this.env;
    const trailName = uniqueName(this, { prefix: 'mlops-trail', maxLength: 128 });
    const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${trailName}`;
    const trailBucket = new SecureBucket(this, 'trail-bucket', {
      kmsKeyArn: r.kmsKeyArn,
      accessLogBucket: r.accessLogBucket,
      objectLockDays: r.trailBucketLockDays,
      removalPolicy: r.removalPolicy,
      accountId: r.accountId,
      region: r.region,
      cloudTrailArn: trailArn,
    });
    r.platformKey?.grantCloudTrail(trailArn);
    if (r.logReaderArns.length > 0)
      r.platformKey?.grantCloudTrailLogReaders(
        r.logReaderArns,
        // the trail bucket has an S3 Bucket Key; a literal ARN where the name is known, so that
        // the key does not wait for the bucket
        trailBucket.staticName !== undefined
          ? `arn:${partition}:s3:::${trailBucket.staticName}`
          : trailBucket.bucketArn,
      );

    // CloudTrail to CloudWatch Logs (KMS-encrypted), for the metric filters below.
    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
    const trailLogGroupName = `/aws/cloudtrail/${trailName}`;
    const trailLogGroupArn = `arn:${partition}:logs:${region}:${account}:log-group:${trailLogGroupName}`;
    const trailLogGroup = new CloudwatchLogGroup(this, 'trail-logs', {
      name: trailLogGroupName,
      kmsKeyId: r.kmsKeyArn,
      retentionInDays: r.logRetentionDays,
    });
    applyRemovalPolicy(trailLogGroup, r.removalPolicy, logGroupRemovalOverrides());
    const trailLogsRole = new IamRole(this, 'trail-logs-role', {
      description: 'CloudTrail delivers events to the platform trail log group (AWS-22)',
      assumeRolePolicy: trustPolicy({
        services: ['cloudtrail.amazonaws.com'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    const trailLogsPolicy = new IamRolePolicy(this, 'trail-logs-policy', {
      role: trailLogsRole.id,
      policy: policyDocument([
        {
          Sid: 'DeliverTrailEvents',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${trailLogGroupArn}:log-stream:${account}_CloudTrail_${region}*`,
        },
      ]),
    });

    const dataBuckets = r.dataEventBucketArns;
    const trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: trailBucket.bucketName,
      kmsKeyId: r.kmsKeyArn,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${trailLogGroupArn}:*`,
      cloudWatchLogsRoleArn: trailLogsRole.arn,
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
      dependsOn: [trailBucket.policy, trailLogGroup, trailLogsPolicy],
    });
    return { trailBucket, trailLogGroup, trail };
  }

  /** The alarm topic, the Studio error alarm, the trail alarms and the platform-change events (AWS-23). */
  private buildAlarms(r: ResolvedAuditTrailProps): {
    topic: SnsTopic;
    errorAlarm: CloudwatchMetricAlarm;
    changeRule: CloudwatchEventRule;
  } {
    const { account } = this.env;
    r.platformKey?.grantSnsPublishers();
    const topic = new SnsTopic(this, 'alarms', {
      name: uniqueName(this, { prefix: 'mlops-platform-alarms', maxLength: 256 }),
      kmsMasterKeyId: r.kmsKeyArn,
    });
    new SnsTopicPolicy(this, 'alarms-policy', {
      arn: topic.arn,
      policy: policyDocument([
        {
          Sid: 'PlatformPublishers',
          Effect: 'Allow',
          Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
    });
    const namespace = METRIC_NAMESPACE;
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
    const errorAlarm = new CloudwatchMetricAlarm(this, 'studio-errors-alarm', {
      alarmName: metricName,
      alarmDescription: 'SageMaker Studio errors above threshold (AWS-23)',
      namespace,
      metricName,
      ...alarmEvaluationSettings(),
      threshold: r.errorAlarmThreshold,
      alarmActions: [topic.arn],
    });
    if (this.trailLogGroup) this.addTrailAlarms(r, topic.arn, namespace);
    const changeRule = new CloudwatchEventRule(this, 'platform-changes', {
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
      rule: changeRule.name,
      arn: topic.arn,
    });
    return { topic, errorAlarm, changeRule };
  }

  /** Metric filters on the trail log group and their alarms (AWS-23, at parity with GCP-14). */
  private addTrailAlarms(r: ResolvedAuditTrailProps, topicArn: string, namespace: string): void {
    const cidrs = r.presignedUrlAllowedCidrs;
    const ipPatterns = cidrs.map((c) => cidrPatterns(c));
    const presigned =
      cidrs.length > 0 && ipPatterns.every((p) => p !== undefined)
        ? `{ ($.eventSource = "sagemaker.amazonaws.com") && ($.eventName = "CreatePresignedDomainUrl") && ${ipPatterns
            .flat()
            .map((p) => `($.sourceIPAddress != "${p}")`)
            .join(' && ')} }`
        : '{ ($.eventSource = "sagemaker.amazonaws.com") && ($.eventName = "CreatePresignedDomainUrl") && ($.errorCode = "AccessDenied*") }';
    if (cidrs.length > 0 && ipPatterns.some((p) => p === undefined)) {
      Annotations.of(this).addWarning(
        'presignedUrlAllowedCidrs: a CIDR needs more than 16 filter patterns; the presigned-URL alarm watches denied requests instead',
      );
    }
    const roleNames = r.platformRoleNamePatterns;
    const roleFilter =
      roleNames.length > 0
        ? ` && (${roleNames.map((r) => `($.requestParameters.roleName = "${r}")`).join(' || ')})`
        : '';
    const specs: TrailAlarmSpec[] = [
      {
        id: 'presigned-url',
        description: 'Studio presigned URL requested from outside the allowed networks (AWS-11)',
        pattern: presigned,
      },
      {
        id: 'deletions',
        description: 'SageMaker domain or user profile deleted',
        pattern: `{ ($.eventSource = "sagemaker.amazonaws.com") && ${anyEvent(['DeleteDomain', 'DeleteUserProfile'])} }`,
      },
      {
        id: 'key-state',
        description: 'KMS key disabled or scheduled for deletion',
        pattern: `{ ($.eventSource = "kms.amazonaws.com") && ${anyEvent(['DisableKey', 'ScheduleKeyDeletion'])} }`,
      },
      {
        id: 'bucket-policy',
        description: 'S3 bucket policy, ACL or public access block changed',
        pattern: `{ ($.eventSource = "s3.amazonaws.com") && ${anyEvent([
          'PutBucketPolicy',
          'DeleteBucketPolicy',
          'PutBucketAcl',
          'PutBucketPublicAccessBlock',
          'DeleteBucketPublicAccessBlock',
        ])} }`,
      },
      {
        id: 'iam-roles',
        description: 'IAM policy or trust change on a platform role',
        pattern: `{ ($.eventSource = "iam.amazonaws.com") && ${anyEvent([
          'PutRolePolicy',
          'DeleteRolePolicy',
          'AttachRolePolicy',
          'DetachRolePolicy',
          'UpdateAssumeRolePolicy',
          'PutRolePermissionsBoundary',
          'DeleteRolePermissionsBoundary',
          'DeleteRole',
        ])}${roleFilter} }`,
      },
      {
        // the guardrail, duties and workspace policies are customer-managed policies with
        // generated names: a new default version rewrites every role they are attached to
        id: 'iam-policies',
        description: 'Customer-managed IAM policy version changed or policy deleted',
        pattern: `{ ($.eventSource = "iam.amazonaws.com") && ${anyEvent([
          'CreatePolicyVersion',
          'SetDefaultPolicyVersion',
          'DeletePolicyVersion',
          'DeletePolicy',
        ])} }`,
      },
      {
        // without the trail every other alarm here goes silent (CIS AWS 4.5)
        id: 'trail-changes',
        description: 'CloudTrail trail stopped, changed or deleted',
        pattern: `{ ($.eventSource = "cloudtrail.amazonaws.com") && ${anyEvent([
          'StopLogging',
          'UpdateTrail',
          'DeleteTrail',
          'PutEventSelectors',
        ])} }`,
      },
    ];
    const v = new Validator(this);
    for (const spec of specs) {
      v.require(
        spec.pattern.length <= MAX_FILTER_PATTERN,
        spec.id === 'iam-roles' ? 'platformRoleNamePatterns' : 'presignedUrlAllowedCidrs',
        spec.pattern,
        `a metric filter pattern of at most ${MAX_FILTER_PATTERN} characters (fewer CIDRs or role patterns)`,
      );
    }
    v.throwIfInvalid();
    for (const spec of specs) {
      const metricName = `${spec.id}-${uniqueName(this, { prefix: 'p', maxLength: 12 })}`;
      new CloudwatchLogMetricFilter(this, `trail-${spec.id}`, {
        name: metricName,
        logGroupName: this.trailLogGroup!.name,
        pattern: spec.pattern,
        metricTransformation: { name: metricName, namespace, value: '1', defaultValue: '0' },
      });
      this.trailAlarms[spec.id] = new CloudwatchMetricAlarm(this, `trail-${spec.id}-alarm`, {
        alarmName: metricName,
        alarmDescription: `${spec.description} (AWS-23)`,
        namespace,
        metricName,
        ...alarmEvaluationSettings(),
        threshold: 1,
        alarmActions: [topicArn],
      });
    }
  }
}
