// Reading synthesized Terraform JSON attributes, three-valued: every rule reads through these
// helpers, so that a value known only at plan or apply time gives UNKNOWN instead of a pass or a
// failure.
import { unknown, UnknownVerdict, Verdict } from './define-rule';
import { ResourceView } from './rule';
import { getPath } from './stack-view';

export { unknown, UnknownVerdict };
export type { Verdict };

/**
 * True when a value is not known before plan/apply: a string holding an unresolved template
 * (`${...}` or `%{...}`, but not the `$${` escape), including the `${dynamic.NAME}` marker the
 * loader puts where a `dynamic` block generates nested blocks.
 */
export function isExpression(value: any): boolean {
  if (typeof value !== 'string') return false;
  return /(^|[^$])[$%]\{/.test(value);
}

/** The attribute at a dot path ('a.b.0.c'); single blocks are looked through. */
export function attr(r: ResourceView, path: string): any {
  return getPath(r.attributes, path);
}

/** A value as a list: blocks synthesize as one object or a list of objects. */
export function asList<T = any>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A block attribute: the first (or only) block. */
export function block(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Three-valued test of one attribute: UNKNOWN when it is an expression, else the predicate's
 * verdict (`detail` on failure).
 */
export function expectValue(
  r: ResourceView,
  path: string,
  ok: (value: any) => boolean,
  detail: (value: any) => string,
): Verdict {
  const v = attr(r, path);
  if (isExpression(v)) return unknown(`${path} is ${v}`);
  return ok(v) || detail(v);
}

/** True for a literal true (Terraform also accepts the string "true"). */
export function isTrue(value: any): boolean {
  return value === true || value === 'true';
}

/** True for a literal false (or the string "false"). */
export function isFalse(value: any): boolean {
  return value === false || value === 'false';
}

/**
 * Combines the verdicts of several checks on one resource: any failure fails (details joined);
 * else any unknown is unknown; else compliant; all undefined is not applicable.
 */
export function allOf(verdicts: Verdict[]): Verdict {
  const failures: string[] = [];
  const unknowns: string[] = [];
  let applicable = false;
  for (const v of verdicts) {
    if (v === undefined) continue;
    applicable = true;
    if (v === true) continue;
    if (v instanceof UnknownVerdict) unknowns.push(v.detail);
    else failures.push(v === false ? 'non-compliant' : v);
  }
  if (failures.length > 0) return failures.join('; ');
  if (unknowns.length > 0) return unknown(unknowns.join('; '));
  return applicable ? true : undefined;
}
