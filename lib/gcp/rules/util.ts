import { getPath } from '../../core/compliance/stack-view';

/** Reads a dot path from synthesized attributes (blocks may be objects or one-element arrays). */
export function attr(attributes: any, path: string): any {
  return getPath(attributes, path);
}

/** A block as a list (blocks synthesize as an object or an array). */
export function blocks(value: any): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** True when a value is a boolean true (or the string 'true'). */
export function isTrue(value: any): boolean {
  return value === true || value === 'true';
}

/** True when a string value is a Terraform reference expression. */
export function isReference(value: any): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Seconds of a 'NNNs' duration, or undefined. */
export function durationSeconds(value: any): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)(\.\d+)?s$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
