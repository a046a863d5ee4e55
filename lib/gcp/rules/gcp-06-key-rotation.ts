import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { MAX_ROTATION_SECONDS } from '../defaults';
import { durationSeconds } from './util';

/** GCP-06: CMEK keys rotate at most every 90 days. */
export const gcp06KeyRotation = defineRule({
  id: 'GCP-06.rotation',
  level: RuleLevel.ERROR,
  description: 'Cloud KMS keys rotate at most every 90 days',
  fixHint: "Set rotation_period to '7776000s' or less",
  resourceTypes: ['google_kms_crypto_key'],
  check: (r) => {
    if (r.attributes.purpose !== undefined && r.attributes.purpose !== 'ENCRYPT_DECRYPT')
      return undefined;
    const s = durationSeconds(r.attributes.rotation_period);
    if (s === undefined) return 'rotation_period not set';
    return (
      s <= MAX_ROTATION_SECONDS || `rotation_period ${r.attributes.rotation_period} exceeds 90 days`
    );
  },
});
