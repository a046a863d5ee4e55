import { defineApplyRule } from '../../core/compliance/define-rule';
import { literal } from '../../core/rules/attributes';

/** The smallest default table expiration BigQuery accepts (one hour). */
const MIN_EXPIRATION_MS = 3_600_000;

/**
 * GCP-06 (apply): BigQuery rejects a dataset whose default table (or partition) expiration is
 * under one hour; the provider accepts any number at plan.
 */
export const gcp06BqExpiration = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets#Dataset.FIELDS.default_table_expiration_ms ("The minimum lifetime value is 3600000 milliseconds (one hour)")',
  description: 'BigQuery default table expirations are at least one hour (3600000 ms)',
  fixHint: 'Set default_table_expiration_ms to 3600000 or more (tableExpirationDays >= 1)',
  resourceTypes: ['google_bigquery_dataset'],
  check: (r) => {
    const v = r.attributes.default_table_expiration_ms;
    if (v === undefined || v === null) return undefined;
    return literal(
      v,
      'default_table_expiration_ms',
      (x) => Number(x) >= MIN_EXPIRATION_MS,
      (x) => `default_table_expiration_ms ${x} is under one hour`,
    );
  },
});
