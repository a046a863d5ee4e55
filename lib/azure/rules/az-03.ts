import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import {
  allOf,
  check,
  isFalse,
  isTrue,
  lookup,
  mustBeTrue,
  unknown,
  Verdict,
} from '../../core/rules/attributes';

/** AZ-03: Key Vaults are purge-protected, RBAC-authorized and closed to public networks. */
export const az03KeyVault = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Key Vaults have purge protection, 90-day soft delete, RBAC authorization and a default-deny network ACL (public access off)',
  fixHint:
    'Set purge_protection_enabled = true, soft_delete_retention_days = 90, rbac_authorization_enabled = true, public_network_access_enabled = false (or network_acls default_action = Deny)',
  resourceTypes: ['azurerm_key_vault'],
  check: (r) => {
    const rbac = (): Verdict => {
      const a = lookup(r, 'rbac_authorization_enabled');
      const b = lookup(r, 'enable_rbac_authorization');
      if (isTrue(a.value) || isTrue(b.value)) return true;
      if (a.expression !== undefined || b.expression !== undefined)
        return unknown(`RBAC authorization is ${a.expression ?? b.expression}`);
      return 'RBAC authorization is off (access policies)';
    };
    const publicAccess = (): Verdict => {
      const pna = lookup(r, 'public_network_access_enabled');
      if (isFalse(pna.value)) return true;
      const ips = lookup(r, 'network_acls.ip_rules');
      if (pna.expression !== undefined)
        return unknown(`public_network_access_enabled is ${pna.expression}`);
      if (ips.expression !== undefined)
        return unknown(`network_acls.ip_rules is ${ips.expression}`);
      return (
        (Array.isArray(ips.value) && ips.value.length > 0) ||
        'public network access is on without an IP allow-list'
      );
    };
    return allOf([
      mustBeTrue(r, 'purge_protection_enabled'),
      check(
        r,
        'soft_delete_retention_days',
        (d) => d === undefined || Number(d) === 90,
        (d) => `soft_delete_retention_days is ${d}, not 90`,
      ),
      rbac(),
      check(
        r,
        'network_acls.default_action',
        (a) => a === 'Deny',
        (a) => `network_acls.default_action is ${a ?? 'unset'}, not Deny`,
      ),
      publicAccess(),
    ]);
  },
});
