import { TerraformStack, Testing } from 'cdktf';
import {
  AzapiProvider,
  AzapiResource,
  AzapiResourceAction,
  AzapiUpdateResource,
} from '../../lib/azure';
import { synthJson } from '../helpers';
import { IDS } from './fixtures';

describe('azapi binding (hand-written, Azure/azapi 2.x schema)', () => {
  let json: any;
  beforeAll(() => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    new AzapiProvider(stack, 'azapi', {
      subscriptionId: IDS.subscription,
      useOidc: true,
      alias: 'ci',
    });
    const key = new AzapiResourceAction(stack, 'key', {
      type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
      resourceId:
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/cmk',
      method: 'PUT',
      body: { properties: { kty: 'RSA', keyOps: ['wrapKey'] } },
      responseExportValues: ['properties.keyUri'],
    });
    const res = new AzapiResource(stack, 'res', {
      type: 'Microsoft.MachineLearningServices/workspaces/datastores@2025-06-01',
      name: 'data',
      parentId: '/ws',
      body: { properties: { serviceDataAccessAuthIdentity: 'None' } },
      dependsOn: [key],
    });
    new AzapiUpdateResource(stack, 'upd', {
      type: 'Microsoft.MachineLearningServices/workspaces@2025-06-01',
      resourceId: res.id,
      body: {
        properties: {
          systemDatastoresAuthMode: 'Identity',
          note: key.outputValue('properties.keyUri'),
        },
      },
    });
    json = synthJson(stack);
  });

  test('provider: required_providers source Azure/azapi 2.x and snake_case settings', () => {
    expect(json.terraform.required_providers.azapi).toEqual({
      source: 'Azure/azapi',
      version: '>= 2.5, < 3.0',
    });
    expect(json.provider.azapi[0]).toEqual({
      alias: 'ci',
      subscription_id: IDS.subscription,
      use_oidc: true,
    });
  });

  test('resource_action: type, resource_id, method, body as a JSON object (keys kept), exported values', () => {
    expect(json.resource.azapi_resource_action.key).toMatchObject({
      type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
      method: 'PUT',
      body: { properties: { kty: 'RSA', keyOps: ['wrapKey'] } },
      response_export_values: ['properties.keyUri'],
    });
  });

  test('resource and update_resource: parent_id, name, references to id and output', () => {
    expect(json.resource.azapi_resource.res).toMatchObject({
      name: 'data',
      parent_id: '/ws',
      depends_on: ['azapi_resource_action.key'],
    });
    expect(json.resource.azapi_update_resource.upd).toMatchObject({
      resource_id: '${azapi_resource.res.id}',
      body: {
        properties: {
          systemDatastoresAuthMode: 'Identity',
          note: '${azapi_resource_action.key.output.properties.keyUri}',
        },
      },
    });
  });

  test('resource_action rejects a method azapi does not know', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(
      () =>
        new AzapiResourceAction(stack, 'a', {
          type: 'Microsoft.KeyVault/vaults/keys@2023-07-01',
          resourceId: '/x',
          method: 'FETCH',
        }),
    ).toThrow(
      /Invalid input for s\/a:\n {2}- method: got 'FETCH'; allowed: one of POST, PATCH, PUT, DELETE, GET, HEAD$/,
    );
  });
});
