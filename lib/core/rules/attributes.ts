// Reading one resource's synthesized attributes, three-valued, for the rules of every cloud.
// A value that is an unresolved expression (`${...}`, `%{...}`, the `${dynamic.NAME}` marker of a
// `dynamic` block) reads as UNKNOWN, never as a pass or a failure; a nested block reads the same
// whether Terraform JSON writes it as one object or as a list of objects.
import { unknown, UnknownVerdict, Verdict } from '../compliance/define-rule';
import { ResourceView } from '../compliance/rule';
import { getPath } from '../compliance/stack-view';

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

/** A verdict whose failure detail is placed: `<where> <detail>`; other verdicts unchanged. */
export function detailAt(where: string, v: Verdict): Verdict {
  return typeof v === 'string' ? `${where} ${v}` : v;
}

/** True for a verdict that is UNKNOWN. */
export function isUnknown(v: unknown): v is UnknownVerdict {
  return v instanceof UnknownVerdict;
}

/** True for a resource view (as opposed to a plain block object). */
function isResourceView(v: any): v is ResourceView {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.address === 'string' &&
    typeof v.type === 'string' &&
    typeof v.attributes === 'object'
  );
}

/** The result of {@link lookup}: a literal value (possibly undefined) or an expression. */
export interface Lookup {
  /** The value (undefined when absent or when `expression` is set). */
  readonly value?: any;
  /** Set when the path crosses an unresolved expression (a `${...}` value or block). */
  readonly expression?: string;
}

/**
 * Reads a dot path (`a.b.0.c`) in a resource's attributes or in any JSON value. Each block may
 * be an object or a list (its first element is read); a segment that is a number indexes a
 * list. Crossing an expression (a `${...}` string where a block or value was expected) gives
 * `{ expression }`.
 */
export function lookup(source: ResourceView | any, path: string): Lookup {
  let cur: any = isResourceView(source) ? source.attributes : source;
  for (const part of path.split('.')) {
    if (isExpression(cur)) return { expression: String(cur) };
    if (cur === undefined || cur === null) return {};
    if (Array.isArray(cur) && !/^\d+$/.test(part)) {
      if (cur.length === 0) return {};
      cur = cur[0];
      if (isExpression(cur)) return { expression: String(cur) };
    }
    cur = cur?.[part];
  }
  if (isExpression(cur)) return { expression: String(cur) };
  return { value: cur };
}

/**
 * The value at a dot path of a resource or JSON value (see {@link lookup}), or an UnknownVerdict
 * `<label> is <expression>` when the path crosses an expression.
 */
export function readValue(source: ResourceView | any, path: string, label = path): any {
  const v = lookup(source, path);
  return v.expression !== undefined ? unknown(`${label} is ${v.expression}`) : v.value;
}

/**
 * The blocks at a path as a list (object and list forms alike; none when absent), or the
 * expression that generates them (e.g. the marker of a `dynamic` block) and an empty list.
 */
export function lookupBlocks(
  source: ResourceView | any,
  path: string,
): { list: any[]; expression?: string } {
  const v = lookup(source, path);
  if (v.expression !== undefined) return { list: [], expression: v.expression };
  const list = asList(v.value);
  const expr = list.find((b) => isExpression(b));
  return expr !== undefined ? { list: [], expression: String(expr) } : { list };
}

/**
 * The blocks at a path as a list (see {@link lookupBlocks}); an UnknownVerdict
 * `<path> is <expression>` when they are generated by an expression.
 */
export function blocks(source: ResourceView | any, path: string): any[] | UnknownVerdict {
  const b = lookupBlocks(source, path);
  return b.expression !== undefined ? unknown(`${path} is ${b.expression}`) : b.list;
}

/** Three-valued test of one attribute: UNKNOWN when it is (or crosses) an expression. */
export function check(
  r: ResourceView,
  path: string,
  ok: (value: any) => boolean,
  detail: (value: any) => string,
): Verdict {
  const v = lookup(r, path);
  if (v.expression !== undefined) return unknown(`${path} is ${v.expression}`);
  return ok(v.value) || detail(v.value);
}

/** The attribute must be set (an expression counts as set). */
export function present(r: ResourceView, path: string, detail: string): Verdict {
  const v = lookup(r, path);
  if (v.expression !== undefined) return true;
  return (v.value !== undefined && v.value !== null && v.value !== '') || detail;
}

/** The attribute must be literally false (or the string "false"). */
export function mustBeFalse(r: ResourceView, path: string): Verdict {
  return check(r, path, isFalse, () => `${path} is not false`);
}

/** The attribute must be literally true (or the string "true"). */
export function mustBeTrue(r: ResourceView, path: string): Verdict {
  return check(r, path, isTrue, () => `${path} is not true`);
}

/**
 * A literal check of one value already read: unknown when it is an expression (or a list
 * holding one that the literal part alone does not satisfy), else `ok` or the failure detail.
 */
export function literal(
  value: any,
  what: string,
  ok: (v: any) => boolean,
  detail: (v: any) => string,
): Verdict {
  if (isExpression(value)) return unknown(`${what} is ${value}`);
  if (
    Array.isArray(value) &&
    value.some(isExpression) &&
    !ok(value.filter((x) => !isExpression(x)))
  )
    return unknown(`${what} holds an expression`);
  return ok(value) || detail(value);
}

/** A list of failures as one verdict: compliant when empty, else the details joined. */
export function failuresVerdict(failures: string[]): true | string {
  return failures.length === 0 ? true : failures.join('; ');
}
