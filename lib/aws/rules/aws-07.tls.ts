import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isUnknown } from '../../core/rules/attributes';
import { companions } from './bucket-companions';
import { statements } from './policy-statements';

/** AWS-07: TLS-only bucket policy. */
export const aws07BucketTls = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 bucket policies deny requests without TLS (aws:SecureTransport false)',
  fixHint: 'Add a Deny statement for s3:* with Condition Bool aws:SecureTransport = false',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const p = companions(stack, 'aws_s3_bucket_policy', r)[0];
    if (!p) return 'no bucket policy';
    const st = statements(p.attributes.policy, stack);
    if (st === undefined) return 'no bucket policy';
    if (isUnknown(st)) return st;
    const ok = st.some(
      (s) =>
        s.Effect === 'Deny' &&
        asList<string>(s.Action).some((a) => a === 's3:*') &&
        String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
    );
    return ok || 'no Deny on aws:SecureTransport = false';
  },
});
