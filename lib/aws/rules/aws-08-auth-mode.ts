import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-08: explicit auth mode. */
export const aws08AuthMode = defineRule({
  id: 'AWS-08',
  level: RuleLevel.ERROR,
  description: 'SageMaker domains set auth_mode explicitly to IAM or SSO',
  fixHint: 'Set auth_mode = "IAM" or "SSO" (it cannot change after creation)',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) =>
    ['IAM', 'SSO'].includes(r.attributes.auth_mode) || `auth_mode is ${r.attributes.auth_mode}`,
});
