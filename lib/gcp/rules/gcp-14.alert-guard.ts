import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, isUnknown } from '../../core/rules/attributes';
import { customRoleOf, iamMembers, PROJECT_IAM_TYPES } from './iam-members';

/**
 * Predefined roles that can update or delete alert policies, snooze them, or change or delete
 * their notification channels (iann0036/iam-dataset gcp/roles/*.json: monitoring.editor,
 * monitoring.admin, monitoring.alertPolicyEditor, monitoring.snoozeEditor,
 * monitoring.notificationChannelEditor; owner and editor hold every permission).
 */
export const ALERT_TAMPER_ROLES = [
  'roles/owner',
  'roles/editor',
  'roles/monitoring.admin',
  'roles/monitoring.editor',
  'roles/monitoring.alertPolicyEditor',
  'roles/monitoring.snoozeEditor',
  'roles/monitoring.notificationChannelEditor',
];

/** Permissions that disable, silence or redirect an alert policy. */
const ALERT_TAMPER =
  /^monitoring\.(alertPolicies\.(update|delete)|snoozes\.(create|update)|notificationChannels\.(update|delete))$/;

/**
 * GCP-14: the alert policies that watch IAM, key and perimeter changes cannot be disabled,
 * deleted, snoozed or redirected by the people whose changes they watch: in a stack with alert
 * policies, no project-level grant holds alert-policy update/delete, snooze create/update or
 * notification-channel update/delete. The deployer that applies the policies keeps those rights
 * outside the stack (or a suppression names it).
 */
export const gcp14AlertGuard = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'No project-level grant of a stack with alert policies can update, delete or snooze them or change their notification channels',
  fixHint:
    'Grant roles/monitoring.viewer (platform admins) instead; leave alert-policy management to the deployer, or suppress with the name of the deployer identity the grant is for',
  resourceTypes: PROJECT_IAM_TYPES,
  check: (b, stack: StackView) => {
    if (stack.resources('google_monitoring_alert_policy').length === 0) return undefined;
    const role = b.attributes.role;
    if (isExpression(role)) {
      const custom = customRoleOf(stack, role);
      if (isUnknown(custom)) return custom;
      const tamper = custom.permissions.filter((p) => ALERT_TAMPER.test(p));
      return (
        tamper.length === 0 ||
        `${custom.role.address} grants ${tamper.join(', ')} to ${iamMembers(b).join(', ')}`
      );
    }
    return (
      !ALERT_TAMPER_ROLES.includes(role) ||
      `${role} lets ${iamMembers(b).join(', ')} disable, delete or snooze the alert policies`
    );
  },
});
