import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { requireProps } from '../core/errors';
import { Persona } from '../core/personas';
import { defaultServiceAccountIds } from './defaults';
import { GcpCustomRole, GcpRoleCatalogue } from './role-catalogue';
import {
  checkInstance,
  checkList,
  checkPattern,
  claim,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

/** Service account ids of the workload identities. */
export interface GcpServiceAccountIds {
  /**
   * Pipeline runner.
   * @default 'vertex-pipeline'
   */
  readonly pipeline?: string;
  /**
   * Training jobs.
   * @default 'vertex-training'
   */
  readonly training?: string;
  /**
   * Deployment / serving.
   * @default 'vertex-deployment'
   */
  readonly deployment?: string;
  /**
   * Model monitoring.
   * @default 'vertex-monitoring'
   */
  readonly monitoring?: string;
}

/** Props of {@link GcpServiceAccounts}. */
export interface GcpServiceAccountsProps {
  /** Project of the service accounts. */
  readonly projectId: string;
  /**
   * Account ids.
   * @default - vertex-pipeline, vertex-training, vertex-deployment, vertex-monitoring
   */
  readonly accountIds?: GcpServiceAccountIds;
  /**
   * Custom roles to bind at project level (the Vertex AI job, pipeline and deploy APIs have no
   * resource-level IAM). Without it, only the accounts and the actAs grant are created.
   * @default - no project-level bindings
   */
  readonly roleCatalogue?: GcpRoleCatalogue;
  /**
   * Resources to wait for (e.g. the enabled API).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Display name prefix.
   * @default 'MLOps'
   */
  readonly displayNamePrefix?: string;
}

const DEFAULT_IDS: { [p: string]: string } = defaultServiceAccountIds();

const ROLE_OF: { [p: string]: GcpCustomRole } = {
  [Persona.PIPELINE]: GcpCustomRole.PIPELINE_OPERATOR,
  [Persona.TRAINING]: GcpCustomRole.TRAINER,
  [Persona.DEPLOYMENT]: GcpCustomRole.MODEL_DEPLOYER,
  [Persona.MONITORING]: GcpCustomRole.MODEL_MONITOR,
};

const PROPS_KEYS: { [K in keyof Required<GcpServiceAccountsProps>]: true } = {
  projectId: true,
  accountIds: true,
  roleCatalogue: true,
  dependsOn: true,
  displayNamePrefix: true,
};

/**
 * Dedicated service accounts per function (GCP-01): pipeline runner, training, deployment and
 * monitoring; the default compute SA is never used. The pipeline SA may act as the training SA
 * only (`roles/iam.serviceAccountUser` on that one account).
 */
export class GcpServiceAccounts extends Construct {
  /** Pipeline runner SA. */
  public readonly pipeline: ServiceAccount;
  /** Training SA. */
  public readonly training: ServiceAccount;
  /** Deployment SA. */
  public readonly deployment: ServiceAccount;
  /** Monitoring SA. */
  public readonly monitoring: ServiceAccount;
  /** Pipeline SA → actAs the training SA. */
  public readonly pipelineActsAsTraining: ServiceAccountIamMember;
  /** Project-level custom role bindings, by persona. */
  public readonly projectBindings: { [persona: string]: ProjectIamMember } = {};
  /** Deterministic emails, by persona (undefined when the project id is a token). */
  public readonly emails: { [persona: string]: string } = {};

  constructor(scope: Construct, id: string, props: GcpServiceAccountsProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const key: { [p: string]: string } = {
      [Persona.PIPELINE]: 'pipeline',
      [Persona.TRAINING]: 'training',
      [Persona.DEPLOYMENT]: 'deployment',
      [Persona.MONITORING]: 'monitoring',
    };
    const v = openProjectValidation(this, props, PROPS_KEYS);
    const given = v.object('accountIds', props.accountIds) ? (props.accountIds ?? {}) : {};
    for (const k of Object.keys(given)) {
      if (!Object.values(key).includes(k))
        v.add('accountIds', k, `account ids by function: ${Object.values(key).join(', ')}`);
    }
    const ids: { [p: string]: string } = {};
    for (const [p, k] of Object.entries(key)) {
      ids[p] = (given as any)[k] ?? DEFAULT_IDS[p];
      checkPattern(
        v,
        `accountIds.${k}`,
        ids[p],
        /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/,
        '6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
        { literal: 'it is the service account id, part of its e-mail' },
      );
    }
    const values = Object.values(ids).filter((x) => literal(x) !== undefined);
    v.require(
      new Set(values).size === values.length,
      'accountIds',
      JSON.stringify(ids),
      'distinct account ids (one identity per function, GCP-01)',
    );
    checkInstance(
      v,
      'roleCatalogue',
      props.roleCatalogue,
      GcpRoleCatalogue,
      'a GcpRoleCatalogue construct',
    );
    checkPattern(
      v,
      'displayNamePrefix',
      props.displayNamePrefix,
      /^.{1,60}$/,
      'a display name prefix of 1-60 characters (display names are at most 100)',
      { optional: true },
    );
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();
    // service account ids are unique in their project
    for (const [p, k] of Object.entries(key))
      claim(this, 'service account', projectScope(props.projectId), ids[p], `accountIds.${k}`);

    const prefix = props.displayNamePrefix ?? 'MLOps';
    const make = (p: Persona, description: string): ServiceAccount => {
      const sa = new ServiceAccount(this, key[p], {
        project: props.projectId,
        accountId: ids[p],
        displayName: `${prefix} ${key[p]}`,
        description,
        dependsOn: props.dependsOn,
      });
      if (!Token.isUnresolved(props.projectId))
        this.emails[p] = `${ids[p]}@${props.projectId}.iam.gserviceaccount.com`;
      if (props.roleCatalogue) {
        this.projectBindings[p] = new ProjectIamMember(this, `${key[p]}-role`, {
          project: props.projectId,
          role: props.roleCatalogue.roleName(ROLE_OF[p]),
          member: sa.member,
        });
      }
      return sa;
    };
    this.pipeline = make(
      Persona.PIPELINE,
      'Runs Vertex AI pipelines; may act as the training SA only (GCP-01)',
    );
    this.training = make(Persona.TRAINING, 'Runs Vertex AI training jobs (GCP-01)');
    this.deployment = make(
      Persona.DEPLOYMENT,
      'The only identity that deploys models to endpoints (GCP-01, GCP-15)',
    );
    this.monitoring = make(Persona.MONITORING, 'Runs model monitoring (GCP-01)');
    this.pipelineActsAsTraining = new ServiceAccountIamMember(this, 'pipeline-acts-as-training', {
      serviceAccountId: this.training.name,
      role: 'roles/iam.serviceAccountUser',
      member: this.pipeline.member,
    });
  }

  /** The SA of a workload persona. */
  public accountFor(persona: Persona): ServiceAccount {
    switch (persona) {
      case Persona.PIPELINE:
        return this.pipeline;
      case Persona.TRAINING:
        return this.training;
      case Persona.DEPLOYMENT:
        return this.deployment;
      case Persona.MONITORING:
        return this.monitoring;
      default:
        throw new Error(`GcpServiceAccounts: ${persona} is not a workload persona`);
    }
  }
}
