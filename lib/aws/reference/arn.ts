// Matching IAM resource ARNs (with `*` / `?` wildcards) against the ARN formats of the Service
// Authorization Reference (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`).
import { AwsReference } from '.';

/**
 * A pattern token: a literal character, `?` (any one character), `*` (any string) or a name
 * segment (any string without `/`).
 */
type Token = string;
const STAR = '\u0000*';
const ANY = '\u0000?';
const SEGMENT = '\u0000/';

/**
 * ARN format variables whose values never hold a `/` (S3 bucket names, KMS key ids): a policy
 * resource `arn:aws:s3:::data/*` names objects, never the bucket `arn:aws:s3:::${BucketName}`.
 * Other variables may hold one (paths, object keys), so they stay any string.
 */
const SEGMENT_VARIABLES = new Set(['BucketName', 'KeyId']);

/** True for the tokens that stand for a string of any length (`*`, a name segment). */
const isVariable = (t: Token): boolean => t === STAR || t === SEGMENT;

const FORMAT_TOKENS = new Map<string, Token[]>();

/**
 * An ARN format of the reference as tokens: each `${Variable}` is any string, or a name segment
 * for the variables of `SEGMENT_VARIABLES`.
 */
export function formatTokens(format: string): Token[] {
  const cached = FORMAT_TOKENS.get(format);
  if (cached) return cached;
  const out: Token[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format.startsWith('${', i)) {
      const end = format.indexOf('}', i);
      if (end > i) {
        const token = SEGMENT_VARIABLES.has(format.slice(i + 2, end)) ? SEGMENT : STAR;
        const last = out[out.length - 1];
        if (last === SEGMENT && token === STAR) out[out.length - 1] = STAR;
        else if (!isVariable(last)) out.push(token);
        i = end;
        continue;
      }
    }
    out.push(format[i].toLowerCase());
  }
  FORMAT_TOKENS.set(format, out);
  return out;
}

/** A policy resource as tokens, and whether an unresolved expression hides its service. */
export interface ResourcePattern {
  readonly tokens: Token[];
  /** An unresolved expression stands before the ARN's service field ends. */
  readonly unresolvedService: boolean;
}

/**
 * A policy resource as tokens: `*` and `?` are IAM wildcards; `$${...}` (a policy variable such
 * as `${aws:username}`) is any string; `${aws_x.name.arn}` becomes the ARN format of the
 * referenced resource type when the reference knows it; any other `${...}` is any string.
 */
export function resourcePattern(ref: AwsReference, resource: string): ResourcePattern {
  const out: Token[] = [];
  let unresolvedService = false;
  const star = () => {
    if (out[out.length - 1] !== STAR) out.push(STAR);
  };
  for (let i = 0; i < resource.length; i++) {
    const c = resource[i];
    if (resource.startsWith('$${', i)) {
      const end = matchingBrace(resource, i + 2);
      if (end > i) {
        star();
        i = end;
        continue;
      }
    }
    if (resource.startsWith('${', i)) {
      const end = matchingBrace(resource, i + 1);
      if (end > i) {
        const m = /^\$\{(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.arn\}$/.exec(resource.slice(i, end + 1));
        const format = m ? arnFormatOfReference(ref, m[1]) : undefined;
        if (format) out.push(...formatTokens(format));
        else {
          if (out.filter((t) => t === ':').length < 3) unresolvedService = true;
          star();
        }
        i = end;
        continue;
      }
    }
    if (c === '*') star();
    else if (c === '?') out.push(ANY);
    else out.push(c.toLowerCase());
  }
  return { tokens: out, unresolvedService };
}

/** True when the pattern can be an ARN (`arn:` or a wildcard at the start). */
export function looksLikeArn(p: ResourcePattern): boolean {
  const head = ['a', 'r', 'n', ':'];
  for (let i = 0; i < head.length; i++) {
    const t = p.tokens[i];
    if (t === STAR) return true;
    if (t !== ANY && t !== head[i]) return false;
  }
  return true;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** True when some string matches both token patterns. */
export function intersects(a: Token[], b: Token[]): boolean {
  const n1 = a.length;
  const n2 = b.length;
  // fast paths: literal prefixes that differ (most resource types differ in their first word),
  // and two patterns without any star
  let i0 = 0;
  for (; i0 < n1 && i0 < n2; i0++) {
    const x = a[i0];
    const y = b[i0];
    if (isVariable(x) || isVariable(y)) break;
    if (x !== ANY && y !== ANY && x !== y) return false;
  }
  if (i0 === n1 && i0 === n2) return true;
  if ((i0 === n1 && !isVariable(b[i0])) || (i0 === n2 && !isVariable(a[i0]))) {
    if (!a.some(isVariable) && !b.some(isVariable)) return false;
  }
  const seen = new Uint8Array((n1 + 1) * (n2 + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * (n2 + 1) + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / (n2 + 1));
    const j = k % (n2 + 1);
    if (i === n1 && j === n2) return true;
    const x = a[i];
    const y = b[j];
    // a variable token ends here, or takes the other side's next token (a name segment never
    // takes a literal `/`; the other side's `?` or variable can always stand for something else)
    if (isVariable(x)) {
      push(i + 1, j);
      if (j < n2 && (x === STAR || y !== '/')) push(i, j + 1);
    }
    if (isVariable(y)) {
      push(i, j + 1);
      if (i < n1 && (y === STAR || x !== '/')) push(i + 1, j);
    }
    if (i < n1 && j < n2 && !isVariable(x) && !isVariable(y)) {
      if (x === ANY || y === ANY || x === y) push(i + 1, j + 1);
    }
  }
  return false;
}

/** Terraform resource types whose `arn` is not `aws_<service>_<resource type>` of the reference. */
const ARN_OF_TYPE: { [tfType: string]: [string, string] } = {
  aws_cloudwatch_log_group: ['logs', 'log-group'],
  aws_cloudwatch_event_bus: ['events', 'event-bus'],
  aws_cloudwatch_event_rule: ['events', 'rule'],
  aws_cloudtrail: ['cloudtrail', 'trail'],
  aws_efs_file_system: ['elasticfilesystem', 'file-system'],
  aws_efs_access_point: ['elasticfilesystem', 'access-point'],
  aws_sfn_state_machine: ['states', 'stateMachine'],
  aws_backup_vault: ['backup', 'backupVault'],
  aws_backup_plan: ['backup', 'backupPlan'],
};

/**
 * The ARN format of the resource a `${aws_x.name.arn}` reference points to, when the reference
 * knows it: the table above, else `aws_<service>_<type>` with a service prefix and a resource
 * type of the reference.
 */
export function arnFormatOfReference(ref: AwsReference, tfType: string): string | undefined {
  const known = ARN_OF_TYPE[tfType];
  if (known) return ref.resourceTypeArn(known[0], known[1]);
  const rest = tfType.replace(/^aws_/, '').split('_');
  for (let i = 1; i < rest.length; i++) {
    const service = rest.slice(0, i).join('');
    const type = rest.slice(i).join('-');
    if (ref.hasService(service)) return ref.resourceTypeArn(service, type);
  }
  return undefined;
}

const FIELD_ORDER = [2, 5, 0, 1, 3, 4];

/**
 * Splits tokens into the six ARN fields (arn, partition, service, region, account, resource) at
 * the first five literal colons; fewer fields when the tokens have fewer colons.
 */
function fields(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t === ':' && out.length < 6) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out;
}

/**
 * True when the policy resource and the ARN format can name the same ARN, field by field (a
 * variable of the format, such as `${Region}`, stays within its field). A policy resource whose
 * wildcard may span fields (fewer than six fields, ending in `*`) is compared as a whole.
 */
export function fitsFormat(resource: Token[], format: Token[]): boolean {
  const rf = fields(resource);
  const ff = fields(format);
  // the service and the resource part decide most mismatches: compare them first
  if (rf.length === 6 && ff.length === 6) return FIELD_ORDER.every((i) => fieldFits(rf[i], ff[i]));
  if (rf.length < 6 && rf[rf.length - 1].includes(STAR)) return intersects(resource, format);
  return false;
}

const FORMAT_FIELDS = new Map<string, Token[][]>();

function formatFields(format: string): Token[][] {
  let ff = FORMAT_FIELDS.get(format);
  if (!ff) {
    ff = fields(formatTokens(format));
    FORMAT_FIELDS.set(format, ff);
  }
  return ff;
}

/** True when the pattern fits one of the ARN formats. */
export function fitsAny(p: ResourcePattern, formats: string[]): boolean {
  const rf = fields(p.tokens);
  if (rf.length < 6) return formats.some((f) => fitsFormat(p.tokens, formatTokens(f)));
  // a literal service field rules out the formats of other services without matching them
  const service = rf[2].every((t) => t.length === 1) ? rf[2].join('') : undefined;
  return formats.some((f) => {
    const ff = formatFields(f);
    if (ff.length !== 6) return false;
    if (service !== undefined && ff[2].every((t) => t.length === 1) && ff[2].join('') !== service) {
      return false;
    }
    return FIELD_ORDER.every((i) => fieldFits(rf[i], ff[i]));
  });
}

/**
 * True when a field of a policy resource and the same field of an ARN format can be equal. A
 * field that is one variable of the format (`${Region}`, `${Account}`, `${BucketName}`) is
 * never empty: `arn:aws:s3:::*` names no access point (`arn:aws:s3:${Region}:${Account}:...`).
 */
function fieldFits(resource: Token[], format: Token[]): boolean {
  if (resource.length === 0 && format.length === 1 && isVariable(format[0])) return false;
  return intersects(resource, format);
}
