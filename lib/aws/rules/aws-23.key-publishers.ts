import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { keyPolicyStatements } from './x-10.backup-vault-kms-key-policy';
import { actionsNotAllowed } from './policy-statements';
import { isUnknown } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';

/** Publishers of the stack, by resource type and the attributes that name the topic. */
const PUBLISHERS: [string, string[], string][] = [
  [
    'aws_cloudwatch_metric_alarm',
    ['alarm_actions', 'ok_actions', 'insufficient_data_actions'],
    'cloudwatch.amazonaws.com',
  ],
  [
    'aws_cloudwatch_composite_alarm',
    ['alarm_actions', 'ok_actions', 'insufficient_data_actions'],
    'cloudwatch.amazonaws.com',
  ],
  ['aws_cloudwatch_event_target', ['arn'], 'events.amazonaws.com'],
];

const ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * AWS-23 (publishers): a topic encrypted with a key of the stack, and published to by alarms or
 * EventBridge rules of the stack, uses a key whose policy allows those service principals
 * kms:Decrypt and kms:GenerateDataKey*. Otherwise every publish fails with KMS AccessDenied and
 * no alarm is delivered, although apply succeeds.
 */
export const aws23SnsKeyPublishers = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  source:
    'Amazon SNS Developer Guide, key management: enable compatibility between event sources from AWS services and encrypted topics (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html): the key policy must allow the service principal (cloudwatch.amazonaws.com, events.amazonaws.com) kms:GenerateDataKey* and kms:Decrypt',
  description:
    'SNS topics encrypted with a KMS key of the stack let the alarms and EventBridge rules that publish to them use the key',
  fixHint:
    'Add a key policy statement for Principal Service cloudwatch.amazonaws.com (alarms) or events.amazonaws.com (EventBridge) with kms:Decrypt and kms:GenerateDataKey*',
  resourceTypes: ['aws_sns_topic'],
  check: (r, stack) => {
    const key = referenced(stack, r.attributes.kms_master_key_id, 'aws_kms_key');
    if (!key) return undefined;
    const services = new Set<string>();
    for (const [type, attrs, service] of PUBLISHERS) {
      for (const attr of attrs)
        if (stack.referencing(type, attr, r).length > 0) services.add(service);
    }
    if (services.size === 0) return undefined;
    const st = keyPolicyStatements(stack, key);
    if (st === undefined)
      return `${key.address} has the default key policy, which admits no service principal`;
    if (isUnknown(st)) return st;
    const problems: string[] = [];
    for (const service of services) {
      const missing = actionsNotAllowed(st, service, ACTIONS);
      if (missing.length > 0) problems.push(`${service}: ${missing.join(', ')}`);
    }
    return (
      problems.length === 0 ||
      `${key.address} does not allow the publishers of ${r.address} ${problems.join('; ')}`
    );
  },
});
