import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, isUnknown, readValue, unknown } from '../../core/rules/attributes';

/** Resource types whose tag keys and values allow only `[\p{L}\p{Z}\p{N}_.:/=+\-@]`. */
const RESTRICTED_TYPES = /^aws_(iam_|sagemaker_)/;
const RESTRICTED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * AWS tags: at most 50 per resource (provider default tags included), keys of at most 128 and
 * values of at most 256 characters, no `aws:` key prefix; IAM and SageMaker also restrict the
 * characters. The provider checks none of this at plan.
 */
export const x10Tags = defineApplyRule(__filename, {
  source:
    'Tagging AWS resources, tag naming limits and requirements (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html): 50 tags per resource, key 128 and value 256 characters, aws: prefix reserved; IAM API Tag (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html) and SageMaker API Tag (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html): pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*',
  description:
    'Tags fit the AWS limits: at most 50 (with the provider default tags), keys up to 128 and values up to 256 characters, no aws: prefix; IAM and SageMaker tags use letters, digits, spaces and _.:/=+-@ only',
  fixHint: 'Shorten or rename the tag, or drop tags (or provider default tags) to stay within 50',
  check: (r, stack) => {
    if (!r.type.startsWith('aws_')) return undefined;
    const tags = readValue(r, 'tags');
    if (isUnknown(tags)) return tags;
    if (tags === undefined || tags === null || typeof tags !== 'object') return undefined;
    const defaults = stack
      .providers('aws')
      .map((p) => (Array.isArray(p.default_tags) ? p.default_tags[0] : p.default_tags)?.tags ?? {});
    const merged: { [k: string]: any } = Object.assign({}, ...defaults, tags);
    const problems: string[] = [];
    const keys = Object.keys(merged);
    if (keys.length > 50)
      problems.push(`${keys.length} tags with the provider default tags (at most 50)`);
    let dynamic: string | undefined;
    for (const k of keys) {
      const v = merged[k];
      if (k.length > 128) problems.push(`tag key ${k.slice(0, 20)}... longer than 128`);
      if (/^aws:/i.test(k)) problems.push(`tag key ${k} uses the reserved aws: prefix`);
      if (isExpression(v)) {
        dynamic = dynamic ?? `tags.${k} is ${v}`;
        continue;
      }
      const s = String(v);
      if (s.length > 256) problems.push(`tag ${k} value longer than 256`);
      if (RESTRICTED_TYPES.test(r.type) && (!RESTRICTED.test(k) || !RESTRICTED.test(s)))
        problems.push(`tag ${k}=${s} uses characters ${r.type} does not accept`);
    }
    if (problems.length > 0) return problems.join('; ');
    return dynamic === undefined || unknown(dynamic);
  },
});
