import { defineApplyRule } from '../../core/compliance/define-rule';
import { isTrue, isUnknown, readValue, unknown } from '../../core/rules/attributes';
import { allows, principals, statements } from './policy-statements';
import { sizeBounds } from './policy-size';

/** Largest key policy KMS accepts, bytes. */
const MAX_KEY_POLICY = 32768;

/**
 * A key policy is at most 32 KB and lets some principal call kms:PutKeyPolicy later: without
 * it, CreateKey/PutKeyPolicy fails the policy lockout safety check (MalformedPolicyDocument)
 * unless bypass_policy_lockout_safety_check is set.
 */
export const x10KmsKeyPolicy = defineApplyRule(__filename, {
  source:
    'AWS KMS API CreateKey / PutKeyPolicy (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html): Policy up to 32 kilobytes (32768 bytes); BypassPolicyLockoutSafetyCheck: the key policy must allow the caller to make a subsequent PutKeyPolicy request, else MalformedPolicyDocumentException',
  description:
    'KMS key policies are at most 32 KB and let an AWS principal administer the policy (kms:PutKeyPolicy), so KMS accepts them',
  fixHint:
    'Keep the policy under 32 KB and keep a statement that allows kms:PutKeyPolicy to the account or a key administrator',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check: (r, stack) => {
    const policy = r.attributes.policy;
    const st = statements(policy, stack);
    if (st === undefined) return undefined;
    if (isUnknown(st)) return st;
    const bypass = readValue(r, 'bypass_policy_lockout_safety_check');
    if (isUnknown(bypass)) return bypass;
    const size = sizeBounds(String(policy), false);
    if (size.min > MAX_KEY_POLICY)
      return `the key policy has ${size.min} bytes (at most ${MAX_KEY_POLICY})`;
    const admin = st.some(
      (s) => allows(s, 'kms:PutKeyPolicy') && principals(s).length > 0 && !s.Principal?.Service,
    );
    if (!admin && !isTrue(bypass))
      return 'no statement allows kms:PutKeyPolicy to an AWS principal (policy lockout safety check)';
    return (
      size.estimate <= MAX_KEY_POLICY ||
      unknown(
        `the key policy may exceed ${MAX_KEY_POLICY} bytes once its ${size.expressions} expressions resolve`,
      )
    );
  },
});
