import { defineApplyRule } from '../../core/compliance/define-rule';
import { lookupBlocks, isFalse, lookup, unknown } from '../../core/rules/attributes';

/**
 * AZ-08 (apply): a workspace with public network access off and serverless compute without a
 * subnet must leave serverless public IPs enabled: azurerm refuses the create otherwise. The
 * managed VNet (AZ-07) keeps serverless compute private.
 */
export const az08ServerlessPublicIp = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/machinelearning/machine_learning_workspace_resource.go, resourceMachineLearningWorkspaceCreate: "`public_ip_enabled` must be set to `true` if `subnet_id` is not set and `public_network_access_enabled` is `false`"; website/docs/r/machine_learning_workspace.html.markdown (serverless_compute note)',
  description:
    'A private workspace (public_network_access_enabled = false) whose serverless_compute has no subnet_id keeps public_ip_enabled = true (the provider rejects the create otherwise)',
  fixHint:
    'Omit the serverless_compute block (the managed VNet keeps serverless compute private), set public_ip_enabled = true, or give it a subnet_id',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    const sc = lookupBlocks(r, 'serverless_compute');
    if (sc.expression !== undefined) return unknown(`serverless_compute is ${sc.expression}`);
    if (sc.list.length === 0) return undefined;
    const b = sc.list[0];
    const pip = lookup(b, 'public_ip_enabled');
    const subnet = lookup(b, 'subnet_id');
    const pna = lookup(r, 'public_network_access_enabled');
    if (pip.expression !== undefined) return unknown(`public_ip_enabled is ${pip.expression}`);
    if (!(pip.value === undefined || isFalse(pip.value))) return true;
    if (subnet.expression !== undefined || (subnet.value !== undefined && subnet.value !== ''))
      return true;
    if (pna.expression !== undefined)
      return unknown(`public_network_access_enabled is ${pna.expression}`);
    return isFalse(pna.value)
      ? `serverless_compute.public_ip_enabled is ${pip.value ?? 'unset (false)'} without a subnet_id on a workspace with public network access off`
      : true;
  },
});
