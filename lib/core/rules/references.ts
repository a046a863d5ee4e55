// Looking across a stack for the rules of every cloud: per-stack indexes, data sources, what a
// `${type.name.attr}` reference points to, and the dependency graph. Everything that scans the
// stack is computed once per stack, so a rule that looks across resources stays linear.
import { ResourceView } from '../compliance/rule';
import { StackView } from '../compliance/stack-view';
import { asList, isExpression } from './attributes';
import { lookup } from './attributes';

const MEMOS = new WeakMap<StackView, Map<string, unknown>>();

/**
 * A value computed once per stack and kept for every rule and resource that asks (an index of
 * the stack built in one pass). Keys are shared by every rule: prefix them with the rule id.
 */
export function perStack<T>(stack: StackView, key: string, compute: () => T): T {
  let memo = MEMOS.get(stack);
  if (!memo) MEMOS.set(stack, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/**
 * The data sources of the stack (of one type, or all) as views with type `data.<type>` and
 * address `data.<type>.<name>`, sorted by type and name.
 */
export function dataSources(stack: StackView, type?: string): ResourceView[] {
  const all = perStack(stack, 'core:data-sources', () => {
    const out: ResourceView[] = [];
    const data = stack.json?.data ?? {};
    for (const t of Object.keys(data).sort()) {
      for (const name of Object.keys(data[t] ?? {}).sort()) {
        out.push({
          type: `data.${t}`,
          name,
          address: `data.${t}.${name}`,
          attributes: data[t][name] ?? {},
        });
      }
    }
    return out;
  });
  return type === undefined ? all : all.filter((d) => d.type === `data.${type}`);
}

/** The target of a value that is exactly one reference `${[data.]type.name.attr}`, or undefined. */
export function referenceOf(
  value: any,
): { data: boolean; type: string; name: string; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value);
  return m ? { data: !!m[1], type: m[2], name: m[3], attribute: m[4] } : undefined;
}

/**
 * The resource or data source (type `data.<type>`) the first `${type.name...}` reference of an
 * expression points to, if it is in the stack.
 */
export function refTarget(stack: StackView, value: any): ResourceView | undefined {
  if (!isExpression(value)) return undefined;
  const m = /\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/.exec(String(value));
  if (!m) return undefined;
  if (m[1]) {
    const byAddr = perStack(
      stack,
      'core:data-by-address',
      () => new Map(dataSources(stack).map((d) => [d.address, d])),
    );
    return byAddr.get(`data.${m[2]}.${m[3]}`);
  }
  return stack.resource(`${m[2]}.${m[3]}`);
}

/** The attribute a `${type.name.attr...}` expression reads (e.g. 'id', 'principal_id'). */
export function refAttribute(value: any): string | undefined {
  const m = /\$\{(?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+\.([A-Za-z0-9_.]+)\}/.exec(String(value));
  return m?.[1];
}

/** The resource of a given type that a `${type.name.attr}` reference in a value points to. */
export function referenced(stack: StackView, value: any, type: string): ResourceView | undefined {
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(`\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.`).exec(value);
  return m ? stack.resource(`${type}.${m[1]}`) : undefined;
}

/**
 * True when `r` is ordered after `target`: it lists it (or one of its instances, `addr[0]`) in
 * depends_on, or refers to it.
 */
export function waitsFor(r: ResourceView, target: ResourceView): boolean {
  const a = target.address;
  return (
    asList<string>(r.attributes.depends_on).some(
      (d) => d === a || d.startsWith(`${a}.`) || d.startsWith(`${a}[`),
    ) || StackView.refersTo(r.attributes, target)
  );
}

/** Groups the resources of a type by a key computed from each (undefined keys are left out). */
export function groupBy(
  stack: StackView,
  type: string,
  name: string,
  keyOf: (r: ResourceView) => string | undefined,
): Map<string, ResourceView[]> {
  return perStack(stack, `core:group\u0000${type}\u0000${name}`, () => {
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
 * Resources of `type` whose attribute at `path` is an expression that names nothing in the
 * stack (a variable, a data source of another stack...): what they point at is known only at
 * apply.
 */
export function unresolvedRefs(stack: StackView, type: string, path: string): ResourceView[] {
  return perStack(stack, `core:unresolved\u0000${type}\u0000${path}`, () =>
    stack.resources(type).filter((r) => {
      const v = lookup(r, path);
      return v.expression !== undefined && !refTarget(stack, v.expression);
    }),
  );
}

/** Sorts resources by address (the order a scan over the stack gives). */
export function byAddress<T extends { address: string }>(list: T[]): T[] {
  return [...list].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/**
 * The direct dependencies (references and `depends_on`) of every resource and data source of
 * the stack, by address (`type.name`, `data.type.name`), resources without instances included
 * (Terraform orders through them too).
 */
export function dependencyGraph(stack: StackView): Map<string, Set<string>> {
  return perStack(stack, 'core:dependency-graph', () => {
    const nodes = new Map<string, any>();
    for (const [type, byName] of Object.entries<any>(stack.json.resource ?? {}))
      for (const [name, a] of Object.entries<any>(byName ?? {})) nodes.set(`${type}.${name}`, a);
    for (const [type, byName] of Object.entries<any>(stack.json.data ?? {}))
      for (const [name, a] of Object.entries<any>(byName ?? {}))
        nodes.set(`data.${type}.${name}`, a);
    return referenceGraph(nodes);
  });
}

/**
 * The direct dependencies of each node of `nodes` (address to attributes): the other nodes its
 * expressions reference (`${type.name...}`, `${data.type.name...}`) and its `depends_on`.
 */
export function referenceGraph(nodes: Map<string, any>): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  const refRe = /(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
  for (const [addr, a] of nodes) {
    const deps = new Set<string>();
    const text = JSON.stringify({ ...a, '//': undefined });
    for (const expr of text.match(/\$\{[^}]*\}/g) ?? []) {
      refRe.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = refRe.exec(expr)) !== null) {
        const target = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (target !== addr && nodes.has(target)) deps.add(target);
      }
    }
    for (const d of asList<string>(a?.depends_on)) if (nodes.has(d) && d !== addr) deps.add(d);
    g.set(addr, deps);
  }
  return g;
}

const ANCESTORS = new WeakMap<StackView, Map<string, Set<string>>>();

/** Every address `address` depends on, directly or transitively (memoized per stack). */
export function dependenciesOf(stack: StackView, address: string): Set<string> {
  let memo = ANCESTORS.get(stack);
  if (!memo) ANCESTORS.set(stack, (memo = new Map()));
  const known = memo.get(address);
  if (known) return known;
  const g = dependencyGraph(stack);
  const seen = new Set<string>();
  const todo = [...(g.get(address) ?? [])];
  while (todo.length > 0) {
    const a = todo.pop()!;
    if (seen.has(a)) continue;
    seen.add(a);
    const cached = memo.get(a);
    if (cached) {
      for (const c of cached) seen.add(c);
      continue;
    }
    for (const d of g.get(a) ?? []) if (!seen.has(d)) todo.push(d);
  }
  memo.set(address, seen);
  return seen;
}
