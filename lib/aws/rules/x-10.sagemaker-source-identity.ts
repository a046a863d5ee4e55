import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown, readValue, unknown } from '../../core/rules/attributes';
import { actionCovers, principals, statements } from './policy-statements';

const SAGEMAKER = 'sagemaker.amazonaws.com';

/** Allow statements of a trust policy that let SageMaker take `action`. */
function sagemakerMay(trust: any[], action: string): boolean {
  return trust.some(
    (s) =>
      s?.Effect === 'Allow' &&
      principals(s).includes(SAGEMAKER) &&
      ([] as any[]).concat(s.Action ?? []).some((a) => actionCovers(String(a), action)),
  );
}

/**
 * A domain with `execution_role_identity_config = "USER_PROFILE_NAME"` passes the user profile
 * name as source identity to every role SageMaker assumes for the user: jobs, pipelines, models
 * and monitoring schedules. A role that trusts SageMaker without `sts:SetSourceIdentity` makes
 * those create calls fail with AccessDeniedException or ValidationError.
 */
export const x10SagemakerSourceIdentity = defineApplyRule(__filename, {
  source:
    'Amazon SageMaker Developer Guide, Monitor user resource access from Amazon SageMaker Studio (https://docs.aws.amazon.com/sagemaker/latest/dg/monitor-user-access.html): with sourceIdentity propagation on, any role that the execution role assumes must have sts:SetSourceIdentity in its trust policy, or job creation fails with AccessDeniedException or ValidationError',
  description:
    'In a stack whose SageMaker domain propagates the user profile name as source identity, roles that trust sagemaker.amazonaws.com also allow it sts:SetSourceIdentity',
  fixHint:
    'Add "sts:SetSourceIdentity" next to "sts:AssumeRole" in the statement of the trust policy that names sagemaker.amazonaws.com',
  resourceTypes: ['aws_iam_role'],
  check: (r, stack) => {
    const trust = statements(r.attributes.assume_role_policy, stack);
    if (trust === undefined) return undefined;
    if (isUnknown(trust)) return trust;
    if (!sagemakerMay(trust, 'sts:AssumeRole')) return undefined;
    const modes = stack
      .resources('aws_sagemaker_domain')
      .map((d) => [d, readValue(d, 'domain_settings.execution_role_identity_config')] as const);
    const propagating = modes.filter(([, m]) => m === 'USER_PROFILE_NAME');
    if (propagating.length === 0) {
      const open = modes.find(([, m]) => isUnknown(m));
      return open ? unknown(`${open[0].address} ${(open[1] as any).detail}`) : undefined;
    }
    return (
      sagemakerMay(trust, 'sts:SetSourceIdentity') ||
      `trusts ${SAGEMAKER} without sts:SetSourceIdentity, and ${propagating[0][0].address} passes the user profile name as source identity: SageMaker cannot assume this role for the user's jobs, pipelines or models`
    );
  },
});
