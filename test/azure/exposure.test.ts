// Baseline exposure rules of the Azure pack on hand-written Terraform JSON (any stack):
// compliant, non-compliant, unresolved expression (UNKNOWN) and array/object block forms.
import { AzureMlopsChecks } from '../../lib/azure';
import { ComplianceStatus, RuleLevel } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

const pack = new AzureMlopsChecks();

function verdict(ruleId: string, json: any, address: string) {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  const f = report.findings.find((x) => x.ruleId === ruleId && x.address === address);
  return { status: f?.status ?? ComplianceStatus.NOT_APPLICABLE, reason: f?.reason ?? '' };
}

const one = (type: string, attrs: any, extra: any = {}) => ({
  ...(extra.provider ? { provider: extra.provider } : {}),
  resource: { [type]: { r: attrs }, ...(extra.resource ?? {}) },
  ...(extra.data ? { data: extra.data } : {}),
  ...(extra.variable ? { variable: extra.variable } : {}),
});

const rule = (over: any = {}) => ({
  name: 'AllowRdp',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  destination_port_range: '3389',
  destination_address_prefix: '*',
  source_address_prefix: '10.0.0.0/8',
  ...over,
});

describe('X-05.nsg-inbound: no inbound allow from *, Any, Internet or a /0', () => {
  const id = 'X-05.nsg-inbound';

  test('is an ERROR citing CIS Azure 7.1-7.4', () => {
    const r = pack.rules.find((x) => x.id === id)!;
    expect(r.level).toBe(RuleLevel.ERROR);
    expect(r.source).toMatch(/v3\.0\.0 7\.1 .*7\.4/);
  });

  test('compliant: VirtualNetwork source, deny rules, outbound rules', () => {
    for (const over of [
      { source_address_prefix: 'VirtualNetwork' },
      { access: 'Deny', source_address_prefix: '*' },
      { direction: 'Outbound', source_address_prefix: '*' },
    ]) {
      expect(
        verdict(
          id,
          one('azurerm_network_security_rule', rule(over)),
          'azurerm_network_security_rule.r',
        ).status,
      ).toBe(ComplianceStatus.COMPLIANT);
    }
  });

  test('non-compliant: every spelling of "anyone", on the rule resource', () => {
    for (const src of ['*', 'Any', 'Internet', 'internet', '0.0.0.0/0', '::/0']) {
      expect(
        verdict(
          id,
          one('azurerm_network_security_rule', rule({ source_address_prefix: src })),
          'azurerm_network_security_rule.r',
        ),
      ).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason: `'AllowRdp' allows inbound Tcp 3389 from ${src}`,
      });
    }
    expect(
      verdict(
        id,
        one(
          'azurerm_network_security_rule',
          rule({
            source_address_prefix: undefined,
            source_address_prefixes: ['10.0.0.0/8', 'Internet'],
          }),
        ),
        'azurerm_network_security_rule.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
  });

  test('non-compliant: inline security_rule of the NSG, in list or object form', () => {
    for (const security_rule of [
      [rule({ source_address_prefix: 'Internet', destination_port_range: '22' })],
      rule({ source_address_prefix: 'Internet', destination_port_range: '22' }),
    ]) {
      expect(
        verdict(
          id,
          one('azurerm_network_security_group', { name: 'n', security_rule }),
          'azurerm_network_security_group.r',
        ),
      ).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason: "security_rule[0] 'AllowRdp' allows inbound Tcp 22 from Internet",
      });
    }
    expect(
      verdict(
        id,
        one('azurerm_network_security_group', { name: 'n' }),
        'azurerm_network_security_group.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('UNKNOWN: a source prefix that is a variable; resolved through its default', () => {
    const json = one(
      'azurerm_network_security_rule',
      rule({ source_address_prefix: '${var.src}' }),
    );
    expect(verdict(id, json, 'azurerm_network_security_rule.r').status).toBe(
      ComplianceStatus.UNKNOWN,
    );
    (json as any).variable = { src: { default: '*' } };
    expect(verdict(id, json, 'azurerm_network_security_rule.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });
});

describe('X-05.ip-rules: service firewalls do not admit the whole internet', () => {
  const id = 'X-05.ip-rules';

  test('compliant: named addresses, empty lists', () => {
    expect(
      verdict(
        id,
        one('azurerm_storage_account', {
          name: 's',
          network_rules: { default_action: 'Deny', ip_rules: ['198.51.100.7'] },
        }),
        'azurerm_storage_account.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(
        id,
        one('azurerm_key_vault', {
          name: 'k',
          network_acls: [{ default_action: 'Deny', ip_rules: [] }],
        }),
        'azurerm_key_vault.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: storage, Key Vault (list and object block forms), registry, Cosmos DB', () => {
    for (const network_rules of [
      { default_action: 'Deny', ip_rules: ['0.0.0.0/0'] },
      [{ default_action: 'Deny', ip_rules: ['0.0.0.0/0'] }],
    ]) {
      expect(
        verdict(
          id,
          one('azurerm_storage_account', { name: 's', network_rules }),
          'azurerm_storage_account.r',
        ),
      ).toEqual({
        status: ComplianceStatus.NON_COMPLIANT,
        reason: 'network_rules.ip_rules has 0.0.0.0/0 (the whole internet)',
      });
    }
    expect(
      verdict(
        id,
        one('azurerm_key_vault', {
          name: 'k',
          network_acls: { default_action: 'Deny', ip_rules: ['1.2.3.0/0'] },
        }),
        'azurerm_key_vault.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('azurerm_container_registry', {
          name: 'c',
          network_rule_set: {
            default_action: 'Deny',
            ip_rule: [{ action: 'Allow', ip_range: '0.0.0.0/0' }],
          },
        }),
        'azurerm_container_registry.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one('azurerm_cosmosdb_account', { name: 'c', ip_range_filter: ['0.0.0.0'] }),
        'azurerm_cosmosdb_account.r',
      ).reason,
    ).toContain('every Azure datacenter, any tenant');
  });

  test('non-compliant: SQL firewall rules spanning every address or "Allow Azure services"', () => {
    const fw = (start: string, end: string) =>
      verdict(
        id,
        one('azurerm_mssql_firewall_rule', {
          name: 'f',
          server_id: 's',
          start_ip_address: start,
          end_ip_address: end,
        }),
        'azurerm_mssql_firewall_rule.r',
      );
    expect(fw('0.0.0.0', '255.255.255.255').status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(fw('0.0.0.0', '0.0.0.0').reason).toContain('Allow Azure services');
    expect(fw('198.51.100.0', '198.51.100.255').status).toBe(ComplianceStatus.COMPLIANT);
  });

  test('UNKNOWN: an ip_rules list that is a variable', () => {
    expect(
      verdict(
        id,
        one('azurerm_storage_account', {
          name: 's',
          network_rules: { default_action: 'Deny', ip_rules: '${var.ips}' },
        }),
        'azurerm_storage_account.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });
});

describe('X-03.custom-role-wildcards: no global wildcard at a broad scope', () => {
  const id = 'X-03.custom-role-wildcards';
  const role = (actions: string[], scope: string, extra: any = {}) =>
    one(
      'azurerm_role_definition',
      {
        name: 'r',
        scope,
        assignable_scopes: [scope],
        permissions: [{ actions, not_actions: [] }],
        ...extra.attrs,
      },
      extra,
    );

  test('compliant: provider-scoped actions at subscription, */read (Reader)', () => {
    expect(
      verdict(
        id,
        role(['Microsoft.MachineLearningServices/workspaces/jobs/*'], '/subscriptions/0000'),
        'azurerm_role_definition.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(id, role(['*/read'], '/subscriptions/0000'), 'azurerm_role_definition.r').status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: * and */action at subscription, management group and root', () => {
    expect(verdict(id, role(['*'], '/subscriptions/0000'), 'azurerm_role_definition.r')).toEqual({
      status: ComplianceStatus.NON_COMPLIANT,
      reason: "actions '*' at /subscriptions/0000",
    });
    expect(
      verdict(
        id,
        role(['*/action'], '/providers/Microsoft.Management/managementGroups/corp'),
        'azurerm_role_definition.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(verdict(id, role(['*/write'], '/'), 'azurerm_role_definition.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });

  test('references: a subscription data source is broad, a resource group is narrow', () => {
    expect(
      verdict(
        id,
        role(['*/action'], '${data.azurerm_subscription.current.id}'),
        'azurerm_role_definition.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(id, role(['*/action'], '/subscriptions/${var.sub}'), 'azurerm_role_definition.r')
        .status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        role(['*/action'], '${azurerm_resource_group.rg.id}'),
        'azurerm_role_definition.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('UNKNOWN: a scope that is a variable', () => {
    expect(verdict(id, role(['*'], '${var.scope}'), 'azurerm_role_definition.r').status).toBe(
      ComplianceStatus.UNKNOWN,
    );
  });

  test('permissions as one object (not a list) gives the same result; data actions count', () => {
    const json = role([], '/subscriptions/0000');
    (json.resource.azurerm_role_definition.r as any).permissions = {
      actions: [],
      data_actions: ['*'],
    };
    expect(verdict(id, json, 'azurerm_role_definition.r').reason).toBe(
      "data_actions '*' at /subscriptions/0000",
    );
  });

  test('no duplicate finding: AZ-09.custom-roles leaves broad-scope wildcards to this rule', () => {
    const json = role(['*'], '/subscriptions/0000');
    expect(verdict('AZ-09.custom-roles', json, 'azurerm_role_definition.r').reason).toBe(
      'assignable at subscription /subscriptions/0000',
    );
    const narrow = role(['*'], '${azurerm_resource_group.rg.id}');
    expect(verdict('AZ-09.custom-roles', narrow, 'azurerm_role_definition.r').reason).toBe(
      "wildcard action '*'",
    );
  });
});

describe('X-08.force-destroy (Azure): the provider features block does not purge or cascade', () => {
  const id = 'X-08.force-destroy';
  const provider = (features: any) => ({ azurerm: [{ features }] });

  test('compliant: no features set, or the safe values', () => {
    expect(
      verdict(
        id,
        one(
          'azurerm_resource_group',
          { name: 'rg', location: 'westeurope' },
          { provider: provider([{}]) },
        ),
        'azurerm_resource_group.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
    expect(
      verdict(
        id,
        one(
          'azurerm_machine_learning_workspace',
          { name: 'w' },
          {
            provider: provider([
              { machine_learning: [{ purge_soft_deleted_workspace_on_destroy: false }] },
            ]),
          },
        ),
        'azurerm_machine_learning_workspace.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('non-compliant: resource group cascade, workspace purge (list and object block forms)', () => {
    expect(
      verdict(
        id,
        one(
          'azurerm_resource_group',
          { name: 'rg' },
          {
            provider: provider([
              { resource_group: [{ prevent_deletion_if_contains_resources: false }] },
            ]),
          },
        ),
        'azurerm_resource_group.r',
      ).reason,
    ).toContain('deletes every resource in it');
    for (const features of [
      [{ machine_learning: [{ purge_soft_deleted_workspace_on_destroy: true }] }],
      { machine_learning: { purge_soft_deleted_workspace_on_destroy: true } },
    ]) {
      expect(
        verdict(
          id,
          one(
            'azurerm_machine_learning_workspace',
            { name: 'w' },
            { provider: provider(features) },
          ),
          'azurerm_machine_learning_workspace.r',
        ).status,
      ).toBe(ComplianceStatus.NON_COMPLIANT);
    }
  });

  test('key vault purge: only without purge protection', () => {
    const features = [{ key_vault: [{ purge_soft_delete_on_destroy: true }] }];
    expect(
      verdict(
        id,
        one(
          'azurerm_key_vault',
          { name: 'k', purge_protection_enabled: false },
          { provider: provider(features) },
        ),
        'azurerm_key_vault.r',
      ).status,
    ).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(
      verdict(
        id,
        one(
          'azurerm_key_vault',
          { name: 'k', purge_protection_enabled: true },
          { provider: provider(features) },
        ),
        'azurerm_key_vault.r',
      ).status,
    ).toBe(ComplianceStatus.COMPLIANT);
  });

  test('the resource uses its aliased provider', () => {
    const json = one(
      'azurerm_log_analytics_workspace',
      { name: 'l', provider: 'azurerm.logs' },
      {
        provider: {
          azurerm: [
            { features: [{}] },
            {
              alias: 'logs',
              features: [{ log_analytics_workspace: [{ permanently_delete_on_destroy: true }] }],
            },
          ],
        },
      },
    );
    expect(verdict(id, json, 'azurerm_log_analytics_workspace.r').status).toBe(
      ComplianceStatus.NON_COMPLIANT,
    );
  });

  test('UNKNOWN: a feature setting that is a variable', () => {
    expect(
      verdict(
        id,
        one(
          'azurerm_resource_group',
          { name: 'rg' },
          {
            provider: provider([
              { resource_group: [{ prevent_deletion_if_contains_resources: '${var.p}' }] },
            ]),
          },
        ),
        'azurerm_resource_group.r',
      ).status,
    ).toBe(ComplianceStatus.UNKNOWN);
  });
});
