import { defineApplyRule } from '../../core/compliance/define-rule';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** The name attribute of each SageMaker resource type with the `[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` rule. */
const NAME_ATTRIBUTES: { [type: string]: string } = {
  aws_sagemaker_domain: 'domain_name',
  aws_sagemaker_user_profile: 'user_profile_name',
  aws_sagemaker_space: 'space_name',
  aws_sagemaker_app_image_config: 'app_image_config_name',
  aws_sagemaker_model_package_group: 'model_package_group_name',
  aws_sagemaker_notebook_instance: 'name',
};

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * SageMaker names are 1-63 letters, digits and hyphens, starting and ending with a letter or
 * digit. The provider's check of user_profile_name (and others) has no end anchor, so
 * `alice_smith` passes plan and CreateUserProfile fails with ValidationException.
 */
export const x10SagemakerName = defineApplyRule(__filename, {
  source:
    'Amazon SageMaker API CreateDomain DomainName, CreateUserProfile UserProfileName, CreateSpace SpaceName, CreateAppImageConfig AppImageConfigName, CreateModelPackageGroup ModelPackageGroupName, CreateNotebookInstance NotebookInstanceName: pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateUserProfile.html); terraform-provider-aws internal/service/sagemaker/user_profile.go validates user_profile_name with the pattern but no end anchor',
  description:
    'SageMaker domain, user profile, space, app image config, model package group and notebook instance names are 1-63 letters, digits and hyphens, starting and ending with a letter or digit',
  fixHint:
    'Use only letters, digits and single or repeated hyphens between them (no _ . or spaces)',
  resourceTypes: Object.keys(NAME_ATTRIBUTES),
  check: (r) => {
    const attribute = NAME_ATTRIBUTES[r.type];
    const name = readValue(r, attribute);
    if (isUnknown(name)) return name;
    if (name === undefined) return undefined;
    return (
      NAME.test(String(name)) || `${attribute} '${name}' is not 1-63 letters, digits and hyphens`
    );
  },
});
