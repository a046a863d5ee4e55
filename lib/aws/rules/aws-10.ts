import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { allows, statements } from './policy-statements';
import { STUDIO_USER_TAG } from '../defaults';

/** AWS-10: presigned URLs only for the caller's own profile. */
export const aws10PresignedUrl = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `Policies allow sagemaker:CreatePresignedDomainUrl only where sagemaker:ResourceTag/${STUDIO_USER_TAG} matches the caller's principal tag`,
  fixHint: `Add Condition StringEquals "sagemaker:ResourceTag/${STUDIO_USER_TAG}": "\${aws:PrincipalTag/${STUDIO_USER_TAG}}" (escape as $\${...} in Terraform)`,
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy'],
  check: (r, stack) => {
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const grants = st.filter((s) => allows(s, 'sagemaker:CreatePresignedDomainUrl'));
    if (grants.length === 0) return undefined;
    const values = grants.map(
      (s) => [s, s.Condition?.StringEquals?.[`sagemaker:ResourceTag/${STUDIO_USER_TAG}`]] as const,
    );
    const bad = values.filter(
      ([, v]) =>
        !(typeof v === 'string' && isExpression(v)) &&
        (typeof v !== 'string' || !/\$\$?\{aws:(PrincipalTag\/|username)/.test(v)),
    );
    if (bad.length > 0)
      return `statements without the ${STUDIO_USER_TAG} condition: ${bad.map(([s]) => s.Sid ?? '?').join(', ')}`;
    const dynamic = values.find(([, v]) => typeof v === 'string' && isExpression(v));
    return dynamic === undefined || unknown(`the ${STUDIO_USER_TAG} condition is ${dynamic[1]}`);
  },
});
