import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-08: compute clusters have no public IP, no local auth, no SSH, a managed identity and scale to zero. */
export const az08ComputeCluster = defineRule({
  id: 'AZ-08.cluster',
  level: RuleLevel.ERROR,
  description:
    'Azure ML compute clusters: no public IP, local auth off, SSH off, managed identity, min nodes 0',
  fixHint:
    'Set node_public_ip_enabled = false, local_auth_enabled = false, ssh_public_access_enabled = false, an identity block and scale_settings.min_node_count = 0',
  resourceTypes: ['azurerm_machine_learning_compute_cluster'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'node_public_ip_enabled') !== false) f.push('node_public_ip_enabled is not false');
    if (attr(r, 'local_auth_enabled') !== false) f.push('local_auth_enabled is not false');
    if (attr(r, 'ssh_public_access_enabled') !== false)
      f.push('ssh_public_access_enabled is not false');
    if (attr(r, 'identity.type') === undefined) f.push('no managed identity');
    const min = attr(r, 'scale_settings.min_node_count');
    if (min !== 0) f.push(`scale_settings.min_node_count is ${min}, not 0`);
    return verdict(f);
  },
});
