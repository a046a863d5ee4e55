// Resolves what a Terraform configuration fixes before plan: variables' literal defaults,
// locals built from literals, `jsonencode(...)` / `toset(...)` of literals, and the data sources
// a cloud registers a resolver for (an IAM policy document, the current subscription). Whatever
// stays unresolved keeps its `${...}` form, which the rules read as known only at plan or apply.
import { readHclExpression, soleInterpolation } from './hcl-expression';
import { NormalizedConfig } from './terraform-json';

/** What a data-source resolver sees. */
export interface DataSourceContext {
  /** Resolves the values of another block (for data sources that embed others). */
  readonly resolveValue: (value: any) => any;
}

/**
 * Computes the attributes of a data source from its (already resolved) arguments, or undefined
 * when they depend on the cloud.
 */
export type DataSourceResolver = (
  body: { [key: string]: any },
  context: DataSourceContext,
) => { [attribute: string]: any } | undefined;

const RESOLVERS = new Map<string, DataSourceResolver>();

/** Lets a cloud teach the loader one data source type (e.g. a policy document). */
export function registerDataSourceResolver(type: string, resolver: DataSourceResolver): void {
  RESOLVERS.set(type, resolver);
}

/** One piece of a template: literal text or an interpolation's inner expression. */
type TemplatePart = { text: string } | { expr: string; raw: string };

/** Splits a template into literal text and `${...}` interpolations (`$${` stays literal). */
export function splitTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if ((c === '$' || c === '%') && s.charAt(i + 1) === c && s.charAt(i + 2) === '{') {
      lit += s.slice(i, i + 3);
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && s.charAt(i + 1) === '{') {
      let depth = 0;
      let j = i + 1;
      let inString = false;
      for (; j < s.length; j++) {
        const d = s.charAt(j);
        if (inString) {
          if (d === '\\') j++;
          else if (d === '"') inString = false;
        } else if (d === '"') inString = true;
        else if (d === '{') depth++;
        else if (d === '}') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= s.length) {
        lit += s.slice(i);
        break;
      }
      if (lit) parts.push({ text: lit });
      lit = '';
      const raw = s.slice(i, j + 1);
      parts.push(c === '$' ? { expr: raw.slice(2, -1).trim(), raw } : { text: raw });
      i = j + 1;
      continue;
    }
    lit += c;
    i++;
  }
  if (lit) parts.push({ text: lit });
  return parts;
}

const NOT_RESOLVED = Symbol('not resolved');
const TRAVERSAL = /^(var|local)\.([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*|\[\d+\]|\["[^"]*"\])*)$/;
const DATA =
  /^data\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(?:\[(?:0|"[^"]*")\])?\.([A-Za-z_][\w-]*)$/;
const MAX_DEPTH = 8;

function hasExpression(v: any): boolean {
  if (typeof v === 'string') return /(^|[^$%])[$%]\{/.test(v);
  if (Array.isArray(v)) return v.some(hasExpression);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasExpression);
  return false;
}

function walkSteps(value: any, steps: string): any {
  let cur = value;
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\["([^"]*)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(steps)) !== null) {
    if (cur === null || typeof cur !== 'object') return NOT_RESOLVED;
    const key = m[1] ?? m[3] ?? Number(m[2]);
    if (!(key in cur)) return NOT_RESOLVED;
    cur = cur[key];
  }
  return cur;
}

/** Resolves the statically known parts of one configuration (returns a new configuration). */
export class ConfigResolver {
  private readonly localCache = new Map<string, any>();
  private readonly dataCache = new Map<string, any>();
  private readonly active = new Set<string>();

  constructor(private readonly config: NormalizedConfig) {}

  /** The configuration with every resolvable expression replaced by its value. */
  public resolveAll(): NormalizedConfig {
    const c = this.config;
    const mapBlocks = (two: { [t: string]: { [n: string]: any } }) => {
      const out: { [t: string]: { [n: string]: any } } = {};
      for (const [type, names] of Object.entries(two)) {
        out[type] = {};
        for (const [name, body] of Object.entries(names)) out[type][name] = this.value(body, 0);
      }
      return out;
    };
    const mapOne = (one: { [n: string]: any }) => {
      const out: { [n: string]: any } = {};
      for (const [name, body] of Object.entries(one)) out[name] = this.value(body, 0);
      return out;
    };
    const provider: { [n: string]: any[] } = {};
    for (const [name, list] of Object.entries(c.provider)) {
      provider[name] = list.map((b) => this.value(b, 0));
    }
    return {
      meta: c.meta,
      resource: mapBlocks(c.resource),
      data: mapBlocks(c.data),
      variable: c.variable,
      locals: c.locals,
      output: mapOne(c.output),
      module: mapOne(c.module),
      provider,
      terraform: c.terraform,
    };
  }

  /** A value with its resolvable expressions replaced (`//` metadata left alone). */
  public value(v: any, depth: number): any {
    if (typeof v === 'string') return v.includes('{') ? this.template(v, depth) : v;
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x) => {
        const r = this.value(x, depth);
        if (r !== x) changed = true;
        return r;
      });
      return changed ? out : v;
    }
    if (v !== null && typeof v === 'object') {
      let changed = false;
      const out: { [k: string]: any } = {};
      for (const [k, x] of Object.entries(v)) {
        const r = k === '//' ? x : this.value(x, depth);
        if (r !== x) changed = true;
        out[k] = r;
      }
      return changed ? out : v;
    }
    return v;
  }

  private template(s: string, depth: number): any {
    if (depth > MAX_DEPTH) return s;
    const sole = soleInterpolation(s);
    if (sole !== undefined) {
      const r = this.expression(sole, depth);
      return r === NOT_RESOLVED ? s : r;
    }
    const parts = splitTemplate(s);
    if (!parts.some((p) => 'expr' in p)) return s;
    let changed = false;
    const out = parts.map((p) => {
      if (!('expr' in p)) return p.text;
      const r = this.expression(p.expr, depth);
      if (r === NOT_RESOLVED || (r !== null && typeof r === 'object')) return p.raw;
      if (typeof r === 'string' && hasExpression(r)) return p.raw;
      changed = true;
      return r === null ? '' : String(r);
    });
    return changed ? out.join('') : s;
  }

  private expression(expr: string, depth: number): any {
    const t = TRAVERSAL.exec(expr);
    if (t) {
      const [, kind, name, steps] = t;
      const base = kind === 'var' ? this.variableDefault(name) : this.local(name, depth);
      if (base === NOT_RESOLVED) return NOT_RESOLVED;
      return steps ? walkSteps(base, steps) : base;
    }
    const d = DATA.exec(expr);
    if (d) {
      const attrs = this.dataSource(d[1], d[2], depth);
      if (attrs === undefined || !(d[3] in attrs)) return NOT_RESOLVED;
      return attrs[d[3]];
    }
    const call = /^(jsonencode|toset|tolist)\(([\s\S]*)\)$/.exec(expr);
    if (call) {
      const inner = readHclExpression(call[2]);
      if (inner === undefined) return NOT_RESOLVED;
      const value = this.value(inner, depth + 1);
      if (typeof value === 'string' && soleInterpolation(value) !== undefined) return NOT_RESOLVED;
      if (call[1] === 'jsonencode') return JSON.stringify(value);
      if (!Array.isArray(value)) return NOT_RESOLVED;
      return call[1] === 'toset' ? [...new Set(value)] : value;
    }
    return NOT_RESOLVED;
  }

  private variableDefault(name: string): any {
    const v = this.config.variable[name];
    if (!v || !('default' in v) || v.default === null) return NOT_RESOLVED;
    // variable defaults are literal values in Terraform's JSON syntax
    return v.default;
  }

  private local(name: string, depth: number): any {
    if (this.localCache.has(name)) return this.localCache.get(name);
    if (!(name in this.config.locals)) return NOT_RESOLVED;
    const key = `local.${name}`;
    if (this.active.has(key)) return NOT_RESOLVED;
    this.active.add(key);
    const resolved = this.value(this.config.locals[name], depth + 1);
    this.active.delete(key);
    const result = hasExpression(resolved) ? NOT_RESOLVED : resolved;
    this.localCache.set(name, result);
    return result;
  }

  private dataSource(type: string, name: string, depth: number): any {
    const key = `data.${type}.${name}`;
    if (this.dataCache.has(key)) return this.dataCache.get(key);
    const resolver = RESOLVERS.get(type);
    const body = this.config.data[type]?.[name];
    if (!resolver || body === undefined || this.active.has(key)) return undefined;
    this.active.add(key);
    const resolvedBody = this.value(body, depth + 1);
    let attrs: any;
    try {
      attrs = resolver(resolvedBody, { resolveValue: (x) => this.value(x, depth + 1) });
    } catch {
      attrs = undefined;
    }
    this.active.delete(key);
    this.dataCache.set(key, attrs);
    return attrs;
  }
}
