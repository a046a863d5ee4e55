import { RuleLevel } from '../../core/compliance/rule';
import { asList } from '../../core/rules/attributes';
import { defineAttributeRule } from '../../core/rules/factories';

/** GCP-14: alert policies notify someone. */
export const gcp14AlertChannels = defineAttributeRule(__filename, {
  level: RuleLevel.WARNING,
  description: 'Alert policies have notification channels',
  fixHint: 'Pass notification channels (alertEmails / alertChannels) so alerts reach someone',
  resourceTypes: ['google_monitoring_alert_policy'],
  path: 'notification_channels',
  ok: (c) => asList(c).length > 0,
  detail: () => 'no notification_channels',
});
