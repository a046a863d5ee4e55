import { AzureMlopsChecks } from '../../lib/azure';
import { NETWORK_POLICY_DEFINITIONS } from '../../lib/azure/defaults';
import { azureReference } from '../../lib/azure/reference';
import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { describeRules, ruleOf } from '../rule-harness';
import { onSubject } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const pack = new AzureMlopsChecks();
const IDS = [
  'X-15.azure-role',
  'X-15.azure-role-action',
  'X-15.azure-policy',
  'X-15.azure-private-dns-zone',
];
const def = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
/** Azure Machine Learning workspaces should disable public network access (effect: Audit, Deny, Disabled). */
const PUBLIC_NETWORK = '438c38d2-3772-465a-a9cc-7a6666a275ce';
/** [Deprecated]: Azure Machine Learning workspaces should use private link. */
const DEPRECATED_PRIVATE_LINK = '40cec1dd-a100-4920-b15b-3024fe8901ab';
const ASSIGNMENT = 'azurerm_role_assignment';
const RG_POLICY = 'azurerm_resource_group_policy_assignment';
const ZONE = 'azurerm_private_dns_zone';

test('X-15 the Azure reference rules are ERROR reference rules of the security profile citing their data set', () => {
  for (const rule of IDS.map((id) => ruleOf(pack, id))) {
    expect(rule.category).toBe(RuleCategory.REFERENCE);
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.profile).toBe(RuleProfile.SECURITY);
    expect(rule.source).toBeTruthy();
  }
});

describeRules('X-15 Azure reference rules', pack, [
  ...onSubject(
    'X-15.azure-role',
    'a built-in role name',
    ASSIGNMENT,
    { role_definition_name: 'AzureML Data Scientist' },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-role',
    'a built-in role name in another case',
    ASSIGNMENT,
    { role_definition_name: 'reader' },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-role',
    'a built-in role id',
    ASSIGNMENT,
    {
      role_definition_id:
        '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-role',
    "the stack's custom role",
    ASSIGNMENT,
    { role_definition_name: 'ML Engineer (prod)' },
    COMPLIANT,
    [],
    { azurerm_role_definition: { ml: { name: 'ML Engineer (prod)' } } },
  ),
  ...onSubject(
    'X-15.azure-role',
    'an unknown role name fails',
    ASSIGNMENT,
    { role_definition_name: 'AzureML Data Scientists' },
    NON_COMPLIANT,
    ['"AzureML Data Scientists" is not a built-in role'],
  ),
  ...onSubject(
    'X-15.azure-role',
    'an unknown tenant-level role id fails',
    ASSIGNMENT,
    {
      role_definition_id:
        '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
    },
    NON_COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-role',
    'a role id under a subscription that is not built-in may be a custom role and is not judged',
    ASSIGNMENT,
    {
      role_definition_id:
        '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
    },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.azure-role',
    'a role name from an expression',
    ASSIGNMENT,
    { role_definition_name: '${var.role}' },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.azure-role-action',
    'well-formed operations of existing providers and wildcards',
    'azurerm_role_definition',
    {
      permissions: [
        {
          actions: [
            'Microsoft.MachineLearningServices/workspaces/read',
            'Microsoft.MachineLearningServices/workspaces/jobs/*',
            '*/read',
          ],
          not_actions: ['Microsoft.MachineLearningServices/workspaces/delete'],
          data_actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
        },
      ],
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-role-action',
    'an unknown namespace, a bad verb and a malformed operation fail',
    'azurerm_role_definition',
    {
      permissions: {
        actions: [
          'Microsoft.MachineLearningService/workspaces/read',
          'Microsoft.MachineLearningServices/workspaces/reed',
        ],
        not_data_actions: ['Microsoft.Storage//read'],
      },
    },
    NON_COMPLIANT,
    [
      '"Microsoft.MachineLearningService" is not a resource provider namespace',
      'does not end in read, write, delete or action',
      'not_data_actions',
    ],
  ),
  ...onSubject(
    'X-15.azure-role-action',
    'operations from an expression',
    'azurerm_role_definition',
    { permissions: [{ actions: '${var.actions}' }] },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.azure-policy',
    'a current built-in definition with allowed parameter values',
    RG_POLICY,
    {
      policy_definition_id: def(PUBLIC_NETWORK),
      parameters: JSON.stringify({ effect: { value: 'deny' } }),
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.azure-policy',
    'a deprecated definition fails with the reason from its description',
    'azurerm_subscription_policy_assignment',
    { policy_definition_id: def(DEPRECATED_PRIVATE_LINK) },
    NON_COMPLIANT,
    ['is deprecated', 'private link is created after workspace creation'],
  ),
  ...onSubject(
    'X-15.azure-policy',
    'an unknown definition fails',
    RG_POLICY,
    { policy_definition_id: def('00000000-0000-0000-0000-000000000000') },
    NON_COMPLIANT,
    ['is not a built-in policy definition'],
  ),
  ...onSubject(
    'X-15.azure-policy',
    'an undeclared parameter and a value outside allowedValues fail',
    'azurerm_management_group_policy_assignment',
    {
      policy_definition_id: def(PUBLIC_NETWORK),
      parameters: JSON.stringify({ effect: { value: 'Block' }, efect: { value: 'Deny' } }),
    },
    NON_COMPLIANT,
    ['effect = "Block" is not one of', '"efect" is not a parameter'],
  ),
  ...onSubject(
    'X-15.azure-policy',
    'custom definitions are not judged',
    RG_POLICY,
    {
      policy_definition_id:
        '/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/mine',
    },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.azure-policy',
    'a definition id from an expression',
    RG_POLICY,
    { policy_definition_id: '${var.policy_id}' },
    UNKNOWN,
  ),
  ...onSubject(
    'X-15.azure-policy',
    'parameters from an expression',
    RG_POLICY,
    { policy_definition_id: def(PUBLIC_NETWORK), parameters: '${jsonencode(var.parameters)}' },
    UNKNOWN,
  ),
  ...onSubject(
    'X-15.azure-policy',
    'the definitions an initiative groups are checked (only the deprecated one is named)',
    'azurerm_policy_set_definition',
    {
      policy_definition_reference: [
        {
          policy_definition_id: def(PUBLIC_NETWORK),
          parameter_values: '{"effect":{"value":"[parameters(\'effect\')]"}}',
        },
        { policy_definition_id: def(DEPRECATED_PRIVATE_LINK) },
      ],
    },
    NON_COMPLIANT,
    // names policy_definition_reference[1] and never policy_definition_reference[0]
    [/^(?![\s\S]*policy_definition_reference\[0\])[\s\S]*policy_definition_reference\[1\]/],
  ),

  ...[
    'privatelink.vaultcore.azure.net',
    'privatelink.westeurope.azmk8s.io',
    'privatelink.api.azureml.ms',
  ].flatMap((name) =>
    onSubject(
      'X-15.azure-private-dns-zone',
      `Private Link zone ${name}`,
      ZONE,
      { name },
      COMPLIANT,
    ),
  ),
  ...onSubject(
    'X-15.azure-private-dns-zone',
    'a zone outside Private Link is not judged',
    ZONE,
    { name: 'corp.example.com' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.azure-private-dns-zone',
    'a zone of another cloud is not judged',
    ZONE,
    { name: 'privatelink.blob.core.usgovcloudapi.net' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.azure-private-dns-zone',
    'a misspelt Private Link zone fails and names the zone meant',
    ZONE,
    { name: 'privatelink.vaultcore.azure.com' },
    NON_COMPLIANT,
    ['privatelink.vaultcore.azure.net'],
  ),
  ...onSubject(
    'X-15.azure-private-dns-zone',
    'a zone name from an expression',
    ZONE,
    { name: '${var.zone}' },
    UNKNOWN,
  ),
]);

test('AZ-12 the Key Vault, storage and registry network (and storage shared-key) definitions are current built-ins that take effect Deny and Audit', () => {
  const expected: { [key: string]: string } = {
    KEY_VAULT_PUBLIC_NETWORK_DISABLED: 'Azure Key Vault should disable public network access',
    KEY_VAULT_FIREWALL:
      'Azure Key Vault should have firewall enabled or public network access disabled',
    STORAGE_PUBLIC_NETWORK_DISABLED: 'Storage accounts should disable public network access',
    STORAGE_FIREWALL: 'Storage accounts should restrict network access',
    REGISTRY_PUBLIC_NETWORK_DISABLED:
      'Public network access should be disabled for Container registries',
    STORAGE_SHARED_KEY_DISABLED: 'Storage accounts should prevent shared key access',
  };
  expect(Object.keys(NETWORK_POLICY_DEFINITIONS).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, id] of Object.entries(NETWORK_POLICY_DEFINITIONS)) {
    const policy = azureReference().policy(id.split('/').pop()!)!;
    expect(policy.displayName).toBe(expected[key]);
    expect(policy.deprecated).toBe(false);
    const effect = policy.parameters.get('effect')!;
    expect(effect.allowed).toEqual(expect.arrayContaining(['Deny', 'Audit']));
    // every other parameter has a default: the assignments pass only the effect
    for (const p of policy.parameters.values()) expect(p.required).toBe(false);
  }
});
