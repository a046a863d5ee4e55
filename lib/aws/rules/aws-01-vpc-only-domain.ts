import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, nonEmpty } from './util';

/** AWS-01: VpcOnly domain in >= 2 subnets with security groups on domain, default user and space settings. */
export const aws01VpcOnlyDomain = defineRule({
  id: 'AWS-01',
  level: RuleLevel.ERROR,
  description:
    'SageMaker domains are VpcOnly, in at least two subnets, with security groups in domain, default user and default space settings',
  fixHint:
    'Set app_network_access_type = "VpcOnly", two or more subnet_ids, domain_settings.security_group_ids, default_user_settings.security_groups and default_space_settings.security_groups',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const problems: string[] = [];
    if (r.attributes.app_network_access_type !== 'VpcOnly')
      problems.push(
        `app_network_access_type is ${r.attributes.app_network_access_type ?? 'PublicInternetOnly (default)'}`,
      );
    const subnets = r.attributes.subnet_ids;
    if (Array.isArray(subnets) && subnets.length < 2) problems.push('fewer than two subnets');
    if (!nonEmpty(attr(r, 'domain_settings.security_group_ids')))
      problems.push('no domain_settings.security_group_ids');
    if (!nonEmpty(attr(r, 'default_user_settings.security_groups')))
      problems.push('no default_user_settings.security_groups');
    if (
      r.attributes.default_space_settings !== undefined &&
      !nonEmpty(attr(r, 'default_space_settings.security_groups'))
    ) {
      problems.push('no default_space_settings.security_groups');
    }
    return problems.length === 0 || problems.join('; ');
  },
});
