import { AzureMlopsChecks } from '../../lib/azure';
import {
  AZURERM_ARM_TYPES,
  armTypeOfId,
  PRIVATE_LINK_SUBRESOURCES,
} from '../../lib/azure/reference/private-endpoint-subresources';
import { ComplianceStatus, RuleCategory, RuleLevel } from '../../lib/core';
import { PRIVATE_DNS_ZONES } from '../../lib/azure/defaults';
import { describeRules, RuleCase, ruleOf, Status } from '../rule-harness';
import { onSubject } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const RULE = 'X-15.azure-pe-subresource';
const pack = new AzureMlopsChecks();
const STORAGE_ID =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1';
const STORAGE_REF = '${azurerm_storage_account.data.id}';

/** Cases of a private endpoint to the target with the sub-resource names. */
const endpoint = (
  title: string,
  target: any,
  names: any,
  expected: Status,
  details: string[] = [],
): RuleCase[] =>
  onSubject(
    RULE,
    title,
    'azurerm_private_endpoint',
    {
      name: 'pe',
      private_service_connection: {
        name: 'c',
        is_manual_connection: false,
        private_connection_resource_id: target,
        subresource_names: names,
      },
    },
    expected,
    details,
  );

describe('X-15.azure-pe-subresource', () => {
  test('X-15 is an ERROR reference rule of the Azure pack citing its table', () => {
    const rule = ruleOf(pack, RULE);
    expect(rule.category).toBe(RuleCategory.REFERENCE);
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.source).toContain('private-endpoint-overview');
  });

  describeRules('sub-resource names', pack, [
    ...endpoint('blob of a storage account', STORAGE_REF, ['blob'], COMPLIANT),
    ...endpoint(
      'dfs_secondary of a storage account read as data',
      '${data.azurerm_storage_account.x.id}',
      ['dfs_secondary'],
      COMPLIANT,
    ),
    ...endpoint('vault of a key vault', '${azurerm_key_vault.kv.id}', ['vault'], COMPLIANT),
    ...endpoint(
      'amlworkspace of a workspace',
      '${azurerm_machine_learning_workspace.w.id}',
      ['amlworkspace'],
      COMPLIANT,
    ),
    ...endpoint(
      'registry of a registry',
      '${azurerm_container_registry.r.id}',
      ['registry'],
      COMPLIANT,
    ),
    ...endpoint(
      'azuremonitor of a private link scope',
      '${azurerm_monitor_private_link_scope.s.id}',
      ['azuremonitor'],
      COMPLIANT,
    ),
    ...endpoint('file of a literal storage account id', STORAGE_ID, ['file'], COMPLIANT),
    ...endpoint(
      'amlregistry of a literal ML registry id',
      '/subscriptions/1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/reg',
      ['amlregistry'],
      COMPLIANT,
    ),
    ...endpoint(
      'a sub-resource the target type does not have fails, naming the valid ones',
      STORAGE_REF,
      ['vault'],
      NON_COMPLIANT,
      [
        '"vault" is not a private-link sub-resource of Microsoft.Storage/storageAccounts',
        'blob, blob_secondary',
      ],
    ),
    ...endpoint(
      'blobs of a literal storage account id fails',
      STORAGE_ID,
      ['blobs'],
      NON_COMPLIANT,
    ),
    ...endpoint(
      'keyvault of a key vault fails',
      '${azurerm_key_vault.kv.id}',
      ['keyvault'],
      NON_COMPLIANT,
    ),
    ...endpoint(
      'amlregistry of a workspace fails',
      '${azurerm_machine_learning_workspace.w.id}',
      ['amlregistry'],
      NON_COMPLIANT,
    ),
    ...endpoint(
      'a target of an unlisted type',
      '${azurerm_linux_web_app.app.id}',
      ['sites'],
      NOT_APPLICABLE,
    ),
    ...endpoint(
      'a literal target of an unlisted type',
      '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Web/sites/app',
      ['x'],
      NOT_APPLICABLE,
    ),
    ...endpoint(
      'a literal target of an unlisted child type',
      '/subscriptions/1/resourceGroups/rg/providers/Microsoft.Sql/servers/s/databases/d',
      ['x'],
      NOT_APPLICABLE,
    ),
    ...onSubject(
      RULE,
      'an endpoint to an alias',
      'azurerm_private_endpoint',
      {
        private_service_connection: {
          private_connection_resource_alias: 'svc.1234.westeurope.azure.privatelinkservice',
          is_manual_connection: true,
        },
      },
      NOT_APPLICABLE,
    ),
    ...endpoint('an endpoint without names', STORAGE_REF, undefined, NOT_APPLICABLE),
    ...endpoint('a target from an expression', '${var.target_id}', ['blob'], UNKNOWN),
    ...endpoint('names from an expression', STORAGE_REF, '${var.names}', UNKNOWN),
    ...endpoint('a name from an expression', STORAGE_REF, ['${var.name}'], UNKNOWN),
    ...endpoint(
      'a known wrong name still fails next to an expression',
      STORAGE_REF,
      ['${var.name}', 'bob'],
      NON_COMPLIANT,
    ),
  ]);

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
