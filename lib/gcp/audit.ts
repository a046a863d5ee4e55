import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { checkKeyMatchesLocation } from './common';
import { AUDITED_SERVICES, AUDIT_LOG_TYPES, LOG_DEFAULTS } from './defaults';

/** Props of {@link GcpAuditLogging}. */
export interface GcpAuditLoggingProps {
  /** Project. */
  readonly projectId: string;
  /** Location of the log bucket (the platform region). */
  readonly location: string;
  /**
   * CMEK for the log bucket (must be in `location`).
   * @default - required unless existingDestination is given
   */
  readonly kmsKeyName?: string;
  /**
   * Services whose ADMIN_READ, DATA_READ and DATA_WRITE audit logs are turned on.
   * @default - aiplatform, storage, bigquery, cloudkms
   */
  readonly services?: string[];
  /**
   * Retention of the log bucket, days (1-3650).
   * @default 400
   */
  readonly retentionDays?: number;
  /**
   * Lock the log bucket's retention (cannot be shortened or deleted before expiry).
   * @default true
   */
  readonly locked?: boolean;
  /**
   * Existing sink destination (e.g. an organisation's central log bucket) instead of creating one.
   * @default - a CMEK, locked log bucket is created
   */
  readonly existingDestination?: string;
  /**
   * Bucket id.
   * @default 'mlops-audit'
   */
  readonly bucketId?: string;
  /**
   * Resources the log bucket waits for (the key grant to the Logging service account).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Resources the audit configs and the sink wait for (the logging API).
   * @default - none
   */
  readonly apiDependsOn?: ITerraformDependable[];
  /**
   * Removal policy of the log bucket.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Audit (X-06, GCP-10): project audit configs with ADMIN_READ, DATA_READ and DATA_WRITE for
 * Vertex AI, Cloud Storage, BigQuery and Cloud KMS; a log sink of all audit logs to a CMEK
 * log bucket with locked retention.
 */
export class GcpAuditLogging extends Construct {
  /** Audit configs by service. */
  public readonly auditConfigs: { [service: string]: ProjectIamAuditConfig } = {};
  /** The log bucket (undefined with existingDestination). */
  public readonly logBucket?: LoggingProjectBucketConfig;
  /** The sink. */
  public readonly sink: LoggingProjectSink;
  /** The sink destination. */
  public readonly destination: string;

  constructor(scope: Construct, id: string, props: GcpAuditLoggingProps) {
    super(scope, id);
    const retention = props.retentionDays ?? LOG_DEFAULTS.retentionDays;
    const bucketId = props.bucketId ?? 'mlops-audit';
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    v.check('location', props.location, Validate.gcpLocation(props.location));
    v.require(
      Number.isInteger(retention) && retention >= 1 && retention <= 3650,
      'retentionDays',
      retention,
      'an integer number of days between 1 and 3650',
    );
    v.require(
      /^[A-Za-z0-9_-]{1,100}$/.test(bucketId),
      'bucketId',
      bucketId,
      "1-100 letters, digits, '_' and '-'",
    );
    v.require(
      props.existingDestination !== undefined || props.kmsKeyName !== undefined,
      'kmsKeyName',
      'undefined',
      'a Cloud KMS key for the log bucket (or existingDestination)',
    );
    checkKeyMatchesLocation(v, 'kmsKeyName', props.kmsKeyName, props.location);
    v.throwIfInvalid();

    for (const service of props.services ?? AUDITED_SERVICES) {
      this.auditConfigs[service] = new ProjectIamAuditConfig(
        this,
        `audit-${service.split('.')[0]}`,
        {
          project: props.projectId,
          service,
          auditLogConfig: AUDIT_LOG_TYPES.map((logType) => ({ logType })),
          dependsOn: props.apiDependsOn,
        },
      );
    }
    if (props.existingDestination) {
      this.destination = props.existingDestination;
    } else {
      this.logBucket = new LoggingProjectBucketConfig(this, 'log-bucket', {
        project: props.projectId,
        location: props.location,
        bucketId,
        retentionDays: retention,
        locked: props.locked ?? true,
        cmekSettings: { kmsKeyName: props.kmsKeyName! },
        description: 'MLOps platform audit logs (GCP-10)',
        dependsOn: props.dependsOn,
      });
      applyRemovalPolicy(this.logBucket, props.removalPolicy);
      this.destination = `logging.googleapis.com/${this.logBucket.id}`;
    }
    this.sink = new LoggingProjectSink(this, 'sink', {
      project: props.projectId,
      name: 'mlops-audit-sink',
      destination: this.destination,
      filter: 'logName:"cloudaudit.googleapis.com"',
      uniqueWriterIdentity: true,
      description: 'All Cloud Audit Logs of the MLOps project (GCP-10)',
      dependsOn: props.apiDependsOn,
    });
  }
}
