import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-05: container registries are Premium, private, without admin account, with quarantine and retention. */
export const az05Registry = defineRule({
  id: 'AZ-05',
  level: RuleLevel.ERROR,
  description:
    'Container registries are Premium with admin account off, public network off, anonymous pull off, quarantine and retention policies on',
  fixHint:
    'Set sku Premium, admin_enabled false, public_network_access_enabled false, anonymous_pull_enabled false, quarantine_policy_enabled true, retention_policy_in_days',
  resourceTypes: ['azurerm_container_registry'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'sku') !== 'Premium') f.push(`sku is ${attr(r, 'sku')}, not Premium`);
    if (attr(r, 'admin_enabled') === true)
      f.push('admin account is on (obsolete requirement of s003; use Entra ID)');
    if (attr(r, 'public_network_access_enabled') !== false)
      f.push('public_network_access_enabled is not false');
    if (attr(r, 'anonymous_pull_enabled') === true) f.push('anonymous pull is on');
    if (attr(r, 'quarantine_policy_enabled') !== true) f.push('quarantine policy is off');
    if (attr(r, 'retention_policy_in_days') === undefined)
      f.push('no retention policy for untagged manifests');
    return verdict(f);
  },
});
