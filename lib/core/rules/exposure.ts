// Shared by the baseline exposure rules of the three packs: resolving a reference to the literal
// value it names in the same stack, and recognising "the whole internet" in address fields.
import { getPath, StackView } from '../compliance/stack-view';
import { isExpression, unknown, Verdict } from './attributes';

/** What a pure reference expression (`${...}` and nothing else) points at. */
export interface Reference {
  /** `resource`, `data`, `var`, `local`, or `other` (functions, `each`, `count`, operators...). */
  readonly kind: 'resource' | 'data' | 'var' | 'local' | 'other';
  /** Resource or data source type (`random_id`), or the variable / local name. */
  readonly type?: string;
  /** Resource or data source name. */
  readonly name?: string;
  /** Attribute path inside the resource (`cidr_block`, `address_prefixes.0`). */
  readonly path?: string;
  /** The expression itself. */
  readonly expression: string;
}

const PURE = /^\$\{([^${}]+)\}$/;
const RESOURCE_REF =
  /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_-]+|\[\d+\])*)$/;

/** Parses a pure reference (`${random_id.main.hex}`); undefined when `value` is not one. */
export function parseReference(value: any): Reference | undefined {
  if (typeof value !== 'string') return undefined;
  const m = PURE.exec(value.trim());
  if (!m) return undefined;
  const body = m[1].trim();
  const v = /^(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(body);
  if (v) return { kind: v[1] === 'var' ? 'var' : 'local', type: v[2], expression: value };
  const r = RESOURCE_REF.exec(body);
  if (!r || ['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(r[2])) {
    return { kind: 'other', expression: value };
  }
  const path = (r[4] ?? '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .trim();
  return {
    kind: r[1] ? 'data' : 'resource',
    type: r[2],
    name: r[3],
    path: path || undefined,
    expression: value,
  };
}

/** The outcome of resolving a value: the literal, or the expression that could not be resolved. */
export interface Resolution {
  /** True when the literal value is known before plan. */
  readonly known: boolean;
  /** The literal value (when known). */
  readonly value?: any;
  /** The pure reference the value is, when it could not be resolved. */
  readonly reference?: Reference;
  /** The unresolved expression (when not known). */
  readonly expression?: string;
}

function lookup(stack: StackView, ref: Reference): any {
  const json = stack.json ?? {};
  switch (ref.kind) {
    case 'resource':
      return ref.path ? getPath(json.resource?.[ref.type!]?.[ref.name!], ref.path) : undefined;
    case 'data':
      if (ref.type === 'terraform_remote_state' || !ref.path) return undefined;
      return getPath(json.data?.[ref.type!]?.[ref.name!], ref.path);
    case 'var': {
      const v = json.variable?.[ref.type!];
      return v && typeof v === 'object' && 'default' in v ? v.default : undefined;
    }
    case 'local':
      return json.locals?.[ref.type!];
    default:
      return undefined;
  }
}

/**
 * Resolves a value to the literal it stands for in this stack: a reference to another
 * resource's literal attribute, a variable's default or a local is followed (a few levels deep);
 * a template whose interpolations all resolve to strings or numbers becomes that string.
 * Anything else stays unknown.
 */
export function resolve(value: any, stack: StackView, depth = 0): Resolution {
  if (!isExpression(value)) return { known: true, value };
  const ref = parseReference(value);
  if (ref) {
    const target = depth < 5 ? lookup(stack, ref) : undefined;
    if (target === undefined) return { known: false, reference: ref, expression: value };
    const inner = resolve(target, stack, depth + 1);
    return inner.known ? inner : { known: false, reference: ref, expression: value };
  }
  // a template: "arn:aws:iam::${var.account}:root", "${var.ip}/32"
  let unresolved = false;
  const text = String(value).replace(/\$\{([^${}]+)\}/g, (whole) => {
    const r = resolve(whole, stack, depth + 1);
    if (r.known && (typeof r.value === 'string' || typeof r.value === 'number')) {
      return String(r.value);
    }
    unresolved = true;
    return whole;
  });
  if (unresolved || isExpression(text)) return { known: false, expression: String(value) };
  return { known: true, value: text };
}

/**
 * True when an address or CIDR stands for the whole IPv4 or IPv6 internet: any prefix of length
 * 0 (`0.0.0.0/0`, `::/0`; a network address with a /0 mask covers every address).
 */
export function isWorldCidr(value: any): boolean {
  return typeof value === 'string' && /^\s*[0-9a-fA-F:.]+\s*\/\s*0+\s*$/.test(value);
}

/** A value as a list of values (scalars and lists alike); undefined and null give []. */
export function values(value: any): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** One "destroy takes the data with it" setting of a resource type (X-08.force-destroy). */
export interface ForceDestroySetting {
  /** Attribute name. */
  readonly attribute: string;
  /** True when the (literal) value destroys data with the resource. */
  readonly destroys: (value: any) => boolean;
  /** What the setting does, for the finding. */
  readonly effect: string;
}

/** True for a literal true (or the string "true"). */
export function literalTrue(value: any): boolean {
  return value === true || value === 'true';
}

/**
 * Verdict of the force-destroy settings of a resource: a detail string for each dangerous
 * literal value, UNKNOWN for an unresolved expression, true otherwise.
 */
export function forceDestroyVerdict(
  attributes: { [key: string]: any },
  settings: ForceDestroySetting[],
  stack: StackView,
): Verdict {
  const found: string[] = [];
  const unknowns: string[] = [];
  for (const s of settings) {
    const v = attributes[s.attribute];
    if (v === undefined || v === null) continue;
    const res = resolve(v, stack);
    if (!res.known) unknowns.push(`${s.attribute} is ${v}`);
    else if (s.destroys(res.value))
      found.push(`${s.attribute} = ${JSON.stringify(res.value)}: ${s.effect}`);
  }
  if (found.length > 0) return found.join('; ');
  if (unknowns.length > 0) return unknown(unknowns.join('; '));
  return true;
}
