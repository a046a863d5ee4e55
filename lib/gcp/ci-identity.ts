import { Construct } from 'constructs';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { memberId } from './common';

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
    const accountId = props.accountId ?? 'mlops-ci';
    const v = new Validator(this);
    v.check('accountId', accountId, Validate.gcpServiceAccountId(accountId));
    (props.federatedPrincipals ?? []).forEach((p, i) =>
      v.require(
        /^principal(Set)?:\/\/iam\.googleapis\.com\/\S+$/.test(p),
        `federatedPrincipals[${i}]`,
        p,
        'principal://iam.googleapis.com/... or principalSet://iam.googleapis.com/...',
      ),
    );
    v.throwIfInvalid();
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
