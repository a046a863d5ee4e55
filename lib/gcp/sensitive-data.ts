import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DataLossPreventionInspectTemplate } from '@cdktf/provider-google/lib/data-loss-prevention-inspect-template';
import { DataLossPreventionJobTrigger } from '@cdktf/provider-google/lib/data-loss-prevention-job-trigger';
import { isUnresolved, requireProps } from '../core/errors';
import { sensitiveDataDefaults } from './defaults';
import {
  checkDuplicates,
  checkList,
  checkNonEmptyList,
  checkPattern,
  checkRegion,
  literal,
  openProjectValidation,
} from './validation';

/** Props of {@link GcpSensitiveDataProtection}. */
export interface GcpSensitiveDataProtectionProps {
  /** Project. */
  readonly projectId: string;
  /** Region (DLP location). */
  readonly region: string;
  /** Bucket names to inspect. */
  readonly bucketNames: string[];
  /** Dataset id (in projectId) receiving the findings. */
  readonly findingsDatasetId: string;
  /**
   * Info types to look for.
   * @default - PERSON_NAME, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD_NUMBER, IBAN_CODE, STREET_ADDRESS
   */
  readonly infoTypes?: string[];
  /**
   * Resources to wait for (e.g. the enabled API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Recurrence of the scan.
   * @default '604800s' (weekly)
   */
  readonly recurrence?: string;
}

const PROPS_KEYS: { [K in keyof Required<GcpSensitiveDataProtectionProps>]: true } = {
  projectId: true,
  region: true,
  bucketNames: true,
  findingsDatasetId: true,
  infoTypes: true,
  dependsOn: true,
  recurrence: true,
};

/** Validates the props of GcpSensitiveDataProtection (one ValidationError); returns the recurrence. */
function resolveSensitiveDataProps(
  scope: Construct,
  props: GcpSensitiveDataProtectionProps,
): { recurrence: string } {
  const recurrence = props.recurrence ?? sensitiveDataDefaults().recurrence;
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  checkRegion(v, 'region', props.region);
  // a job trigger recurs every 1 to 60 days (DLP v2 Schedule.recurrencePeriodDuration:
  // https://cloud.google.com/python/docs/reference/dlp/latest/google.cloud.dlp_v2.types.Schedule)
  const s = typeof recurrence === 'string' ? /^(\d+)s$/.exec(recurrence) : null;
  v.require(
    isUnresolved(recurrence) || (s !== null && Number(s[1]) >= 86400 && Number(s[1]) <= 60 * 86400),
    'recurrence',
    recurrence,
    "a duration in seconds between '86400s' (1 day) and '5184000s' (60 days)",
  );
  if (
    checkNonEmptyList(v, 'bucketNames', props.bucketNames, 'bucket names', 'at least one bucket')
  ) {
    (props.bucketNames ?? []).forEach((b, i) =>
      checkPattern(
        v,
        `bucketNames[${i}]`,
        b,
        /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/,
        'a bucket name',
      ),
    );
    checkDuplicates(v, 'bucketNames', props.bucketNames, literal, 'a bucket');
  }
  checkPattern(
    v,
    'findingsDatasetId',
    props.findingsDatasetId,
    /^[A-Za-z0-9_]{1,1024}$/,
    "a dataset id (letters, digits and '_')",
  );
  if (checkList(v, 'infoTypes', props.infoTypes, 'info type names')) {
    (props.infoTypes ?? []).forEach((t, i) =>
      checkPattern(
        v,
        `infoTypes[${i}]`,
        t,
        /^[A-Z0-9_]{1,64}$/,
        'an info type name such as EMAIL_ADDRESS',
      ),
    );
    checkDuplicates(v, 'infoTypes', props.infoTypes, literal, 'an info type');
  }
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  v.throwIfInvalid();
  return { recurrence };
}

/**
 * Sensitive Data Protection over the training data (GCP-18): an inspect template and a
 * recurring job trigger per bucket, saving findings to a BigQuery dataset.
 */
export class GcpSensitiveDataProtection extends Construct {
  /** Inspect template. */
  public readonly template: DataLossPreventionInspectTemplate;
  /** Job triggers. */
  public readonly triggers: DataLossPreventionJobTrigger[] = [];

  constructor(scope: Construct, id: string, props: GcpSensitiveDataProtectionProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const { recurrence } = resolveSensitiveDataProps(this, props);
    const d = sensitiveDataDefaults();
    const parent = `projects/${props.projectId}/locations/${props.region}`;
    this.template = new DataLossPreventionInspectTemplate(this, 'template', {
      parent,
      displayName: 'MLOps training data PII',
      description: 'Finds personal data in training data (GCP-18)',
      dependsOn: props.dependsOn,
      inspectConfig: {
        minLikelihood: d.minLikelihood,
        infoTypes: (props.infoTypes ?? d.infoTypes).map((name) => ({ name })),
      },
    });
    props.bucketNames.forEach((bucket, i) => {
      this.triggers.push(
        new DataLossPreventionJobTrigger(this, `trigger-${i}`, {
          parent,
          displayName: `MLOps scan ${i}`,
          description: 'Recurring inspection of a training-data bucket (GCP-18)',
          triggers: [{ schedule: { recurrencePeriodDuration: recurrence } }],
          inspectJob: {
            inspectTemplateName: this.template.id,
            storageConfig: { cloudStorageOptions: { fileSet: { url: `gs://${bucket}/**` } } },
            actions: [
              {
                saveFindings: {
                  outputConfig: {
                    table: { projectId: props.projectId, datasetId: props.findingsDatasetId },
                  },
                },
              },
            ],
          },
        }),
      );
    });
  }
}
