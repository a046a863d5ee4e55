import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { requireProps } from '../core/errors';
import {
  ONE_PER_PROJECT,
  checkDuplicates,
  checkList,
  checkPattern,
  claim,
  openProjectValidation,
  projectScope,
} from './validation';

/** The custom roles of the platform (GCP-02, GCP-04). */
export enum GcpCustomRole {
  /** Runs Vertex AI pipelines and the jobs they start; writes metadata. No deploy. */
  PIPELINE_OPERATOR = 'PIPELINE_OPERATOR',
  /**
   * Launches pipeline runs and nothing else (the CI identity, GCP-19): what the runs do is the
   * pipeline service account's. No custom jobs, no model registration, no deploy.
   */
  PIPELINE_LAUNCHER = 'PIPELINE_LAUNCHER',
  /** What a training job writes: metadata, tensorboard, experiments. No deploy. */
  TRAINER = 'TRAINER',
  /** "Vertex AI Model Deployer": upload models, deploy/undeploy them on endpoints. No training. */
  MODEL_DEPLOYER = 'MODEL_DEPLOYER',
  /** "Vertex AI Model Viewer": read-only on models, endpoints, evaluations, pipeline runs. */
  MODEL_VIEWER = 'MODEL_VIEWER',
  /** Runs model monitoring jobs. */
  MODEL_MONITOR = 'MODEL_MONITOR',
  /** Data scientist: experiments, custom training and tuning jobs, model registration. No deploy. */
  DATA_SCIENTIST = 'DATA_SCIENTIST',
  /** ML engineer: pipelines, schedules and the model registry (aliases = approval). No deploy. */
  ML_ENGINEER = 'ML_ENGINEER',
  /** Vizier-only administrator (studies and trials, incl. delete), GCP-04. */
  VIZIER_ADMIN = 'VIZIER_ADMIN',
  /** Vizier-only developer (create and run studies and trials, no delete), GCP-04. */
  VIZIER_DEVELOPER = 'VIZIER_DEVELOPER',
  /** Vizier-only viewer (read studies and trials), GCP-04. */
  VIZIER_VIEWER = 'VIZIER_VIEWER',
  /**
   * Platform admin's logging configuration: roles/logging.configWriter without creating, updating
   * or deleting sinks and log buckets and without updating or deleting exclusions, so the admins
   * cannot redirect, copy or drop the audit trail, nor let Data Access logs back into `_Default`
   * (GCP-10).
   */
  LOGGING_CONFIG = 'LOGGING_CONFIG',
  /**
   * Workbench instance owner: reads, starts and stops the instance. Granted on each instance to
   * its owner only, so that the owner can start it again after the idle shutdown (GCP-09).
   */
  WORKBENCH_OWNER = 'WORKBENCH_OWNER',
}

const METADATA_WRITE = [
  'aiplatform.metadataStores.get',
  'aiplatform.artifacts.create',
  'aiplatform.artifacts.get',
  'aiplatform.artifacts.list',
  'aiplatform.artifacts.update',
  'aiplatform.executions.create',
  'aiplatform.executions.get',
  'aiplatform.executions.list',
  'aiplatform.executions.update',
  'aiplatform.contexts.create',
  'aiplatform.contexts.get',
  'aiplatform.contexts.list',
  'aiplatform.contexts.update',
  'aiplatform.contexts.addContextArtifactsAndExecutions',
  'aiplatform.contexts.addContextChildren',
];

const TENSORBOARD_WRITE = [
  'aiplatform.tensorboards.get',
  'aiplatform.tensorboards.list',
  'aiplatform.tensorboardExperiments.create',
  'aiplatform.tensorboardExperiments.get',
  'aiplatform.tensorboardExperiments.list',
  'aiplatform.tensorboardExperiments.update',
  'aiplatform.tensorboardExperiments.write',
  'aiplatform.tensorboardRuns.create',
  'aiplatform.tensorboardRuns.get',
  'aiplatform.tensorboardRuns.list',
  'aiplatform.tensorboardRuns.update',
  'aiplatform.tensorboardRuns.write',
  'aiplatform.tensorboardTimeSeries.create',
  'aiplatform.tensorboardTimeSeries.get',
  'aiplatform.tensorboardTimeSeries.list',
  'aiplatform.tensorboardTimeSeries.read',
  'aiplatform.tensorboardTimeSeries.update',
];

const CUSTOM_JOBS = [
  'aiplatform.customJobs.create',
  'aiplatform.customJobs.get',
  'aiplatform.customJobs.list',
  'aiplatform.customJobs.cancel',
];
const PIPELINE_JOBS = [
  'aiplatform.pipelineJobs.create',
  'aiplatform.pipelineJobs.get',
  'aiplatform.pipelineJobs.list',
  'aiplatform.pipelineJobs.cancel',
];
/**
 * What the Google Cloud Pipeline Components that run jobs of their own call as the pipeline SA
 * (kubeflow/pipelines components/google-cloud, container/v1/gcp_launcher): ModelBatchPredictOp
 * creates a batch prediction job, polls it (GetBatchPredictionJob) until it ends and cancels it
 * when the run is cancelled (job_remote_runner.py); ModelImportEvaluationOp imports an evaluation
 * (ImportModelEvaluation) and then its slices (BatchImportModelEvaluationSlices,
 * container/_implementation/model_evaluation/import_model_evaluation.py). Names from
 * iann0036/iam-dataset (gcp/roles/aiplatform.user.json).
 */
const PIPELINE_COMPONENT_JOBS = [
  'aiplatform.batchPredictionJobs.create',
  'aiplatform.batchPredictionJobs.get',
  'aiplatform.batchPredictionJobs.cancel',
  'aiplatform.modelEvaluations.import',
  'aiplatform.modelEvaluationSlices.import',
];
const MODEL_READ = [
  'aiplatform.models.get',
  'aiplatform.models.list',
  'aiplatform.modelEvaluations.get',
  'aiplatform.modelEvaluations.list',
];
const ENDPOINT_READ = ['aiplatform.endpoints.get', 'aiplatform.endpoints.list'];
const OPS = [
  'aiplatform.operations.list',
  'aiplatform.locations.get',
  'aiplatform.locations.list',
  'resourcemanager.projects.get',
];

/**
 * The s002 table (AI Platform Vizier, `ml.googleapis.com`): each method and the one permission it
 * needs. AI Platform was shut down on 2025-01-31, so these `ml.*` permissions guard nothing any
 * more; the table is kept as the specification that {@link VIZIER_METHOD_PERMISSIONS} maps.
 */
export const LEGACY_VIZIER_METHOD_PERMISSIONS: { [method: string]: string } = {
  'projects.locations.studies.create': 'ml.studies.create',
  'projects.locations.studies.delete': 'ml.studies.delete',
  'projects.locations.studies.get': 'ml.studies.get',
  'projects.locations.studies.list': 'ml.studies.list',
  'projects.locations.studies.trials.suggest': 'ml.trials.update',
  'projects.locations.studies.trials.create': 'ml.trials.create',
  'projects.locations.studies.trials.delete': 'ml.trials.delete',
  'projects.locations.studies.trials.addMeasurement': 'ml.trials.update',
  'projects.locations.studies.trials.stop': 'ml.trials.update',
  'projects.locations.studies.trials.complete': 'ml.trials.update',
  'projects.locations.studies.trials.get': 'ml.trials.get',
  'projects.locations.studies.trials.checkEarlyStoppingState': 'ml.trials.get',
  'projects.locations.studies.trials.list': 'ml.trials.get',
};

/**
 * The s002 table mapped to today's Vertex AI Vizier (`aiplatform.googleapis.com`, VizierService):
 * each method and the `aiplatform.studies.*` / `aiplatform.trials.*` permission it needs. The
 * Vizier-only custom roles are built from this table (GCP-04). create/delete/get/list of studies
 * and create/delete/get of trials are the method→permission map of iann0036/iam-dataset
 * (gcp/map.json); the others follow s002 (state changes of a trial are `trials.update`, reads
 * `trials.get`/`trials.list`), with `trials.list` where Vertex AI has a list permission.
 */
export const VIZIER_METHOD_PERMISSIONS: { [method: string]: string } = {
  'projects.locations.studies.create': 'aiplatform.studies.create',
  'projects.locations.studies.delete': 'aiplatform.studies.delete',
  'projects.locations.studies.get': 'aiplatform.studies.get',
  'projects.locations.studies.lookup': 'aiplatform.studies.get',
  'projects.locations.studies.list': 'aiplatform.studies.list',
  'projects.locations.studies.trials.suggest': 'aiplatform.trials.update',
  'projects.locations.studies.trials.create': 'aiplatform.trials.create',
  'projects.locations.studies.trials.delete': 'aiplatform.trials.delete',
  'projects.locations.studies.trials.addTrialMeasurement': 'aiplatform.trials.update',
  'projects.locations.studies.trials.stop': 'aiplatform.trials.update',
  'projects.locations.studies.trials.complete': 'aiplatform.trials.update',
  'projects.locations.studies.trials.get': 'aiplatform.trials.get',
  'projects.locations.studies.trials.checkTrialEarlyStoppingState': 'aiplatform.trials.get',
  'projects.locations.studies.trials.list': 'aiplatform.trials.list',
  'projects.locations.studies.trials.listOptimalTrials': 'aiplatform.trials.list',
};

/**
 * roles/logging.configWriter (iann0036/iam-dataset gcp/roles/logging.configWriter.json) without
 * the permissions that create, update or delete sinks and log buckets, or update or delete
 * exclusions (GCP-10): the audit sink stays where it is, the exclusion that keeps Data Access
 * logs out of the `_Default` bucket stays in place, and no new sink can copy the audit logs to
 * a bucket that is not encrypted with the platform key.
 */
const LOGGING_CONFIG = [
  'logging.buckets.get',
  'logging.buckets.list',
  'logging.exclusions.create',
  'logging.exclusions.get',
  'logging.exclusions.list',
  'logging.links.get',
  'logging.links.list',
  'logging.locations.get',
  'logging.locations.list',
  'logging.logMetrics.create',
  'logging.logMetrics.delete',
  'logging.logMetrics.get',
  'logging.logMetrics.list',
  'logging.logMetrics.update',
  'logging.logs.list',
  'logging.operations.get',
  'logging.operations.list',
  'logging.settings.get',
  'logging.sinks.get',
  'logging.sinks.list',
  'logging.views.get',
  'logging.views.list',
  'resourcemanager.projects.get',
];

/**
 * What a Workbench instance's owner does to the instance itself (GCP-09): read it and its health,
 * start it after the idle shutdown, stop it. Names from roles/notebooks.admin
 * (iann0036/iam-dataset gcp/roles/notebooks.admin.json). No create, delete, update, reset,
 * upgrade or IAM policy permissions: those stay with the admins (roles/notebooks.admin on the
 * instance).
 */
const WORKBENCH_OWNER = [
  'notebooks.instances.get',
  'notebooks.instances.getHealth',
  'notebooks.instances.start',
  'notebooks.instances.stop',
];

/** Permissions of the methods whose name matches. */
function vizier(methods: (m: string) => boolean): string[] {
  const perms = Object.entries(VIZIER_METHOD_PERMISSIONS)
    .filter(([m]) => methods(m))
    .map(([, p]) => p);
  return [...new Set(['resourcemanager.projects.get', ...perms])].sort();
}

const READ_METHODS = /\.(get|list|lookup|checkTrialEarlyStoppingState|listOptimalTrials)$/;

interface RoleDefinition {
  readonly roleId: string;
  readonly title: string;
  readonly description: string;
  readonly permissions: string[];
}

/** The definitions of every custom role (pure data, shared with tests and docs). */
export const CUSTOM_ROLE_DEFINITIONS: { [role: string]: RoleDefinition } = {
  [GcpCustomRole.PIPELINE_OPERATOR]: {
    roleId: 'mlopsPipelineOperator',
    title: 'MLOps Vertex AI Pipeline Operator',
    description:
      'Runs Vertex AI pipelines and the custom and batch prediction jobs they start, writes ML metadata, registers models and imports their evaluations. Cannot deploy.',
    permissions: [
      ...PIPELINE_JOBS,
      ...CUSTOM_JOBS,
      ...PIPELINE_COMPONENT_JOBS,
      ...METADATA_WRITE,
      'aiplatform.models.upload',
      ...MODEL_READ,
      ...OPS,
    ],
  },
  [GcpCustomRole.PIPELINE_LAUNCHER]: {
    roleId: 'mlopsPipelineLauncher',
    title: 'MLOps Vertex AI Pipeline Launcher',
    description:
      'Launches, watches and cancels Vertex AI pipeline runs (CI). The runs act as the pipeline service account.',
    permissions: [...PIPELINE_JOBS, ...OPS],
  },
  [GcpCustomRole.TRAINER]: {
    roleId: 'mlopsTrainer',
    title: 'MLOps Vertex AI Trainer',
    description:
      'What training jobs need: ML metadata and TensorBoard writes, model reads. Cannot deploy.',
    permissions: [...METADATA_WRITE, ...TENSORBOARD_WRITE, 'aiplatform.models.get', ...OPS],
  },
  [GcpCustomRole.MODEL_DEPLOYER]: {
    roleId: 'mlopsModelDeployer',
    title: 'MLOps Vertex AI Model Deployer',
    description: 'Uploads models and deploys/undeploys them on endpoints. No training permissions.',
    permissions: [
      'aiplatform.endpoints.deploy',
      'aiplatform.endpoints.undeploy',
      'aiplatform.endpoints.update',
      ...ENDPOINT_READ,
      'aiplatform.models.upload',
      ...MODEL_READ,
      ...OPS,
    ],
  },
  [GcpCustomRole.MODEL_VIEWER]: {
    roleId: 'mlopsModelViewer',
    title: 'MLOps Vertex AI Model Viewer',
    description:
      'Read-only access to models, evaluations, endpoints, pipeline runs and monitoring jobs.',
    permissions: [
      ...MODEL_READ,
      ...ENDPOINT_READ,
      'aiplatform.pipelineJobs.get',
      'aiplatform.pipelineJobs.list',
      'aiplatform.modelDeploymentMonitoringJobs.get',
      'aiplatform.modelDeploymentMonitoringJobs.list',
      ...OPS,
    ],
  },
  [GcpCustomRole.MODEL_MONITOR]: {
    roleId: 'mlopsModelMonitor',
    title: 'MLOps Vertex AI Model Monitor',
    description: 'Creates and runs model deployment monitoring jobs; reads models and endpoints.',
    permissions: [
      'aiplatform.modelDeploymentMonitoringJobs.create',
      'aiplatform.modelDeploymentMonitoringJobs.get',
      'aiplatform.modelDeploymentMonitoringJobs.list',
      'aiplatform.modelDeploymentMonitoringJobs.update',
      'aiplatform.modelDeploymentMonitoringJobs.pause',
      'aiplatform.modelDeploymentMonitoringJobs.resume',
      ...ENDPOINT_READ,
      ...MODEL_READ,
      ...OPS,
    ],
  },
  [GcpCustomRole.DATA_SCIENTIST]: {
    roleId: 'mlopsDataScientist',
    title: 'MLOps Vertex AI Data Scientist',
    description:
      'Experiments, custom training and tuning jobs, TensorBoard, model registration. Cannot deploy or approve.',
    permissions: [
      ...CUSTOM_JOBS,
      // finds the Workbench instances (their own is read, started and stopped through the
      // Workbench Owner role on it); roles/notebooks.viewer would also read every VM's metadata,
      // serial port output and screenshots project-wide
      'notebooks.instances.list',
      'aiplatform.hyperparameterTuningJobs.create',
      'aiplatform.hyperparameterTuningJobs.get',
      'aiplatform.hyperparameterTuningJobs.list',
      'aiplatform.hyperparameterTuningJobs.cancel',
      'aiplatform.datasets.get',
      'aiplatform.datasets.list',
      ...METADATA_WRITE,
      ...TENSORBOARD_WRITE,
      'aiplatform.models.upload',
      ...MODEL_READ,
      'aiplatform.pipelineJobs.get',
      'aiplatform.pipelineJobs.list',
      ...OPS,
    ],
  },
  [GcpCustomRole.ML_ENGINEER]: {
    roleId: 'mlopsMlEngineer',
    title: 'MLOps Vertex AI ML Engineer',
    description:
      'Pipelines, schedules and the model registry (model updates and aliases are approval). Cannot deploy.',
    permissions: [
      ...PIPELINE_JOBS,
      'aiplatform.schedules.create',
      'aiplatform.schedules.get',
      'aiplatform.schedules.list',
      'aiplatform.schedules.update',
      'aiplatform.models.update',
      ...MODEL_READ,
      ...ENDPOINT_READ,
      'aiplatform.metadataStores.get',
      'aiplatform.artifacts.get',
      'aiplatform.artifacts.list',
      'aiplatform.executions.get',
      'aiplatform.executions.list',
      'aiplatform.contexts.get',
      'aiplatform.contexts.list',
      ...OPS,
    ],
  },
  [GcpCustomRole.VIZIER_ADMIN]: {
    roleId: 'mlopsVizierAdmin',
    title: 'MLOps Vizier-only Administrator',
    description:
      'Every Vertex AI Vizier study and trial method (s002 table, aiplatform permissions); no Training or Prediction.',
    permissions: vizier(() => true),
  },
  [GcpCustomRole.VIZIER_DEVELOPER]: {
    roleId: 'mlopsVizierDeveloper',
    title: 'MLOps Vizier-only Developer',
    description:
      'Create, suggest, measure and complete studies and trials (s002 table), no delete; no Training or Prediction.',
    permissions: vizier((m) => !m.endsWith('.delete')),
  },
  [GcpCustomRole.VIZIER_VIEWER]: {
    roleId: 'mlopsVizierViewer',
    title: 'MLOps Vizier-only Viewer',
    description: 'Read studies and trials (s002 table); no Training or Prediction.',
    permissions: vizier((m) => READ_METHODS.test(m)),
  },
  [GcpCustomRole.LOGGING_CONFIG]: {
    roleId: 'mlopsLoggingConfig',
    title: 'MLOps Logging Configuration',
    description:
      'Logging configuration without creating, updating or deleting sinks and log buckets, or updating or deleting exclusions: the audit sink and its exclusions stay where they are (GCP-10).',
    permissions: LOGGING_CONFIG,
  },
  [GcpCustomRole.WORKBENCH_OWNER]: {
    roleId: 'mlopsWorkbenchOwner',
    title: 'MLOps Workbench Instance Owner',
    description:
      'Reads, starts and stops a Workbench instance; granted on the instance to its owner (GCP-09).',
    permissions: WORKBENCH_OWNER,
  },
};

for (const def of Object.values(CUSTOM_ROLE_DEFINITIONS)) {
  (def as { permissions: string[] }).permissions = [...new Set(def.permissions)].sort();
}

/** Props of {@link GcpRoleCatalogue}. */
export interface GcpRoleCatalogueProps {
  /** Project the custom roles are defined in. */
  readonly projectId: string;
  /**
   * Roles to create.
   * @default - every GcpCustomRole
   */
  readonly roles?: GcpCustomRole[];
  /**
   * Resources to wait for (e.g. the enabled API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Suffix appended to role ids (letters, digits, '_' and '.'), for several platforms in one project.
   * @default - none
   */
  readonly roleIdSuffix?: string;
}

const PROPS_KEYS: { [K in keyof Required<GcpRoleCatalogueProps>]: true } = {
  projectId: true,
  roles: true,
  dependsOn: true,
  roleIdSuffix: true,
};

/**
 * The platform's custom roles (GCP-02) including the Vizier-only roles of GCP-04, as
 * project-level `google_project_iam_custom_role`s. Predefined Vizier roles (roles/ml.admin,
 * roles/ml.developer, roles/ml.viewer) are available through {@link GcpRoleCatalogue.PREDEFINED_VIZIER_ROLES}.
 */
export class GcpRoleCatalogue extends Construct {
  /**
   * Predefined roles that hold the Vizier permissions today. s002's roles/ml.admin, ml.developer
   * and ml.viewer belong to AI Platform, shut down on 2025-01-31; Vertex AI has no Vizier-only
   * predefined role, so these (roles/aiplatform.user, roles/aiplatform.viewer) also grant
   * training, prediction and the rest of Vertex AI.
   */
  public static readonly PREDEFINED_VIZIER_ROLES: { [level: string]: string } = {
    ADMIN: 'roles/aiplatform.user',
    DEVELOPER: 'roles/aiplatform.user',
    VIEWER: 'roles/aiplatform.viewer',
  };

  /** The permissions of a custom role. */
  public static permissionsOf(role: GcpCustomRole): string[] {
    return [...CUSTOM_ROLE_DEFINITIONS[role].permissions];
  }

  /** Created roles by GcpCustomRole. */
  public readonly roles: { [role: string]: ProjectIamCustomRole } = {};
  private readonly names: { [role: string]: string } = {};

  constructor(scope: Construct, id: string, props: GcpRoleCatalogueProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = openProjectValidation(this, props, PROPS_KEYS);
    if (checkList(v, 'roles', props.roles, 'GcpCustomRole values')) {
      (props.roles ?? []).forEach((r, i) =>
        v.enumValue(`roles[${i}]`, r, Object.values(GcpCustomRole), false),
      );
      checkDuplicates(v, 'roles', props.roles, (r) => String(r), 'a role');
    }
    checkPattern(
      v,
      'roleIdSuffix',
      props.roleIdSuffix,
      /^[a-zA-Z0-9_.]{1,20}$/,
      "1-20 letters, digits, '_' and '.'",
      { optional: true, literal: 'it forms the custom role ids' },
    );
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();
    for (const role of props.roles ?? Object.values(GcpCustomRole)) {
      const def = CUSTOM_ROLE_DEFINITIONS[role];
      const roleId = `${def.roleId}${props.roleIdSuffix ?? ''}`;
      // a custom role id is unique in its project
      claim(
        this,
        'custom role',
        projectScope(props.projectId),
        roleId,
        'roleIdSuffix',
        ONE_PER_PROJECT,
      );
      this.roles[role] = new ProjectIamCustomRole(this, role.toLowerCase().replace(/_/g, '-'), {
        project: props.projectId,
        roleId,
        title: def.title,
        description: def.description,
        permissions: def.permissions,
        stage: 'GA',
        dependsOn: props.dependsOn,
      });
    }
  }

  /** The role name (projects/P/roles/R) of a custom role; throws when not created. */
  public roleName(role: GcpCustomRole): string {
    const r = this.roles[role];
    if (!r) throw new Error(`GcpRoleCatalogue ${this.node.path}: role ${role} was not created`);
    // one token per role: every reference token captures a stack trace, which dominates synth time at scale
    this.names[role] ??= r.name;
    return this.names[role];
  }
}
