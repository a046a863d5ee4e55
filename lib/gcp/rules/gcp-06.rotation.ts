import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { MAX_ROTATION_SECONDS } from '../defaults';
import { isExpression, unknown } from '../../core/rules/attributes';

/** Seconds of a 'NNNs' duration, or undefined. */
export function durationSeconds(value: any): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)(\.\d+)?s$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** GCP-06: CMEK keys rotate at most every 90 days. */
export const gcp06KeyRotation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Cloud KMS keys rotate at most every 90 days',
  fixHint: "Set rotation_period to '7776000s' or less",
  resourceTypes: ['google_kms_crypto_key'],
  check: (r) => {
    const purpose = r.attributes.purpose;
    if (isExpression(purpose)) return unknown(`purpose is ${purpose}`);
    if (purpose !== undefined && purpose !== 'ENCRYPT_DECRYPT') return undefined;
    const period = r.attributes.rotation_period;
    if (isExpression(period)) return unknown(`rotation_period is ${period}`);
    const s = durationSeconds(period);
    if (s === undefined) return 'rotation_period not set';
    return s <= MAX_ROTATION_SECONDS || `rotation_period ${period} exceeds 90 days`;
  },
});
