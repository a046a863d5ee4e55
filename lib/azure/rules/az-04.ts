import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import {
  allOf,
  check,
  isFalse,
  mustBeFalse,
  mustBeTrue,
  present,
} from '../../core/rules/attributes';

/** AZ-04: storage accounts are hardened. */
export const az04Storage = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Storage accounts: HTTPS only, TLS 1.2, no public blobs, shared keys off, infrastructure encryption, network default Deny, versioning and soft delete',
  fixHint:
    'Set https_traffic_only_enabled, min_tls_version TLS1_2, allow_nested_items_to_be_public false, shared_access_key_enabled false, infrastructure_encryption_enabled, network_rules default_action Deny, blob_properties versioning_enabled and delete_retention_policy',
  resourceTypes: ['azurerm_storage_account'],
  check: (r) =>
    allOf([
      check(
        r,
        'https_traffic_only_enabled',
        (v) => !isFalse(v),
        () => 'HTTPS-only is off',
      ),
      check(
        r,
        'min_tls_version',
        (t) => t === undefined || t === 'TLS1_2' || t === 'TLS1_3',
        (t) => `min_tls_version is ${t}`,
      ),
      mustBeFalse(r, 'allow_nested_items_to_be_public'),
      mustBeFalse(r, 'shared_access_key_enabled'),
      mustBeTrue(r, 'infrastructure_encryption_enabled'),
      check(
        r,
        'network_rules.default_action',
        (a) => a === 'Deny',
        (a) => `network_rules.default_action is ${a ?? 'unset'}, not Deny`,
      ),
      check(
        r,
        'blob_properties.versioning_enabled',
        (v) => v === true || v === 'true',
        () => 'blob versioning is off',
      ),
      present(r, 'blob_properties.delete_retention_policy.days', 'blob soft delete is off'),
      present(
        r,
        'blob_properties.container_delete_retention_policy.days',
        'container soft delete is off',
      ),
    ]),
});
