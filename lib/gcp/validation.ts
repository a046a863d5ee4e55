// Input validation shared by the GCP constructs (internal; not exported from the package):
// untyped callers (JavaScript, YAML-driven configs, jsii languages), tokens, real regions, zones
// and machine types, networks, IAM members, duplicates, names unique in their scope, and the
// google provider.
import { IConstruct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { isUnresolved, ValidationError, ValidationProblem, Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { IPrincipalCanonicalizer } from '../core/personas';
import { editDistance } from '../core/reference-data';
import { RemovalPolicy } from '../core/removal-policy';
import { isGcpMultiRegion } from './validate';
import { parseCidrOrUndefined } from '../core/cidr';
import { GCP_REGIONS, isGcpRegion, regionHint, regionOfZone, zonesOf } from './locations';
import { gcpCompute } from './reference/compute';

/**
 * Rejects a token where the value must be known at synth (`why`), naming the prop and showing
 * the token as is (never lower-cased or sanitized). Returns false.
 */
export function rejectToken(v: Validator, prop: string, value: unknown, why: string): boolean {
  const shown =
    typeof value === 'string' || typeof value === 'number' ? value : Token.asString(value);
  v.add(prop, shown, `a literal value known at synth (${why}); a token is only known at apply`);
  return false;
}

/** A string value that is known at synth (a non-token string), else undefined. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !Token.isUnresolved(value) ? value : undefined;
}

/**
 * GCP principals for segregation of duties (X-02): `user:`, `group:` and `serviceAccount:`
 * members are one identity per e-mail address, compared case-insensitively (Google account and
 * group e-mails are case-insensitive, and one address names one account or group); `domain:`
 * members case-insensitively; `principal://` and `principalSet://` identifiers exactly.
 */
export const GCP_PRINCIPALS: IPrincipalCanonicalizer = {
  canonicalize(principal: string): string {
    if (typeof principal !== 'string') return String(principal);
    const m =
      /^(user|group|serviceAccount|deleted:user|deleted:group|deleted:serviceAccount):(.+)$/.exec(
        principal.trim(),
      );
    if (m) return `email:${m[2].split('?')[0].toLowerCase()}`;
    const d = /^domain:(.+)$/.exec(principal.trim());
    if (d) return `domain:${d[1].toLowerCase()}`;
    return principal.trim();
  },
};

/** The removal policy prop: exactly RETAIN or DESTROY (never a fallback). */
export function checkRemovalPolicy(v: Validator, prop: string, value: unknown): void {
  v.enumValue(prop, value, Object.values(RemovalPolicy));
}

/**
 * The closing checks of a part's props, `dependsOn`, `removalPolicy` and (on the parts that
 * take them) `grants`, then the one ValidationError of every problem collected.
 */
export function closePartValidation(
  v: Validator,
  props: {
    readonly dependsOn?: unknown;
    readonly removalPolicy?: unknown;
    readonly grants?: unknown;
  },
): void {
  checkList(v, 'dependsOn', props.dependsOn, 'resources');
  checkRemovalPolicy(v, 'removalPolicy', props.removalPolicy);
  checkGrants(v, 'grants', props.grants);
  v.throwIfInvalid();
}

const GRANT_KEYS = { role: true, member: true, key: true } as const;

/**
 * `grants` of a data part (`GcpIamGrant`s): each a literal role, a member (see
 * {@link checkMember}) and, when the member is a token, a literal `key`: role and key (or the
 * member) form the construct id of the binding, which must not move between synths.
 */
export function checkGrants(v: Validator, prop: string, value: unknown): void {
  if (!checkObjectList(v, prop, value, '{ role, member, key? }')) return;
  ((value as any[] | undefined) ?? []).forEach((g, i) => {
    if (g === null || typeof g !== 'object') return;
    const at = `${prop}[${i}]`;
    const why = 'it forms the construct id of the binding';
    checkKnownKeys(v, at, g, GRANT_KEYS);
    if (v.string(`${at}.role`, g.role, { optional: false })) v.literal(`${at}.role`, g.role, why);
    if (g.key !== undefined && v.string(`${at}.key`, g.key)) v.literal(`${at}.key`, g.key, why);
    checkMember(
      v,
      `${at}.member`,
      g.member,
      g.key === undefined ? `${why}; or give the grant a literal key` : undefined,
    );
  });
}

/** A prop that takes a construct: undefined, or an instance of `type` (`allowed` names it). */
export function checkInstance(
  v: Validator,
  prop: string,
  value: unknown,
  type: abstract new (...args: any[]) => unknown,
  allowed: string,
): void {
  if (value !== undefined && !(value instanceof type)) v.add(prop, value, allowed);
}

/** A list prop: undefined, or an array (a string or an object where a list belongs is one problem). */
export function checkList(v: Validator, prop: string, value: unknown, what: string): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) {
    // a sparse array (an entry deleted, or [a, , b] in JavaScript) has undefined entries
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined || value[i] === null) {
        v.add(`${prop}[${i}]`, value[i], `an entry of ${what}, not an empty one`);
        return false;
      }
    }
    return true;
  }
  if (isUnresolved(value)) {
    v.add(prop, value, `a list of ${what} known at synth (a token is only known at apply)`);
    return false;
  }
  v.add(
    prop,
    value,
    typeof value === 'string'
      ? `a list of ${what} (got one string: write [${JSON.stringify(value)}])`
      : `a list of ${what}`,
  );
  return false;
}

/**
 * A list prop that must not be empty: the list ({@link checkList}, or `list`, e.g.
 * {@link checkObjectList}), then at least one entry (`atLeast` says what, as the problem reads;
 * a missing list has none). True when the list is usable: a list with entries.
 */
export function checkNonEmptyList(
  v: Validator,
  prop: string,
  value: unknown,
  what: string,
  atLeast: string,
  list: (v: Validator, prop: string, value: unknown, what: string) => boolean = checkList,
): boolean {
  if (!list(v, prop, value, what)) return false;
  const entries = (value as unknown[] | undefined) ?? [];
  v.require(entries.length > 0, prop, JSON.stringify(entries), atLeast);
  return entries.length > 0;
}

/** A list of objects (`dataBuckets`, `endpoints`, ...): the list and each entry. */
export function checkObjectList(v: Validator, prop: string, value: unknown, what: string): boolean {
  if (!checkList(v, prop, value, what)) return false;
  let ok = true;
  ((value as unknown[] | undefined) ?? []).forEach((x, i) => {
    if (!v.object(`${prop}[${i}]`, x, { optional: false })) ok = false;
  });
  return ok;
}

/**
 * Reports the entries of a list that repeat an earlier one (compared by `key`, e.g. lower-cased
 * e-mails), as the list prop: a duplicate entry is a mistake in the list, not a construct clash.
 */
export function checkDuplicates<T>(
  v: Validator,
  prop: string,
  list: T[] | undefined,
  key: (x: T) => string | undefined,
  what: string,
): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const k = key(x);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else
      v.add(
        `${prop}[${i}]`,
        x,
        `${what} not already given earlier in the list (entry ${first}): each entry once`,
      );
  });
}

/** A region name from the bundled list (exact: GCP region names are lower case). */
export function checkRegion(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; literal?: string } = {},
): boolean {
  return checkRegionOf(
    v,
    prop,
    value,
    opts,
    `a Google Cloud region (${GCP_REGIONS.length} regions, e.g. europe-west4, us-central1)`,
  );
}

/**
 * A location of Cloud Storage or BigQuery: a region from the bundled list, or a multi-region or
 * predefined dual-region (EU, US, ASIA, EUR4, NAM4, ...; any case, as the APIs accept).
 */
export function checkLocation(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; literal?: string } = {},
): boolean {
  if (typeof value === 'string' && !Token.isUnresolved(value) && isGcpMultiRegion(value))
    return true;
  return checkRegionOf(
    v,
    prop,
    value,
    opts,
    'a Google Cloud region (e.g. europe-west4) or a multi/dual-region (EU, US, ASIA, EUR4, NAM4)',
  );
}

/**
 * The region check of {@link checkRegion} and {@link checkLocation}: `allowed` is what the
 * problem names, followed by the region hint of a near miss.
 */
function checkRegionOf(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; literal?: string },
  allowed: string,
): boolean {
  if (value === undefined && (opts.optional ?? false)) return true;
  if (isUnresolved(value)) {
    if (opts.literal) {
      rejectToken(v, prop, value, opts.literal);
      return false;
    }
    return true;
  }
  if (typeof value === 'string' && isGcpRegion(value)) return true;
  const hint = typeof value === 'string' ? regionHint(value) : undefined;
  v.add(prop, value, `${allowed}${hint ? `; ${hint}` : ''}`);
  return false;
}

/** A zone of the bundled list, optionally of one region. */
export function checkZone(
  v: Validator,
  prop: string,
  value: unknown,
  region?: string,
): string | undefined {
  if (isUnresolved(value)) return undefined;
  const r = typeof value === 'string' ? regionOfZone(value) : undefined;
  if (r === undefined) {
    const asRegion = typeof value === 'string' ? value.toLowerCase() : '';
    const zones = zonesOf(region && isGcpRegion(region) ? region : asRegion);
    v.add(
      prop,
      value,
      `a Google Cloud zone such as europe-west4-a${zones.length > 0 ? ` (zones of ${region ?? asRegion}: ${zones.join(', ')})` : ''}`,
    );
    return undefined;
  }
  if (region !== undefined && isGcpRegion(region) && r !== region) {
    v.add(prop, value, `a zone of the platform region ${region}: ${zonesOf(region).join(', ')}`);
    return undefined;
  }
  return r;
}

/**
 * A Compute Engine machine type offered in `region` (bundled `gcloud compute machine-types list`
 * data, by region), not OBSOLETE. Custom machine types (`e2-custom-4-8192`, `n2-custom-...`) are
 * checked for their series only.
 */
export function checkMachineType(
  v: Validator,
  prop: string,
  value: unknown,
  region: string | undefined,
): void {
  if (isUnresolved(value)) return;
  if (typeof value !== 'string' || value.trim() === '') {
    v.add(prop, value, 'a Compute Engine machine type such as e2-standard-4');
    return;
  }
  const compute = gcpCompute();
  const custom = /^([a-z0-9]+)-custom-\d+-\d+(-ext)?$/.exec(value);
  if (custom) {
    if (!compute.hasSeries(custom[1]))
      v.add(prop, value, 'a custom machine type of a known series (e.g. n2-custom-4-16384)');
    return;
  }
  const t = compute.machineType(value);
  if (t === undefined) {
    const lower = value.toLowerCase();
    const near = compute.machineType(lower) ? ` (machine type names are lower case: ${lower})` : '';
    v.add(
      prop,
      value,
      `a Compute Engine machine type such as e2-standard-4 or n2-standard-8${near} (bundled list of ${compute.meta.extracted})`,
    );
    return;
  }
  if (t.status === 'OBSOLETE') {
    v.add(prop, value, 'a machine type that is not OBSOLETE (Compute Engine no longer creates it)');
    return;
  }
  if (region !== undefined && isGcpRegion(region) && !t.regions.has(region)) {
    const series = value.split('-')[0];
    const same = compute.machineTypesIn(region).filter((x) => x.startsWith(`${series}-`));
    v.add(
      prop,
      value,
      `a machine type offered in ${region}${same.length > 0 ? ` (${series} there: ${same.slice(0, 8).join(', ')}${same.length > 8 ? ', ...' : ''})` : ` (no ${series} machine types there)`}`,
    );
  }
}

/**
 * A subnet's primary IPv4 range: a CIDR with no host bits, a prefix between /8 and /29 (the VPC
 * limits), not in a range Google Cloud prohibits for subnets (0.0.0.0/8, 127.0.0.0/8,
 * 169.254.0.0/16, 224.0.0.0/4, and the Google APIs VIPs 199.36.153.4/30 and 199.36.153.8/30 that
 * the platform routes to), with room for `hosts` addresses after the 4 Google Cloud reserves
 * (https://cloud.google.com/vpc/docs/subnets#valid-ranges, #unusable-ip-addresses-in-every-subnet).
 */
export function checkSubnetRange(
  v: Validator,
  prop: string,
  value: unknown,
  hosts: number,
  use: string,
): void {
  if (isUnresolved(value)) return;
  const parsed = typeof value === 'string' ? parseCidrOrUndefined(value) : undefined;
  if (!parsed) {
    v.add(prop, value, 'an IPv4 CIDR block such as 10.10.0.0/20');
    return;
  }
  if (parsed.first !== (value as string).split('/')[0]) {
    v.add(
      prop,
      value,
      `an IPv4 CIDR block with no host bits set (did you mean ${parsed.first}/${parsed.prefix}?)`,
    );
    return;
  }
  if (parsed.prefix < 8 || parsed.prefix > 29) {
    v.add(
      prop,
      value,
      `a subnet range between /8 and /29 (a private range such as 10.10.0.0/20; ${parsed.prefix < 8 ? 'never 0.0.0.0/0 or a range of the whole internet' : 'a /29 is the smallest subnet'})`,
    );
    return;
  }
  const prohibited: Array<[string, number, number]> = [
    ['0.0.0.0/8', 0x00000000, 8],
    ['127.0.0.0/8', 0x7f000000, 8],
    ['169.254.0.0/16', 0xa9fe0000, 16],
    ['224.0.0.0/4', 0xe0000000, 4],
    ['199.36.153.4/30 (restricted.googleapis.com)', 0xc7249904, 30],
    ['199.36.153.8/30 (private.googleapis.com)', 0xc7249908, 30],
  ];
  for (const [name, net, prefix] of prohibited) {
    const size = 2 ** (32 - prefix);
    if (parsed.network < net + size && net < parsed.network + parsed.size) {
      v.add(
        prop,
        value,
        `a subnet range outside ${name}, which Google Cloud does not allow for subnets`,
      );
      return;
    }
  }
  const usable = parsed.size - 4;
  if (usable < hosts) {
    v.add(
      prop,
      value,
      `a range with at least ${hosts} usable addresses for ${use} (a /${parsed.prefix} has ${usable} after the 4 Google Cloud reserves)`,
    );
  }
}

/** The IAM member forms GCP accepts in a policy binding; allUsers / allAuthenticatedUsers never. */
const MEMBER =
  /^((user|group):[^@\s:]+@[^@\s]+\.[^@\s]+|serviceAccount:[^@\s:]+@[^@\s]+|domain:[a-z0-9.-]+\.[a-z]{2,}|principal(Set)?:\/\/\S+)$/;

/**
 * An IAM member of a human persona or of a grant. `literal` says why a token is rejected (the
 * member forms binding construct ids, which must be stable).
 */
export function checkMember(v: Validator, prop: string, value: unknown, literal?: string): boolean {
  if (isUnresolved(value)) return literal ? rejectToken(v, prop, value, literal) : true;
  if (typeof value === 'string' && MEMBER.test(value)) return true;
  const lowerPrefix =
    typeof value === 'string' &&
    /^(User|Group|ServiceAccount|serviceaccount|USER|GROUP):/.test(value)
      ? ' (member prefixes are case-sensitive: user:, group:, serviceAccount:)'
      : '';
  v.add(
    prop,
    value,
    `'user:EMAIL', 'group:EMAIL', 'serviceAccount:EMAIL', 'domain:DOMAIN', 'principal://...' or 'principalSet://...'${lowerPrefix} (allUsers and allAuthenticatedUsers are never allowed)`,
  );
  return false;
}

/**
 * A list of IAM members: the list, each member, and no member twice (however spelled). Members
 * are literal: each forms the construct id of its bindings.
 */
export function checkMembers(v: Validator, prop: string, value: unknown): void {
  if (!checkList(v, prop, value, 'IAM members')) return;
  const list = (value as unknown[] | undefined) ?? [];
  list.forEach((m, i) =>
    checkMember(v, `${prop}[${i}]`, m, 'it forms the construct ids of its bindings'),
  );
  checkDuplicates(
    v,
    prop,
    list,
    (m) => (literal(m) !== undefined ? GCP_PRINCIPALS.canonicalize(m as string) : undefined),
    'a member',
  );
}

/**
 * The stack's google provider: a construct of this library needs one (`No GoogleProvider in
 * scope`), and a literal provider region must be a Google Cloud region.
 */
export function checkGoogleProvider(scope: IConstruct, v: Validator): void {
  const stack = TerraformStack.of(scope);
  const providers = googleProviders(stack);
  if (providers.length === 0) {
    v.add(
      'provider',
      `no GoogleProvider in stack ${stack.node.path}`,
      "a GoogleProvider (@cdktf/provider-google/lib/provider) declared in the construct's stack before the construct: No GoogleProvider in scope",
    );
    return;
  }
  for (const p of providers) {
    const region = p.region;
    if (region === undefined || isUnresolved(region)) continue;
    checkRegion(v, `provider.region (${p.node.path})`, region);
  }
}

/**
 * The opening checks of a GCP construct's props, in this order: the stack's google provider
 * ({@link checkGoogleProvider}) and the props' keys ({@link checkKnownKeys}). Returns the
 * validator that collects them, for the construct's own checks.
 */
export function openValidation<T>(
  scope: IConstruct,
  props: T,
  known: { [K in keyof Required<T>]: true },
): Validator {
  const v = new Validator(scope);
  checkGoogleProvider(scope, v);
  checkKnownKeys(v, '', props, known);
  return v;
}

/** {@link openValidation}, then the props' `projectId` ({@link checkProjectId}). */
export function openProjectValidation<T extends { readonly projectId?: unknown }>(
  scope: IConstruct,
  props: T,
  known: { [K in keyof Required<T>]: true },
): Validator {
  const v = openValidation(scope, props, known);
  checkProjectId(v, 'projectId', props.projectId);
  return v;
}

/** The GoogleProviders of a stack: its direct children (the usual place), else anywhere in it. */
function googleProviders(stack: TerraformStack): GoogleProvider[] {
  const direct = stack.node.children.filter(
    (c): c is GoogleProvider => c instanceof GoogleProvider,
  );
  if (direct.length > 0) return direct;
  return stack.node.findAll().filter((c): c is GoogleProvider => c instanceof GoogleProvider);
}

/**
 * Claims a name unique in its scope (core `claimName`): skipped when the name or the scope is a
 * token (only known at apply). `kind` names the resource type, `scope` where it is unique.
 */
export function claim(
  claimant: IConstruct,
  kind: string,
  scope: string | undefined,
  name: unknown,
  prop: string,
  hint?: string,
): void {
  if (scope === undefined || Token.isUnresolved(scope)) return;
  if (typeof name !== 'string' || Token.isUnresolved(name)) return;
  claimName(claimant, kind, scope, name, prop, hint);
}

/** The hint of a name that a project holds once: a project holds one platform. */
export const ONE_PER_PROJECT =
  'a project holds one SecureVertexPipeline (its audit configs, sink, roles and org policies are per project): give the other platform its own project';

/** `project P` for a literal project id, else undefined (claims are skipped for tokens). */
export function projectScope(projectId: unknown, suffix = ''): string | undefined {
  const p = literal(projectId);
  return p === undefined ? undefined : `project ${p}${suffix}`;
}

/**
 * Builds a part of a platform, reporting its validation problems under the platform's prop
 * names: `rename` maps the part's prop path (e.g. `accountIds.training`) to the platform's (e.g.
 * `serviceAccountIds.training`); the construct path stays the part's, where the problem was found.
 */
export function asPlatformProps<T>(rename: (prop: string) => string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof ValidationError) {
      const problems: ValidationProblem[] = e.problems.map((p) => ({ ...p, prop: rename(p.prop) }));
      throw new ValidationError(e.constructPath, problems);
    }
    throw e;
  }
}

/** A rename for asPlatformProps: a prefix for every prop, with exceptions by first segment. */
export function under(
  prefix: string,
  exceptions: { [partProp: string]: string } = {},
): (prop: string) => string {
  return (prop: string) => {
    const head = prop.split(/[.[]/)[0];
    if (exceptions[head] !== undefined) return `${exceptions[head]}${prop.slice(head.length)}`;
    return prefix ? `${prefix}.${prop}` : prop;
  };
}

/**
 * A string prop that must match `re` (a missing required value, a non-string, and the word
 * "undefined" from a missing value never pass). Tokens are skipped, or rejected naming the prop
 * when `literal` says why the value must be known at synth (it forms names).
 */
export function checkPattern(
  v: Validator,
  prop: string,
  value: unknown,
  re: RegExp,
  allowed: string,
  opts: { optional?: boolean; literal?: string } = {},
): boolean {
  if (value === undefined && (opts.optional ?? false)) return true;
  if (isUnresolved(value)) {
    if (opts.literal) return rejectToken(v, prop, value, opts.literal);
    return true;
  }
  if (typeof value === 'string' && re.test(value)) return true;
  v.add(prop, value, value === undefined ? `${allowed} (required)` : allowed);
  return false;
}

/** A number prop within bounds (integer unless `fraction`); NaN, strings and Infinity never pass. */
export function checkNumber(
  v: Validator,
  prop: string,
  value: unknown,
  min: number,
  max: number,
  opts: { optional?: boolean; fraction?: boolean; unit?: string; literal?: string } = {},
): boolean {
  if (value === undefined && (opts.optional ?? true)) return true;
  if (isUnresolved(value)) {
    if (typeof value !== 'number') {
      v.add(prop, value, `a number (a string token where a number belongs)`);
      return false;
    }
    if (opts.literal) return rejectToken(v, prop, value, opts.literal);
    return true;
  }
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (opts.fraction || Number.isInteger(value)) &&
    value >= min &&
    value <= max;
  if (!ok)
    v.add(
      prop,
      value,
      `${opts.fraction ? 'a number' : 'an integer'} between ${min} and ${max}${opts.unit ? ` ${opts.unit}` : ''}`,
    );
  return ok;
}

/** The project id prop (a token is allowed: resources take it as is). */
export function checkProjectId(v: Validator, prop: string, value: unknown): boolean {
  return checkPattern(
    v,
    prop,
    value,
    /^(?!.*google)[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    '6-30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, not containing "google"',
  );
}

/** A Cloud KMS key id (projects/P/locations/L/keyRings/R/cryptoKeys/K). */
export const KMS_KEY_ID =
  /^projects\/[^/\s]+\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/;

/**
 * Reports the keys of a props object that its interface does not declare: an untyped caller's
 * misspelt prop (`removalpolicy`, `dryrun`) would otherwise be ignored without a word. `known`
 * lists every prop of the interface (the compiler checks it against the interface).
 */
export function checkKnownKeys<T>(
  v: Validator,
  prop: string,
  value: unknown,
  known: { [K in keyof Required<T>]: true },
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const names = Object.keys(known);
  for (const k of Object.keys(value)) {
    if (names.includes(k)) continue;
    const near =
      names.find((n) => n.toLowerCase() === k.toLowerCase()) ??
      names.find((n) => editDistance(n.toLowerCase(), k.toLowerCase(), 2) <= 2);
    v.add(
      prop ? `${prop}.${k}` : k,
      (value as any)[k],
      near ? `no such prop: did you mean ${near}?` : `no such prop (known: ${names.join(', ')})`,
    );
  }
}

/**
 * A boolean prop. Every boolean of the GCP constructs decides what is created (a perimeter's
 * status or dry-run spec, whether a registry exists, ...), so a token is rejected: it is only
 * known at apply.
 */
export function checkBoolean(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return true;
  if (isUnresolved(value))
    return rejectToken(v, prop, value, 'it decides what the construct creates');
  v.add(prop, value, 'true or false');
  return false;
}
