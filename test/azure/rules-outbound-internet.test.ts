import { AzureMlopsChecks } from '../../lib/azure';
import { COMPLIANT, describeRules, NON_COMPLIANT, tf, UNKNOWN } from '../rule-harness';

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

describeRules('AZ-07.outbound-internet', pack, [
  {
    rule,
    title: "an FQDN rule '*' under AllowOnlyApprovedOutbound",
    json: tf({
      azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
      [FQDN]: fqdn('*'),
    }),
    at: `${FQDN}.r`,
    expect: NON_COMPLIANT,
    detail: /\* opens every internet destination under AllowOnlyApprovedOutbound/,
  },
  {
    rule,
    title: "the service tag 'internet' (any case) under AllowOnlyApprovedOutbound",
    json: tf({
      azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
      [TAG]: tag('internet'),
    }),
    at: `${TAG}.r`,
    expect: NON_COMPLIANT,
  },
  { rule, title: 'a named FQDN', json: named, at: `${FQDN}.r`, expect: COMPLIANT },
  { rule, title: 'a named service tag', json: named, at: `${TAG}.r`, expect: COMPLIANT },
  {
    rule,
    title: 'under AllowInternetOutbound the Internet tag changes nothing',
    json: tf({
      azurerm_machine_learning_workspace: ws('AllowInternetOutbound'),
      [TAG]: tag('Internet'),
    }),
    at: `${TAG}.r`,
    expect: COMPLIANT,
  },
  {
    rule,
    title: 'a destination known only at apply',
    json: tf({
      azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
      [FQDN]: fqdn('${var.dest}'),
    }),
    at: `${FQDN}.r`,
    expect: UNKNOWN,
  },
  {
    rule,
    title: 'a workspace known only at apply',
    json: tf({ [FQDN]: { r: { name: 'r', workspace_id: '${var.ws}', destination_fqdn: '*' } } }),
    at: `${FQDN}.r`,
    expect: UNKNOWN,
  },
]);
