import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { allOf, asList, check, isUnknown, readValue, Verdict } from '../../core/rules/attributes';

/** A list of security groups at `path` is present and not empty (UNKNOWN when an expression). */
function groups(r: ResourceView, path: string): Verdict {
  return check(
    r,
    path,
    (v) => asList(v).length > 0,
    () => `no ${path}`,
  );
}

/** AWS-01: VpcOnly domain in >= 2 subnets with security groups on domain, default user and space settings. */
export const aws01VpcOnlyDomain = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'SageMaker domains are VpcOnly, in at least two subnets, with security groups in domain, default user and default space settings',
  fixHint:
    'Set app_network_access_type = "VpcOnly", two or more subnet_ids, domain_settings.security_group_ids, default_user_settings.security_groups and default_space_settings.security_groups',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const space = readValue(r, 'default_space_settings');
    return allOf([
      check(
        r,
        'app_network_access_type',
        (access) => access === 'VpcOnly',
        (access) => `app_network_access_type is ${access ?? 'PublicInternetOnly (default)'}`,
      ),
      check(
        r,
        'subnet_ids',
        (subnets) => asList(subnets).length >= 2,
        () => 'fewer than two subnets',
      ),
      groups(r, 'domain_settings.security_group_ids'),
      groups(r, 'default_user_settings.security_groups'),
      isUnknown(space)
        ? space
        : space === undefined
          ? undefined
          : groups(r, 'default_space_settings.security_groups'),
    ]);
  },
});
