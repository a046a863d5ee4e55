import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { DataLossPreventionInspectTemplate } from '@cdktf/provider-google/lib/data-loss-prevention-inspect-template';
import { DataLossPreventionJobTrigger } from '@cdktf/provider-google/lib/data-loss-prevention-job-trigger';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';

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
    const recurrence = props.recurrence ?? '604800s';
    const v = new Validator(this);
    v.check('region', props.region, Validate.gcpRegion(props.region));
    v.check('recurrence', recurrence, Validate.durationSeconds(recurrence));
    v.require(props.bucketNames.length > 0, 'bucketNames', '[]', 'at least one bucket');
    v.throwIfInvalid();
    const parent = `projects/${props.projectId}/locations/${props.region}`;
    this.template = new DataLossPreventionInspectTemplate(this, 'template', {
      parent,
      displayName: 'MLOps training data PII',
      description: 'Finds personal data in training data (GCP-18)',
      dependsOn: props.dependsOn,
      inspectConfig: {
        minLikelihood: 'LIKELY',
        infoTypes: (
          props.infoTypes ?? [
            'PERSON_NAME',
            'EMAIL_ADDRESS',
            'PHONE_NUMBER',
            'CREDIT_CARD_NUMBER',
            'IBAN_CODE',
            'STREET_ADDRESS',
          ]
        ).map((name) => ({ name })),
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
