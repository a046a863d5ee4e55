import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { lookup, unknown } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

/**
 * AZ-07: an outbound rule of a managed network in AllowOnlyApprovedOutbound mode does not open it
 * to every internet destination: no FQDN rule for '*' and no service-tag rule for 'Internet'.
 * Either one turns "approved destinations only" into internet egress (data exfiltration from
 * compute), while the workspace still reports AllowOnlyApprovedOutbound.
 */
export const az07OutboundInternet = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    "Managed-network outbound rules of an AllowOnlyApprovedOutbound workspace name approved destinations, not FQDN '*' or the Internet service tag",
  fixHint:
    'List the FQDNs or service tags the workloads need; if internet egress is intended, use isolation mode AllowInternetOutbound or suppress AZ-07.outbound-internet with the reason',
  resourceTypes: [
    'azurerm_machine_learning_workspace_network_outbound_rule_fqdn',
    'azurerm_machine_learning_workspace_network_outbound_rule_service_tag',
  ],
  check: (r, stack) => {
    const dest =
      r.type === 'azurerm_machine_learning_workspace_network_outbound_rule_fqdn'
        ? lookup(r, 'destination_fqdn')
        : lookup(r, 'service_tag');
    if (dest.expression !== undefined) return unknown(`the destination is ${dest.expression}`);
    const wide =
      r.type === 'azurerm_machine_learning_workspace_network_outbound_rule_fqdn'
        ? String(dest.value).trim() === '*'
        : String(dest.value).toLowerCase() === 'internet';
    if (!wide) return true;
    const ws = lookup(r, 'workspace_id');
    const workspace = refTarget(stack, ws.expression);
    if (!workspace || workspace.type !== 'azurerm_machine_learning_workspace')
      return unknown(
        `the rule opens every internet destination; its workspace ${ws.expression ?? ws.value} is not in the stack`,
      );
    const mode = lookup(workspace, 'managed_network.isolation_mode');
    if (mode.expression !== undefined)
      return unknown(`the workspace isolation mode is ${mode.expression}`);
    if (mode.value !== 'AllowOnlyApprovedOutbound') return true;
    return `${String(dest.value)} opens every internet destination under AllowOnlyApprovedOutbound (${workspace.address})`;
  },
});
