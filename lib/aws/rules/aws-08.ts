import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-08: explicit auth mode. */
export const aws08AuthMode = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'SageMaker domains set auth_mode explicitly to IAM or SSO',
  fixHint: 'Set auth_mode = "IAM" or "SSO" (it cannot change after creation)',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const mode = readValue(r, 'auth_mode');
    if (isUnknown(mode)) return mode;
    return ['IAM', 'SSO'].includes(mode) || `auth_mode is ${mode}`;
  },
});
