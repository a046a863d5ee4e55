import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, unknown } from '../../core/compliance/tf';
import { FORBIDDEN_MANAGED_POLICIES } from '../defaults';
import { WILDCARD_RESOURCE_ACTIONS } from '../persona-policies';
import { isExpression, isUnknown, list, read, statements } from './util';

function forbidden(arn: any): boolean {
  return (
    typeof arn === 'string' &&
    FORBIDDEN_MANAGED_POLICIES.some((p) => arn.endsWith(`:policy/${p}`) || arn.endsWith(`/${p}`))
  );
}

/** A managed policy ARN that is an expression (other than a reference to a policy of the stack). */
function opaque(arn: any): boolean {
  return isExpression(arn) && !/^\$\{aws_iam_policy\.[^}]*\.arn\}$/.test(arn);
}

/**
 * no wildcard actions, `Resource: "*"` only for actions without resource-level
 * permissions, iam:PassRole always scoped with iam:PassedToService, no broad managed policies.
 * Deny statements are guardrails and are not checked.
 */
export const x03LeastPrivilege = defineRule({
  id: 'X-03',
  level: RuleLevel.ERROR,
  description:
    'IAM policies grant no wildcard action, no "*" resource except for actions without resource-level permissions, scope iam:PassRole with iam:PassedToService, and attach no broad managed policies',
  fixHint:
    'Name actions and resource ARNs; add Condition StringEquals iam:PassedToService to PassRole; replace AmazonSageMakerFullAccess/AdministratorAccess with the persona policies',
  resourceTypes: [
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
    'aws_iam_role',
  ],
  check: (r) => {
    if (r.type === 'aws_iam_role_policy_attachment') {
      const arn = r.attributes.policy_arn;
      if (forbidden(arn)) return `attaches ${arn}`;
      return opaque(arn) ? unknown(`policy_arn is ${arn}`) : true;
    }
    if (r.type === 'aws_iam_role') {
      const arns = read(r, 'managed_policy_arns');
      if (isUnknown(arns)) return arns;
      const bad = list(arns).filter(forbidden);
      if (bad.length > 0) return `attaches ${bad.join(', ')}`;
      const dynamic = list(arns).find(opaque);
      return dynamic ? unknown(`managed_policy_arns holds ${dynamic}`) : true;
    }
    const st = statements(r.attributes.policy);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const problems: string[] = [];
    const unknowns: string[] = [];
    for (const s of st.filter((x) => x.Effect === 'Allow')) {
      const actions: string[] = list(s.Action);
      const sid = s.Sid ?? '?';
      if (s.NotAction !== undefined) problems.push(`${sid}: NotAction`);
      const wild = actions.filter((a) => a === '*' || /:\*$/.test(a));
      if (wild.length > 0) problems.push(`${sid}: wildcard actions ${wild.join(', ')}`);
      const dynamicActions = actions.filter((a) => isExpression(a));
      if (dynamicActions.length > 0) unknowns.push(`${sid}: Action is ${dynamicActions[0]}`);
      if (list(s.Resource).includes('*')) {
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
