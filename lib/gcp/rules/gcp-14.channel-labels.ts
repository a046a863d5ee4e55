import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, unknown } from '../../core/rules/attributes';

/**
 * The label keys each notification channel type's descriptor defines (the only keys its
 * `labels` may hold). `gcloud beta monitoring channel-descriptors describe TYPE` lists them.
 */
export const CHANNEL_DESCRIPTOR_LABELS: { [type: string]: string[] } = {
  email: ['email_address'],
  sms: ['number'],
  slack: ['channel_name', 'team', 'auth_token'],
  pagerduty: ['service_key'],
  webhook_tokenauth: ['url'],
  webhook_basicauth: ['url', 'username', 'password'],
  pubsub: ['topic'],
};

/**
 * GCP-14 (apply): a notification channel's `labels` are the fields of its type's descriptor
 * (an e-mail channel takes only `email_address`); any other key is rejected by the Monitoring
 * API, and every alert policy that names the channel fails with it. Resource labels belong in
 * `user_labels`.
 */
export const gcp14ChannelLabels = defineApplyRule(__filename, {
  source:
    'provider docs website/docs/r/monitoring_notification_channel.html.markdown ("labels: Configuration fields that define the channel and its behavior. The permissible and required labels are specified in the NotificationChannelDescriptor.labels"; "user_labels: User-supplied key/value data"); https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.notificationChannelDescriptors',
  description:
    "Notification channel labels hold only the keys the channel type's descriptor defines; resource labels go to user_labels",
  fixHint:
    'Move platform/ownership labels to user_labels; keep only the descriptor fields (email: email_address) in labels',
  resourceTypes: ['google_monitoring_notification_channel'],
  check: (r) => {
    const type = r.attributes.type;
    if (isExpression(type)) return unknown(`type is ${type}`);
    const allowed = CHANNEL_DESCRIPTOR_LABELS[type];
    if (!allowed) return undefined;
    const labels = r.attributes.labels;
    if (labels === undefined) return true;
    if (isExpression(labels)) return unknown(`labels is ${labels}`);
    const extra = Object.keys(labels).filter((k) => !allowed.includes(k));
    return (
      extra.length === 0 ||
      `labels ${extra.join(', ')} are not fields of the ${type} channel descriptor (${allowed.join(', ')})`
    );
  },
});
