import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, attr, block, isExpression, unknown } from '../../core/rules/attributes';

/** Where each resource type holds its CMEK. */
const KEY_PATHS: { [type: string]: string } = {
  google_storage_bucket: 'encryption.default_kms_key_name',
  google_bigquery_dataset: 'default_encryption_configuration.kms_key_name',
  google_artifact_registry_repository: 'kms_key_name',
  google_vertex_ai_tensorboard: 'encryption_spec.kms_key_name',
  google_vertex_ai_endpoint: 'encryption_spec.kms_key_name',
  google_vertex_ai_dataset: 'encryption_spec.kms_key_name',
  google_vertex_ai_featurestore: 'encryption_spec.kms_key_name',
  google_vertex_ai_metadata_store: 'encryption_spec.kms_key_name',
  google_logging_project_bucket_config: 'cmek_settings.kms_key_name',
};

/** GCP-06 / X-04: data resources are encrypted with a customer-managed key. */
export const gcp06Cmek = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'Buckets, datasets, registries, Vertex AI resources, log buckets and Workbench disks use CMEK',
  fixHint:
    'Set the resource CMEK attribute (e.g. encryption.default_kms_key_name, kms_key_name, encryption_spec.kms_key_name)',
  resourceTypes: [...Object.keys(KEY_PATHS), 'google_workbench_instance'],
  check: (r) => {
    if (r.type === 'google_workbench_instance') {
      const setup = attr(r, 'gce_setup');
      if (isExpression(setup)) return unknown(`gce_setup is ${setup}`);
      const s = block(setup) ?? {};
      const disks = [...asList(s.boot_disk), ...asList(s.data_disks)];
      if (disks.length === 0) return 'no boot_disk/data_disks with disk_encryption CMEK';
      return allOf(
        disks.map((d) => {
          if (isExpression(d)) return unknown(`a disk is ${d}`);
          if (isExpression(d?.disk_encryption))
            return unknown(`disk_encryption is ${d.disk_encryption}`);
          if (d?.disk_encryption !== 'CMEK') return 'a disk is not CMEK-encrypted';
          return (typeof d.kms_key === 'string' && d.kms_key.length > 0) || 'a disk has no kms_key';
        }),
      );
    }
    const mode = r.attributes.mode;
    if (r.type === 'google_artifact_registry_repository' && mode !== undefined) {
      if (isExpression(mode)) return unknown(`mode is ${mode}`);
      if (mode !== 'STANDARD_REPOSITORY') return undefined;
    }
    const key = attr(r, KEY_PATHS[r.type]);
    return (typeof key === 'string' && key.length > 0) || `${KEY_PATHS[r.type]} not set`;
  },
});
