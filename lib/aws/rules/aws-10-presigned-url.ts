import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { STUDIO_USER_TAG } from '../defaults';
import { list, statements } from './util';

/** AWS-10: presigned URLs only for the caller's own profile. */
export const aws10PresignedUrl = defineRule({
  id: 'AWS-10',
  level: RuleLevel.ERROR,
  description: `Policies allow sagemaker:CreatePresignedDomainUrl only where sagemaker:ResourceTag/${STUDIO_USER_TAG} matches the caller's principal tag`,
  fixHint: `Add Condition StringEquals "sagemaker:ResourceTag/${STUDIO_USER_TAG}": "\${aws:PrincipalTag/${STUDIO_USER_TAG}}" (escape as $\${...} in Terraform)`,
  resourceTypes: ['aws_iam_policy', 'aws_iam_role_policy'],
  check: (r) => {
    const st = statements(r.attributes.policy);
    if (!st) return undefined;
    const grants = st.filter(
      (s) =>
        s.Effect === 'Allow' &&
        list(s.Action).some(
          (a: string) =>
            a === 'sagemaker:CreatePresignedDomainUrl' || a === 'sagemaker:*' || a === '*',
        ),
    );
    if (grants.length === 0) return undefined;
    const bad = grants.filter((s) => {
      const v = s.Condition?.StringEquals?.[`sagemaker:ResourceTag/${STUDIO_USER_TAG}`];
      return typeof v !== 'string' || !/\$\$?\{aws:(PrincipalTag\/|username)/.test(v);
    });
    return (
      bad.length === 0 ||
      `statements without the ${STUDIO_USER_TAG} condition: ${bad.map((s) => s.Sid ?? '?').join(', ')}`
    );
  },
});
