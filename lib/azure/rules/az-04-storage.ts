import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-04: storage accounts are hardened. */
export const az04Storage = defineRule({
  id: 'AZ-04',
  level: RuleLevel.ERROR,
  description:
    'Storage accounts: HTTPS only, TLS 1.2, no public blobs, shared keys off, infrastructure encryption, network default Deny, versioning and soft delete',
  fixHint:
    'Set https_traffic_only_enabled, min_tls_version TLS1_2, allow_nested_items_to_be_public false, shared_access_key_enabled false, infrastructure_encryption_enabled, network_rules default_action Deny, blob_properties versioning_enabled and delete_retention_policy',
  resourceTypes: ['azurerm_storage_account'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'https_traffic_only_enabled') === false) f.push('HTTPS-only is off');
    const tls = attr(r, 'min_tls_version');
    if (tls !== undefined && tls !== 'TLS1_2' && tls !== 'TLS1_3')
      f.push(`min_tls_version is ${tls}`);
    if (attr(r, 'allow_nested_items_to_be_public') !== false)
      f.push('allow_nested_items_to_be_public is not false');
    if (attr(r, 'shared_access_key_enabled') !== false)
      f.push('shared_access_key_enabled is not false');
    if (attr(r, 'infrastructure_encryption_enabled') !== true)
      f.push('infrastructure_encryption_enabled is not true');
    if (attr(r, 'network_rules.default_action') !== 'Deny')
      f.push('network_rules.default_action is not Deny');
    if (attr(r, 'blob_properties.versioning_enabled') !== true) f.push('blob versioning is off');
    if (attr(r, 'blob_properties.delete_retention_policy.days') === undefined)
      f.push('blob soft delete is off');
    if (attr(r, 'blob_properties.container_delete_retention_policy.days') === undefined)
      f.push('container soft delete is off');
    return verdict(f);
  },
});
