// Runtime validation of the AWS constructs' props, for TypeScript and untyped callers alike
// (JavaScript, YAML-driven configs, jsii languages): shapes first (a string where a list belongs,
// a number where a string belongs, null), then the AWS contract of each value (Region names,
// instance types, ARNs IAM accepts in a principal, schedule expressions, CIDR sizes...). Each
// helper records problems on a Validator and returns whether the value can be used further.
import { IConstruct } from 'constructs';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { parseCidrOrUndefined } from '../core/cidr';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { IPrincipalCanonicalizer } from '../core/personas';
import { RemovalPolicy } from '../core/removal-policy';
import { Validate } from '../core/validate';
import { NOTEBOOK_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPES } from './reference/instance-types';
import { AWS_REGIONS } from './reference/regions';

/** IAM partitions of the bundled Regions (aws, aws-cn, aws-us-gov, ...). */
const PARTITIONS = [...new Set(AWS_REGIONS.values())];
const PARTITION_RE = `(?:${PARTITIONS.map((p) => p.replace(/-/g, '\\-')).join('|')})`;

/** `a`, `b` and `c` / `a or b`: a short list for messages. */
function oneOf(values: string[]): string {
  return values.length <= 1
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Shapes

/**
 * A list prop: records one problem when the value is not a list (a string where a list belongs
 * is one problem, not one per character) and returns the list, or undefined when absent or not
 * a list. The list itself must be literal (its entries may be tokens): a list token is only known
 * at apply, and the constructs count, check and iterate over the entries at synth.
 */
export function listOf(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; what?: string; minLength?: number } = {},
): unknown[] | undefined {
  const what = opts.what ?? 'a list';
  if (value === undefined && (opts.optional ?? true)) return undefined;
  if (isUnresolved(value)) {
    v.add(
      prop,
      value,
      `${what}, literal (a token is only known at apply; its entries may be tokens)`,
    );
    return undefined;
  }
  if (Array.isArray(value)) {
    if (opts.minLength !== undefined && value.length < opts.minLength) {
      v.add(prop, value, `${what} of at least ${opts.minLength}`);
      return undefined;
    }
    return value;
  }
  v.add(
    prop,
    value,
    typeof value === 'string' ? `${what} (got one string: write [${JSON.stringify(value)}])` : what,
  );
  return undefined;
}

/**
 * A list of strings: each entry a non-empty string (tokens allowed unless `literal`), and, with
 * `unique`, no entry twice. Returns the entries that are strings, with their index.
 */
export function stringListOf(
  v: Validator,
  prop: string,
  value: unknown,
  opts: {
    optional?: boolean;
    unique?: boolean;
    minLength?: number;
    what?: string;
    literal?: string;
  } = {},
): Array<{ value: string; at: string }> {
  const list = listOf(v, prop, value, {
    optional: opts.optional,
    minLength: opts.minLength,
    what: opts.what ?? 'a list of strings',
  });
  if (!list) return [];
  const out: Array<{ value: string; at: string }> = [];
  const seen = new Map<string, number>();
  // an index loop, not forEach: a sparse list's holes are entries too (undefined)
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    const at = `${prop}[${i}]`;
    if (typeof x !== 'string' || x.trim() === '') {
      v.add(at, x, 'a non-empty string');
      continue;
    }
    if (opts.literal !== undefined && !v.literal(at, x, opts.literal)) continue;
    if (opts.unique && !isUnresolved(x)) {
      const first = seen.get(x);
      if (first !== undefined) {
        v.add(at, x, `entries that appear once (the same as ${prop}[${first}])`);
        continue;
      }
      seen.set(x, i);
    }
    out.push({ value: x, at });
  }
  return out;
}

/**
 * A list of objects (props structs): each entry a plain object. Returns the entries that are,
 * with their path.
 */
export function objectListOf(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; minLength?: number; what?: string } = {},
): Array<{ value: any; at: string }> {
  const list = listOf(v, prop, value, {
    optional: opts.optional,
    minLength: opts.minLength,
    what: opts.what ?? 'a list of objects',
  });
  if (!list) return [];
  const out: Array<{ value: any; at: string }> = [];
  for (let i = 0; i < list.length; i++) {
    const at = `${prop}[${i}]`;
    if (v.object(at, list[i], { optional: false })) out.push({ value: list[i], at });
  }
  return out;
}

/** A map of strings (tags): an object whose values are strings. */
export function stringMapOf(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (!v.object(prop, value)) return false;
  let ok = true;
  for (const [k, x] of Object.entries(value as object)) {
    if (typeof x !== 'string') {
      v.add(`${prop}.${k}`, x, 'a string');
      ok = false;
    }
  }
  return ok;
}

/**
 * Names that must be unique across a list (profile names, group names...): records a problem
 * for the second use, naming the first, and returns false for it.
 */
export class UniqueNames {
  private readonly seen = new Map<string, string>();
  constructor(
    private readonly v: Validator,
    private readonly what: string,
    private readonly fold = false,
  ) {}

  /** Records `name` at `at`; false (and a problem) when it was seen before. */
  public add(at: string, name: string): boolean {
    if (isUnresolved(name)) return true;
    const key = this.fold ? name.toLowerCase() : name;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.v.add(at, name, `${this.what} that appear once (the same as ${first})`);
      return false;
    }
    this.seen.set(key, at);
    return true;
  }

  /** True when `name` was added. */
  public has(name: string): boolean {
    return this.seen.has(this.fold ? name.toLowerCase() : name);
  }
}

/**
 * An enum prop: exact values (a case slip names the value meant; a token is not a value). The
 * message says `allowed` when given, else lists the values.
 */
export function enumOf(
  v: Validator,
  prop: string,
  value: unknown,
  values: string[],
  opts: { optional?: boolean; allowed?: string } = {},
): boolean {
  if (value === undefined && (opts.optional ?? true)) return true;
  if (typeof value === 'string' && !isUnresolved(value) && values.includes(value)) return true;
  const near =
    typeof value === 'string' && !isUnresolved(value)
      ? values.find((x) => x.toLowerCase() === value.trim().toLowerCase())
      : undefined;
  const allowed = opts.allowed ?? `one of ${values.join(', ')}`;
  v.add(
    prop,
    value,
    isUnresolved(value)
      ? `${allowed} (a literal: a token is only known at apply)`
      : near
        ? `${allowed} (values are case-sensitive: did you mean ${near}?)`
        : allowed,
  );
  return false;
}

/**
 * An integer in `[min, max]` (a number token is only known at apply: skipped). NaN, a string or
 * a fraction is a problem.
 */
export function integer(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { min?: number; max?: number; optional?: boolean; unit?: string } = {},
): boolean {
  if (value === undefined && (opts.optional ?? true)) return true;
  // a number token (Token.asNumber) is only known at apply; a string (token or not) is no number
  if (typeof value === 'number' && isUnresolved(value)) return true;
  const { min, max } = opts;
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max)
  )
    return true;
  const unit = opts.unit ? ` (${opts.unit})` : '';
  v.add(
    prop,
    value,
    min !== undefined && max !== undefined
      ? `an integer from ${min} to ${max}${unit}`
      : min !== undefined
        ? `an integer of at least ${min}${unit}`
        : max !== undefined
          ? `an integer of at most ${max}${unit}`
          : `an integer${unit}`,
  );
  return false;
}

/**
 * A boolean prop. A token is not accepted: these props decide at synth which resources exist.
 */
export function bool(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return true;
  v.add(
    prop,
    value,
    isUnresolved(value)
      ? 'true or false, literal (it decides at synth which resources are created; a token is only known at apply)'
      : 'true or false',
  );
  return false;
}

/** RemovalPolicy: exact enum values (`'retain'` is not RETAIN, and never a fallback to DESTROY). */
export function removalPolicy(v: Validator, prop: string, value: unknown): boolean {
  return enumOf(v, prop, value, Object.values(RemovalPolicy), {
    allowed: 'RemovalPolicy.RETAIN or RemovalPolicy.DESTROY (RETAIN when omitted)',
  });
}

// ---------------------------------------------------------------------------------------------
// Regions and the provider

/**
 * An AWS Region name from the bundled list (reference/regions.ts). A case slip names the Region
 * meant; an unknown name lists the Regions of the same area.
 */
export function awsRegion(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { literal?: boolean } = {},
): boolean {
  if (isUnresolved(value))
    return opts.literal
      ? v.literal(
          prop,
          value,
          "it is built into names and ARNs; omit the prop to use the provider's Region (or the aws_region data source)",
        )
      : true;
  if (typeof value === 'string' && AWS_REGIONS.has(value)) return true;
  if (typeof value === 'string' && AWS_REGIONS.has(value.trim().toLowerCase())) {
    v.add(
      prop,
      value,
      `an AWS Region name, in lower case without spaces (did you mean ${value.trim().toLowerCase()}?)`,
    );
    return false;
  }
  const area = typeof value === 'string' ? value.split('-')[0] : '';
  const near = [...AWS_REGIONS.keys()].filter((r) => area.length > 0 && r.startsWith(`${area}-`));
  v.add(
    prop,
    value,
    near.length > 0 && near.length <= 12
      ? `an AWS Region: ${oneOf(near)}`
      : `an AWS Region name such as eu-west-1 or us-east-2 (${AWS_REGIONS.size} Regions are known)`,
  );
  return false;
}

/** The partition of a Region (bundled list), or undefined when unknown. */
export function partitionOfRegion(region: string): string | undefined {
  return AWS_REGIONS.get(region);
}

/** The AWS providers of a stack: the default one (no alias) and the aliased ones. */
function awsProviders(scope: IConstruct): { all: any[]; default?: any } {
  const stack = TerraformStack.of(scope);
  const isAws = (c: IConstruct) =>
    TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'aws';
  // the provider is almost always a direct child of the stack: look there first, and search the
  // whole tree only when it is not (keeps many constructs per stack linear)
  let all: any[] = stack.node.children.filter(isAws);
  if (all.length === 0) all = stack.node.findAll().filter(isAws);
  return { all, default: all.find((p) => !p.alias) };
}

/** The region of the stack's default (un-aliased) AWS provider, when it is a literal. */
export function defaultProviderRegion(scope: IConstruct): string | undefined {
  const region = awsProviders(scope).default?.region;
  return typeof region === 'string' && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * The props of a construct, checked: a props object (`{}` when absent and not `required`), then
 * `validate`d, which throws one ValidationError listing every problem.
 */
export function checkedProps<S extends IConstruct, T>(
  scope: S,
  props: T | undefined,
  required: boolean,
  validate: (scope: S, props: T) => void,
): T {
  const checked = requireProps(scope, props, required);
  validate(scope, checked);
  return checked;
}

/** A validator for the props of an AWS construct, the stack's AWS provider ({@link awsProvider}) checked first. */
export function awsValidator(scope: IConstruct): Validator {
  const v = new Validator(scope);
  awsProvider(v, scope);
  return v;
}

/**
 * The stack has a default AwsProvider (the constructs' resources use it) whose Region, when a
 * literal, is a real AWS Region in lower case. A stack with no AWS provider (e.g. only a Google
 * provider) is reported as such, before any residency check could blame another cloud's region.
 */
export function awsProvider(v: Validator, scope: IConstruct): boolean {
  const { all, default: def } = awsProviders(scope);
  const stack = TerraformStack.of(scope).node.id;
  if (all.length === 0) {
    v.add(
      'provider',
      `no AwsProvider in stack ${stack}`,
      "an AwsProvider in the construct's stack, e.g. new AwsProvider(stack, 'aws', { region: 'eu-west-1' })",
    );
    return false;
  }
  if (!def) {
    v.add(
      'provider',
      `only aliased AwsProviders in stack ${stack} (${all.map((p) => p.alias).join(', ')})`,
      'a default AwsProvider (without alias): the resources of this construct use the default provider',
    );
    return false;
  }
  const region = def.region;
  if (region !== undefined && !isUnresolved(region)) return awsRegion(v, 'provider.region', region);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/**
 * A 12-digit account id, as a string. With `literal` (an optional prop whose default is the
 * `aws_caller_identity` data source), a token is refused: it would be built into bucket names and
 * ARNs; omitting the prop gives the data source.
 */
export function accountId(
  v: Validator,
  prop: string,
  value: unknown,
  optional = true,
  literal = optional,
): boolean {
  if (value === undefined && optional) return true;
  if (isUnresolved(value))
    return literal
      ? v.literal(
          prop,
          value,
          'it is built into names and ARNs; omit the prop to use the aws_caller_identity data source',
        )
      : true;
  if (typeof value === 'string' && /^\d{12}$/.test(value)) return true;
  v.add(
    prop,
    value,
    typeof value === 'number'
      ? 'a 12-digit AWS account id as a string (quote it: a number loses leading zeros)'
      : 'a 12-digit AWS account id',
  );
  return false;
}

/** Ids of EC2 resources (`vpc-`, `subnet-`, `sg-`, `rtb-`, `vpce-`), or tokens. */
export function ec2Id(
  v: Validator,
  prop: string,
  value: unknown,
  kind: 'vpc' | 'subnet' | 'sg' | 'rtb' | 'vpce',
): boolean {
  if (isUnresolved(value)) return true;
  if (typeof value === 'string' && new RegExp(`^${kind}-[0-9a-f]{8,17}$`).test(value)) return true;
  v.add(prop, value, `an EC2 id such as ${kind}-0123456789abcdef0 (or a reference)`);
  return false;
}

/** An AWS Organizations id. */
export function organizationId(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined || isUnresolved(value)) return true;
  if (typeof value === 'string' && /^o-[a-z0-9]{10,32}$/.test(value)) return true;
  v.add(prop, value, 'an AWS Organizations id such as o-a1b2c3d4e5');
  return false;
}

/**
 * An IPv4 CIDR block with no host bits, with a prefix length in `[min, max]` (AWS VPCs and
 * subnets: /16 to /28), and never the whole internet where an allow-list is expected.
 */
export function cidr(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { min?: number; max?: number; what?: string; allowList?: boolean } = {},
): boolean {
  if (isUnresolved(value)) return true;
  if (typeof value !== 'string') {
    v.add(prop, value, 'an IPv4 CIDR block such as 10.0.0.0/16');
    return false;
  }
  const problem = Validate.cidr(value);
  if (problem) {
    v.add(prop, value, problem);
    return false;
  }
  const parsed = parseCidrOrUndefined(value)!;
  if (opts.allowList && parsed.prefix === 0) {
    v.add(
      prop,
      value,
      'a CIDR of the networks to admit, not 0.0.0.0/0 (the whole internet is no restriction; omit the prop instead)',
    );
    return false;
  }
  if (
    (opts.min !== undefined && parsed.prefix < opts.min) ||
    (opts.max !== undefined && parsed.prefix > opts.max)
  ) {
    v.add(
      prop,
      value,
      `${opts.what ?? 'a CIDR block'} between /${opts.min ?? 0} and /${opts.max ?? 32}`,
    );
    return false;
  }
  return true;
}

/** The SageMaker name pattern (domains, profiles, spaces, groups, images): 1-63 characters. */
export function sagemakerName(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; literal?: boolean; maxLength?: number } = {},
): boolean {
  if (value === undefined && (opts.optional ?? false)) return true;
  if (isUnresolved(value)) return opts.literal ? v.literal(prop, value) : true;
  const max = opts.maxLength ?? 63;
  const re = new RegExp(`^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,${max - 1}}$`);
  if (typeof value === 'string' && re.test(value)) return true;
  v.add(
    prop,
    value,
    `1-${max} letters, digits and hyphens, starting and ending with a letter or digit`,
  );
  return false;
}

/** Instance types of Studio apps (AWS-12), from the bundled SageMaker enum. */
function studioInstanceType(v: Validator, prop: string, value: unknown): boolean {
  return instanceType(v, prop, value, STUDIO_APP_INSTANCE_TYPES, 'a Studio app instance type');
}

/**
 * A non-empty list of Studio app instance types ({@link studioInstanceType}), each named once.
 * Returns the string entries, with their path.
 */
export function studioInstanceTypeList(
  v: Validator,
  prop: string,
  value: unknown,
): Array<{ value: string; at: string }> {
  const types = stringListOf(v, prop, value, { unique: true, minLength: 1 });
  for (const t of types) studioInstanceType(v, t.at, t.value);
  return types;
}

/**
 * A list of strings, each named once, each accepted by `ok` (a pattern or a test); an entry it
 * rejects is reported with `allowed`.
 */
export function matchingStringList(
  v: Validator,
  prop: string,
  value: unknown,
  ok: RegExp | ((entry: string) => boolean),
  allowed: string,
): void {
  for (const e of stringListOf(v, prop, value, { unique: true }))
    v.require(ok instanceof RegExp ? ok.test(e.value) : ok(e.value), e.at, e.value, allowed);
}

/** A SageMaker image or image version ARN, or a pattern of them (AWS-13). */
const IMAGE_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9*-]+:(\d{12}|\*):image(-version)?\/.+$/;

/** A list of approved SageMaker image ARNs or ARN patterns (AWS-13), each named once. */
export function approvedImageArnList(v: Validator, prop: string, value: unknown): void {
  matchingStringList(
    v,
    prop,
    value,
    IMAGE_ARN,
    'SageMaker image ARNs or patterns such as arn:aws:sagemaker:eu-west-1:*:image/sagemaker-distribution-*',
  );
}

/** Instance types of notebook instances (AWS-31), from the bundled SageMaker enum. */
export function notebookInstanceType(v: Validator, prop: string, value: unknown): boolean {
  return instanceType(v, prop, value, NOTEBOOK_INSTANCE_TYPES, 'a notebook instance type');
}

function instanceType(
  v: Validator,
  prop: string,
  value: unknown,
  known: ReadonlySet<string>,
  what: string,
): boolean {
  if (isUnresolved(value)) return true;
  if (typeof value === 'string' && known.has(value)) return true;
  const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const fixed = known.has(lower) ? lower : known.has(`ml.${lower}`) ? `ml.${lower}` : undefined;
  const family =
    typeof value === 'string'
      ? [...known].filter((t) => t.startsWith(`${lower.replace(/\.[^.]*$/, '')}.`))
      : [];
  v.add(
    prop,
    value,
    fixed
      ? `${what} of SageMaker (did you mean ${fixed}?)`
      : family.length > 0
        ? `${what} of SageMaker: ${oneOf(family)}`
        : `${what} of SageMaker, such as ml.t3.medium or ml.m5.large (the SageMaker API's list, bundled)`,
  );
  return false;
}

// ---------------------------------------------------------------------------------------------
// ARNs and IAM

const IAM_NAME = '[\\w+=,.@-]{1,64}';
/** IAM paths: `/`, or `/.../` of printable ASCII (IAM API `Path`). */
const IAM_PATH = '(?:/[\\x21-\\x7E]*)?/';

/**
 * An IAM principal ARN that a trust or key policy accepts: `arn:<partition>:iam::<12 digits>:`
 * `role/...`, `user/...` or `root`; with `accountIds` also a bare account id. An empty account and
 * wildcards are named: IAM rejects both in a Principal (MalformedPolicyDocument: "Invalid principal
 * in policy" / "Unsupported wildcard in principal"; IAM User Guide, JSON policy elements:
 * Principal).
 */
export function iamPrincipal(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { accountIds?: boolean; notRoot?: string } = {},
): boolean {
  if (isUnresolved(value)) return true;
  const allowed = `an IAM role or user ARN such as arn:aws:iam::111111111111:role/data-scientists${opts.accountIds ? ', or a 12-digit account id' : ''}`;
  if (typeof value !== 'string') {
    v.add(prop, value, allowed);
    return false;
  }
  if (opts.accountIds && /^\d{12}$/.test(value)) return true;
  const m = new RegExp(`^arn:(${PARTITION_RE}):iam::([^:]*):(.*)$`).exec(value);
  if (!m) {
    v.add(prop, value, allowed);
    return false;
  }
  const [, , account, resource] = m;
  if (account === '') {
    v.add(prop, value, `${allowed} (the account is empty: IAM needs the 12-digit account id)`);
    return false;
  }
  if (!/^\d{12}$/.test(account)) {
    v.add(
      prop,
      value,
      `${allowed} (the account must be 12 digits; IAM accepts no wildcard in a principal ARN)`,
    );
    return false;
  }
  if (/[*?]/.test(resource)) {
    v.add(
      prop,
      value,
      `${allowed}, with no wildcard: IAM accepts no * or ? in a principal ARN (name each role)`,
    );
    return false;
  }
  if (resource === 'root' && opts.notRoot !== undefined) {
    v.add(prop, value, `an IAM role or user ARN, not an account root: ${opts.notRoot}`);
    return false;
  }
  if (resource === 'root' || new RegExp(`^(role|user)${IAM_PATH}${IAM_NAME}$`).test(resource))
    return true;
  v.add(prop, value, allowed);
  return false;
}

/** A list of IAM principal ARNs ({@link iamPrincipal}), each named once. */
export function iamPrincipalList(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { minLength?: number; optional?: boolean; notRoot?: string } = {},
): void {
  const { minLength, optional, notRoot } = opts;
  for (const p of stringListOf(v, prop, value, { unique: true, minLength, optional }))
    iamPrincipal(v, p.at, p.value, { notRoot });
}

/**
 * Why a deployer principal is a role or user: the deployer exemptions of the bucket, key and
 * service control policies compare `aws:PrincipalArn`, which for a role session is the role's
 * ARN and never an account root.
 */
export const DEPLOYER_NOT_ROOT =
  "the deployer exemptions compare aws:PrincipalArn, which for a CI role session is the role's ARN, never the account root (name the deployer role)";

/** An IAM managed policy ARN (customer managed or AWS managed), e.g. a permissions boundary. */
export function iamPolicyArn(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined || isUnresolved(value)) return true;
  if (
    typeof value === 'string' &&
    new RegExp(`^arn:${PARTITION_RE}:iam::(\\d{12}|aws):policy${IAM_PATH}[\\w+=,.@-]{1,128}$`).test(
      value,
    )
  )
    return true;
  v.add(
    prop,
    value,
    'an IAM policy ARN such as arn:aws:iam::111111111111:policy/ml-boundary (account named, no wildcard)',
  );
  return false;
}

/**
 * An ARN of `service` with a named account (12 digits) and, when given, a Region from the bundled
 * list. `resource` checks what follows the account.
 */
export function serviceArn(
  v: Validator,
  prop: string,
  value: unknown,
  service: string,
  example: string,
  resource: RegExp = /.+/,
): boolean {
  if (value === undefined || isUnresolved(value)) return true;
  const m =
    typeof value === 'string'
      ? new RegExp(`^arn:${PARTITION_RE}:${service}:([^:]*):([^:]*):(.+)$`).exec(value)
      : null;
  if (!m || !/^\d{12}$/.test(m[2]) || !resource.test(m[3])) {
    v.add(
      prop,
      value,
      `an ARN of ${service} such as ${example}${m && m[2] === '' ? ' (the account is empty)' : ''}`,
    );
    return false;
  }
  if (m[1] !== '' && !AWS_REGIONS.has(m[1])) return awsRegion(v, `${prop} (Region)`, m[1]);
  return true;
}

/** The ARN of an organization trail (a CloudTrail trail recording the account, AWS-22). */
export function organizationTrailArn(v: Validator, prop: string, value: unknown): boolean {
  return serviceArn(
    v,
    prop,
    value,
    'cloudtrail',
    'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
    /^trail\/.+$/,
  );
}

/** A KMS key ARN (SageMaker sharing settings and S3 need the ARN, not a key id or alias). */
export function kmsKeyArn(v: Validator, prop: string, value: unknown): boolean {
  return serviceArn(
    v,
    prop,
    value,
    'kms',
    'arn:aws:kms:eu-west-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000',
    /^key\/[A-Za-z0-9-]+$/,
  );
}

/** A required KMS key ARN (a reference to a key of the stack is fine). */
export function kmsKeyArnOrToken(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined) {
    v.add(prop, value, 'a KMS key ARN (required)');
    return false;
  }
  return kmsKeyArn(v, prop, value);
}

/**
 * The same principal, however it is spelled: an account id and its `:root` ARN are one
 * principal; IAM role and user names are unique in an account without regard to case (and to
 * their path), so `role/DataScientists` and `role/team/datascientists` are one identity. (IAM API
 * CreateRole/CreateUser: "IAM user, group, role, and policy names must be unique within the
 * account. Names are not distinguished by case.")
 */
export const AWS_PRINCIPAL_CANONICALIZER: IPrincipalCanonicalizer = {
  canonicalize(principal: string): string {
    const p = principal.trim();
    if (/^\d{12}$/.test(p)) return `account:${p}`;
    const m = /^arn:([a-z-]+):iam::(\d{12}):(.*)$/.exec(p);
    if (!m) return p;
    const [, partition, account, resource] = m;
    if (resource === 'root') return `account:${account}`;
    const r = /^(role|user)(?:\/.*)?\/([^/]+)$/.exec(resource);
    return r ? `${partition}:${account}:${r[1]}/${r[2].toLowerCase()}` : p;
  },
};

/** IAM quota of a role trust policy, characters without whitespace (default, adjustable to 4096). */
export const TRUST_POLICY_MAX_CHARS = 2048;

/**
 * The length IAM counts for a policy document (whitespace outside strings is not counted; our
 * documents have none), with every unresolved token at the shortest value it can take (3
 * characters, e.g. the partition `aws`), so that a document estimated over a quota is over it.
 */
export function policyLength(doc: string): number {
  return doc.replace(/\$\{TfToken\[[^\]]+\]\}/g, 'aws').replace(/\$\$\{/g, '${').length;
}

// ---------------------------------------------------------------------------------------------
// Free-form values that reach an AWS API

/** CloudWatch Logs retention values (PutRetentionPolicy `retentionInDays`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** A CloudWatch Logs retention in days. */
export function logRetentionDays(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined || isUnresolved(value)) return true;
  if (typeof value === 'number' && LOG_RETENTION_DAYS.includes(value)) return true;
  v.add(prop, value, `one of ${LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retention days)`);
  return false;
}

const CRON_FIELDS = [
  { name: 'minutes', re: /^[0-9,\-*/]+$/ },
  { name: 'hours', re: /^[0-9,\-*/]+$/ },
  { name: 'day-of-month', re: /^([0-9,\-*/LW]+|\?)$/ },
  { name: 'month', re: /^[0-9A-Za-z,\-*/]+$/ },
  { name: 'day-of-week', re: /^([0-9A-Za-z,\-*L#]+|\?)$/ },
  { name: 'year', re: /^[0-9,\-*/]+$/ },
];

/** Why a `cron(...)` body is not an EventBridge cron expression, or undefined. */
function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    return `six fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  const bad = CRON_FIELDS.find((f, i) => !f.re.test(fields[i]));
  if (bad) return `a valid ${bad.name} field`;
  const [, , dom, , dow] = fields;
  if ((dom === '?') === (dow === '?')) return "'?' in exactly one of day-of-month and day-of-week";
  return undefined;
}

/**
 * An EventBridge schedule expression: `cron(...)` with six fields and `?` in exactly one of
 * day-of-month and day-of-week, or (with `rate`) `rate(<n> <unit>)` with a singular unit for 1.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 */
export function scheduleExpression(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { rate: boolean },
): boolean {
  if (isUnresolved(value)) return true;
  const allowed = opts.rate
    ? "an EventBridge schedule: 'cron(0 3 * * ? *)' or 'rate(1 day)'"
    : "a cron expression: 'cron(0 5 * * ? *)' (AWS Backup takes cron only)";
  if (typeof value !== 'string') {
    v.add(prop, value, allowed);
    return false;
  }
  const cron = /^cron\((.*)\)$/.exec(value);
  if (cron) {
    const problem = cronProblem(cron[1]);
    if (problem) v.add(prop, value, `${allowed}; the cron expression needs ${problem}`);
    return problem === undefined;
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(value);
  if (opts.rate && rate) {
    const n = Number(rate[1]);
    const plural = rate[2].endsWith('s');
    if (n >= 1 && plural === n > 1) return true;
    v.add(
      prop,
      value,
      `${allowed}; a rate takes a positive integer, with a singular unit for 1 and a plural one above`,
    );
    return false;
  }
  v.add(prop, value, allowed);
  return false;
}

/** The Lake Formation permissions that apply to a database. */
export const LAKE_FORMATION_DATABASE_PERMISSIONS = [
  'ALL',
  'ALTER',
  'CREATE_TABLE',
  'DESCRIBE',
  'DROP',
];

// ---------------------------------------------------------------------------------------------
// Names unique in an account and Region

/**
 * Where names unique per account and Region (log groups, model package groups, notebook
 * instances, app image configs, KMS aliases) are claimed: the account and Region when both are
 * literals, else the stack (whose provider fixes both).
 */
export function accountRegionScope(scope: IConstruct, account: string, region: string): string {
  if (!isUnresolved(account) && !isUnresolved(region))
    return `account ${account}, Region ${region}`;
  return `the account and Region of stack ${TerraformStack.of(scope).node.path}`;
}
