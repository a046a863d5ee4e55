import { AzureMlopsChecks } from '../../lib/azure';
import {
  AZURERM_ARM_TYPES,
  armTypeOfId,
  PRIVATE_LINK_SUBRESOURCES,
} from '../../lib/azure/reference/private-endpoint-subresources';
import { x15AzurePeSubresource } from '../../lib/azure/rules/x-15.azure-pe-subresource';
import { ComplianceStatus, RuleCategory, RuleLevel } from '../../lib/core';
import { PRIVATE_DNS_ZONES } from '../../lib/azure/defaults';
import { run } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const STORAGE_ID =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1';

const endpoint = (target: any, names: any) =>
  run(x15AzurePeSubresource, 'azurerm_private_endpoint', {
    name: 'pe',
    private_service_connection: {
      name: 'c',
      is_manual_connection: false,
      private_connection_resource_id: target,
      subresource_names: names,
    },
  });

describe('X-15.azure-pe-subresource', () => {
  test('X-15 is an ERROR reference rule of the Azure pack citing its table', () => {
    expect(x15AzurePeSubresource.category).toBe(RuleCategory.REFERENCE);
    expect(x15AzurePeSubresource.level).toBe(RuleLevel.ERROR);
    expect(x15AzurePeSubresource.source).toContain('private-endpoint-overview');
    expect(new AzureMlopsChecks().rules.map((r) => r.id)).toContain('X-15.azure-pe-subresource');
  });

  test('valid sub-resources of referenced and literal targets are compliant', () => {
    expect(endpoint('${azurerm_storage_account.data.id}', ['blob']).status).toBe(COMPLIANT);
    expect(endpoint('${data.azurerm_storage_account.x.id}', ['dfs_secondary']).status).toBe(
      COMPLIANT,
    );
    expect(endpoint('${azurerm_key_vault.kv.id}', ['vault']).status).toBe(COMPLIANT);
    expect(endpoint('${azurerm_machine_learning_workspace.w.id}', ['amlworkspace']).status).toBe(
      COMPLIANT,
    );
    expect(endpoint('${azurerm_container_registry.r.id}', ['registry']).status).toBe(COMPLIANT);
    expect(endpoint('${azurerm_monitor_private_link_scope.s.id}', ['azuremonitor']).status).toBe(
      COMPLIANT,
    );
    expect(endpoint(STORAGE_ID, ['file']).status).toBe(COMPLIANT);
    expect(
      endpoint(
        '/subscriptions/1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/reg',
        ['amlregistry'],
      ).status,
    ).toBe(COMPLIANT);
  });

  test('a sub-resource the target type does not have fails, naming the valid ones', () => {
    const wrong = endpoint('${azurerm_storage_account.data.id}', ['vault']);
    expect(wrong.status).toBe(NON_COMPLIANT);
    expect(wrong.detail).toContain(
      '"vault" is not a private-link sub-resource of Microsoft.Storage/storageAccounts',
    );
    expect(wrong.detail).toContain('blob, blob_secondary');
    expect(endpoint(STORAGE_ID, ['blobs']).status).toBe(NON_COMPLIANT);
    expect(endpoint('${azurerm_key_vault.kv.id}', ['keyvault']).status).toBe(NON_COMPLIANT);
    expect(endpoint('${azurerm_machine_learning_workspace.w.id}', ['amlregistry']).status).toBe(
      NON_COMPLIANT,
    );
  });

  test('targets of unlisted types, aliases and endpoints without names are not judged', () => {
    expect(endpoint('${azurerm_linux_web_app.app.id}', ['sites']).status).toBe(NOT_APPLICABLE);
    expect(
      endpoint('/subscriptions/1/resourceGroups/rg/providers/Microsoft.Web/sites/app', ['x'])
        .status,
    ).toBe(NOT_APPLICABLE);
    expect(
      endpoint('/subscriptions/1/resourceGroups/rg/providers/Microsoft.Sql/servers/s/databases/d', [
        'x',
      ]).status,
    ).toBe(NOT_APPLICABLE);
    expect(
      run(x15AzurePeSubresource, 'azurerm_private_endpoint', {
        private_service_connection: {
          private_connection_resource_alias: 'svc.1234.westeurope.azure.privatelinkservice',
          is_manual_connection: true,
        },
      }).status,
    ).toBe(NOT_APPLICABLE);
    expect(endpoint('${azurerm_storage_account.data.id}', undefined).status).toBe(NOT_APPLICABLE);
  });

  test('a target or sub-resource from an expression is UNKNOWN', () => {
    expect(endpoint('${var.target_id}', ['blob']).status).toBe(UNKNOWN);
    expect(endpoint('${azurerm_storage_account.data.id}', '${var.names}').status).toBe(UNKNOWN);
    expect(endpoint('${azurerm_storage_account.data.id}', ['${var.name}']).status).toBe(UNKNOWN);
    // a known wrong name still fails next to an expression
    expect(endpoint('${azurerm_storage_account.data.id}', ['${var.name}', 'bob']).status).toBe(
      NON_COMPLIANT,
    );
  });

  test('literal ids give their provider type; the table covers every sub-resource the constructs use', () => {
    expect(armTypeOfId(STORAGE_ID)).toBe('Microsoft.Storage/storageAccounts');
    expect(armTypeOfId('/subscriptions/1/resourceGroups/rg')).toBeUndefined();
    for (const t of Object.values(AZURERM_ARM_TYPES)) {
      expect(PRIVATE_LINK_SUBRESOURCES[t.toLowerCase()]).toBeDefined();
    }
    const all = new Set(Object.values(PRIVATE_LINK_SUBRESOURCES).flat());
    for (const sub of Object.keys(PRIVATE_DNS_ZONES)) expect(all.has(sub)).toBe(true);
  });
});
