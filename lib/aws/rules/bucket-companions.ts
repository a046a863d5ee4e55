// The companion resources of an S3 bucket (versioning, encryption, logging, lifecycle, policy),
// with the bucket's legacy inline arguments read as companions where there is none.
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, blocks, isExpression, isUnknown, readValue } from '../../core/rules/attributes';

/** The `enabled` flag of a legacy inline block as the companion resources' status. */
function status(enabled: any, on: string, off: string): any {
  if (isExpression(enabled)) return enabled;
  return enabled === true || enabled === 'true' ? on : off;
}

/**
 * The inline arguments of `aws_s3_bucket` that AWS provider 4.0 deprecated in favour of the
 * companion resources (versioning, server_side_encryption_configuration, logging,
 * lifecycle_rule, policy; still accepted through provider 6.x, the only form before 4.0),
 * rewritten in the shape of the companion resource they stand for.
 */
const INLINE: { [companion: string]: (bucket: any) => any | undefined } = {
  aws_s3_bucket_versioning: (b) => {
    const v = asList(b.versioning)[0];
    if (v === undefined) return undefined;
    if (isExpression(v)) return { versioning_configuration: v };
    return { versioning_configuration: { status: status(v.enabled, 'Enabled', 'Suspended') } };
  },
  aws_s3_bucket_server_side_encryption_configuration: (b) => {
    const c = asList(b.server_side_encryption_configuration)[0];
    return c === undefined ? undefined : { rule: isExpression(c) ? c : c.rule };
  },
  aws_s3_bucket_logging: (b) => {
    const l = asList(b.logging)[0];
    if (l === undefined) return undefined;
    return isExpression(l) ? { target_bucket: l } : { target_bucket: l.target_bucket };
  },
  aws_s3_bucket_lifecycle_configuration: (b) => {
    const rules = asList(b.lifecycle_rule);
    if (rules.length === 0) return undefined;
    return {
      rule: rules.map((r: any) =>
        isExpression(r) ? r : { ...r, status: status(r.enabled, 'Enabled', 'Disabled') },
      ),
    };
  },
  aws_s3_bucket_policy: (b) => (b.policy === undefined ? undefined : { policy: b.policy }),
};

/**
 * Companion resources of a bucket (versioning, encryption, policy...): those whose `bucket`
 * references it, names it literally, or iterates over it (`for_each`); without one, the
 * bucket's legacy inline argument for the same setting. Uses the stack's cross-reference index,
 * so a rule over every bucket stays linear.
 */
export function companions(stack: StackView, type: string, target: ResourceView): ResourceView[] {
  const found = stack.companions(type, target, 'bucket', 'bucket');
  if (found.length > 0 || !INLINE[type]) return found;
  const attributes = INLINE[type](target.attributes);
  if (attributes === undefined) return [];
  return [{ ...target, type, address: `${target.address} (inline)`, attributes }];
}

/**
 * The `<block>.<field>` setting of a bucket's first companion of a type (e.g. the
 * `versioning_configuration.status` of its `aws_s3_bucket_versioning`): no `companion` when there
 * is none; an UnknownVerdict as `value` when the blocks or the value are expressions.
 */
export function companionSetting(
  stack: StackView,
  bucket: ResourceView,
  type: string,
  block: string,
  field: string,
): { companion?: ResourceView; value?: any } {
  const companion = companions(stack, type, bucket)[0];
  if (!companion) return {};
  const list = blocks(companion, block);
  if (isUnknown(list)) return { companion, value: list };
  return { companion, value: readValue(list[0], field, `${block}.${field}`) };
}

/** The versioning status of a bucket (see {@link companionSetting}). */
export function versioningStatus(
  stack: StackView,
  bucket: ResourceView,
): { companion?: ResourceView; value?: any } {
  return companionSetting(
    stack,
    bucket,
    'aws_s3_bucket_versioning',
    'versioning_configuration',
    'status',
  );
}
