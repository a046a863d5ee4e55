import { RuleLevel } from '../../core/compliance/rule';
import { defineAttributeRule } from '../../core/rules/factories';

/** AWS-08: explicit auth mode. */
export const aws08AuthMode = defineAttributeRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'SageMaker domains set auth_mode explicitly to IAM or SSO',
  fixHint: 'Set auth_mode = "IAM" or "SSO" (it cannot change after creation)',
  resourceTypes: ['aws_sagemaker_domain'],
  path: 'auth_mode',
  ok: (mode) => ['IAM', 'SSO'].includes(mode),
  detail: (mode) => `auth_mode is ${mode}`,
});
