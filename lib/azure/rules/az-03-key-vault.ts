import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-03: Key Vaults are purge-protected, RBAC-authorized and closed to public networks. */
export const az03KeyVault = defineRule({
  id: 'AZ-03',
  level: RuleLevel.ERROR,
  description:
    'Key Vaults have purge protection, 90-day soft delete, RBAC authorization and a default-deny network ACL (public access off)',
  fixHint:
    'Set purge_protection_enabled = true, soft_delete_retention_days = 90, rbac_authorization_enabled = true, public_network_access_enabled = false (or network_acls default_action = Deny)',
  resourceTypes: ['azurerm_key_vault'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'purge_protection_enabled') !== true)
      f.push('purge_protection_enabled is not true (required for CMK)');
    const days = attr(r, 'soft_delete_retention_days');
    if (days !== undefined && days !== 90) f.push(`soft_delete_retention_days is ${days}, not 90`);
    if (
      attr(r, 'rbac_authorization_enabled') !== true &&
      attr(r, 'enable_rbac_authorization') !== true
    )
      f.push('RBAC authorization is off (access policies)');
    if (attr(r, 'network_acls.default_action') !== 'Deny')
      f.push('network_acls.default_action is not Deny');
    const pna = attr(r, 'public_network_access_enabled');
    const ips = attr(r, 'network_acls.ip_rules') ?? [];
    if (pna !== false && (!Array.isArray(ips) || ips.length === 0))
      f.push('public network access is on without an IP allow-list');
    return verdict(f);
  },
});
