import { AzureMLWorkspace } from '../../lib/azure';
import { Persona } from '../../lib/core';
import { synthJson } from '../helpers';
import { all, azureStack, ENC, IDS, permits } from './fixtures';

/**
 * Each persona's day-1 workflow against the custom roles the workspace synthesizes. The operation
 * sets are those of Azure ML's "Manage access to a workspace: common scenarios" (submitting a V2
 * job, registering a model version) and of the Microsoft.MachineLearningServices operations list:
 * V2 assets are versions (models/versions/write), which models/write does not name.
 */
const WS = 'Microsoft.MachineLearningServices/workspaces';
const SUBMIT_V2_JOB = [
  `${WS}/read`,
  `${WS}/datastores/read`,
  `${WS}/computes/read`,
  `${WS}/jobs/write`,
  `${WS}/jobs/read`,
  `${WS}/environments/write`,
  `${WS}/environments/versions/write`,
  `${WS}/environments/build/action`,
  `${WS}/environments/readSecrets/action`,
  `${WS}/metadata/artifacts/write`,
  `${WS}/codes/versions/write`,
];
const PIPELINE_PRINCIPAL = 'aaaaaaaa-0000-0000-0000-000000000008';

const roles = (() => {
  const { stack } = azureStack();
  new AzureMLWorkspace(stack, 'ml', {
    encryption: ENC,
    environment: 'prod',
    location: 'westeurope',
    personas: {
      [Persona.DATA_SCIENTIST]: [IDS.ds],
      [Persona.ML_ENGINEER]: [IDS.mle],
      [Persona.PLATFORM_ADMIN]: [IDS.admin],
      [Persona.DEPLOYMENT]: [IDS.deployer],
      [Persona.PIPELINE]: [PIPELINE_PRINCIPAL],
    },
  });
  const json = synthJson(stack);
  const byKey: { [key: string]: { actions: string[]; notActions: string[] } } = {};
  for (const { name, r } of all(json, 'azurerm_role_definition')) {
    const key = /_role-([A-Za-z]+)_/.exec(name)?.[1];
    if (key !== undefined)
      byKey[key] = { actions: r.permissions[0].actions, notActions: r.permissions[0].not_actions };
  }
  return { byKey, assignments: all(json, 'azurerm_role_assignment').map(({ r }) => r) };
})();

/** The operations of `ops` the role does not permit, as a sorted list. */
function denied(role: string, ops: string[]): string[] {
  const perm = roles.byKey[role];
  if (perm === undefined) throw new Error(`no custom role ${role}`);
  return ops.filter((op) => !permits(perm, op)).sort();
}

describe('AZ-09 persona workflows under the synthesized custom roles', () => {
  test.each(['dataScientist', 'mlEngineer', 'pipeline'])(
    '%s can submit a V2 job or pipeline (common scenarios: submitting any type of run)',
    (role) => {
      expect(denied(role, SUBMIT_V2_JOB)).toEqual([]);
    },
  );

  test('the training identity registers model versions and reads the versions it runs on', () => {
    expect(
      denied('training', [
        `${WS}/models/versions/write`,
        `${WS}/models/versions/read`,
        `${WS}/environments/versions/read`,
        `${WS}/components/versions/read`,
        `${WS}/data/versions/read`,
        `${WS}/metadata/artifacts/write`,
      ]),
    ).toEqual([]);
  });

  test('the deployer reads the model and environment versions it deploys', () => {
    expect(
      denied('deployment', [
        `${WS}/models/versions/read`,
        `${WS}/environments/versions/read`,
        `${WS}/codes/versions/read`,
        `${WS}/onlineEndpoints/deployments/write`,
      ]),
    ).toEqual([]);
  });

  test('roles that read every workspace sub-resource still cannot read connection secrets or notebook keys', () => {
    for (const role of ['dataScientist', 'mlEngineer', 'pipeline'])
      expect(denied(role, [`${WS}/metadata/secrets/read`, `${WS}/listNotebookKeys/read`])).toEqual([
        `${WS}/listNotebookKeys/read`,
        `${WS}/metadata/secrets/read`,
      ]);
  });

  test('only the data scientists get the notebook access token (their compute instances)', () => {
    expect(denied('dataScientist', [`${WS}/listNotebookAccessToken/read`])).toEqual([]);
    for (const role of ['mlEngineer', 'pipeline'])
      expect(denied(role, [`${WS}/listNotebookAccessToken/read`])).toEqual([
        `${WS}/listNotebookAccessToken/read`,
      ]);
  });

  test('segregation stays: no training or pipeline deployment, no deployer job, no compute changes but the data scientist start/stop', () => {
    const blocked = (role: string, ops: string[]) => expect(denied(role, ops)).toEqual(ops.sort());
    blocked('training', [`${WS}/onlineEndpoints/write`, `${WS}/batchEndpoints/write`]);
    blocked('pipeline', [`${WS}/onlineEndpoints/write`, `${WS}/batchEndpoints/write`]);
    blocked('deployment', [`${WS}/jobs/write`, `${WS}/codes/versions/write`]);
    for (const role of ['mlEngineer', 'pipeline', 'deployment', 'training'])
      blocked(role, [`${WS}/write`, `${WS}/delete`, `${WS}/computes/write`]);
  });

  test('every notAction of a built-in persona role takes something away from its actions', () => {
    const inert: string[] = [];
    for (const [key, { actions, notActions }] of Object.entries(roles.byKey)) {
      // an exclusion counts when some action's wildcard covers it (NotActions subtract only from
      // the same role's Actions)
      for (const n of notActions)
        if (!permits({ actions }, n.replace(/\*/g, 'x'))) inert.push(`${key}: ${n}`);
    }
    expect(inert).toEqual([]);
  });

  test("the pipeline principal writes the system containers (job code and snapshots with shared keys off), not the data containers' blobs", () => {
    const own = roles.assignments.filter((r) => r.principal_id === PIPELINE_PRINCIPAL);
    const system = own.filter((r) => String(r.role_definition_id).includes('systemStorage'));
    expect(system).toHaveLength(1);
    expect(system[0].scope).toContain('azurerm_storage_account.');
  });
});

describe('AZ-10 online endpoint identity (endpointIdentity)', () => {
  const synth = (endpointIdentity?: boolean) => {
    const { stack } = azureStack();
    new AzureMLWorkspace(stack, 'ml', {
      encryption: ENC,
      environment: 'prod',
      location: 'westeurope',
      personas: { [Persona.DEPLOYMENT]: [IDS.deployer] },
      endpointIdentity,
    });
    return synthJson(stack);
  };

  test('off by default: no endpoint identity and no grants on one', () => {
    const json = synth();
    expect(all(json, 'azurerm_user_assigned_identity').map(({ name }) => name)).not.toEqual(
      expect.arrayContaining([expect.stringContaining('endpoint-identity')]),
    );
  });

  test('pulls images, reads the system containers only, and the deployer may attach it', () => {
    const json = synth(true);
    const identity = all(json, 'azurerm_user_assigned_identity').find(({ name }) =>
      name.includes('endpoint-identity'),
    )!;
    const ref = `azurerm_user_assigned_identity.${identity.name}`;
    const grants = all(json, 'azurerm_role_assignment').map(({ r }) => r);
    const own = grants.filter((r) => r.principal_id === `\${${ref}.principal_id}`);
    expect(own.map((r) => [r.role_definition_name, String(r.scope).split('.')[0]]).sort()).toEqual([
      ['AcrPull', '${azurerm_container_registry'],
      ['Storage Blob Data Reader', '${azurerm_storage_account'],
    ]);
    for (const r of own) expect(r.principal_type).toBe('ServicePrincipal');
    const reader = own.find((r) => r.role_definition_name === 'Storage Blob Data Reader')!;
    expect(reader.condition).toContain(
      '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringNotEquals',
    );
    expect(
      grants
        .filter((r) => r.scope === `\${${ref}.id}`)
        .map((r) => [r.principal_id, r.role_definition_name]),
    ).toEqual([[IDS.deployer, 'Managed Identity Operator']]);
  });
});
