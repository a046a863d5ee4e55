import { x15AzurePolicy } from '../../lib/azure/rules/x-15.azure-policy';
import { x15AzurePrivateDnsZone } from '../../lib/azure/rules/x-15.azure-private-dns-zone';
import { x15AzureRole } from '../../lib/azure/rules/x-15.azure-role';
import { x15AzureRoleAction } from '../../lib/azure/rules/x-15.azure-role-action';
import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { run } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const def = (guid: string) => `/providers/Microsoft.Authorization/policyDefinitions/${guid}`;
/** Azure Machine Learning workspaces should disable public network access (effect: Audit, Deny, Disabled). */
const PUBLIC_NETWORK = '438c38d2-3772-465a-a9cc-7a6666a275ce';
/** [Deprecated]: Azure Machine Learning workspaces should use private link. */
const DEPRECATED_PRIVATE_LINK = '40cec1dd-a100-4920-b15b-3024fe8901ab';

describe('X-15 Azure reference rules', () => {
  test('X-15 the Azure reference rules are ERROR reference rules of the security profile citing their data set', () => {
    for (const rule of [x15AzureRole, x15AzureRoleAction, x15AzurePolicy, x15AzurePrivateDnsZone]) {
      expect(rule.category).toBe(RuleCategory.REFERENCE);
      expect(rule.level).toBe(RuleLevel.ERROR);
      expect(rule.profile).toBe(RuleProfile.SECURITY);
      expect(rule.source).toBeTruthy();
    }
  });

  describe('X-15.azure-role', () => {
    test("built-in role names (any case) and ids, and the stack's custom roles, are compliant", () => {
      expect(
        run(x15AzureRole, 'azurerm_role_assignment', {
          role_definition_name: 'AzureML Data Scientist',
        }).status,
      ).toBe(COMPLIANT);
      expect(
        run(x15AzureRole, 'azurerm_role_assignment', { role_definition_name: 'reader' }).status,
      ).toBe(COMPLIANT);
      expect(
        run(x15AzureRole, 'azurerm_role_assignment', {
          role_definition_id:
            '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
        }).status,
      ).toBe(COMPLIANT);
      expect(
        run(
          x15AzureRole,
          'azurerm_role_assignment',
          { role_definition_name: 'ML Engineer (prod)' },
          { azurerm_role_definition: { ml: { name: 'ML Engineer (prod)' } } },
        ).status,
      ).toBe(COMPLIANT);
    });

    test('an unknown role name and an unknown tenant-level role id fail', () => {
      const name = run(x15AzureRole, 'azurerm_role_assignment', {
        role_definition_name: 'AzureML Data Scientists',
      });
      expect(name.status).toBe(NON_COMPLIANT);
      expect(name.detail).toContain('"AzureML Data Scientists" is not a built-in role');
      const id = run(x15AzureRole, 'azurerm_role_assignment', {
        role_definition_id:
          '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
      });
      expect(id.status).toBe(NON_COMPLIANT);
    });

    test('a role id under a subscription that is not built-in may be a custom role and is not judged', () => {
      expect(
        run(x15AzureRole, 'azurerm_role_assignment', {
          role_definition_id:
            '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000001',
        }).status,
      ).toBe(NOT_APPLICABLE);
    });

    test('a role name from an expression is UNKNOWN', () => {
      expect(
        run(x15AzureRole, 'azurerm_role_assignment', { role_definition_name: '${var.role}' })
          .status,
      ).toBe(UNKNOWN);
    });
  });

  describe('X-15.azure-role-action', () => {
    test('well-formed operations of existing providers and wildcards are compliant', () => {
      const r = run(x15AzureRoleAction, 'azurerm_role_definition', {
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
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('an unknown namespace, a bad verb and a malformed operation fail', () => {
      const r = run(x15AzureRoleAction, 'azurerm_role_definition', {
        permissions: {
          actions: [
            'Microsoft.MachineLearningService/workspaces/read',
            'Microsoft.MachineLearningServices/workspaces/reed',
          ],
          not_data_actions: ['Microsoft.Storage//read'],
        },
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain(
        '"Microsoft.MachineLearningService" is not a resource provider namespace',
      );
      expect(r.detail).toContain('does not end in read, write, delete or action');
      expect(r.detail).toContain('not_data_actions');
    });

    test('operations from an expression are UNKNOWN', () => {
      expect(
        run(x15AzureRoleAction, 'azurerm_role_definition', {
          permissions: [{ actions: '${var.actions}' }],
        }).status,
      ).toBe(UNKNOWN);
    });
  });

  describe('X-15.azure-policy', () => {
    test('a current built-in definition with allowed parameter values is compliant', () => {
      const r = run(x15AzurePolicy, 'azurerm_resource_group_policy_assignment', {
        policy_definition_id: def(PUBLIC_NETWORK),
        parameters: JSON.stringify({ effect: { value: 'deny' } }),
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('a deprecated definition fails with the reason from its description', () => {
      const r = run(x15AzurePolicy, 'azurerm_subscription_policy_assignment', {
        policy_definition_id: def(DEPRECATED_PRIVATE_LINK),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('is deprecated');
      expect(r.detail).toContain('private link is created after workspace creation');
    });

    test('an unknown definition, an undeclared parameter and a value outside allowedValues fail', () => {
      expect(
        run(x15AzurePolicy, 'azurerm_resource_group_policy_assignment', {
          policy_definition_id: def('00000000-0000-0000-0000-000000000000'),
        }).detail,
      ).toContain('is not a built-in policy definition');
      const r = run(x15AzurePolicy, 'azurerm_management_group_policy_assignment', {
        policy_definition_id: def(PUBLIC_NETWORK),
        parameters: JSON.stringify({ effect: { value: 'Block' }, efect: { value: 'Deny' } }),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('effect = "Block" is not one of');
      expect(r.detail).toContain('"efect" is not a parameter');
    });

    test('custom definitions are not judged; ids and parameters from expressions are UNKNOWN', () => {
      expect(
        run(x15AzurePolicy, 'azurerm_resource_group_policy_assignment', {
          policy_definition_id:
            '/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/mine',
        }).status,
      ).toBe(NOT_APPLICABLE);
      expect(
        run(x15AzurePolicy, 'azurerm_resource_group_policy_assignment', {
          policy_definition_id: '${var.policy_id}',
        }).status,
      ).toBe(UNKNOWN);
      expect(
        run(x15AzurePolicy, 'azurerm_resource_group_policy_assignment', {
          policy_definition_id: def(PUBLIC_NETWORK),
          parameters: '${jsonencode(var.parameters)}',
        }).status,
      ).toBe(UNKNOWN);
    });

    test('the definitions an initiative groups are checked', () => {
      const r = run(x15AzurePolicy, 'azurerm_policy_set_definition', {
        policy_definition_reference: [
          {
            policy_definition_id: def(PUBLIC_NETWORK),
            parameter_values: '{"effect":{"value":"[parameters(\'effect\')]"}}',
          },
          { policy_definition_id: def(DEPRECATED_PRIVATE_LINK) },
        ],
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('policy_definition_reference[1]');
      expect(r.detail).not.toContain('policy_definition_reference[0]');
    });
  });

  describe('X-15.azure-private-dns-zone', () => {
    test('Private Link zones (also regional ones) are compliant; other zones are not judged', () => {
      for (const name of [
        'privatelink.vaultcore.azure.net',
        'privatelink.westeurope.azmk8s.io',
        'privatelink.api.azureml.ms',
      ]) {
        expect(run(x15AzurePrivateDnsZone, 'azurerm_private_dns_zone', { name }).status).toBe(
          COMPLIANT,
        );
      }
      expect(
        run(x15AzurePrivateDnsZone, 'azurerm_private_dns_zone', { name: 'corp.example.com' })
          .status,
      ).toBe(NOT_APPLICABLE);
      expect(
        run(x15AzurePrivateDnsZone, 'azurerm_private_dns_zone', {
          name: 'privatelink.blob.core.usgovcloudapi.net',
        }).status,
      ).toBe(NOT_APPLICABLE);
    });

    test('a misspelt Private Link zone fails and names the zone meant', () => {
      const r = run(x15AzurePrivateDnsZone, 'azurerm_private_dns_zone', {
        name: 'privatelink.vaultcore.azure.com',
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('privatelink.vaultcore.azure.net');
    });

    test('a zone name from an expression is UNKNOWN', () => {
      expect(
        run(x15AzurePrivateDnsZone, 'azurerm_private_dns_zone', { name: '${var.zone}' }).status,
      ).toBe(UNKNOWN);
    });
  });
});
