import { RuleLevel } from '../../core/compliance/rule';
import { defineAttributeRule } from '../../core/rules/factories';

/** AWS-26: the home EFS is retained when the domain is deleted. */
export const aws26EfsRetention = defineAttributeRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Domains keep the home EFS file system on deletion (retention_policy.home_efs_file_system = Retain)',
  fixHint: 'Set retention_policy { home_efs_file_system = "Retain" }',
  resourceTypes: ['aws_sagemaker_domain'],
  path: 'retention_policy.home_efs_file_system',
  ok: (v) => v === undefined || v === 'Retain',
  detail: (v) => `home_efs_file_system is ${v}`,
});
