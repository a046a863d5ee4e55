import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import {
  MonitoringAlertPolicy,
  MonitoringAlertPolicyConditions,
} from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Validator, requireProps } from '../core/errors';
import {
  rejectToken,
  checkDuplicates,
  checkGoogleProvider,
  checkKnownKeys,
  checkList,
  checkPattern,
  checkProjectId,
  claim,
  literal,
  projectScope,
  unresolved,
} from './validation';

/** Alert thresholds (GCP-14). */
export interface GcpAlertThresholds {
  /**
   * Online prediction latency (ms, 99th percentile) that alerts.
   * @default 1000
   */
  readonly latencyMs?: number;
  /**
   * 5xx responses per minute that alert.
   * @default 5
   */
  readonly errorsPerMinute?: number;
  /**
   * Endpoint replica CPU utilisation (0-1) that alerts.
   * @default 0.8
   */
  readonly cpuUtilization?: number;
}

/** Props of {@link GcpMonitoring}. */
export interface GcpMonitoringProps {
  /** Project. */
  readonly projectId: string;
  /**
   * E-mail addresses that get a notification channel each.
   * @default - none
   */
  readonly emails?: string[];
  /**
   * Existing notification channel names (projects/P/notificationChannels/ID).
   * @default - none
   */
  readonly existingChannels?: string[];
  /**
   * Resources to wait for (e.g. the enabled API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Thresholds.
   * @default - see GcpAlertThresholds
   */
  readonly thresholds?: GcpAlertThresholds;
  /**
   * Prefix of the display names of the alert policies and channels (unique per project: two
   * GcpMonitoring in one project need different prefixes).
   * @default 'MLOps'
   */
  readonly displayNamePrefix?: string;
}

const PROPS_KEYS: { [K in keyof Required<GcpMonitoringProps>]: true } = {
  projectId: true,
  emails: true,
  existingChannels: true,
  dependsOn: true,
  thresholds: true,
  displayNamePrefix: true,
};
const THRESHOLD_KEYS: { [K in keyof Required<GcpAlertThresholds>]: true } = {
  latencyMs: true,
  errorsPerMinute: true,
  cpuUtilization: true,
};

/**
 * Alerting for the platform (GCP-14, s000 §3): endpoint latency, 5xx errors and resource
 * utilisation; log-based alerts on IAM policy, Cloud KMS key and VPC-SC perimeter changes;
 * notification channels from props.
 */
export class GcpMonitoring extends Construct {
  /** Created channels. */
  public readonly channels: MonitoringNotificationChannel[] = [];
  /** Alert policies by name. */
  public readonly policies: { [name: string]: MonitoringAlertPolicy } = {};
  /** Every channel name (created and existing). */
  public readonly channelNames: string[];

  constructor(scope: Construct, id: string, props: GcpMonitoringProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    checkGoogleProvider(this, v);
    checkKnownKeys(v, '', props, PROPS_KEYS);
    checkKnownKeys(v, 'thresholds', props.thresholds, THRESHOLD_KEYS);
    checkProjectId(v, 'projectId', props.projectId);
    const t = v.object('thresholds', props.thresholds) ? (props.thresholds ?? {}) : {};
    const latency = t.latencyMs ?? 1000;
    const errors = t.errorsPerMinute ?? 5;
    const cpu = t.cpuUtilization ?? 0.8;
    const prefix = props.displayNamePrefix ?? 'MLOps';
    if (checkList(v, 'emails', props.emails, 'e-mail addresses')) {
      (props.emails ?? []).forEach((e, i) =>
        checkPattern(v, `emails[${i}]`, e, /^[^@\s:]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address'),
      );
      checkDuplicates(v, 'emails', props.emails, (e) => literal(e)?.toLowerCase(), 'an address');
    }
    if (checkList(v, 'existingChannels', props.existingChannels, 'channel names')) {
      (props.existingChannels ?? []).forEach((c, i) =>
        checkPattern(
          v,
          `existingChannels[${i}]`,
          c,
          /^projects\/[^/\s]+\/notificationChannels\/\d+$/,
          'projects/P/notificationChannels/ID',
        ),
      );
      checkDuplicates(v, 'existingChannels', props.existingChannels, literal, 'a channel');
    }
    const positive = (prop: string, value: unknown, max: number, unit: string): void => {
      // thresholds are written into the display names, so they must be known at synth
      if (unresolved(value)) {
        rejectToken(v, prop, value, 'it is written into the alert display names');
        return;
      }
      v.require(
        typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max,
        prop,
        value,
        `a number in (0, ${max}]${unit}`,
      );
    };
    positive('thresholds.latencyMs', latency, Number.MAX_SAFE_INTEGER, ' (milliseconds)');
    positive('thresholds.errorsPerMinute', errors, Number.MAX_SAFE_INTEGER, '');
    positive('thresholds.cpuUtilization', cpu, 1, ' (a fraction of the CPU)');
    checkPattern(v, 'displayNamePrefix', prefix, /^.{1,40}$/, 'a prefix of 1-40 characters', {
      literal: 'it forms the alert policy display names',
    });
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();

    (props.emails ?? []).forEach((email, i) => {
      this.channels.push(
        new MonitoringNotificationChannel(this, `email-${i}`, {
          project: props.projectId,
          type: 'email',
          displayName: `${prefix} alerts ${email}`,
          labels: { email_address: email },
          dependsOn: props.dependsOn,
        }),
      );
    });
    this.channelNames = [...this.channels.map((c) => c.name), ...(props.existingChannels ?? [])];

    const endpointFilter = (metric: string, extra = ''): string =>
      `resource.type = "aiplatform.googleapis.com/Endpoint" AND metric.type = "aiplatform.googleapis.com/prediction/online/${metric}"${extra}`;
    const threshold = (
      name: string,
      displayName: string,
      condition: MonitoringAlertPolicyConditions,
      doc: string,
    ): void => {
      claim(
        this,
        'monitoring alert policy',
        projectScope(props.projectId),
        displayName,
        'displayNamePrefix',
      );
      this.policies[name] = new MonitoringAlertPolicy(this, name, {
        project: props.projectId,
        displayName,
        combiner: 'OR',
        dependsOn: props.dependsOn,
        severity: 'WARNING',
        notificationChannels: this.channelNames,
        conditions: [condition],
        documentation: { content: doc, mimeType: 'text/markdown' },
        alertStrategy: { autoClose: '1800s' },
      });
    };
    threshold(
      'endpoint-latency',
      `${prefix} endpoint latency p99`,
      {
        displayName: `p99 prediction latency > ${latency} ms`,
        conditionThreshold: {
          filter: endpointFilter('prediction_latencies'),
          comparison: 'COMPARISON_GT',
          thresholdValue: latency,
          duration: '300s',
          aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_PERCENTILE_99' }],
        },
      },
      'Online prediction latency of a Vertex AI endpoint is above the threshold (GCP-14).',
    );
    threshold(
      'endpoint-errors',
      `${prefix} endpoint 5xx errors`,
      {
        displayName: `5xx responses > ${errors}/min`,
        conditionThreshold: {
          filter: endpointFilter(
            'response_count',
            ' AND metric.label.response_code = starts_with("5")',
          ),
          comparison: 'COMPARISON_GT',
          thresholdValue: errors,
          duration: '300s',
          aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_SUM' }],
        },
      },
      'A Vertex AI endpoint returns server errors (GCP-14).',
    );
    threshold(
      'endpoint-cpu',
      `${prefix} endpoint CPU utilisation`,
      {
        displayName: `replica CPU > ${Math.round(cpu * 100)}%`,
        conditionThreshold: {
          filter: endpointFilter('cpu/utilization'),
          comparison: 'COMPARISON_GT',
          thresholdValue: cpu,
          duration: '600s',
          aggregations: [{ alignmentPeriod: '60s', perSeriesAligner: 'ALIGN_MEAN' }],
        },
      },
      'Endpoint replicas are saturated; check autoscaling (GCP-14).',
    );
    const logAlert = (name: string, displayName: string, filter: string, doc: string): void => {
      claim(
        this,
        'monitoring alert policy',
        projectScope(props.projectId),
        displayName,
        'displayNamePrefix',
      );
      this.policies[name] = new MonitoringAlertPolicy(this, name, {
        project: props.projectId,
        displayName,
        combiner: 'OR',
        dependsOn: props.dependsOn,
        severity: 'CRITICAL',
        notificationChannels: this.channelNames,
        conditions: [{ displayName, conditionMatchedLog: { filter } }],
        alertStrategy: { notificationRateLimit: { period: '300s' }, autoClose: '1800s' },
        documentation: { content: doc, mimeType: 'text/markdown' },
      });
    };
    logAlert(
      'iam-changes',
      `${prefix} IAM policy change`,
      'protoPayload.methodName="SetIamPolicy" OR protoPayload.methodName:"CreateRole" OR protoPayload.methodName:"UpdateRole"',
      'An IAM policy or custom role changed (GCP-14).',
    );
    logAlert(
      'kms-changes',
      `${prefix} Cloud KMS key change`,
      'protoPayload.serviceName="cloudkms.googleapis.com" AND (protoPayload.methodName:"DestroyCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKey" OR protoPayload.methodName:"DisableCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKeyPrimaryVersion")',
      'A platform key was changed, disabled or scheduled for destruction (GCP-14).',
    );
    logAlert(
      'perimeter-changes',
      `${prefix} VPC-SC perimeter change or violation`,
      'protoPayload.serviceName="accesscontextmanager.googleapis.com" OR protoPayload.metadata.@type="type.googleapis.com/google.cloud.audit.VpcServiceControlAuditMetadata"',
      'The service perimeter changed, or a request was blocked by it (GCP-14).',
    );
  }
}
