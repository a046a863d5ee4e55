import { kmsLocationServes } from '../locations';
import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { attr, isExpression, unknown, Verdict } from '../../core/rules/attributes';

const KEY_PATHS: { [type: string]: string } = {
  google_storage_bucket: 'encryption.default_kms_key_name',
  google_bigquery_dataset: 'default_encryption_configuration.kms_key_name',
  google_artifact_registry_repository: 'kms_key_name',
};

/**
 * The location of a key: from a literal key id, or the key ring the key references; an
 * unknown verdict when it is an expression that cannot be followed to a literal location.
 */
function keyLocation(value: any, stack: StackView): string | undefined | Verdict {
  if (typeof value !== 'string') return undefined;
  const lit = /\/locations\/([A-Za-z0-9-]+)\/keyRings\//.exec(value);
  if (lit && !isExpression(lit[1])) return lit[1];
  if (!isExpression(value)) return undefined;
  const key = stack.resources('google_kms_crypto_key').find((k) => StackView.refersTo(value, k));
  if (!key) return unknown(`the key ${value} is not declared in this stack`);
  const ring = stack
    .resources('google_kms_key_ring')
    .find((kr) => StackView.refersTo(key.attributes.key_ring, kr));
  const loc = ring?.attributes.location;
  if (typeof loc !== 'string')
    return unknown(`the key ring of ${key.address} is not declared here`);
  return isExpression(loc) ? unknown(`the key ring location is ${loc}`) : loc;
}

/** GCP-06: a CMEK key is in the same location as the resource it encrypts. */
export const gcp06KeyRegion = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'CMEK keys are in the same location as the resources they encrypt',
  fixHint:
    'Use a key ring in the resource location (a multi-region resource needs a key in that multi-region)',
  resourceTypes: Object.keys(KEY_PATHS),
  check: (r, stack) => {
    const kl = keyLocation(attr(r, KEY_PATHS[r.type]), stack);
    if (kl === undefined || typeof kl !== 'string') return kl;
    const rl = r.attributes.location;
    if (rl === undefined) return undefined;
    if (isExpression(rl)) return unknown(`location is ${rl}`);
    return kmsLocationServes(kl, String(rl)) || `key in '${kl}', resource in '${rl}'`;
  },
});
