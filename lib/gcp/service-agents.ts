import { Construct } from 'constructs';
import { ITerraformDependable, Op, ref, TerraformResourceLifecycle } from 'cdktf';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { GoogleProjectServiceIdentity } from '@cdktf/provider-google-beta/lib/google-project-service-identity';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account';
import { DataGoogleLoggingProjectCmekSettings } from '@cdktf/provider-google/lib/data-google-logging-project-cmek-settings';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { requireProps } from '../core/errors';
import { betaProvider, checkBetaProvider, timeProvider } from './common';
import { checkDuplicates, checkList, checkRegion, openProjectValidation } from './validation';

/**
 * How long grants to the Compute Engine service agent wait after the APIs are enabled. The
 * agent (service-NUMBER@compute-system.iam.gserviceaccount.com) is created by the enablement of
 * compute.googleapis.com, asynchronously, and has no `google_project_service_identity`; a grant
 * made right after the enablement can fail with "service account does not exist".
 */
export const COMPUTE_AGENT_WAIT = '90s';

/**
 * How long grants to the other agents wait after their identity is created or read. The call
 * returns the agent's email before IAM knows it everywhere: a grant made right after can fail
 * with "Service account ... does not exist" (hashicorp/terraform-provider-google#7611, #9969,
 * terraform-google-modules/terraform-google-bigquery#80).
 */
export const SERVICE_AGENT_WAIT = '60s';

/**
 * A postcondition on an agent lookup: the email it reads is the one the key grants derive from
 * the project number (Google documents the format, and says service agents' formats may change),
 * so that a project whose agent differs fails at plan instead of granting a principal that does
 * not exist.
 */
function derivedEmailCheck(
  attribute: string,
  email: string,
  service: string,
): TerraformResourceLifecycle {
  return {
    postcondition: [
      {
        condition: Op.eq(ref(`self.${attribute}`), email),
        errorMessage: `The ${service} service agent's email is not ${email}, which the platform's key grants name: grant the key to the agent the data source reads (GcpServiceAgents).`,
      },
    ],
  };
}

/** Google-managed service agents that use platform keys (GCP-05). */
export enum GcpServiceAgent {
  /** Vertex AI service agent (gcp-sa-aiplatform). */
  VERTEX_AI = 'VERTEX_AI',
  /** Cloud Storage service agent (gs-project-accounts). */
  STORAGE = 'STORAGE',
  /** BigQuery encryption service account (bigquery-encryption). */
  BIGQUERY = 'BIGQUERY',
  /** Artifact Registry service agent (gcp-sa-artifactregistry). */
  ARTIFACT_REGISTRY = 'ARTIFACT_REGISTRY',
  /** Notebooks service agent (gcp-sa-notebooks), used by Workbench instances. */
  NOTEBOOKS = 'NOTEBOOKS',
  /** Compute Engine service agent (compute-system), encrypts Workbench disks. */
  COMPUTE = 'COMPUTE',
  /** Cloud Logging service account of the project (CMEK log buckets). */
  LOGGING = 'LOGGING',
}

/** Props of {@link GcpServiceAgents}. */
export interface GcpServiceAgentsProps {
  /** Project id. */
  readonly projectId: string;
  /**
   * Project number (token allowed): the IAM members of the Compute Engine, Cloud Storage and
   * BigQuery agents are derived from it.
   */
  readonly projectNumber: string;
  /** Region, used for the google-beta provider when one has to be declared. */
  readonly region: string;
  /**
   * Agents to make ready.
   * @default - all of GcpServiceAgent
   */
  readonly agents?: GcpServiceAgent[];
  /**
   * Resources the agents wait for (typically the enabled APIs).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The project's API enablements, by API (`GcpProject.services`). When given, the Cloud Storage,
   * BigQuery and Logging lookups wait for their own API only, not for `dependsOn`: Terraform reads
   * a data source again at apply whenever something it depends on changes, so enabling any other
   * API later would leave the Logging agent's email unknown at plan and replace its key grant (an
   * IAM member's `member` forces a new binding). An API not in the map is taken as enabled
   * outside this stack.
   * @default - the lookups wait for `dependsOn`
   */
  readonly apiEnablements?: { [api: string]: ITerraformDependable };
  /**
   * google-beta provider for google_project_service_identity.
   * @default - the stack's google-beta provider, declared if missing
   */
  readonly betaProvider?: GoogleBetaProvider;
}

const PROPS_KEYS: { [K in keyof Required<GcpServiceAgentsProps>]: true } = {
  projectId: true,
  projectNumber: true,
  region: true,
  agents: true,
  dependsOn: true,
  apiEnablements: true,
  betaProvider: true,
};

/** Checks the props of a GcpServiceAgents (one error for every problem). */
function checkServiceAgentsProps(scope: Construct, props: GcpServiceAgentsProps): void {
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  v.string('projectNumber', props.projectNumber, { optional: false });
  checkRegion(v, 'region', props.region);
  if (checkList(v, 'agents', props.agents, 'GcpServiceAgent values')) {
    (props.agents ?? []).forEach((a, i) =>
      v.enumValue(`agents[${i}]`, a, Object.values(GcpServiceAgent), false),
    );
    checkDuplicates(v, 'agents', props.agents, (a) => String(a), 'an agent');
  }
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  if (props.apiEnablements !== undefined) v.object('apiEnablements', props.apiEnablements);
  checkBetaProvider(v, props.betaProvider);
  v.throwIfInvalid();
}

/**
 * Creates (or reads, which creates them) the Google-managed service agents before anything
 * grants them a key, so key grants never fail with "service account does not exist" (GCP-05).
 *
 * Vertex AI, Artifact Registry and Notebooks agents: `google_project_service_identity`
 * (google-beta only). Cloud Storage, BigQuery and Logging: the GA data sources, whose read
 * creates the agent; the Cloud Storage and BigQuery members are derived from the project number
 * (`service-<number>@gs-project-accounts`, `bq-<number>@bigquery-encryption`), so that a lookup
 * read again at apply never replaces a grant. Grants to these wait ({@link SERVICE_AGENT_WAIT}) after the agents exist,
 * for IAM to know them. Compute Engine: derived from the project number; its grants wait
 * ({@link COMPUTE_AGENT_WAIT}) after the compute API enablement that creates it.
 */
export class GcpServiceAgents extends Construct {
  /** The service identity resources, by agent. */
  public readonly identities: { [agent: string]: GoogleProjectServiceIdentity } = {};
  /** The GCS agent lookup. */
  public readonly storageAgent?: DataGoogleStorageProjectServiceAccount;
  /** The BigQuery agent lookup. */
  public readonly bigqueryAgent?: DataGoogleBigqueryDefaultServiceAccount;
  /** The wait (a `time_sleep`) for the Compute Engine agent after API enablement (GCP-05). */
  public readonly computeAgentWait?: ITerraformDependable;
  /**
   * The wait (a `time_sleep`) after the other agents are created or read, before anything grants
   * them a role (GCP-05); undefined when only the Compute Engine agent is requested.
   */
  public readonly agentsWait?: ITerraformDependable;
  /** The Logging CMEK settings lookup (its service account encrypts log buckets). */
  public readonly loggingSettings?: DataGoogleLoggingProjectCmekSettings;
  private readonly members: { [agent: string]: string } = {};
  private readonly ready: { [agent: string]: ITerraformDependable[] } = {};

  constructor(scope: Construct, id: string, props: GcpServiceAgentsProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    checkServiceAgentsProps(this, props);
    const agents = props.agents ?? Object.values(GcpServiceAgent);
    const deps = props.dependsOn ?? [];
    this.identityAgents(agents, props, deps);
    ({
      storage: this.storageAgent,
      bigquery: this.bigqueryAgent,
      logging: this.loggingSettings,
    } = this.lookupAgents(agents, props, deps));
    // IAM learns of a new agent after the call that creates it returns: grants wait
    const created = Object.keys(this.ready);
    if (created.length > 0) {
      this.agentsWait = new Sleep(this, 'agents-wait', {
        provider: timeProvider(this),
        createDuration: SERVICE_AGENT_WAIT,
        dependsOn: created.flatMap((a) => this.ready[a]),
      });
      for (const a of created) this.ready[a] = [this.agentsWait];
    }
    if (agents.includes(GcpServiceAgent.COMPUTE)) {
      this.computeAgentWait = new Sleep(this, 'compute-agent-wait', {
        provider: timeProvider(this),
        createDuration: COMPUTE_AGENT_WAIT,
        dependsOn: deps,
      });
      this.record(
        GcpServiceAgent.COMPUTE,
        `serviceAccount:service-${props.projectNumber}@compute-system.iam.gserviceaccount.com`,
        this.computeAgentWait,
      );
    }
  }

  /** An agent's IAM member and what a grant to it waits for. */
  private record(agent: GcpServiceAgent, member: string, ready: ITerraformDependable): void {
    this.members[agent] = member;
    this.ready[agent] = [ready];
  }

  /** The agents created by `google_project_service_identity` (google-beta). */
  private identityAgents(
    agents: GcpServiceAgent[],
    props: GcpServiceAgentsProps,
    deps: ITerraformDependable[],
  ): void {
    const services: [GcpServiceAgent, string][] = [
      [GcpServiceAgent.VERTEX_AI, 'aiplatform.googleapis.com'],
      [GcpServiceAgent.ARTIFACT_REGISTRY, 'artifactregistry.googleapis.com'],
      [GcpServiceAgent.NOTEBOOKS, 'notebooks.googleapis.com'],
    ];
    for (const [agent, service] of services) {
      if (!agents.includes(agent)) continue;
      const si = new GoogleProjectServiceIdentity(this, agent.toLowerCase().replace(/_/g, '-'), {
        provider: betaProvider(this, props.region, props.betaProvider),
        project: props.projectId,
        service,
        dependsOn: deps,
      });
      this.identities[agent] = si;
      this.record(agent, si.member, si);
    }
  }

  /**
   * The agents whose GA data source creates them when read, each lookup waiting for its own API
   * when the enablements are known.
   */
  private lookupAgents(
    agents: GcpServiceAgent[],
    props: GcpServiceAgentsProps,
    deps: ITerraformDependable[],
  ): {
    storage?: DataGoogleStorageProjectServiceAccount;
    bigquery?: DataGoogleBigqueryDefaultServiceAccount;
    logging?: DataGoogleLoggingProjectCmekSettings;
  } {
    const enablements = props.apiEnablements;
    const lookup = (api: string) => ({
      project: props.projectId,
      dependsOn: enablements ? (enablements[api] ? [enablements[api]] : []) : deps,
    });
    const out: ReturnType<GcpServiceAgents['lookupAgents']> = {};
    if (agents.includes(GcpServiceAgent.STORAGE)) {
      const email = `service-${props.projectNumber}@gs-project-accounts.iam.gserviceaccount.com`;
      out.storage = new DataGoogleStorageProjectServiceAccount(this, 'storage', {
        ...lookup('storage.googleapis.com'),
        lifecycle: derivedEmailCheck('email_address', email, 'Cloud Storage'),
      });
      this.record(GcpServiceAgent.STORAGE, `serviceAccount:${email}`, out.storage);
    }
    if (agents.includes(GcpServiceAgent.BIGQUERY)) {
      const email = `bq-${props.projectNumber}@bigquery-encryption.iam.gserviceaccount.com`;
      out.bigquery = new DataGoogleBigqueryDefaultServiceAccount(this, 'bigquery', {
        ...lookup('bigquery.googleapis.com'),
        lifecycle: derivedEmailCheck('email', email, 'BigQuery'),
      });
      this.record(GcpServiceAgent.BIGQUERY, `serviceAccount:${email}`, out.bigquery);
    }
    if (agents.includes(GcpServiceAgent.LOGGING)) {
      out.logging = new DataGoogleLoggingProjectCmekSettings(
        this,
        'logging',
        lookup('logging.googleapis.com'),
      );
      this.record(
        GcpServiceAgent.LOGGING,
        `serviceAccount:${out.logging.serviceAccountId}`,
        out.logging,
      );
    }
    return out;
  }

  /** The IAM member string of an agent; throws when the agent was not requested. */
  public member(agent: GcpServiceAgent): string {
    const m = this.members[agent];
    if (m === undefined)
      throw new Error(`GcpServiceAgents ${this.node.path}: agent ${agent} was not requested`);
    return m;
  }

  /** True when the agent was requested. */
  public has(agent: GcpServiceAgent): boolean {
    return this.members[agent] !== undefined;
  }

  /** What a grant to the agent must depend on. */
  public readiness(agent: GcpServiceAgent): ITerraformDependable[] {
    return this.ready[agent] ?? [];
  }
}
