import { defineApplyRule } from '../../core/compliance/define-rule';
import { isFalse, lookup, unknown } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

/**
 * AZ-08 (apply): a compute instance without public IP needs a subnet unless its workspace has a
 * managed network; with a managed network it cannot take a subnet. azurerm checks this only
 * at create, after reading the workspace.
 */
export const az08InstanceNetwork = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/machinelearning/machine_learning_compute_instance_resource.go, create: "`subnet_resource_id` must be set if `node_public_ip_enabled` is set to `false` and the workspace is NOT using a managed network"; website/docs/r/machine_learning_compute_instance.html.markdown: subnet_resource_id only when the workspace does not use a managed network',
  description:
    'Compute instances without public IP run in the workspace managed network (no subnet) or, without a managed network, in a subnet',
  fixHint:
    "Give the workspace managed_network { isolation_mode = 'AllowOnlyApprovedOutbound' } and omit subnet_resource_id, or set subnet_resource_id on a workspace without managed network",
  resourceTypes: ['azurerm_machine_learning_compute_instance'],
  check: (r, stack) => {
    const pip = lookup(r, 'node_public_ip_enabled');
    const subnet = lookup(r, 'subnet_resource_id');
    const wsRef = lookup(r, 'machine_learning_workspace_id');
    const ws = refTarget(stack, wsRef.expression);
    if (!ws || ws.type !== 'azurerm_machine_learning_workspace')
      return unknown(`the workspace ${wsRef.expression ?? wsRef.value} is not in the stack`);
    const mode = lookup(ws, 'managed_network.isolation_mode');
    const expr = pip.expression ?? mode.expression;
    const hasSubnet =
      subnet.expression !== undefined || (subnet.value !== undefined && subnet.value !== '');
    if (expr !== undefined)
      return unknown(`${pip.expression ? 'node_public_ip_enabled' : 'isolation_mode'} is ${expr}`);
    const managed = mode.value !== undefined && mode.value !== 'Disabled';
    if (hasSubnet && managed)
      return `subnet_resource_id is set but the workspace uses a managed network (${mode.value})`;
    if (isFalse(pip.value) && !hasSubnet && !managed)
      return 'node_public_ip_enabled is false without subnet_resource_id on a workspace without managed network';
    return true;
  },
});
