import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { isUnresolved, requireProps } from '../core/errors';
import { EMAIL_ADDRESS_PATTERN } from '../core/platform';
import { AlertDefinition, endpointAlerts, monitoringDefaults, securityLogAlerts } from './defaults';
import {
  checkDuplicates,
  checkKnownKeys,
  checkList,
  checkPattern,
  checkProjectId,
  claim,
  literal,
  openValidation,
  projectScope,
  rejectToken,
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

/** The resolved configuration of a {@link GcpMonitoring}. */
interface ResolvedMonitoring {
  readonly prefix: string;
  readonly thresholds: { latencyMs: number; errorsPerMinute: number; cpuUtilization: number };
}

/** Validates the props of a GcpMonitoring (one ValidationError) and resolves their defaults. */
function resolveMonitoringProps(scope: Construct, props: GcpMonitoringProps): ResolvedMonitoring {
  const v = openValidation(scope, props, PROPS_KEYS);
  checkKnownKeys(v, 'thresholds', props.thresholds, THRESHOLD_KEYS);
  checkProjectId(v, 'projectId', props.projectId);
  const t = v.object('thresholds', props.thresholds) ? (props.thresholds ?? {}) : {};
  const d = monitoringDefaults();
  const latency = t.latencyMs ?? d.latencyMs;
  const errors = t.errorsPerMinute ?? d.errorsPerMinute;
  const cpu = t.cpuUtilization ?? d.cpuUtilization;
  const prefix = props.displayNamePrefix ?? d.displayNamePrefix;
  if (checkList(v, 'emails', props.emails, 'e-mail addresses')) {
    (props.emails ?? []).forEach((e, i) =>
      checkPattern(v, `emails[${i}]`, e, EMAIL_ADDRESS_PATTERN, 'an e-mail address'),
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
    if (isUnresolved(value)) {
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
  return {
    prefix,
    thresholds: { latencyMs: latency, errorsPerMinute: errors, cpuUtilization: cpu },
  };
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
    props = requireProps(this, props, true);
    const r = resolveMonitoringProps(this, props);
    (props.emails ?? []).forEach((email, i) => {
      this.channels.push(
        new MonitoringNotificationChannel(this, `email-${i}`, {
          project: props.projectId,
          type: 'email',
          displayName: `${r.prefix} alerts ${email}`,
          labels: { email_address: email },
          dependsOn: props.dependsOn,
        }),
      );
    });
    this.channelNames = [...this.channels.map((c) => c.name), ...(props.existingChannels ?? [])];
    for (const alert of endpointAlerts(r.prefix, r.thresholds)) this.alert(props, alert);
    for (const alert of securityLogAlerts(r.prefix)) this.alert(props, alert);
  }

  /** An alert policy to every channel: WARNING on a threshold, CRITICAL on a log match. */
  private alert(props: GcpMonitoringProps, a: AlertDefinition): void {
    claim(
      this,
      'monitoring alert policy',
      projectScope(props.projectId),
      a.displayName,
      'displayNamePrefix',
    );
    const onLog = a.logFilter !== undefined;
    this.policies[a.name] = new MonitoringAlertPolicy(this, a.name, {
      project: props.projectId,
      displayName: a.displayName,
      combiner: 'OR',
      dependsOn: props.dependsOn,
      severity: onLog ? 'CRITICAL' : 'WARNING',
      notificationChannels: this.channelNames,
      conditions: [
        onLog
          ? { displayName: a.displayName, conditionMatchedLog: { filter: a.logFilter! } }
          : a.condition!,
      ],
      documentation: { content: a.doc, mimeType: 'text/markdown' },
      alertStrategy: onLog
        ? { notificationRateLimit: { period: '300s' }, autoClose: '1800s' }
        : { autoClose: '1800s' },
    });
  }
}
