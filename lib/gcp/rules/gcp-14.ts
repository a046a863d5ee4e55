import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, unknown } from '../../core/rules/attributes';

/** GCP-14: alert policies notify someone. */
export const gcp14AlertChannels = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description: 'Alert policies have notification channels',
  fixHint: 'Pass notification channels (alertEmails / alertChannels) so alerts reach someone',
  resourceTypes: ['google_monitoring_alert_policy'],
  check: (r) => {
    const c = r.attributes.notification_channels;
    if (isExpression(c)) return unknown(`notification_channels is ${c}`);
    return asList(c).length > 0 || 'no notification_channels';
  },
});
