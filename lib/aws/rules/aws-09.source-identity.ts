import { RuleLevel } from '../../core/compliance/rule';
import { defineAttributeRule } from '../../core/rules/factories';

/** AWS-09: CloudTrail shows the user profile (sourceIdentity). */
export const aws09SourceIdentity = defineAttributeRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Domains propagate the user profile name as sourceIdentity to CloudTrail',
  fixHint: 'Set domain_settings.execution_role_identity_config = "USER_PROFILE_NAME"',
  resourceTypes: ['aws_sagemaker_domain'],
  path: 'domain_settings.execution_role_identity_config',
  ok: (v) => v === 'USER_PROFILE_NAME',
  detail: () => 'execution_role_identity_config is not USER_PROFILE_NAME',
});
