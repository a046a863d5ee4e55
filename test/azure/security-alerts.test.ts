// AZ-11 security-change alerts (parity with AWS-23 and GCP-14): Azure Monitor activity log alert
// rules on the changes that would undo the platform's controls, notifying an action group.
import { TerraformStack } from 'cdktf';
import {
  AzureMLWorkspace,
  AzureMLWorkspaceProps,
  AzureMlopsChecks,
  AzureSecurityAlerts,
} from '../../lib/azure';
import { evaluate, synthJson } from '../helpers';
import { all, azureStack, ENC, expectProblem, IDS, one, problemsOf } from './fixtures';

const ALERT = 'azurerm_monitor_activity_log_alert';
const AG = 'azurerm_monitor_action_group';
const AG_ID = `/subscriptions/${IDS.subscription}/resourceGroups/rg-secops/providers/Microsoft.Insights/actionGroups/ag-secops`;

/**
 * What each alert watches. Operation names and resource types from Microsoft's "Azure resource
 * provider operations" reference and the built-in policies b954148f-4c11-4c38-8221-be76711e194a
 * (NSG and security rule write/delete) and c5447c04-a4d7-4ba8-a263-c9ee321a6858
 * (policyAssignments write/delete); a resource type stands for its write and delete operations.
 */
const EXPECTED: { [key: string]: { operation?: string; types?: string[] } } = {
  rbac: {
    types: ['Microsoft.Authorization/roleAssignments', 'Microsoft.Authorization/roleDefinitions'],
  },
  policy: {
    types: [
      'Microsoft.Authorization/policyAssignments',
      'Microsoft.Authorization/policyExemptions',
    ],
  },
  locks: { types: ['Microsoft.Authorization/locks'] },
  diagnostics: { types: ['Microsoft.Insights/diagnosticSettings'] },
  nsg: {
    types: [
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Network/networkSecurityGroups/securityRules',
    ],
  },
  'alert-rule-write': { operation: 'Microsoft.Insights/activityLogAlerts/write' },
  'alert-rule-delete': { operation: 'Microsoft.Insights/activityLogAlerts/delete' },
  'action-groups': { types: ['Microsoft.Insights/actionGroups'] },
  'private-endpoint-delete': { operation: 'Microsoft.Network/privateEndpoints/delete' },
  'key-vault-write': { operation: 'Microsoft.KeyVault/vaults/write' },
  'storage-write': { operation: 'Microsoft.Storage/storageAccounts/write' },
  'registry-write': { operation: 'Microsoft.ContainerRegistry/registries/write' },
  'workspace-write': { operation: 'Microsoft.MachineLearningServices/workspaces/write' },
  // a child resource of the workspace (REST workspaces/{name}/outboundRules/{rule}): writing
  // one writes no workspace
  'workspace-outbound-rules': {
    types: [
      'Microsoft.MachineLearningServices/workspaces/outboundRules',
      'Microsoft.MachineLearningServices/workspaces/managedNetworks',
      'Microsoft.MachineLearningServices/workspaces/managedNetworks/outboundRules',
    ],
  },
};

function build(extra: Partial<AzureMLWorkspaceProps> = {}, location = 'westeurope') {
  const { stack } = azureStack();
  const platform = new AzureMLWorkspace(stack, 'ml', {
    encryption: ENC,
    environment: 'prod',
    location,
    ...extra,
  } as AzureMLWorkspaceProps);
  return { stack, platform };
}

function warnings(platform: AzureMLWorkspace): string[] {
  return platform.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => `${m.data}`);
}

describe('AZ-11 security-change alerts with alertEmails', () => {
  let stack: TerraformStack;
  let platform: AzureMLWorkspace;
  let json: any;
  beforeAll(() => {
    ({ stack, platform } = build({
      alertEmails: ['secops@acme.example', 'ml-oncall@acme.example'],
      // no regional action groups in westeurope: the e-mailing action group is global
      allowedRegions: ['westeurope', 'global'],
    }));
    json = synthJson(stack);
  });

  test('AZ-11 an action group e-mails every address (common alert schema), short name within 12 characters', () => {
    const ag = one(json, AG);
    expect(ag.name).toBe('alert-ml-prod-ag');
    expect(ag.short_name.length).toBeLessThanOrEqual(12);
    // westeurope processes no action group regionally (Microsoft Learn, Action groups)
    expect(ag.location).toBe('global');
    expect(ag.resource_group_name).toContain('azurerm_resource_group.ml_rg');
    expect(ag.email_receiver).toEqual([
      { name: 'email-0', email_address: 'secops@acme.example', use_common_alert_schema: true },
      { name: 'email-1', email_address: 'ml-oncall@acme.example', use_common_alert_schema: true },
    ]);
    expect(platform.securityAlerts?.actionGroup).toBeDefined();
  });

  /** The alert rules on the resource group (all but the Activity Log export's). */
  const rgRules = () =>
    all(json, ALERT)
      .map((x) => x.r)
      .filter((r) => r.name !== 'alert-ml-prod-activity-log-export');

  test('AZ-11 one alert rule per concern, each on its operation or resource types', () => {
    const rules = rgRules();
    expect(rules).toHaveLength(Object.keys(EXPECTED).length);
    for (const [key, want] of Object.entries(EXPECTED)) {
      const r = rules.find((x) => x.name === `alert-ml-prod-${key}`);
      expect(r).toBeDefined();
      expect(r.criteria.category).toBe('Administrative');
      expect(r.criteria.operation_name).toBe(want.operation);
      expect(r.criteria.resource_types).toEqual(want.types);
      // one notification per completed change, not one for Started and one for Succeeded
      expect(r.criteria.statuses).toEqual(['Succeeded']);
      expect(r.description).toMatch(/AZ-11/);
    }
    expect(Object.keys(platform.securityAlerts!.alerts).sort()).toEqual(
      [...Object.keys(EXPECTED), 'activity-log-export'].sort(),
    );
  });

  test("AZ-11 alert rules watch the platform's resource group, in the platform's location, notifying the action group", () => {
    expect(rgRules()).toHaveLength(14);
    for (const r of rgRules()) {
      expect(r.scopes).toEqual([
        expect.stringMatching(/^\$\{azurerm_resource_group\.ml_rg_\w+\.id\}$/),
      ]);
      // azurerm 4.55 takes global, westeurope, northeurope (and eastus2euap) only
      expect(r.location).toBe('westeurope');
      expect(r.action).toEqual([
        {
          action_group_id: expect.stringMatching(
            /^\$\{azurerm_monitor_action_group\.ml_security-alerts_action-group_\w+\.id\}$/,
          ),
        },
      ]);
    }
  });

  test('X-06 AZ-11 the subscription Activity Log export the platform creates alerts too: scoped to the subscription, on that setting only', () => {
    const r = all(json, ALERT)
      .map((x) => x.r)
      .find((x) => x.name === 'alert-ml-prod-activity-log-export');
    const setting = all(json, 'azurerm_monitor_diagnostic_setting')
      .map((x) => x.r)
      .find((d) => d.name.startsWith('diag-activity-log-'));
    expect(r.scopes).toEqual([
      expect.stringMatching(/^\$\{data\.azurerm_subscription\.ml_subscription_\w+\.id\}$/),
    ]);
    expect(r.criteria).toEqual({
      category: 'Administrative',
      resource_id: `${r.scopes[0]}/providers/Microsoft.Insights/diagnosticSettings/${setting.name}`,
      statuses: ['Succeeded'],
    });
    expect(r.location).toBe('westeurope');
    expect(r.action).toHaveLength(1);
  });

  test('X-09 the action group and the alert rules carry the platform tags', () => {
    for (const r of [one(json, AG), ...all(json, ALERT).map((x) => x.r)]) {
      expect(r.tags).toMatchObject({ platform: 'ml', environment: 'prod' });
      expect(Object.keys(r.tags)).toEqual(
        expect.arrayContaining(['owner', 'data-classification', 'cost-center']),
      );
    }
  });

  test('AZ-11 no warning about missing alerts; the stack stays at zero findings', () => {
    expect(warnings(platform).some((w) => w.includes('security-change alerts'))).toBe(false);
    const { stack: s2 } = build({
      alertEmails: ['secops@acme.example'],
      allowedRegions: ['westeurope', 'global'],
    });
    const report = evaluate(s2, new AzureMlopsChecks());
    expect(report.findings.some((f) => f.address.startsWith(`${ALERT}.`))).toBe(true);
    expect(report.summary).toMatchObject({ nonCompliant: 0, errors: 0, warnings: 0 });
  });
});

describe('AZ-11 security-change alerts: receivers, opt-out and location', () => {
  test('AZ-11 existing action groups only: no action group is created, the alerts notify the given ones', () => {
    const { stack, platform } = build({ alertActionGroupIds: [AG_ID] });
    const json = synthJson(stack);
    expect(all(json, AG)).toHaveLength(0);
    expect(platform.securityAlerts?.actionGroup).toBeUndefined();
    expect(all(json, ALERT)).toHaveLength(15);
    for (const { r } of all(json, ALERT)) {
      expect(r.action).toEqual([{ action_group_id: AG_ID }]);
      // nothing global: the rules stay in westeurope, residency holds without 'global'
      expect(r.location).toBe('westeurope');
    }
  });

  test('AZ-11 e-mails and existing action groups together: both notified', () => {
    const { stack } = build({
      alertEmails: ['secops@acme.example'],
      alertActionGroupIds: [AG_ID],
      allowedRegions: ['westeurope', 'global'],
    });
    const json = synthJson(stack);
    expect(all(json, ALERT)).toHaveLength(15);
    for (const { r } of all(json, ALERT)) {
      expect(r.action).toHaveLength(2);
      expect(r.action[1]).toEqual({ action_group_id: AG_ID });
    }
  });

  test('AZ-11 activityLogExport: false: no export to watch, the resource group alerts only', () => {
    const { stack, platform } = build({
      alertActionGroupIds: [AG_ID],
      activityLogExport: false,
    });
    expect(all(synthJson(stack), ALERT)).toHaveLength(14);
    expect(platform.securityAlerts!.alerts['activity-log-export']).toBeUndefined();
  });

  test('AZ-11 without receivers no alert is created, with a synth warning naming the props', () => {
    const { stack, platform } = build();
    const json = synthJson(stack);
    expect(all(json, ALERT)).toHaveLength(0);
    expect(all(json, AG)).toHaveLength(0);
    expect(platform.securityAlerts).toBeUndefined();
    expect(warnings(platform)).toEqual(
      expect.arrayContaining([expect.stringMatching(/alertEmails or alertActionGroupIds/)]),
    );
  });

  test('AZ-11 alerts: false turns them off without a warning', () => {
    const { stack, platform } = build({ alerts: false });
    expect(all(synthJson(stack), ALERT)).toHaveLength(0);
    expect(warnings(platform).some((w) => w.includes('security-change alerts'))).toBe(false);
  });

  test('X-07 AZ-11 in westeurope the e-mailing action group is global: residency names it until allowedRegions lists global', () => {
    const { problems } = problemsOf(() =>
      synthJson(build({ alertEmails: ['secops@acme.example'] }).stack),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        prop: expect.stringMatching(/security-alerts\/action-group\.location$/),
        value: 'global',
        allowed: expect.stringMatching(
          /list 'global' in allowedRegions to accept it, use alertActionGroupIds instead of alertEmails, or set alerts: false/,
        ),
      }),
    ]);
  });

  test('X-07 AZ-11 in swedencentral the action group is regional and the rules global', () => {
    const { problems } = problemsOf(() =>
      synthJson(build({ alertEmails: ['secops@acme.example'] }, 'swedencentral').stack),
    );
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.prop).toMatch(/security-alerts\/alert-[\w-]+\.location$/);
      expect(p.value).toBe('global');
    }
    const { stack } = build(
      { alertEmails: ['secops@acme.example'], allowedRegions: ['swedencentral', 'global'] },
      'swedencentral',
    );
    const json = synthJson(stack);
    for (const { r } of all(json, ALERT)) expect(r.location).toBe('global');
    expect(one(json, AG).location).toBe('swedencentral');
  });
});

describe('X-10 AZ-11 bad alert props: one ValidationError naming the prop', () => {
  test('alerts: true without receivers', () => {
    expectProblem(
      () => build({ alerts: true }).platform,
      'azure/ml',
      'alertEmails',
      'undefined',
      /at least one e-mail address \(or an action group id in alertActionGroupIds\): an alert rule without an action notifies no one/,
    );
  });

  test('alerts: false with receivers', () => {
    expectProblem(
      () => build({ alerts: false, alertEmails: ['secops@acme.example'] }).platform,
      'azure/ml',
      'alertEmails',
      JSON.stringify(['secops@acme.example']),
      /unset when alerts is false/,
    );
  });

  test('a malformed e-mail address, a duplicate', () => {
    const { problems } = problemsOf(
      () => build({ alertEmails: ['secops', 'a@b.example', 'A@b.example'] }).platform,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          prop: 'alertEmails[0]',
          value: 'secops',
          allowed: expect.stringMatching(/an e-mail address/),
        }),
        expect.objectContaining({
          prop: 'alertEmails[2]',
          allowed: expect.stringMatching(/not already listed/),
        }),
      ]),
    );
  });

  test('an action group id that is not one', () => {
    const bad = AG_ID.replace('actionGroups', 'actiongroupz');
    expectProblem(
      () => build({ alertActionGroupIds: [bad] }).platform,
      'azure/ml',
      'alertActionGroupIds[0]',
      bad,
      /Microsoft\.Insights\/actionGroups\/\{name\}/,
    );
  });

  test('more than five action groups per alert rule', () => {
    const ids = [1, 2, 3, 4, 5].map((i) => `${AG_ID}${i}`);
    const { path, problems } = problemsOf(
      () => build({ alertEmails: ['secops@acme.example'], alertActionGroupIds: ids }).platform,
    );
    expect(path).toBe('azure/ml');
    expect(problems).toEqual([
      expect.objectContaining({
        prop: 'alertActionGroupIds',
        allowed: expect.stringMatching(
          /at most 4 action groups \(an alert rule notifies at most five/,
        ),
      }),
    ]);
  });
});

describe('AZ-11 AzureSecurityAlerts on its own', () => {
  const base = {
    resourceGroupName: 'rg-ml',
    scopes: [`/subscriptions/${IDS.subscription}/resourceGroups/rg-ml`],
    emails: ['secops@acme.example'],
  };

  test('a location Azure runs no activity log alert rule in', () => {
    const { stack } = azureStack();
    expectProblem(
      () => new AzureSecurityAlerts(stack, 'alerts', { ...base, location: 'eastus' }),
      'azure/alerts',
      'location',
      'eastus',
      /one of global, westeurope, northeurope/,
    );
  });

  test('an Activity Log export named by a subscription id that is not one', () => {
    const { stack } = azureStack();
    expectProblem(
      () =>
        new AzureSecurityAlerts(stack, 'alerts', {
          ...base,
          activityLogExport: { subscriptionId: IDS.subscription, name: 'diag-activity-log' },
        }),
      'azure/alerts',
      'activityLogExport.subscriptionId',
      IDS.subscription,
      /a subscription resource id \/subscriptions\/<subscription id>/,
    );
  });

  test('an action group location that processes no action group regionally', () => {
    const { stack } = azureStack();
    expectProblem(
      () =>
        new AzureSecurityAlerts(stack, 'alerts', { ...base, actionGroupLocation: 'westeurope' }),
      'azure/alerts',
      'actionGroupLocation',
      'westeurope',
      /one of global, eastus, .*swedencentral, germanywestcentral/,
    );
  });

  test('defaults to global, prefix alert-secure-mlops', () => {
    const { stack } = azureStack();
    new AzureSecurityAlerts(stack, 'alerts', base);
    const json = synthJson(stack);
    expect(one(json, AG)).toMatchObject({ location: 'global', name: 'alert-secure-mlops-ag' });
    expect(all(json, ALERT).map((x) => x.r.location)).toEqual(Array(14).fill('global'));
  });

  test('a subscription holds at most 100 activity log alert rules: seven sets of 14 fit, the eighth fails synth', () => {
    const { stack } = azureStack();
    for (let i = 0; i < 7; i++)
      new AzureSecurityAlerts(stack, `alerts-${i}`, { ...base, namePrefix: `p${i}` });
    const { problems } = problemsOf(
      () => new AzureSecurityAlerts(stack, 'alerts-7', { ...base, namePrefix: 'p7' }),
    );
    expect(problems[0].prop).toBe('alerts');
    expect(problems[0].allowed).toMatch(/at most 100 activity log alert rules/);
  });

  test('two alert sets with the same names in one resource group', () => {
    const { stack } = azureStack();
    new AzureSecurityAlerts(stack, 'a', base);
    const { problems } = problemsOf(() => new AzureSecurityAlerts(stack, 'b', base));
    expect(problems[0].prop).toBe('namePrefix');
  });
});
