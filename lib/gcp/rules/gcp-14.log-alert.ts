import { defineApplyRule } from '../../core/compliance/define-rule';
import { asList, block, isExpression, unknown } from '../../core/rules/attributes';

/**
 * GCP-14 (apply): a log-based alert policy (condition_matched_log) needs
 * alert_strategy.notification_rate_limit; the Monitoring API rejects it otherwise.
 */
export const gcp14LogAlertRateLimit = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#AlertStrategy ("notificationRateLimit: Required for log-based alerting policies")',
  description: 'Log-based alert policies set alert_strategy.notification_rate_limit',
  fixHint: 'Add alert_strategy { notification_rate_limit { period = "300s" } }',
  resourceTypes: ['google_monitoring_alert_policy'],
  check: (r) => {
    const conditions = r.attributes.conditions;
    if (isExpression(conditions)) return unknown(`conditions is ${conditions}`);
    if (!asList(conditions).some((c) => c?.condition_matched_log !== undefined)) return undefined;
    const strategy = r.attributes.alert_strategy;
    if (isExpression(strategy)) return unknown(`alert_strategy is ${strategy}`);
    const limit = block(block(strategy)?.notification_rate_limit);
    if (isExpression(limit)) return unknown(`notification_rate_limit is ${limit}`);
    return (
      !!limit?.period || 'log-based alert without alert_strategy.notification_rate_limit.period'
    );
  },
});
