import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isUnknown, readValue, unknown, UnknownVerdict } from '../../core/rules/attributes';
import { perStack } from '../../core/rules/references';
import { actionsNotAllowed, statements } from './policy-statements';

const SAGEMAKER = 'sagemaker.amazonaws.com';

/**
 * The first domain of the stack that propagates the user profile name as source identity; an
 * UnknownVerdict when none does literally and one sets it by an expression.
 */
function propagatingDomain(stack: StackView): ResourceView | UnknownVerdict | undefined {
  return perStack(stack, 'aws:source-identity-domain', () => {
    let open: UnknownVerdict | undefined;
    for (const d of stack.resources('aws_sagemaker_domain')) {
      const mode = readValue(d, 'domain_settings.execution_role_identity_config');
      if (mode === 'USER_PROFILE_NAME') return d;
      if (isUnknown(mode) && !open) open = unknown(`${d.address} ${mode.detail}`);
    }
    return open;
  });
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
    const missing = actionsNotAllowed(trust, SAGEMAKER, [
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
    ]);
    if (missing.includes('sts:AssumeRole')) return undefined; // SageMaker does not assume it
    const domain = propagatingDomain(stack);
    if (domain === undefined || isUnknown(domain)) return domain;
    return (
      missing.length === 0 ||
      `trusts ${SAGEMAKER} without sts:SetSourceIdentity, and ${domain.address} passes the user profile name as source identity: SageMaker cannot assume this role for the user's jobs, pipelines or models`
    );
  },
});
