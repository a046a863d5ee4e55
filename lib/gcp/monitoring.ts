import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import {
  MonitoringAlertPolicy,
  MonitoringAlertPolicyConditions,
} from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';

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
}

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
    const t = props.thresholds ?? {};
    const latency = t.latencyMs ?? 1000;
    const errors = t.errorsPerMinute ?? 5;
    const cpu = t.cpuUtilization ?? 0.8;
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    (props.emails ?? []).forEach((e, i) =>
      v.require(/^[^@\s:]+@[^@\s]+\.[^@\s]+$/.test(e), `emails[${i}]`, e, 'an e-mail address'),
    );
    (props.existingChannels ?? []).forEach((c, i) =>
      v.require(
        /^projects\/[^/]+\/notificationChannels\/\d+$/.test(c),
        `existingChannels[${i}]`,
        c,
        'projects/P/notificationChannels/ID',
      ),
    );
    v.require(latency > 0, 'thresholds.latencyMs', latency, 'a positive number');
    v.require(errors > 0, 'thresholds.errorsPerMinute', errors, 'a positive number');
    v.require(cpu > 0 && cpu <= 1, 'thresholds.cpuUtilization', cpu, 'a number in (0, 1]');
    v.throwIfInvalid();

    (props.emails ?? []).forEach((email, i) => {
      this.channels.push(
        new MonitoringNotificationChannel(this, `email-${i}`, {
          project: props.projectId,
          type: 'email',
          displayName: `MLOps alerts ${email}`,
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
      'MLOps endpoint latency p99',
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
      'MLOps endpoint 5xx errors',
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
      'MLOps endpoint CPU utilisation',
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
      'MLOps IAM policy change',
      'protoPayload.methodName="SetIamPolicy" OR protoPayload.methodName:"CreateRole" OR protoPayload.methodName:"UpdateRole"',
      'An IAM policy or custom role changed (GCP-14).',
    );
    logAlert(
      'kms-changes',
      'MLOps Cloud KMS key change',
      'protoPayload.serviceName="cloudkms.googleapis.com" AND (protoPayload.methodName:"DestroyCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKey" OR protoPayload.methodName:"DisableCryptoKeyVersion" OR protoPayload.methodName:"UpdateCryptoKeyPrimaryVersion")',
      'A platform key was changed, disabled or scheduled for destruction (GCP-14).',
    );
    logAlert(
      'perimeter-changes',
      'MLOps VPC-SC perimeter change or violation',
      'protoPayload.serviceName="accesscontextmanager.googleapis.com" OR protoPayload.metadata.@type="type.googleapis.com/google.cloud.audit.VpcServiceControlAuditMetadata"',
      'The service perimeter changed, or a request was blocked by it (GCP-14).',
    );
  }
}
