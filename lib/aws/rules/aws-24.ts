import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown } from '../../core/rules/attributes';
import { allows, principals, statements } from './policy-statements';

/** AWS-24: model package group policies admit named accounts only, and never approval. */
export const aws24RegistryPolicy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Model package group resource policies admit named principals only (no "*") and never grant sagemaker:UpdateModelPackage (approval) across accounts',
  fixHint: 'List consumer account principals explicitly and grant only Describe/List actions',
  resourceTypes: ['aws_sagemaker_model_package_group_policy'],
  check: (r, stack) => {
    const st = statements(r.attributes.resource_policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const problems: string[] = [];
    for (const s of st.filter((x) => x.Effect === 'Allow')) {
      if (principals(s).includes('*')) problems.push(`${s.Sid ?? '?'}: Principal "*"`);
      if (allows(s, 'sagemaker:UpdateModelPackage'))
        problems.push(`${s.Sid ?? '?'}: grants approval`);
    }
    return problems.length === 0 || problems.join('; ');
  },
});
