import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, isTrue, isUnknown, readValue } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

const KEYS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

/** AWS-07: all four public access blocks. */
export const aws07BucketPublicAccess = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 buckets block public ACLs and policies (all four settings)',
  fixHint: 'Add an aws_s3_bucket_public_access_block with the four settings true',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const b = companions(stack, 'aws_s3_bucket_public_access_block', r)[0];
    if (!b) return 'no public access block';
    const values = KEYS.map((k) => [k, readValue(b, k)] as const);
    const off = values.filter(([, v]) => !isUnknown(v) && !isTrue(v)).map(([k]) => k);
    return allOf([
      off.length === 0 || `not true: ${off.join(', ')}`,
      ...values.filter(([, v]) => isUnknown(v)).map(([, v]) => v),
    ]);
  },
});
