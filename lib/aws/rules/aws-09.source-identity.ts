import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-09: CloudTrail shows the user profile (sourceIdentity). */
export const aws09SourceIdentity = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Domains propagate the user profile name as sourceIdentity to CloudTrail',
  fixHint: 'Set domain_settings.execution_role_identity_config = "USER_PROFILE_NAME"',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (r) => {
    const v = readValue(r, 'domain_settings.execution_role_identity_config');
    if (isUnknown(v)) return v;
    return v === 'USER_PROFILE_NAME' || 'execution_role_identity_config is not USER_PROFILE_NAME';
  },
});
