import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, mustBeFalse, present } from '../../core/rules/attributes';

/** AZ-08: compute instances have no public IP, no local auth, no SSH and a managed identity. */
export const az08ComputeInstance = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Azure ML compute instances: no public IP, local auth off, no SSH, managed identity, personal assignment',
  fixHint:
    'Set node_public_ip_enabled = false, local_auth_enabled = false, omit the ssh block, add identity and assign_to_user',
  resourceTypes: ['azurerm_machine_learning_compute_instance'],
  check: (r) =>
    allOf([
      mustBeFalse(r, 'node_public_ip_enabled'),
      mustBeFalse(r, 'local_auth_enabled'),
      check(
        r,
        'ssh',
        (s) => s === undefined || (Array.isArray(s) && s.length === 0),
        () => 'SSH is configured',
      ),
      present(r, 'identity.type', 'no managed identity'),
      present(r, 'assign_to_user.object_id', 'not assigned to a user'),
    ]),
});
