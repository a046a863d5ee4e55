// Helpers shared by the AWS rules: reading synthesized attributes and IAM policy JSON.
import { ResourceView } from '../../core/compliance/rule';
import { getPath, StackView } from '../../core/compliance/stack-view';

/** A block attribute: cdktf synthesizes single blocks as objects or one-element arrays. */
export function block(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

/** The attribute at a dot path (blocks looked through). */
export function attr(r: ResourceView, path: string): any {
  return getPath(r.attributes, path);
}

/** One value or a list, as a list. */
export function list<T>(v: T | T[] | undefined): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Parsed statements of a policy string; undefined when the policy is not literal JSON. */
export function statements(policy: any): any[] | undefined {
  if (typeof policy !== 'string') return undefined;
  const trimmed = policy.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    return list(JSON.parse(trimmed).Statement);
  } catch {
    return undefined;
  }
}

/**
 * Companion resources of a bucket (versioning, encryption, policy...): those whose `bucket`
 * references it, names it literally, or iterates over it (`for_each`). Uses the stack's
 * cross-reference index, so a rule over every bucket stays linear.
 */
export function companions(stack: StackView, type: string, target: ResourceView): ResourceView[] {
  return stack.companions(type, target, 'bucket', 'bucket');
}

/** True when a non-empty list or a reference. */
export function nonEmpty(v: any): boolean {
  if (typeof v === 'string') return v.length > 0;
  return Array.isArray(v) && v.length > 0;
}
