import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import {
  allOf,
  asList,
  isExpression,
  isUnknown,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { statements } from './policy-statements';
import { resolve } from '../../core/rules/exposure';
import { FORBIDDEN_MANAGED_POLICIES } from '../defaults';
import { WILDCARD_RESOURCE_ACTIONS } from '../persona-policies';

/**
 * AWS managed policies too broad to attach to anyone on any stack: administrator or
 * IAM-write equivalents (CIS AWS Foundations v3.0.0 1.16 "*:*" administrative privileges, and
 * the policies that grant iam:* or organizations:*), and service-wide full access to the data
 * and ML services a platform protects. Every name exists in the AWS managed policy list
 * (iann0036/iam-dataset aws/managedpolicies).
 */
export const BROAD_MANAGED_POLICIES = [
  ...FORBIDDEN_MANAGED_POLICIES,
  'AdministratorAccess-Amplify',
  'AdministratorAccess-AWSElasticBeanstalk',
  'AWSOrganizationsFullAccess',
  'AmazonS3FullAccess',
  'AmazonEC2ContainerRegistryFullAccess',
  'SecretsManagerReadWrite',
].filter((p, i, all) => all.indexOf(p) === i);

/** The name of an AWS managed policy ARN (`arn:aws:iam::aws:policy/[path/]Name`), or undefined. */
function managedPolicyName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/.exec(arn);
  return m ? m[1] : undefined;
}

/**
 * Verdict of one attached policy ARN: a string naming a broad AWS managed policy, true for any
 * other policy (customer managed policies are checked on their aws_iam_policy), unknown when the
 * ARN is an unresolved expression. An aws_iam_policy data source of the stack is read by its
 * `arn` or `name`.
 */
function attachedPolicyVerdict(value: any, stack: StackView): Verdict {
  const res = resolve(value, stack);
  let arn: any = res.value;
  if (!res.known) {
    const ref = res.reference;
    if (ref?.kind === 'data' && ref.type === 'aws_iam_policy') {
      const d = stack.json?.data?.aws_iam_policy?.[ref.name!] ?? {};
      const name = resolve(d.name, stack);
      if (name.known && typeof name.value === 'string')
        arn = `arn:aws:iam::aws:policy/${name.value}`;
      else return unknown(`policy_arn is ${value}`);
    } else if (ref?.kind === 'resource') {
      return true;
    } else {
      return unknown(`policy_arn is ${value}`);
    }
  }
  if (typeof arn !== 'string') return true;
  const name = managedPolicyName(arn);
  return !name || !BROAD_MANAGED_POLICIES.includes(name) || `attaches ${arn}`;
}

/** Attachment resources and the attribute holding their policy ARN(s). */
const ATTACHMENTS: { [type: string]: string } = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_role: 'managed_policy_arns',
};

function attachmentVerdict(r: ResourceView, stack: StackView): Verdict {
  const v = r.attributes[ATTACHMENTS[r.type]];
  if (v === undefined || v === null) return undefined;
  return allOf(asList(v).map((a) => attachedPolicyVerdict(a, stack)));
}

/**
 * no wildcard actions, `Resource: "*"` only for actions without resource-level
 * permissions, iam:PassRole always scoped with iam:PassedToService, no broad managed policies.
 * Deny statements are guardrails and are not checked.
 */
export const x03LeastPrivilege = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'IAM policies grant no wildcard action, no "*" resource except for actions without resource-level permissions, scope iam:PassRole with iam:PassedToService, and attach no broad managed policies',
  fixHint:
    'Name actions and resource ARNs; add Condition StringEquals iam:PassedToService to PassRole; replace AmazonSageMakerFullAccess/AdministratorAccess with the persona policies',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy', ...Object.keys(ATTACHMENTS)],
  source:
    'CIS AWS Foundations Benchmark v3.0.0 1.16 (no "*:*" administrative policies attached); IAM User Guide, security best practices (grant least privilege)',
  check: (r, stack) => {
    if (ATTACHMENTS[r.type]) {
      const v = attachmentVerdict(r, stack);
      // a role without managed_policy_arns is judged on its other policies, not here
      return r.type === 'aws_iam_role' && v === undefined ? true : v;
    }
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const problems: string[] = [];
    const unknowns: string[] = [];
    for (const s of st.filter((x) => x.Effect === 'Allow')) {
      const actions: string[] = asList(s.Action);
      const sid = s.Sid ?? '?';
      if (s.NotAction !== undefined) problems.push(`${sid}: NotAction`);
      const wild = actions.filter((a) => a === '*' || /:\*$/.test(a));
      if (wild.length > 0) problems.push(`${sid}: wildcard actions ${wild.join(', ')}`);
      const dynamicActions = actions.filter((a) => isExpression(a));
      if (dynamicActions.length > 0) unknowns.push(`${sid}: Action is ${dynamicActions[0]}`);
      if (asList(s.Resource).includes('*')) {
        const scoped = actions.filter(
          (a) => !isExpression(a) && !WILDCARD_RESOURCE_ACTIONS.includes(a),
        );
        if (scoped.length > 0) problems.push(`${sid}: Resource "*" for ${scoped.join(', ')}`);
      }
      if (
        actions.some((a) => a === 'iam:PassRole' || a === 'iam:*') &&
        !s.Condition?.StringEquals?.['iam:PassedToService'] &&
        !s.Condition?.StringLike?.['iam:PassedToService']
      ) {
        problems.push(`${sid}: iam:PassRole without iam:PassedToService`);
      }
    }
    return allOf([
      problems.length === 0 || problems.join('; '),
      ...unknowns.map((u) => unknown(u)),
    ]);
  },
});
