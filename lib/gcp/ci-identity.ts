import { Construct } from 'constructs';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { requireProps } from '../core/errors';
import { memberId } from './common';
import {
  checkBoolean,
  checkDuplicates,
  checkList,
  checkPattern,
  claim,
  literal,
  openProjectValidation,
  projectScope,
} from './validation';

/** Props of {@link GcpCiIdentity}. */
export interface GcpCiIdentityProps {
  /** Project. */
  readonly projectId: string;
  /**
   * Account id.
   * @default 'mlops-ci'
   */
  readonly accountId?: string;
  /** Custom role name (projects/P/roles/R) that runs pipelines (pipeline operator). */
  readonly pipelineRole: string;
  /** The pipeline SA the CI identity may act as (to submit pipeline runs as it). */
  readonly pipelineServiceAccount: ServiceAccount;
  /**
   * Federated principals allowed to impersonate the CI SA (principalSet://... of a workload identity pool).
   * @default - none
   */
  readonly federatedPrincipals?: string[];
  /**
   * Let Cloud Build (the project's Cloud Build service agent) use the CI SA.
   * @default false
   */
  readonly cloudBuild?: boolean;
  /** Project number (for the Cloud Build agent), token allowed. */
  readonly projectNumber: string;
}

const PROPS_KEYS: { [K in keyof Required<GcpCiIdentityProps>]: true } = {
  projectId: true,
  accountId: true,
  pipelineRole: true,
  pipelineServiceAccount: true,
  federatedPrincipals: true,
  cloudBuild: true,
  projectNumber: true,
};

/**
 * The CI/CD identity (GCP-19): can run pipelines (pipeline operator role, actAs the pipeline SA)
 * and push images/templates (granted by the platform on the repositories), nothing more.
 * Impersonated through workload identity federation or Cloud Build; never through keys.
 */
export class GcpCiIdentity extends Construct {
  /** The CI SA. */
  public readonly serviceAccount: ServiceAccount;
  /** Project-level pipeline operator binding. */
  public readonly pipelineBinding: ProjectIamMember;
  /** actAs the pipeline SA. */
  public readonly actsAsPipeline: ServiceAccountIamMember;
  /** Impersonation grants. */
  public readonly impersonation: ServiceAccountIamMember[] = [];

  constructor(scope: Construct, id: string, props: GcpCiIdentityProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const accountId = props.accountId ?? 'mlops-ci';
    const v = openProjectValidation(this, props, PROPS_KEYS);
    checkPattern(
      v,
      'accountId',
      accountId,
      /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/,
      '6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      { literal: 'it is the service account id, part of its e-mail' },
    );
    checkPattern(
      v,
      'pipelineRole',
      props.pipelineRole,
      /^(projects\/[^/\s]+|organizations\/\d+)\/roles\/[A-Za-z0-9_.]{3,64}$/,
      'a custom role name projects/P/roles/R',
    );
    if (!(props.pipelineServiceAccount instanceof ServiceAccount))
      v.add(
        'pipelineServiceAccount',
        props.pipelineServiceAccount,
        'a google_service_account (ServiceAccount) construct',
      );
    v.string('projectNumber', props.projectNumber, { optional: false });
    checkBoolean(v, 'cloudBuild', props.cloudBuild);
    if (checkList(v, 'federatedPrincipals', props.federatedPrincipals, 'principals')) {
      (props.federatedPrincipals ?? []).forEach((p, i) => {
        if (
          checkPattern(
            v,
            `federatedPrincipals[${i}]`,
            p,
            /^principal(Set)?:\/\/iam\.googleapis\.com\/\S+$/,
            'principal://iam.googleapis.com/... or principalSet://iam.googleapis.com/...',
            { literal: 'it forms the construct id of its binding' },
          ) &&
          /\/\*$/.test(literal(p) ?? '')
        )
          v.add(
            `federatedPrincipals[${i}]`,
            p,
            'a principal or an attribute-scoped principalSet (.../attribute.repository/ORG/REPO): a whole pool (/*) lets every identity it trusts impersonate the CI service account',
          );
      });
      checkDuplicates(v, 'federatedPrincipals', props.federatedPrincipals, literal, 'a principal');
    }
    v.throwIfInvalid();
    claim(this, 'service account', projectScope(props.projectId), accountId, 'accountId');
    this.serviceAccount = new ServiceAccount(this, 'sa', {
      project: props.projectId,
      accountId,
      displayName: 'MLOps CI/CD',
      description: 'Runs pipelines and pushes artifacts; nothing more (GCP-19)',
      // after the platform SAs, hence after the IAM API is enabled
      dependsOn: [props.pipelineServiceAccount],
    });
    this.pipelineBinding = new ProjectIamMember(this, 'pipeline-role', {
      project: props.projectId,
      role: props.pipelineRole,
      member: this.serviceAccount.member,
    });
    this.actsAsPipeline = new ServiceAccountIamMember(this, 'acts-as-pipeline', {
      serviceAccountId: props.pipelineServiceAccount.name,
      role: 'roles/iam.serviceAccountUser',
      member: this.serviceAccount.member,
    });
    for (const p of props.federatedPrincipals ?? []) {
      this.impersonation.push(
        new ServiceAccountIamMember(this, memberId('wif', p), {
          serviceAccountId: this.serviceAccount.name,
          role: 'roles/iam.workloadIdentityUser',
          member: p,
        }),
      );
    }
    if (props.cloudBuild) {
      this.impersonation.push(
        new ServiceAccountIamMember(this, 'cloud-build', {
          serviceAccountId: this.serviceAccount.name,
          role: 'roles/iam.serviceAccountTokenCreator',
          member: `serviceAccount:service-${props.projectNumber}@gcp-sa-cloudbuild.iam.gserviceaccount.com`,
        }),
      );
    }
  }
}
