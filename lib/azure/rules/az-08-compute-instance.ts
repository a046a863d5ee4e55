import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, verdict } from './util';

/** AZ-08: compute instances have no public IP, no local auth, no SSH and a managed identity. */
export const az08ComputeInstance = defineRule({
  id: 'AZ-08.instance',
  level: RuleLevel.ERROR,
  description:
    'Azure ML compute instances: no public IP, local auth off, no SSH, managed identity, personal assignment',
  fixHint:
    'Set node_public_ip_enabled = false, local_auth_enabled = false, omit the ssh block, add identity and assign_to_user',
  resourceTypes: ['azurerm_machine_learning_compute_instance'],
  check: (r) => {
    const f: string[] = [];
    if (attr(r, 'node_public_ip_enabled') !== false) f.push('node_public_ip_enabled is not false');
    if (attr(r, 'local_auth_enabled') !== false) f.push('local_auth_enabled is not false');
    if (attr(r, 'ssh') !== undefined) f.push('SSH is configured');
    if (attr(r, 'identity.type') === undefined) f.push('no managed identity');
    if (attr(r, 'assign_to_user.object_id') === undefined) f.push('not assigned to a user');
    return verdict(f);
  },
});
