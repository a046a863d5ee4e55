import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { allOf, detailAt, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { awsReference } from '../reference';
import { list } from '../reference/policy-documents';

/** Resource type -> attributes holding managed policy ARNs (terraform-provider-aws docs). */
const POLICY_ARN_ATTRIBUTES: { [type: string]: string[] } = {
  aws_iam_role_policy_attachment: ['policy_arn'],
  aws_iam_user_policy_attachment: ['policy_arn'],
  aws_iam_group_policy_attachment: ['policy_arn'],
  aws_iam_policy_attachment: ['policy_arn'],
  aws_iam_role_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_user_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_group_policy_attachments_exclusive: ['policy_arns'],
  aws_iam_role: ['managed_policy_arns', 'permissions_boundary'],
  aws_iam_user: ['permissions_boundary'],
  aws_ssoadmin_managed_policy_attachment: ['managed_policy_arn'],
};

const MANAGED = /^arn:([^:]*):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

/** The verdict on one policy ARN: only AWS managed policies (`arn:aws:iam::aws:policy/...`). */
export function checkManagedPolicyArn(arn: any): Verdict {
  if (typeof arn !== 'string') return undefined;
  if (!arn.includes(':iam::aws:policy/')) return undefined; // a customer managed policy
  const m = MANAGED.exec(arn);
  if (!m) return isExpression(arn) ? unknown(`policy ARN ${arn}`) : `"${arn}" is not a policy ARN`;
  const [, partition, policyPath, name] = m;
  if (isExpression(policyPath) || isExpression(name)) return unknown(`policy ARN ${arn}`);
  const partitionKnown = !isExpression(partition);
  if (partitionKnown && partition !== 'aws') return undefined; // the data covers the aws partition
  const policy = awsReference().managedPolicy(name);
  if (!policy || policy.name !== name) {
    if (!partitionKnown)
      return unknown(`${name} is not in the aws partition; partition is ${partition}`);
    return policy
      ? `"${name}" is not an AWS managed policy; the name is spelt ${policy.name}`
      : `"${name}" is not an AWS managed policy`;
  }
  if (policy.deprecated) {
    return `"${name}" is a deprecated AWS managed policy: it can no longer be attached to new users, groups or roles`;
  }
  if (policy.path !== policyPath) {
    return `the ARN of ${name} is arn:${partition}:iam::aws:policy${policy.path}${name}, not ${arn}`;
  }
  return true;
}

/**
 * X-15 (AWS managed policies): every AWS managed policy ARN a stack attaches (or uses as a
 * permissions boundary) names an existing, non-deprecated managed policy, with its path.
 */
export const x15AwsManagedPolicy = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'AWS managed policies (iann0036/iam-dataset aws/managedpolicies; scripts/reference-data/provenance.json)',
  description:
    'Every AWS managed policy ARN (arn:aws:iam::aws:policy/...) names an existing, non-deprecated managed policy with its correct path',
  fixHint:
    "Use the managed policy's exact ARN (name and path, e.g. arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup); replace a deprecated policy with its successor",
  resourceTypes: Object.keys(POLICY_ARN_ATTRIBUTES),
  check: (r) => {
    const verdicts: Verdict[] = [];
    for (const attribute of POLICY_ARN_ATTRIBUTES[r.type]) {
      const value = r.attributes[attribute];
      for (const arn of list(value)) {
        if (isExpression(arn) && !String(arn).includes(':iam::aws:policy/')) {
          // a customer managed policy of the stack is not an AWS managed policy
          if (!/^\$\{aws_iam_policy\.[A-Za-z0-9_-]+\.arn\}$/.test(arn)) {
            verdicts.push(unknown(`${attribute} is ${arn}`));
          }
          continue;
        }
        verdicts.push(detailAt(`${attribute}:`, checkManagedPolicyArn(arn)));
      }
    }
    return allOf(verdicts);
  },
});
