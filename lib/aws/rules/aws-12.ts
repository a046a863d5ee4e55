import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { statements } from './policy-statements';

/** AWS-12: the instance-type guardrail keeps 'system'. */
export const aws12InstanceTypes = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    "Instance-type guardrails on sagemaker:CreateApp include 'system' (without it nobody can open Studio)",
  fixHint: "Add 'system' to the sagemaker:InstanceTypes list",
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy'],
  check: (r, stack) => {
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const guards = st.filter(
      (s) =>
        s.Effect === 'Deny' &&
        asList(s.Action).includes('sagemaker:CreateApp') &&
        s.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'] !== undefined,
    );
    if (guards.length === 0) return undefined;
    const lists = guards.map(
      (s) => s.Condition['ForAnyValue:StringNotLike']['sagemaker:InstanceTypes'],
    );
    if (lists.every((l) => asList(l).includes('system'))) return true;
    const dynamic = lists.flatMap((l) => asList<string>(l)).find((t) => isExpression(t));
    return dynamic
      ? unknown(`sagemaker:InstanceTypes is ${dynamic}`)
      : "'system' missing from the allowed instance types";
  },
});
