import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { STUDIO_USER_TAG } from '../defaults';
import { isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-09: user profiles carry the studiouserid tag. */
export const aws09ProfileTag = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `User profiles carry the '${STUDIO_USER_TAG}' tag that presigned-URL policies match`,
  fixHint: `Add tags { ${STUDIO_USER_TAG} = <user name> } to the aws_sagemaker_user_profile`,
  resourceTypes: ['aws_sagemaker_user_profile'],
  check: (r) => {
    const tags = readValue(r, 'tags');
    if (isUnknown(tags)) return tags;
    const value = readValue(r, `tags.${STUDIO_USER_TAG}`);
    if (isUnknown(value)) return value;
    return (typeof value === 'string' && value.length > 0) || `no ${STUDIO_USER_TAG} tag`;
  },
});
