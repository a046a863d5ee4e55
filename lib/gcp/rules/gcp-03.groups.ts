import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, unknown } from '../../core/rules/attributes';
import { iamMembers, memberKind, PROJECT_IAM_TYPES } from './iam-members';

/** GCP-03: project roles go to groups, not to individual users. */
export const gcp03Groups = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description:
    'Project roles are granted to groups (or service accounts), not to individual user: members',
  fixHint:
    'Put the person in a group (group:...) and grant the role to the group; joiners and leavers then change group membership, not IAM policy',
  resourceTypes: PROJECT_IAM_TYPES,
  check: (r) =>
    allOf(
      iamMembers(r).map((m) =>
        memberKind(m) === undefined
          ? unknown(`member is ${m}`)
          : memberKind(m) !== 'user' || `grants a project role to ${m}`,
      ),
    ),
});
