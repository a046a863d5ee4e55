import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, mustBeFalse, present } from '../../core/rules/attributes';

/** AZ-08: compute clusters have no public IP, no local auth, no SSH, a managed identity and scale to zero. */
export const az08ComputeCluster = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Azure ML compute clusters: no public IP, local auth off, SSH off, managed identity, min nodes 0',
  fixHint:
    'Set node_public_ip_enabled = false, local_auth_enabled = false, ssh_public_access_enabled = false, an identity block and scale_settings.min_node_count = 0',
  resourceTypes: ['azurerm_machine_learning_compute_cluster'],
  check: (r) =>
    allOf([
      mustBeFalse(r, 'node_public_ip_enabled'),
      mustBeFalse(r, 'local_auth_enabled'),
      mustBeFalse(r, 'ssh_public_access_enabled'),
      present(r, 'identity.type', 'no managed identity'),
      check(
        r,
        'scale_settings.min_node_count',
        (n) => n !== undefined && Number(n) === 0,
        (n) => `scale_settings.min_node_count is ${n}, not 0`,
      ),
    ]),
});
