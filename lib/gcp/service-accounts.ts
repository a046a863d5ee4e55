import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { Persona } from '../core/personas';
import { GcpCustomRole, GcpRoleCatalogue } from './role-catalogue';

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

const DEFAULT_IDS: { [p: string]: string } = {
  [Persona.PIPELINE]: 'vertex-pipeline',
  [Persona.TRAINING]: 'vertex-training',
  [Persona.DEPLOYMENT]: 'vertex-deployment',
  [Persona.MONITORING]: 'vertex-monitoring',
};

const ROLE_OF: { [p: string]: GcpCustomRole } = {
  [Persona.PIPELINE]: GcpCustomRole.PIPELINE_OPERATOR,
  [Persona.TRAINING]: GcpCustomRole.TRAINER,
  [Persona.DEPLOYMENT]: GcpCustomRole.MODEL_DEPLOYER,
  [Persona.MONITORING]: GcpCustomRole.MODEL_MONITOR,
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
    const ids: { [p: string]: string } = {
      [Persona.PIPELINE]: props.accountIds?.pipeline ?? DEFAULT_IDS[Persona.PIPELINE],
      [Persona.TRAINING]: props.accountIds?.training ?? DEFAULT_IDS[Persona.TRAINING],
      [Persona.DEPLOYMENT]: props.accountIds?.deployment ?? DEFAULT_IDS[Persona.DEPLOYMENT],
      [Persona.MONITORING]: props.accountIds?.monitoring ?? DEFAULT_IDS[Persona.MONITORING],
    };
    const v = new Validator(this);
    v.check('projectId', props.projectId, Validate.gcpProjectId(props.projectId));
    const key: { [p: string]: string } = {
      [Persona.PIPELINE]: 'pipeline',
      [Persona.TRAINING]: 'training',
      [Persona.DEPLOYMENT]: 'deployment',
      [Persona.MONITORING]: 'monitoring',
    };
    for (const [p, accountId] of Object.entries(ids)) {
      v.check(`accountIds.${key[p]}`, accountId, Validate.gcpServiceAccountId(accountId));
    }
    const values = Object.values(ids).filter((x) => !Token.isUnresolved(x));
    v.require(
      new Set(values).size === values.length,
      'accountIds',
      JSON.stringify(ids),
      'distinct account ids (one identity per function, GCP-01)',
    );
    v.throwIfInvalid();

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
