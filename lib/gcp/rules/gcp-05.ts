import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { attr, isExpression } from '../../core/rules/attributes';
import { waitsFor } from '../../core/rules/references';

/** Where each resource type holds its CMEK. */
export const KEY_ATTRS: { [type: string]: string } = {
  google_storage_bucket: 'encryption.default_kms_key_name',
  google_bigquery_dataset: 'default_encryption_configuration.kms_key_name',
  google_artifact_registry_repository: 'kms_key_name',
  google_vertex_ai_tensorboard: 'encryption_spec.kms_key_name',
  google_vertex_ai_endpoint: 'encryption_spec.kms_key_name',
  google_logging_project_bucket_config: 'cmek_settings.kms_key_name',
};

/**
 * GCP-05: a resource encrypted with a key of this stack waits (depends_on, or a reference) for a
 * service-agent grant on that key, so the agent exists and holds the key before the resource is created.
 */
export const gcp05AgentGrantBeforeUse = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Resources encrypted with a stack-managed key depend on a service-agent encrypter/decrypter grant on that key',
  fixHint:
    'Grant the service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key and add depends_on from the resource to that grant',
  resourceTypes: Object.keys(KEY_ATTRS),
  check: (r, stack) => {
    const keyRef = attr(r, KEY_ATTRS[r.type]);
    // a literal key id (or none) is not a key of this stack
    if (!isExpression(keyRef)) return undefined;
    const key = stack.resources('google_kms_crypto_key').find((k) => StackView.refersTo(keyRef, k));
    if (!key) return undefined;
    const grants = [
      ...stack.resources('google_kms_crypto_key_iam_member'),
      ...stack.resources('google_kms_crypto_key_iam_binding'),
    ].filter((g) => StackView.refersTo(g.attributes.crypto_key_id, key));
    if (grants.length === 0) return `no service-agent grant on ${key.address}`;
    return (
      grants.some((g) => waitsFor(r, g)) ||
      `does not depend on a grant on ${key.address} (${grants.map((g) => g.address).join(', ')})`
    );
  },
});
