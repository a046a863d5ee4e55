import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { AzapiProvider } from '../../lib/azure';

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
  /** The tenant's object id of the Azure Cosmos DB service principal. */
  cosmosDb: 'aaaaaaaa-0000-0000-0000-0000000000c0',
};

/** Encryption options every CMK workspace needs (the tenant's Azure Cosmos DB principal). */
export const ENC = { cosmosDbPrincipalObjectId: IDS.cosmosDb };

/** Attributes of a workspace every Azure workspace rule passes (rule tests on hand-written JSON). */
export const GOOD_WORKSPACE = {
  public_network_access_enabled: false,
  high_business_impact: true,
  identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.id.id}'] },
  primary_user_assigned_identity: '${azurerm_user_assigned_identity.id.id}',
  encryption: {
    key_id: '${azurerm_key_vault_key.k.id}',
    key_vault_id: '${azurerm_key_vault.kv.id}',
    user_assigned_identity_id: '${azurerm_user_assigned_identity.id.id}',
  },
  managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' },
  container_registry_id: '${azurerm_container_registry.cr.id}',
  image_build_compute_name: 'cpu',
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
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
    ...providerOverrides,
  });
  new AzapiProvider(stack, 'azapi', { subscriptionId: IDS.subscription });
  new TimeProvider(stack, 'time');
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

/**
 * Built-in role definitions the persona model replaces, as published in the Azure built-in role
 * reference data (iann0036/iam-dataset azure/built-in-roles-raw.json).
 */
export const BUILT_IN_ROLES: { [name: string]: { actions: string[]; notActions: string[] } } = {
  'AzureML Data Scientist': {
    actions: [
      'Microsoft.MachineLearningServices/workspaces/*/read',
      'Microsoft.MachineLearningServices/workspaces/*/action',
      'Microsoft.MachineLearningServices/workspaces/*/delete',
      'Microsoft.MachineLearningServices/workspaces/*/write',
    ],
    notActions: [
      'Microsoft.MachineLearningServices/workspaces/delete',
      'Microsoft.MachineLearningServices/workspaces/write',
      'Microsoft.MachineLearningServices/workspaces/computes/*/write',
      'Microsoft.MachineLearningServices/workspaces/computes/*/delete',
      'Microsoft.MachineLearningServices/workspaces/computes/listKeys/action',
      'Microsoft.MachineLearningServices/workspaces/listKeys/action',
      'Microsoft.MachineLearningServices/workspaces/hubs/write',
      'Microsoft.MachineLearningServices/workspaces/hubs/delete',
      'Microsoft.MachineLearningServices/workspaces/featurestores/write',
      'Microsoft.MachineLearningServices/workspaces/featurestores/delete',
    ],
  },
  'AzureML Compute Operator': {
    actions: [
      'Microsoft.MachineLearningServices/workspaces/computes/*',
      'Microsoft.MachineLearningServices/workspaces/notebooks/vm/*',
    ],
    notActions: [],
  },
};

/** Azure RBAC semantics of one permission block: an action matches `actions` and no `notActions` (wildcards, case-insensitive). */
export function permits(
  perm: { actions?: string[]; notActions?: string[] },
  action: string,
): boolean {
  const re = (p: string) =>
    new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return (
    (perm.actions ?? []).some((a) => re(a).test(action)) &&
    !(perm.notActions ?? []).some((a) => re(a).test(action))
  );
}

/** The problems of the ValidationError `fn` throws (fails the test when it throws none or another error). */
export function problemsOf(fn: () => unknown): {
  path: string;
  message: string;
  problems: Array<{ prop: string; value: string; allowed: string }>;
} {
  try {
    fn();
  } catch (e: any) {
    if (e?.name !== 'ValidationError') throw e;
    return { path: e.constructPath, message: e.message, problems: e.problems };
  }
  throw new Error('expected a ValidationError, none was thrown');
}

/**
 * Asserts that `fn` throws one ValidationError for construct `path` with a problem naming `prop`,
 * the bad `value` as rendered, and an allowed text matching `allowed`.
 */
export function expectProblem(
  fn: () => unknown,
  path: string,
  prop: string,
  value: string,
  allowed: RegExp,
): void {
  const { path: got, problems, message } = problemsOf(fn);
  expect(got).toBe(path);
  const hit = problems.find((p) => p.prop === prop);
  if (!hit) throw new Error(`no problem for '${prop}' in:\n${message}`);
  expect(hit.value).toBe(value);
  expect(hit.allowed).toMatch(allowed);
  // the rendered message carries all four
  expect(message).toContain(`Invalid input for ${path}:`);
  expect(message).toContain(`- ${prop}: got '${value}'; allowed: `);
}
