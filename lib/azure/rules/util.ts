// Three-valued readers shared by the Azure rules. A value that is an unresolved expression
// (`${...}`) gives UNKNOWN, never a pass or a failure; nested blocks are read with `asList`
// (Terraform JSON writes a block as one object or as a list of objects).
import { unknown, UnknownVerdict, Verdict } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, isFalse, isTrue } from '../../core/compliance/tf';

export { allOf, asList, isExpression, isFalse, isTrue, unknown, UnknownVerdict };
export type { Verdict };

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

/** The result of reading a path: a literal value (possibly undefined) or an expression. */
export interface Read {
  /** The value (undefined when absent or when `expression` is set). */
  readonly value?: any;
  /** Set when the path crosses an unresolved expression (a `${...}` value or block). */
  readonly expression?: string;
}

/**
 * Reads a dot path through nested blocks. Each block may be an object or a list (the first
 * element is read); a segment that is a number indexes a list. Crossing an expression (a
 * `${...}` string where a block or value was expected) gives `{ expression }`.
 */
export function read(source: ResourceView | any, path: string): Read {
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

/** The blocks at a path, as a list (none when absent). An expression gives `{ expression }`. */
export function blocks(
  source: ResourceView | any,
  path: string,
): { list: any[]; expression?: string } {
  const r = read(source, path);
  if (r.expression !== undefined) return { list: [], expression: r.expression };
  const list = asList(r.value);
  const expr = list.find((b) => isExpression(b));
  return expr !== undefined ? { list: [], expression: String(expr) } : { list };
}

/** Three-valued test of one attribute: UNKNOWN when it is (or crosses) an expression. */
export function check(
  r: ResourceView,
  path: string,
  ok: (value: any) => boolean,
  detail: (value: any) => string,
): Verdict {
  const v = read(r, path);
  if (v.expression !== undefined) return unknown(`${path} is ${v.expression}`);
  return ok(v.value) || detail(v.value);
}

/** The attribute must be set (an expression counts as set). */
export function present(r: ResourceView, path: string, detail: string): Verdict {
  const v = read(r, path);
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

/** Internal: the resources of a type in the stack whose `attr` refers to r. */
export function referencedBy(
  stack: StackView,
  r: ResourceView,
  type: string,
  path: string,
): ResourceView[] {
  return stack.referencing(type, path, r);
}

/** The resources a `${...}` value refers to (indexed by address: linear over a stack). */
export function targetsOf(stack: StackView, value: any): ResourceView[] {
  if (!isExpression(value) && typeof value !== 'object') return [];
  return stack.targetsOf(value);
}

/**
 * A value computed once per stack and kept for every rule and resource that asks (an index of
 * the stack built in one pass, so that per-resource checks stay linear over the whole stack).
 */
export function memo<T>(stack: StackView, key: string, build: () => T): T {
  let cache = MEMO.get(stack);
  if (!cache) MEMO.set(stack, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  const value = build();
  cache.set(key, value);
  return value;
}
const MEMO = new WeakMap<StackView, Map<string, unknown>>();

/** Groups resources of a type by a key computed from each (undefined keys are left out). */
export function groupBy(
  stack: StackView,
  type: string,
  name: string,
  keyOf: (r: ResourceView) => string | undefined,
): Map<string, ResourceView[]> {
  return memo(stack, `group\u0000${type}\u0000${name}`, () => {
    const out = new Map<string, ResourceView[]>();
    for (const r of stack.resources(type)) {
      const k = keyOf(r);
      if (k === undefined) continue;
      let list = out.get(k);
      if (!list) out.set(k, (list = []));
      list.push(r);
    }
    return out;
  });
}

/**
 * Resources of `type` whose `attr` (dot path) is an expression that names nothing in the stack
 * (a variable, a data source of another stack...): what they point at is known only at apply.
 * Indexed once per stack.
 */
export function unresolvedRefs(stack: StackView, type: string, attr: string): ResourceView[] {
  return memo(stack, `unresolved\u0000${type}\u0000${attr}`, () =>
    stack.resources(type).filter((r) => {
      const v = read(r, attr);
      return v.expression !== undefined && !refTarget(stack, v.expression);
    }),
  );
}

/** Sorts resources by address (the order a scan over the stack gives). */
export function byAddress<T extends { address: string }>(list: T[]): T[] {
  return [...list].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** Data sources of the stack as resource views, with type `data.<type>`. */
export function dataSources(stack: StackView): ResourceView[] {
  const cached = DATA.get(stack);
  if (cached) return cached;
  const out: ResourceView[] = [];
  const data = stack.json?.data ?? {};
  for (const type of Object.keys(data).sort()) {
    for (const name of Object.keys(data[type]).sort()) {
      out.push({
        type: `data.${type}`,
        name,
        address: `data.${type}.${name}`,
        attributes: data[type][name] ?? {},
      });
    }
  }
  DATA.set(stack, out);
  return out;
}
const DATA = new WeakMap<StackView, ResourceView[]>();

/** The resource or data source a `${type.name.attr}` expression refers to, if it is in the stack. */
export function refTarget(stack: StackView, value: any): ResourceView | undefined {
  if (!isExpression(value)) return undefined;
  const m = /\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/.exec(String(value));
  if (!m) return undefined;
  if (m[1]) {
    const byAddress = memo(
      stack,
      'data-by-address',
      () => new Map(dataSources(stack).map((d) => [d.address, d])),
    );
    return byAddress.get(`data.${m[2]}.${m[3]}`);
  }
  return stack.resource(`${m[2]}.${m[3]}`);
}

/** The attribute a `${type.name.attr...}` expression reads (e.g. 'id', 'principal_id'). */
export function refAttribute(value: any): string | undefined {
  const m = /\$\{(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.([A-Za-z0-9_.]+)\}/.exec(String(value));
  return m?.[1];
}

/**
 * The dependency graph of a stack: for each address, the addresses it refers to or lists in
 * `depends_on` (resources and data sources).
 */
function graphOf(stack: StackView): Map<string, Set<string>> {
  const cached = GRAPHS.get(stack);
  if (cached) return cached;
  const nodes = new Map<string, any>();
  for (const r of stack.resources()) nodes.set(r.address, r.attributes);
  for (const d of dataSources(stack)) nodes.set(d.address, d.attributes);
  const refRe = /(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
  const graph = new Map<string, Set<string>>();
  for (const [addr, attrs] of nodes) {
    const set = new Set<string>();
    const text = JSON.stringify({ ...attrs, '//': undefined, depends_on: undefined });
    for (const expr of text.match(/\$\{[^}]*\}/g) ?? []) {
      refRe.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = refRe.exec(expr)) !== null) {
        const target = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (target !== addr && nodes.has(target)) set.add(target);
      }
    }
    for (const d of asList<string>(attrs?.depends_on)) if (nodes.has(d)) set.add(d);
    graph.set(addr, set);
  }
  GRAPHS.set(stack, graph);
  return graph;
}
const GRAPHS = new WeakMap<StackView, Map<string, Set<string>>>();

/** Every address `from` depends on, directly or through others. */
export function dependenciesOf(stack: StackView, from: string): Set<string> {
  const graph = graphOf(stack);
  const seen = new Set<string>();
  const todo = [...(graph.get(from) ?? [])];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const d of graph.get(next) ?? []) todo.push(d);
  }
  return seen;
}

/** Days of an ISO 8601 period such as P90D, P3M, P1Y (months 30 days, years 365). */
export function periodDays(p: any): number | undefined {
  if (typeof p !== 'string') return undefined;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(p);
  if (!m || p === 'P') return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
}

/** Internal: lists failures as one detail string, or true. */
export function verdict(failures: string[]): true | string {
  return failures.length === 0 ? true : failures.join('; ');
}
