import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';

export const IDS = {
  subscription: '11111111-1111-1111-1111-111111111111',
  tenant: '22222222-2222-2222-2222-222222222222',
  ds: 'aaaaaaaa-0000-0000-0000-000000000001',
  mle: 'aaaaaaaa-0000-0000-0000-000000000002',
  admin: 'aaaaaaaa-0000-0000-0000-000000000003',
  auditor: 'aaaaaaaa-0000-0000-0000-000000000004',
  viewer: 'aaaaaaaa-0000-0000-0000-000000000005',
  deployer: 'aaaaaaaa-0000-0000-0000-000000000006',
  dataEng: 'aaaaaaaa-0000-0000-0000-000000000007',
};

/** A stack with an azurerm 4 provider configured as the constructs require. */
export function azureStack(
  name = 'azure',
  providerOverrides: any = {},
): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, name);
  new AzurermProvider(stack, 'azurerm', {
    subscriptionId: IDS.subscription,
    storageUseAzuread: true,
    features: [{}],
    ...providerOverrides,
  });
  return { app, stack };
}

/** Resources of one type, as a list of attribute maps with their names. */
export function all(json: any, type: string): Array<{ name: string; r: any }> {
  return Object.entries(json.resource?.[type] ?? {}).map(([name, r]) => ({ name, r }));
}

/** The only resource of a type. */
export function one(json: any, type: string): any {
  const list = all(json, type);
  if (list.length !== 1) throw new Error(`expected one ${type}, found ${list.length}`);
  return list[0].r;
}

/** First element of a block (object or list). */
export function block(v: any): any {
  return Array.isArray(v) ? v[0] : v;
}
