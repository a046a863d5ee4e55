import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { list, statements } from './util';

/** AWS-24: model package group policies admit named accounts only, and never approval. */
export const aws24RegistryPolicy = defineRule({
  id: 'AWS-24',
  level: RuleLevel.ERROR,
  description:
    'Model package group resource policies admit named principals only (no "*") and never grant sagemaker:UpdateModelPackage (approval) across accounts',
  fixHint: 'List consumer account principals explicitly and grant only Describe/List actions',
  resourceTypes: ['aws_sagemaker_model_package_group_policy'],
  check: (r) => {
    const st = statements(r.attributes.resource_policy);
    if (!st) return undefined;
    const problems: string[] = [];
    for (const s of st.filter((x) => x.Effect === 'Allow')) {
      const principals = typeof s.Principal === 'string' ? [s.Principal] : list(s.Principal?.AWS);
      if (principals.includes('*')) problems.push(`${s.Sid ?? '?'}: Principal "*"`);
      if (
        list(s.Action).some(
          (a: string) => a === 'sagemaker:UpdateModelPackage' || a === 'sagemaker:*' || a === '*',
        )
      ) {
        problems.push(`${s.Sid ?? '?'}: grants approval`);
      }
    }
    return problems.length === 0 || problems.join('; ');
  },
});
