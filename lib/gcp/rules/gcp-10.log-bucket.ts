import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-10 / X-06: log buckets are CMEK-encrypted with locked retention. */
export const gcp10LogBucket = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Log buckets are CMEK-encrypted and retention-locked',
  fixHint: 'Set cmek_settings.kms_key_name, retention_days and locked = true',
  resourceTypes: ['google_logging_project_bucket_config'],
  check: (r) => {
    const cmek = r.attributes.cmek_settings;
    if (isExpression(cmek)) return unknown(`cmek_settings is ${cmek}`);
    const key = block(cmek)?.kms_key_name;
    const days = r.attributes.retention_days;
    const locked = r.attributes.locked;
    return allOf([
      !!key || 'no cmek_settings.kms_key_name',
      isExpression(days)
        ? unknown(`retention_days is ${days}`)
        : typeof days === 'number' || 'retention_days not set',
      isExpression(locked)
        ? unknown(`locked is ${locked}`)
        : isTrue(locked) || 'locked is not true',
    ]);
  },
});
