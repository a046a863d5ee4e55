import { defineApplyRule } from '../../core/compliance/define-rule';
import {
  allOf,
  isExpression,
  isUnknown,
  readValue,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';
import { sizeBounds } from './policy-size';

/** IAM quotas, characters without whitespace. */
const MANAGED_POLICY = 6144;
const TRUST_POLICY = 2048;
const INLINE_PER_ROLE = 10240;

function within(label: string, doc: any, limit: number): Verdict {
  if (doc === undefined) return undefined;
  if (typeof doc !== 'string' || (isExpression(doc) && !doc.trim().startsWith('{')))
    return unknown(`${label} is ${String(doc).slice(0, 80)}`);
  const size = sizeBounds(doc, true);
  if (size.min > limit) return `${label} has ${size.min} characters (IAM allows ${limit})`;
  return (
    size.estimate <= limit ||
    unknown(
      `${label} may exceed ${limit} characters once its ${size.expressions} expressions resolve`,
    )
  );
}

/**
 * IAM rejects a managed policy over 6,144 characters, a role trust policy over 2,048 (the
 * default quota) and inline policies over 10,240 characters per role in total (whitespace not
 * counted), with LimitExceeded or MalformedPolicyDocument at apply.
 */
export const x10IamPolicySize = defineApplyRule(__filename, {
  source:
    'IAM User Guide, IAM and AWS STS quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): managed policy size 6,144 characters, role trust policy length 2,048 characters (adjustable to 4,096), inline policies of a role 10,240 characters in aggregate; whitespace not counted',
  description:
    'IAM policies fit the IAM quotas: managed policies 6,144 characters, trust policies 2,048, inline policies of one role 10,240 in total',
  fixHint:
    'Split the policy into several managed policies, shorten statements (wildcards in ARNs where the scope allows) or raise the trust-policy quota',
  resourceTypes: ['aws_iam_policy', 'aws_iam_role'],
  check: (r, stack) => {
    if (r.type === 'aws_iam_policy') return within('policy', r.attributes.policy, MANAGED_POLICY);
    const trust = within('assume_role_policy', r.attributes.assume_role_policy, TRUST_POLICY);
    // indexed: the inline policies whose `role` references this role
    const inline = stack
      .referencing('aws_iam_role_policy', 'role', r)
      .filter((p) => referenced(stack, p.attributes.role, 'aws_iam_role') === r)
      .map((p) => p.attributes.policy);
    const inlineBlocks = readValue(r, 'inline_policy');
    const docs = [
      ...inline,
      ...(isUnknown(inlineBlocks) ? [] : [].concat(inlineBlocks ?? []).map((b: any) => b?.policy)),
    ].filter((d) => d !== undefined);
    const total =
      docs.length === 0
        ? undefined
        : within('inline policies', docs.map(String).join(''), INLINE_PER_ROLE);
    return allOf([trust, total]) ?? true;
  },
});
