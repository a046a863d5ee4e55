import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isUnknown, read } from './util';

/** AWS-04: every user profile has a security group of its own. */
export const aws04UserSecurityGroup = defineRule({
  id: 'AWS-04',
  level: RuleLevel.ERROR,
  description: 'Each SageMaker user profile has a security group that no other profile uses',
  fixHint:
    'Create one aws_security_group per user profile and list it in user_settings.security_groups',
  resourceTypes: ['aws_sagemaker_user_profile'],
  check: (r, stack) => {
    const value = read(r, 'user_settings.security_groups');
    if (isUnknown(value)) return value;
    const own: string[] = asList(value);
    if (own.length === 0) return 'no user_settings.security_groups';
    const used = new Set<string>();
    for (const p of stack.resources('aws_sagemaker_user_profile')) {
      if (p.address === r.address) continue;
      const other = read(p, 'user_settings.security_groups');
      if (!isUnknown(other)) for (const sg of asList<string>(other)) used.add(sg);
    }
    return (
      own.some((sg) => !used.has(sg)) ||
      'every security group of this profile is shared with another profile'
    );
  },
});
