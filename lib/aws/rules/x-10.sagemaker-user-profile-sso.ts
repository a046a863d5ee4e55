import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown, readValue } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';

/**
 * A user profile of an IAM Identity Center (SSO) domain names its Identity Center user
 * (single_sign_on_user_identifier = "UserName" and single_sign_on_user_value); a profile of an
 * IAM domain may not. CreateUserProfile fails with ValidationException otherwise.
 */
export const x10SagemakerUserProfileSso = defineApplyRule(__filename, {
  source:
    'Amazon SageMaker API CreateUserProfile (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateUserProfile.html): SingleSignOnUserIdentifier, only "UserName"; SingleSignOnUserIdentifier and SingleSignOnUserValue are required when the domain AuthMode is IAM Identity Center and cannot be specified otherwise',
  description:
    'User profiles of SSO domains set single_sign_on_user_identifier = "UserName" and single_sign_on_user_value; profiles of IAM domains set neither',
  fixHint:
    'On an SSO domain set single_sign_on_user_identifier = "UserName" and the Identity Center user name; on an IAM domain remove both',
  resourceTypes: ['aws_sagemaker_user_profile'],
  check: (r, stack) => {
    const domain = referenced(stack, r.attributes.domain_id, 'aws_sagemaker_domain');
    if (!domain) return undefined;
    const mode = readValue(domain, 'auth_mode');
    const identifier = readValue(r, 'single_sign_on_user_identifier');
    const value = readValue(r, 'single_sign_on_user_value');
    if (isUnknown(mode)) return mode;
    if (isUnknown(identifier)) return identifier;
    if (mode === 'SSO') {
      if (identifier !== 'UserName')
        return `the domain uses SSO: single_sign_on_user_identifier must be "UserName" (is ${identifier ?? 'unset'})`;
      if (isUnknown(value)) return value;
      return Boolean(value) || 'the domain uses SSO: single_sign_on_user_value is not set';
    }
    return (
      (identifier === undefined && r.attributes.single_sign_on_user_value === undefined) ||
      `the domain uses ${mode}: single_sign_on_user_identifier/value are allowed on SSO domains only`
    );
  },
});
