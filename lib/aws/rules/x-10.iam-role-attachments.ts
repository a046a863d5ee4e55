import { defineApplyRule } from '../../core/compliance/define-rule';
import { asList, isUnknown, readValue } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';

/** Managed policies an IAM role may have attached (default quota). */
const MAX_ATTACHED = 10;

/**
 * IAM attaches at most 10 managed policies to a role by default (the quota can be raised to 20);
 * the eleventh AttachRolePolicy fails with LimitExceeded.
 */
export const x10IamRoleAttachments = defineApplyRule(__filename, {
  source:
    'IAM User Guide, IAM and AWS STS quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): managed policies attached to an IAM role, 10 by default (adjustable to 20); AttachRolePolicy LimitExceeded',
  description: `IAM roles have at most ${MAX_ATTACHED} managed policies attached (the default quota)`,
  fixHint:
    'Merge guardrail policies into fewer managed policies, or raise the quota and suppress with the quota as the reason',
  resourceTypes: ['aws_iam_role'],
  check: (r, stack) => {
    const managed = readValue(r, 'managed_policy_arns');
    if (isUnknown(managed)) return managed;
    // indexed: the attachments whose `role` references this role
    const attached = stack
      .referencing('aws_iam_role_policy_attachment', 'role', r)
      .filter((a) => referenced(stack, a.attributes.role, 'aws_iam_role') === r);
    const count = attached.length + asList(managed).length;
    return (
      count <= MAX_ATTACHED ||
      `${count} managed policies attached (the default quota is ${MAX_ATTACHED})`
    );
  },
});
