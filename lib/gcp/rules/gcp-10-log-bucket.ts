import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-10 / X-06: log buckets are CMEK-encrypted with locked retention. */
export const gcp10LogBucket = defineRule({
  id: 'GCP-10.log-bucket',
  level: RuleLevel.ERROR,
  description: 'Log buckets are CMEK-encrypted and retention-locked',
  fixHint: 'Set cmek_settings.kms_key_name, retention_days and locked = true',
  resourceTypes: ['google_logging_project_bucket_config'],
  check: (r) => {
    if (!blocks(r.attributes.cmek_settings)[0]?.kms_key_name)
      return 'no cmek_settings.kms_key_name';
    if (typeof r.attributes.retention_days !== 'number') return 'retention_days not set';
    return r.attributes.locked === true || 'locked is not true';
  },
});
