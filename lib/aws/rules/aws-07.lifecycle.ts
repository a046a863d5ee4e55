import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { blocks, isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

/** AWS-07: lifecycle rules. */
export const aws07BucketLifecycle = defineRule(__filename, {
  level: RuleLevel.WARNING,
  profile: RuleProfile.PLATFORM,
  description: 'S3 buckets have lifecycle rules (noncurrent versions, incomplete uploads)',
  fixHint: 'Add an aws_s3_bucket_lifecycle_configuration with at least one Enabled rule',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const l = companions(stack, 'aws_s3_bucket_lifecycle_configuration', r)[0];
    if (!l) return 'no enabled lifecycle rule';
    const rules = blocks(l, 'rule');
    if (isUnknown(rules)) return rules;
    if (rules.some((x) => x?.status === 'Enabled')) return true;
    const dynamic = rules.find((x) => isExpression(x?.status));
    return dynamic ? unknown(`rule.status is ${dynamic.status}`) : 'no enabled lifecycle rule';
  },
});
