import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-26: the home EFS is retained when the domain is deleted. */
export const aws26EfsRetention = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Domains keep the home EFS file system on deletion (retention_policy.home_efs_file_system = Retain)',
  fixHint: 'Set retention_policy { home_efs_file_system = "Retain" }',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const v = readValue(r, 'retention_policy.home_efs_file_system');
    if (isUnknown(v)) return v;
    return v === undefined || v === 'Retain' || `home_efs_file_system is ${v}`;
  },
});
