import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, isUnknown, readValue } from '../../core/rules/attributes';
import { perStack } from '../../core/rules/references';

/**
 * How many user profiles of the stack list each security group (a profile listing a group twice
 * counts once). Profiles whose groups are an expression are left out, as before: they cannot
 * share a group that is known. Built once per stack, so the rule is linear in the profiles.
 */
function profilesPerGroup(stack: StackView): Map<string, number> {
  return perStack(stack, 'AWS-04.profiles-per-group', () => {
    const counts = new Map<string, number>();
    for (const p of stack.resources('aws_sagemaker_user_profile')) {
      const groups = readValue(p, 'user_settings.security_groups');
      if (isUnknown(groups)) continue;
      for (const sg of new Set(asList<string>(groups))) counts.set(sg, (counts.get(sg) ?? 0) + 1);
    }
    return counts;
  });
}

/** AWS-04: every user profile has a security group of its own. */
export const aws04UserSecurityGroup = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Each SageMaker user profile has a security group that no other profile uses',
  fixHint:
    'Create one aws_security_group per user profile and list it in user_settings.security_groups',
  resourceTypes: ['aws_sagemaker_user_profile'],
  check: (r, stack) => {
    const value = readValue(r, 'user_settings.security_groups');
    if (isUnknown(value)) return value;
    const own: string[] = asList(value);
    if (own.length === 0) return 'no user_settings.security_groups';
    const counts = profilesPerGroup(stack);
    // this profile is counted once for each of its groups: a count of 1 is its own group
    return (
      own.some((sg) => (counts.get(sg) ?? 0) <= 1) ||
      'every security group of this profile is shared with another profile'
    );
  },
});
