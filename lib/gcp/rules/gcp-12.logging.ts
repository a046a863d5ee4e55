import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { block, isExpression, unknown } from '../../core/rules/attributes';

/** GCP-12: access logs go to a log bucket (log buckets themselves excepted). */
export const gcp12BucketLogging = defineRule(__filename, {
  level: RuleLevel.WARNING,
  profile: RuleProfile.PLATFORM,
  description:
    'Buckets write usage (access) logs to a log bucket; Data Access audit logs cover reads too',
  fixHint: 'Add a logging block with log_bucket',
  resourceTypes: ['google_storage_bucket'],
  check: (r, stack) => {
    const logging = r.attributes.logging;
    if (isExpression(logging)) return unknown(`logging is ${logging}`);
    if (block(logging)?.log_bucket) return true;
    const isLogTarget = stack
      .resources('google_storage_bucket')
      .some((b) => StackView.refersTo(block(b.attributes.logging)?.log_bucket, r));
    return isLogTarget ? undefined : 'no logging.log_bucket';
  },
});
