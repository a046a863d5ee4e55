import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectExclusion } from '@cdktf/provider-google/lib/logging-project-exclusion';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { Compliance } from '../core/compliance/compliance';
import { requireProps } from '../core/errors';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { checkKeyMatchesLocation } from './common';
import { AUDITED_SERVICES, AUDIT_LOG_TYPES, LOG_DEFAULTS } from './defaults';
import {
  KMS_KEY_ID,
  ONE_PER_PROJECT,
  checkBoolean,
  checkDuplicates,
  checkList,
  checkNumber,
  checkPattern,
  checkRegion,
  checkRemovalPolicy,
  claim,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

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
   * Keep the Data Access audit logs out of the project's `_Default` log bucket with an exclusion
   * on the `_Default` sink (`google_logging_project_exclusion`: the Logging exclusions API edits
   * the `_Default` sink). The audit sink routes them to the CMEK, retention-locked log bucket (or
   * to `existingDestination`); without the exclusion a second copy lands in `_Default`, which is
   * not encrypted with the platform key and whose retention the project owner controls. The
   * exclusion waits for the sink, so no entry is dropped in between. Turn it off only when the
   * copy in `_Default` is wanted (e.g. `existingDestination` is a Pub/Sub topic and the project
   * must still be searchable in Logs Explorer); the sink then carries a suppression of rule
   * GCP-10.default-bucket that records the choice in the compliance report. Admin Activity and
   * System Event logs go to `_Required`, which cannot be excluded.
   * @default true
   */
  readonly excludeDataAccessFromDefaultBucket?: boolean;
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

const PROPS_KEYS: { [K in keyof Required<GcpAuditLoggingProps>]: true } = {
  projectId: true,
  location: true,
  kmsKeyName: true,
  services: true,
  retentionDays: true,
  locked: true,
  existingDestination: true,
  excludeDataAccessFromDefaultBucket: true,
  bucketId: true,
  dependsOn: true,
  apiDependsOn: true,
  removalPolicy: true,
};

/** The props of GcpAuditLogging with their defaults. */
interface ResolvedAuditProps {
  readonly retention: number;
  readonly bucketId: string;
  readonly services: string[];
  readonly excludeFromDefault: boolean;
}

/** Validates the props of GcpAuditLogging (one ValidationError) and resolves their defaults. */
function resolveAuditProps(scope: Construct, props: GcpAuditLoggingProps): ResolvedAuditProps {
  const retention = props.retentionDays ?? LOG_DEFAULTS.retentionDays;
  const bucketId = props.bucketId ?? LOG_DEFAULTS.bucketId;
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  if (!(typeof props.location === 'string' && ['global', 'eu', 'us'].includes(props.location)))
    checkRegion(v, 'location', props.location, {
      literal: 'it places the audit log bucket (data residency, X-07)',
    });
  checkNumber(v, 'retentionDays', retention, 1, 3650, { unit: 'days' });
  checkPattern(
    v,
    'bucketId',
    bucketId,
    /^[A-Za-z0-9_-]{1,100}$/,
    "1-100 letters, digits, '_' and '-'",
    {
      literal: 'it names the log bucket',
    },
  );
  checkBoolean(v, 'locked', props.locked);
  checkBoolean(v, 'excludeDataAccessFromDefaultBucket', props.excludeDataAccessFromDefaultBucket);
  checkPattern(
    v,
    'existingDestination',
    props.existingDestination,
    /^(logging\.googleapis\.com\/projects\/[^/\s]+\/locations\/[^/\s]+\/buckets\/[^/\s]+|storage\.googleapis\.com\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]|bigquery\.googleapis\.com\/projects\/[^/\s]+\/datasets\/[A-Za-z0-9_]+|pubsub\.googleapis\.com\/projects\/[^/\s]+\/topics\/[^/\s]+)$/,
    'a sink destination: logging.googleapis.com/projects/P/locations/L/buckets/B, storage.googleapis.com/BUCKET, bigquery.googleapis.com/projects/P/datasets/D or pubsub.googleapis.com/projects/P/topics/T',
    { optional: true },
  );
  if (props.existingDestination === undefined)
    checkPattern(
      v,
      'kmsKeyName',
      props.kmsKeyName,
      KMS_KEY_ID,
      'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K for the log bucket (or existingDestination)',
    );
  checkKeyMatchesLocation(v, 'kmsKeyName', props.kmsKeyName, props.location);
  if (checkList(v, 'services', props.services, 'service names')) {
    (props.services ?? []).forEach((sv, i) =>
      checkPattern(
        v,
        `services[${i}]`,
        sv,
        /^(allServices|[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com)$/,
        "'allServices' or a service name such as aiplatform.googleapis.com",
      ),
    );
    checkDuplicates(v, 'services', props.services, literal, 'a service');
  }
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  checkList(v, 'apiDependsOn', props.apiDependsOn, 'resources');
  checkRemovalPolicy(v, 'removalPolicy', props.removalPolicy);
  v.throwIfInvalid();
  return {
    retention,
    bucketId,
    services: props.services ?? AUDITED_SERVICES,
    excludeFromDefault: props.excludeDataAccessFromDefaultBucket ?? true,
  };
}

/**
 * Audit (X-06, GCP-10): project audit configs with ADMIN_READ, DATA_READ and DATA_WRITE for
 * Vertex AI, Cloud Storage, BigQuery and Cloud KMS; a log sink of all audit logs to a CMEK
 * log bucket with locked retention; the Data Access audit logs excluded from the project's
 * `_Default` log bucket.
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
  /**
   * The exclusion of the Data Access audit logs on the `_Default` sink (undefined with
   * excludeDataAccessFromDefaultBucket false).
   */
  public readonly defaultSinkExclusion?: LoggingProjectExclusion;

  constructor(scope: Construct, id: string, props: GcpAuditLoggingProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const r = resolveAuditProps(this, props);
    this.claimNames(props, r);
    for (const service of r.services) {
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
        bucketId: r.bucketId,
        retentionDays: r.retention,
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
      name: LOG_DEFAULTS.sinkName,
      destination: this.destination,
      filter: LOG_DEFAULTS.sinkFilter,
      uniqueWriterIdentity: true,
      description: 'All Cloud Audit Logs of the MLOps project (GCP-10)',
      dependsOn: props.apiDependsOn,
    });
    if (r.excludeFromDefault) {
      // after the sink: the entries it excludes from _Default are already routed
      this.defaultSinkExclusion = new LoggingProjectExclusion(this, 'default-sink-exclusion', {
        project: props.projectId,
        name: LOG_DEFAULTS.defaultSinkExclusionName,
        filter: LOG_DEFAULTS.defaultSinkExclusionFilter,
        description:
          'Data Access audit logs go to the platform audit log bucket only, not to _Default (GCP-10)',
        dependsOn: [this.sink],
      });
    } else {
      Compliance.suppress(
        this.sink,
        'GCP-10.default-bucket',
        'excludeDataAccessFromDefaultBucket is false: the caller keeps a copy of the Data Access audit logs in the project _Default log bucket',
      );
    }
  }

  /** An audit config is the project's one setting per service; so is the sink; a log bucket id is unique in its location. */
  private claimNames(props: GcpAuditLoggingProps, r: ResolvedAuditProps): void {
    const project = projectScope(props.projectId);
    for (const service of r.services)
      claim(this, 'project audit config', project, service, 'services', ONE_PER_PROJECT);
    claim(this, 'log sink', project, LOG_DEFAULTS.sinkName, 'projectId', ONE_PER_PROJECT);
    if (r.excludeFromDefault)
      claim(
        this,
        'log exclusion',
        project,
        LOG_DEFAULTS.defaultSinkExclusionName,
        'excludeDataAccessFromDefaultBucket',
        ONE_PER_PROJECT,
      );
    if (!props.existingDestination)
      claim(
        this,
        'log bucket',
        projectScope(props.projectId, ` location ${props.location}`),
        r.bucketId,
        'bucketId',
      );
  }
}
