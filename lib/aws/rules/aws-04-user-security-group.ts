import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr, list } from './util';

/** AWS-04: every user profile has a security group of its own. */
export const aws04UserSecurityGroup = defineRule({
  id: 'AWS-04',
  level: RuleLevel.ERROR,
  description: 'Each SageMaker user profile has a security group that no other profile uses',
  fixHint:
    'Create one aws_security_group per user profile and list it in user_settings.security_groups',
  resourceTypes: ['aws_sagemaker_user_profile'],
  check: (r, stack) => {
    const own: string[] = list(attr(r, 'user_settings.security_groups'));
    if (own.length === 0) return 'no user_settings.security_groups';
    const others = stack
      .resources('aws_sagemaker_user_profile')
      .filter((p) => p.address !== r.address);
    const used = new Set<string>(
      others.flatMap((p) => list(attr(p, 'user_settings.security_groups')) as string[]),
    );
    return (
      own.some((sg) => !used.has(sg)) ||
      'every security group of this profile is shared with another profile'
    );
  },
});
