import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** GCP-14: alert policies notify someone. */
export const gcp14AlertChannels = defineRule({
  id: 'GCP-14',
  level: RuleLevel.WARNING,
  description: 'Alert policies have notification channels',
  fixHint: 'Pass notification channels (alertEmails / alertChannels) so alerts reach someone',
  resourceTypes: ['google_monitoring_alert_policy'],
  check: (r) => (r.attributes.notification_channels ?? []).length > 0 || 'no notification_channels',
});
