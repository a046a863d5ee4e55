import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { ForceDestroySetting, forceDestroyVerdict, literalTrue } from '../../core/rules/exposure';

const skipFinalSnapshot: ForceDestroySetting = {
  attribute: 'skip_final_snapshot',
  destroys: literalTrue,
  effect: 'no final snapshot is taken when it is destroyed',
};

/**
 * The AWS provider's "destroy the contents too" settings, by resource type (Terraform AWS
 * provider docs of each resource; all default to keeping the data).
 */
export const AWS_FORCE_DESTROY: { [type: string]: ForceDestroySetting[] } = {
  aws_s3_bucket: [
    {
      attribute: 'force_destroy',
      destroys: literalTrue,
      effect: 'destroying the bucket deletes every object and version in it',
    },
  ],
  aws_s3_directory_bucket: [
    {
      attribute: 'force_destroy',
      destroys: literalTrue,
      effect: 'destroying the bucket deletes every object in it',
    },
  ],
  aws_backup_vault: [
    {
      attribute: 'force_destroy',
      destroys: literalTrue,
      effect: 'destroying the vault deletes every recovery point in it',
    },
  ],
  aws_ecr_repository: [
    {
      attribute: 'force_delete',
      destroys: literalTrue,
      effect: 'destroying the repository deletes every image in it',
    },
  ],
  aws_ecrpublic_repository: [
    {
      attribute: 'force_destroy',
      destroys: literalTrue,
      effect: 'destroying the repository deletes every image in it',
    },
  ],
  aws_secretsmanager_secret: [
    {
      attribute: 'recovery_window_in_days',
      destroys: (v) => Number(v) === 0,
      effect: 'the secret is deleted at once, without the 7-30 day recovery window',
    },
  ],
  aws_db_instance: [skipFinalSnapshot],
  aws_rds_cluster: [skipFinalSnapshot],
  aws_redshift_cluster: [skipFinalSnapshot],
  aws_docdb_cluster: [skipFinalSnapshot],
  aws_neptune_cluster: [skipFinalSnapshot],
};

/**
 * X-08 (any stack): no stateful resource is configured to take its data with it when destroyed
 * (`force_destroy` on buckets and backup vaults, `force_delete` on ECR, a zero recovery window
 * on secrets, `skip_final_snapshot` on databases). `lifecycle.prevent_destroy` (the X-08 rule)
 * guards Terraform; these settings decide what a destroy that gets through deletes.
 * `removalPolicy: DESTROY` records an X-08 suppression, which covers this facet.
 */
export const x08ForceDestroy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Stateful resources do not delete their contents on destroy (force_destroy, force_delete, recovery_window_in_days = 0, skip_final_snapshot)',
  fixHint:
    'Remove the setting (the provider defaults keep the data); empty the bucket or vault deliberately before a planned destroy',
  resourceTypes: Object.keys(AWS_FORCE_DESTROY),
  source:
    'Terraform AWS provider docs: aws_s3_bucket force_destroy, aws_backup_vault force_destroy, aws_ecr_repository force_delete, aws_secretsmanager_secret recovery_window_in_days, aws_db_instance / aws_rds_cluster skip_final_snapshot',
  check: (r, stack) => forceDestroyVerdict(r.attributes, AWS_FORCE_DESTROY[r.type] ?? [], stack),
});
