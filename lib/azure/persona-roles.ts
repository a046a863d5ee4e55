import { Persona } from '../core/personas';
import { ROLES } from './defaults';
import { AzureCustomRoleDefinition } from './persona-rbac-props';

/** Resource type of the Azure ML workspace, prefix of its operations. */
export const WS = 'Microsoft.MachineLearningServices/workspaces';

/** Reads the workspace's read wildcard includes that no persona role needs: connection secrets, notebook keys. */
const SECRET_READS = [`${WS}/metadata/secrets/read`, `${WS}/listNotebookKeys/read`];

const ENDPOINT_KEY_ACTIONS = [
  `${WS}/onlineEndpoints/listKeys/action`,
  `${WS}/onlineEndpoints/regenerateKeys/action`,
  // "Lists keys for batch inference endpoints" (Azure permissions for AI + machine learning):
  // covered by batchEndpoints/* in the roles that manage batch endpoints
  `${WS}/batchEndpoints/listKeys/action`,
];

/**
 * Built-in custom role templates of the persona model (AZ-09, X-01, X-03). Operation names are
 * those of the Microsoft.MachineLearningServices resource provider (Azure permissions for AI +
 * machine learning); wildcards stay inside one workspace resource type.
 */
export function builtInCustomRoles(tokenOnly: boolean): {
  [key: string]: AzureCustomRoleDefinition;
} {
  const noKeys = tokenOnly ? ENDPOINT_KEY_ACTIONS : [];
  return {
    // Instead of the built-in "AzureML Data Scientist": its workspaces/*/write and */action
    // include the managed network's outbound rules (exfiltration past AZ-07), online endpoint
    // keys and connection secrets. This role lists what a data scientist develops instead.
    dataScientist: {
      name: 'ML Data Scientist',
      description:
        'Develops and trains models (jobs, data, environments, components, models, notebooks); cannot change the workspace, its network or compute, deploy endpoints or read secrets',
      actions: [
        `${WS}/read`,
        `${WS}/*/read`,
        `${WS}/jobs/*`,
        `${WS}/experiments/*`,
        `${WS}/schedules/*`,
        `${WS}/components/*`,
        `${WS}/environments/*`,
        `${WS}/codes/*`,
        `${WS}/data/*`,
        `${WS}/datasets/*`,
        `${WS}/models/*`,
        `${WS}/metadata/artifacts/*`,
        `${WS}/metadata/snapshots/*`,
        `${WS}/notebooks/storage/*`,
        `${WS}/labeling/*`,
        `${WS}/pipelinedrafts/*`,
        `${WS}/modules/*`,
        `${WS}/featuresets/*`,
        `${WS}/featurestoreentities/*`,
        `${WS}/reports/*`,
        `${WS}/metrics/resource/write`,
        `${WS}/computes/start/action`,
        `${WS}/computes/stop/action`,
        `${WS}/computes/restart/action`,
        `${WS}/computes/applicationaccess/action`,
      ],
      // environments/readSecrets/action stays: submitting any V2 job needs it (Azure ML,
      // manage access: common scenarios)
      notActions: SECRET_READS,
      personas: [Persona.DATA_SCIENTIST],
    },
    mlEngineer: {
      name: 'ML Engineer',
      description:
        'Registers and approves models, runs pipelines, deploys endpoints; cannot change the workspace or compute or read secrets',
      // Submitting a V2 job or pipeline needs */read, jobs/*, environments/write, build and
      // readSecrets, and metadata/artifacts/write; a deployment's scoring code is a code asset
      // (Azure ML, manage access: common scenarios)
      actions: [
        `${WS}/read`,
        `${WS}/*/read`,
        `${WS}/models/*`,
        `${WS}/onlineEndpoints/*`,
        `${WS}/batchEndpoints/*`,
        `${WS}/jobs/*`,
        `${WS}/experiments/*`,
        `${WS}/components/*`,
        `${WS}/environments/*`,
        `${WS}/codes/*`,
        `${WS}/metadata/artifacts/*`,
        `${WS}/metadata/snapshots/*`,
      ],
      // no notebooks: the notebook access token is for the data scientists' compute instances
      notActions: [...SECRET_READS, `${WS}/listNotebookAccessToken/read`, ...noKeys],
      personas: [Persona.ML_ENGINEER],
    },
    // V2 assets are versions: models/read and models/write name the containers only, the
    // versions are models/versions/read and /write (likewise environments and components)
    training: {
      name: 'ML Training',
      description: 'Runs training jobs and registers models; cannot deploy',
      actions: [
        `${WS}/read`,
        `${WS}/jobs/*`,
        `${WS}/experiments/*`,
        `${WS}/models/read`,
        `${WS}/models/write`,
        `${WS}/models/*/read`,
        `${WS}/models/*/write`,
        `${WS}/data/*`,
        `${WS}/datastores/read`,
        `${WS}/environments/read`,
        `${WS}/environments/write`,
        `${WS}/environments/*/read`,
        `${WS}/environments/*/write`,
        `${WS}/components/read`,
        `${WS}/components/*/read`,
        `${WS}/metadata/artifacts/*`,
        `${WS}/computes/read`,
      ],
      personas: [Persona.TRAINING],
    },
    pipeline: {
      name: 'ML Pipeline Operator',
      description: 'Submits and schedules pipeline jobs; cannot deploy or read secrets',
      actions: [
        `${WS}/read`,
        `${WS}/*/read`,
        `${WS}/jobs/*`,
        `${WS}/schedules/*`,
        `${WS}/experiments/*`,
        `${WS}/components/*`,
        `${WS}/codes/*`,
        `${WS}/environments/write`,
        `${WS}/environments/*/write`,
        `${WS}/environments/build/action`,
        `${WS}/environments/readSecrets/action`,
        `${WS}/metadata/artifacts/*`,
        `${WS}/metadata/snapshots/*`,
      ],
      notActions: [...SECRET_READS, `${WS}/listNotebookAccessToken/read`],
      personas: [Persona.PIPELINE],
    },
    deployment: {
      name: 'ML Model Deployer',
      description: 'Deploys registered models to online and batch endpoints; cannot train',
      actions: [
        `${WS}/read`,
        `${WS}/onlineEndpoints/*`,
        `${WS}/batchEndpoints/*`,
        `${WS}/models/read`,
        `${WS}/models/*/read`,
        `${WS}/environments/read`,
        `${WS}/environments/*/read`,
        // the scoring code of a deployment: a code asset the data scientists or ML engineers
        // registered (the deployer registers none)
        `${WS}/codes/read`,
        `${WS}/codes/*/read`,
        `${WS}/computes/read`,
      ],
      notActions: noKeys,
      personas: [Persona.DEPLOYMENT],
    },
  };
}

/** Built-in roles per persona: [role name, scope kind]. */
export const BUILT_IN: {
  [persona: string]: Array<
    [
      string,
      'workspace' | 'rg' | 'data' | 'dataRead' | 'logs' | 'registry' | 'systemFiles' | 'account',
    ]
  >;
} = {
  // Management of the platform's resource group; role assignments only through the delegated,
  // conditioned RBAC Administrator assignment below (never Owner).
  [Persona.PLATFORM_ADMIN]: [
    [ROLES.CONTRIBUTOR, 'rg'],
    [ROLES.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR, 'rg'],
  ],
  // 'systemFiles': the workspace storage account's file shares (notebooks); its system
  // containers through SYSTEM_STORAGE_ROLE
  [Persona.DATA_SCIENTIST]: [
    [ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data'],
    [ROLES.STORAGE_FILE_DATA_PRIVILEGED_CONTRIBUTOR, 'systemFiles'],
  ],
  // The custom ML Engineer role only: a built-in compute role on top would re-grant computes/*
  // (RBAC is additive, the custom role's notActions cannot take it away).
  [Persona.ML_ENGINEER]: [[ROLES.STORAGE_BLOB_DATA_READER, 'data']],
  [Persona.DATA_ENGINEER]: [
    [ROLES.READER, 'workspace'],
    [ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data'],
  ],
  [Persona.MODEL_VIEWER]: [[ROLES.READER, 'workspace']],
  [Persona.AUDITOR]: [
    [ROLES.READER, 'workspace'],
    [ROLES.LOG_ANALYTICS_READER, 'logs'],
  ],
  // 'account': the workspace storage account's tables and queues, which a parallel job (a batch
  // deployment runs as one) uses to hand out mini-batches; with shared keys off its cluster
  // identity needs both data roles ("Disable shared key access for your workspace's storage
  // account: scenarios for role assignments", Parallel Run Step)
  [Persona.TRAINING]: [
    [ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data'],
    [ROLES.ACR_PULL, 'registry'],
    [ROLES.STORAGE_TABLE_DATA_CONTRIBUTOR, 'account'],
    [ROLES.STORAGE_QUEUE_DATA_CONTRIBUTOR, 'account'],
  ],
  [Persona.PIPELINE]: [[ROLES.STORAGE_BLOB_DATA_READER, 'data']],
  [Persona.DEPLOYMENT]: [[ROLES.ACR_PULL, 'registry']],
  [Persona.MONITORING]: [
    [ROLES.READER, 'workspace'],
    [ROLES.MONITORING_READER, 'workspace'],
    [ROLES.LOG_ANALYTICS_READER, 'logs'],
  ],
};

/** Key of {@link SYSTEM_STORAGE_ROLE} among the persona roles. */
export const SYSTEM_STORAGE_ROLE_KEY = 'systemStorage';

/** The personas that read and write the workspace's system containers (AZ-09). */
export const SYSTEM_STORAGE_PERSONAS: Persona[] = [
  Persona.DATA_SCIENTIST,
  Persona.ML_ENGINEER,
  Persona.TRAINING,
  Persona.PIPELINE,
];

/**
 * Blob data in the workspace storage account's system containers (AZ-09): with shared keys off,
 * Azure ML reaches its system datastores (job code, outputs, MLflow artifacts, models uploaded
 * from files) with the caller's identity. Storage Blob Data Contributor without its container
 * actions: assigned on the whole account (Azure ML names the system containers), it would let
 * the grantees create and delete any container, the data containers included; an ABAC condition
 * on the assignment keeps its blob actions off the data containers.
 */
export const SYSTEM_STORAGE_ROLE: AzureCustomRoleDefinition = {
  name: 'ML Workspace System Storage',
  description:
    "Reads and writes blobs of the workspace storage account's system containers; creates and deletes no container",
  actions: [
    'Microsoft.Storage/storageAccounts/blobServices/containers/read',
    'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
  ],
  dataActions: [
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
    'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
  ],
};
