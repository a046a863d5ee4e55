import { getPath } from '../../core/compliance/stack-view';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';

/** Internal: an attribute of a resource by dot path (blocks may be objects or one-element lists). */
export function attr(r: ResourceView, path: string): any {
  return getPath(r.attributes, path);
}

/** Internal: a value as a list (blocks synthesize as objects or lists). */
export function asList(value: any): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Internal: true when a value is an unresolved reference (decided at apply time). */
export function isRef(value: any): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Internal: the resources of the given types whose `scope`-like attribute refers to r. */
export function referencedBy(
  stack: StackView,
  r: ResourceView,
  type: string,
  path: string,
): ResourceView[] {
  return stack.referencing(type, path, r);
}

/** Internal: lists failures as one detail string, or true. */
export function verdict(failures: string[]): true | string {
  return failures.length === 0 ? true : failures.join('; ');
}
