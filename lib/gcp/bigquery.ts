import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { requireProps } from '../core/errors';
import { RemovalPolicy } from '../core/removal-policy';
import { GcpIamGrant, bindOnce, bindingId, checkCmekKey, finishGrantingPart } from './common';
import {
  checkNumber,
  checkPattern,
  checkRegion,
  claim,
  closePartValidation,
  openProjectValidation,
  projectScope,
} from './validation';

/** Props of {@link GcpBigQueryDataset}. */
export interface GcpBigQueryDatasetProps {
  /** Project. */
  readonly projectId: string;
  /** Dataset id (letters, digits, '_'). */
  readonly datasetId: string;
  /** Location (region, or EU/US when allowed). */
  readonly location: string;
  /** CMEK key id (same location). */
  readonly kmsKeyName: string;
  /**
   * Default table expiration, days (data does not linger, s001 §II).
   * @default - tables do not expire
   */
  readonly tableExpirationDays?: number;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Resources the dataset waits for (the BigQuery agent's key grant, GCP-05).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Bindings made when the part is created, in order (the same as calling grant() for each).
   * @default - none
   */
  readonly grants?: GcpIamGrant[];
}

const PROPS_KEYS: { [K in keyof Required<GcpBigQueryDatasetProps>]: true } = {
  projectId: true,
  datasetId: true,
  location: true,
  kmsKeyName: true,
  tableExpirationDays: true,
  description: true,
  dependsOn: true,
  removalPolicy: true,
  grants: true,
};

/** A BigQuery dataset with CMEK (GCP-06), dataset-level IAM (GCP-03) and deletion protection. */
export class GcpBigQueryDataset extends Construct {
  /** The dataset. */
  public readonly dataset: BigqueryDataset;
  /** Bindings made through grant(). */
  public readonly bindings: BigqueryDatasetIamMember[] = [];
  private readonly projectRef: string;
  private readonly datasetRef: string;

  constructor(scope: Construct, id: string, props: GcpBigQueryDatasetProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = openProjectValidation(this, props, PROPS_KEYS);
    checkPattern(
      v,
      'datasetId',
      props.datasetId,
      /^[A-Za-z0-9_]{1,1024}$/,
      "1-1024 letters, digits and '_'",
    );
    // BigQuery locations: a region, or the US and EU multi-regions
    if (!(
      typeof props.location === 'string' && ['US', 'EU'].includes(props.location.toUpperCase())
    ))
      checkRegion(v, 'location', props.location);
    checkCmekKey(
      v,
      'kmsKeyName',
      props.kmsKeyName,
      props.location,
      'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K in the dataset location',
    );
    checkNumber(v, 'tableExpirationDays', props.tableExpirationDays, 1, 36500, {
      unit: 'days',
      literal: 'it is converted to milliseconds at synth',
    });
    checkPattern(
      v,
      'description',
      props.description,
      /^[\s\S]{0,16384}$/,
      'a description of at most 16384 characters',
      {
        optional: true,
      },
    );
    closePartValidation(v, props);
    // dataset ids are unique in their project
    claim(this, 'BigQuery dataset', projectScope(props.projectId), props.datasetId, 'datasetId');
    this.dataset = new BigqueryDataset(this, 'dataset', {
      project: props.projectId,
      datasetId: props.datasetId,
      location: props.location,
      description: props.description,
      defaultEncryptionConfiguration: { kmsKeyName: props.kmsKeyName },
      defaultTableExpirationMs: props.tableExpirationDays
        ? props.tableExpirationDays * 86_400_000
        : undefined,
      deleteContentsOnDestroy: false,
      dependsOn: props.dependsOn,
    });
    this.projectRef = this.dataset.project;
    this.datasetRef = this.dataset.datasetId;
    // under DESTROY the tables go with the dataset (BigQuery refuses to delete a dataset that
    // holds tables otherwise, and the DLP findings dataset fills as soon as its triggers run)
    finishGrantingPart(this, [this.dataset], props, {
      retain: { delete_contents_on_destroy: false },
      destroy: { delete_contents_on_destroy: true },
    });
  }

  /**
   * Grants a role on this dataset (dataset-level binding, GCP-03). Idempotent per role and key.
   * @param key stable key of the member for the construct id (required when member is a token)
   */
  public grant(role: string, member: string, key?: string): BigqueryDatasetIamMember {
    return bindOnce(
      this,
      bindingId(role, member, key),
      this.bindings,
      (cid) =>
        new BigqueryDatasetIamMember(this, cid, {
          project: this.projectRef,
          datasetId: this.datasetRef,
          role,
          member,
        }),
    );
  }
}
