import { AzureMlopsChecks } from '../../lib/azure';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

const pack = new AzureMlopsChecks();

function run(resource: any): Array<{ address: string; status: string; reason?: string }> {
  const report = evaluateStack('t', { resource }, [pack], { includeCompliant: true });
  return report.findings
    .filter((f) => f.ruleId === 'AZ-07.outbound-internet')
    .map((f) => ({ address: f.address, status: f.status, reason: f.reason }));
}

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

describe('AZ-07.outbound-internet', () => {
  test("AZ-07 an FQDN rule '*' under AllowOnlyApprovedOutbound is non-compliant", () => {
    const [f] = run({
      azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
      azurerm_machine_learning_workspace_network_outbound_rule_fqdn: fqdn('*'),
    });
    expect(f.status).toBe('NON_COMPLIANT');
    expect(f.reason).toMatch(/\* opens every internet destination under AllowOnlyApprovedOutbound/);
  });

  test("AZ-07 the service tag 'internet' (any case) under AllowOnlyApprovedOutbound is non-compliant", () => {
    const [f] = run({
      azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
      azurerm_machine_learning_workspace_network_outbound_rule_service_tag: tag('internet'),
    });
    expect(f.status).toBe('NON_COMPLIANT');
  });

  test('AZ-07 named destinations are compliant', () => {
    expect(
      run({
        azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
        azurerm_machine_learning_workspace_network_outbound_rule_fqdn: fqdn('pypi.org'),
        azurerm_machine_learning_workspace_network_outbound_rule_service_tag: tag('AzureMonitor'),
      }).map((f) => f.status),
    ).toEqual(['COMPLIANT', 'COMPLIANT']);
  });

  test('AZ-07 under AllowInternetOutbound the Internet tag changes nothing (compliant)', () => {
    expect(
      run({
        azurerm_machine_learning_workspace: ws('AllowInternetOutbound'),
        azurerm_machine_learning_workspace_network_outbound_rule_service_tag: tag('Internet'),
      })[0].status,
    ).toBe('COMPLIANT');
  });

  test('AZ-07 a destination or workspace known only at apply is UNKNOWN', () => {
    expect(
      run({
        azurerm_machine_learning_workspace: ws('AllowOnlyApprovedOutbound'),
        azurerm_machine_learning_workspace_network_outbound_rule_fqdn: fqdn('${var.dest}'),
      })[0].status,
    ).toBe('UNKNOWN');
    expect(
      run({
        azurerm_machine_learning_workspace_network_outbound_rule_fqdn: {
          r: { name: 'r', workspace_id: '${var.ws}', destination_fqdn: '*' },
        },
      })[0].status,
    ).toBe('UNKNOWN');
  });
});
