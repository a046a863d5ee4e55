import { AzureMlopsChecks } from '../../lib/azure';
import { casesOf, describeRules, tf } from '../rule-harness';

const pack = new AzureMlopsChecks();

const ws = (mode: string) => ({ w: { managed_network: { isolation_mode: mode } } });
const fqdn = (dest: string) => ({
  r: {
    name: 'r',
    workspace_id: '${azurerm_machine_learning_workspace.w.id}',
    destination_fqdn: dest,
  },
});
const tag = (t: string) => ({
  r: {
    name: 'r',
    workspace_id: '${azurerm_machine_learning_workspace.w.id}',
    service_tag: t,
    protocol: 'TCP',
    port_ranges: '443',
  },
});
const FQDN = 'azurerm_machine_learning_workspace_network_outbound_rule_fqdn';
const TAG = 'azurerm_machine_learning_workspace_network_outbound_rule_service_tag';
const rule = 'AZ-07.outbound-internet';
const named = tf({
  azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
  [FQDN]: fqdn('pypi.org'),
  [TAG]: tag('AzureMonitor'),
});

const approved = ws('AllowOnlyApprovedOutbound');

describeRules(
  'AZ-07.outbound-internet',
  pack,
  casesOf(rule, [
    [
      "an FQDN rule '*' under AllowOnlyApprovedOutbound",
      { azurerm_machine_learning_workspace: approved, [FQDN]: fqdn('*') },
      `${FQDN}.r`,
      'NON_COMPLIANT',
      /\* opens every internet destination under AllowOnlyApprovedOutbound/,
    ],
    [
      "the service tag 'internet' (any case) under AllowOnlyApprovedOutbound",
      { azurerm_machine_learning_workspace: approved, [TAG]: tag('internet') },
      `${TAG}.r`,
      'NON_COMPLIANT',
    ],
    ['a named FQDN', named, `${FQDN}.r`, 'COMPLIANT'],
    ['a named service tag', named, `${TAG}.r`, 'COMPLIANT'],
    [
      'under AllowInternetOutbound the Internet tag changes nothing',
      { azurerm_machine_learning_workspace: ws('AllowInternetOutbound'), [TAG]: tag('Internet') },
      `${TAG}.r`,
      'COMPLIANT',
    ],
    [
      'a destination known only at apply',
      { azurerm_machine_learning_workspace: approved, [FQDN]: fqdn('${var.dest}') },
      `${FQDN}.r`,
      'UNKNOWN',
    ],
    [
      'a workspace known only at apply',
      { [FQDN]: { r: { name: 'r', workspace_id: '${var.ws}', destination_fqdn: '*' } } },
      `${FQDN}.r`,
      'UNKNOWN',
    ],
  ]),
);
