// Input checks shared by the Azure constructs (X-10): locations, object ids, ARM resource ids,
// firewall IP rules, derived name lengths, and the scopes names must be unique in (name claims).
// Every check skips unresolved tokens (known only at apply) unless the value forms a name.
import { createHash } from 'crypto';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { cidrsOverlap, parseCidrOrUndefined } from '../core/cidr';
import {
  isUnresolved,
  renderValue,
  requireProps,
  ValidationError,
  Validator,
} from '../core/errors';
import { appRegistry, claimName } from '../core/name-claims';
import { IPrincipalCanonicalizer } from '../core/personas';
import { EMAIL_ADDRESS_PATTERN } from '../core/platform';
import { AZURE_LOCATION_EXAMPLES, azureLocationName, isAzureLocation } from './locations';
import { knownVmSize, retiredVmSeries } from './vm-sizes';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Azure principals (Entra object ids) compare case-insensitively (X-02): `AAAA...` and `aaaa...`
 * are one identity for segregation of duties and for duplicate role assignments.
 */
export class AzurePrincipalCanonicalizer implements IPrincipalCanonicalizer {
  /** The object id in lower case, without surrounding spaces (a token is kept as it is). */
  public canonicalize(principal: string): string {
    if (typeof principal !== 'string' || Token.isUnresolved(principal)) return principal;
    return principal.trim().toLowerCase();
  }
}

/** Internal: a string prop (required unless `optional`); tokens pass. */
export function str(v: Validator, prop: string, value: unknown, optional = false): boolean {
  if (isUnresolved(value)) return true;
  return v.string(prop, value, { optional });
}

/**
 * A string prop `accepts` takes, else `allowed(value)` is reported; tokens pass, and undefined
 * when `optional`.
 */
function checkString(
  v: Validator,
  prop: string,
  value: unknown,
  optional: boolean,
  accepts: (value: string) => boolean,
  allowed: (value: unknown) => string,
): boolean {
  if (value === undefined && optional) return true;
  if (isUnresolved(value)) return true;
  if (typeof value === 'string' && accepts(value)) return true;
  v.add(prop, value, allowed(value));
  return false;
}

/** Internal: an Azure location (name or display name, any case), from the bundled list. */
export function checkLocation(
  v: Validator,
  prop: string,
  value: unknown,
  optional = false,
): boolean {
  return checkString(v, prop, value, optional, isAzureLocation, (bad) => {
    // a location written with hyphens or underscores (west-europe) names the one meant
    const bare = typeof bad === 'string' ? bad.replace(/[-_]/g, '') : undefined;
    const near =
      bare !== undefined && isAzureLocation(bare)
        ? ` (did you mean ${azureLocationName(bare)}?)`
        : '';
    return `an Azure location such as ${AZURE_LOCATION_EXAMPLES}${near}`;
  });
}

/**
 * Internal: the opening of the props checks of a part placed in a resource group and location:
 * the props object required, then its resource group and location checked, on a new validator.
 */
export function startPlacedProps<P extends { resourceGroupName: string; location: string }>(
  scope: IConstruct,
  given: P,
): { props: P; v: Validator } {
  const props = requireProps(scope, given, true);
  const v = new Validator(scope);
  str(v, 'resourceGroupName', props.resourceGroupName);
  checkLocation(v, 'location', props.location);
  return { props, v };
}

/** Internal: a UUID (an Entra object id unless `what` says otherwise). */
export function checkUuid(
  v: Validator,
  prop: string,
  value: unknown,
  optional = false,
  what = 'an Entra object id',
): boolean {
  const allowed = `${what} (a UUID such as 00000000-0000-0000-0000-000000000000)`;
  return checkString(
    v,
    prop,
    value,
    optional,
    (x) => UUID.test(x),
    () => allowed,
  );
}

/** ARM resource id patterns of the resources the constructs take by id. */
export const ARM_ID = {
  keyVault: 'Microsoft.KeyVault/vaults/{name}',
  virtualNetwork: 'Microsoft.Network/virtualNetworks/{name}',
  subnet: 'Microsoft.Network/virtualNetworks/{name}/subnets/{name}',
  logAnalytics: 'Microsoft.OperationalInsights/workspaces/{name}',
  privateDnsZone: 'Microsoft.Network/privateDnsZones/{name}',
  actionGroup: 'Microsoft.Insights/actionGroups/{name}',
  any: '{provider}/{type}/{name}',
};

function armIdRegex(pattern: string): RegExp {
  const tail = pattern
    .split('/')
    .map((p) =>
      p === '{name}' || p === '{type}'
        ? '[^/]+'
        : p === '{provider}'
          ? '[A-Za-z0-9]+\\.[A-Za-z0-9.]+'
          : p.replace(/\./g, '\\.'),
    )
    .join('/');
  const any = pattern === ARM_ID.any ? '(/[^/]+/[^/]+)*' : '';
  return new RegExp(
    `^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/${tail}${any}$`,
    'i',
  );
}

/** Internal: an ARM resource id of the given pattern (see {@link ARM_ID}). */
export function checkArmId(
  v: Validator,
  prop: string,
  value: unknown,
  pattern: string,
  optional = false,
): boolean {
  const re = armIdRegex(pattern);
  return checkString(
    v,
    prop,
    value,
    optional,
    (x) => re.test(x),
    () =>
      `an ARM resource id /subscriptions/<subscription id>/resourceGroups/<group>/providers/${pattern}`,
  );
}

/** Internal: a Key Vault key URL, versioned or versionless. */
export function checkKeyUrl(
  v: Validator,
  prop: string,
  value: unknown,
  versioned: boolean,
  optional = false,
): boolean {
  const re = versioned
    ? /^https:\/\/[a-zA-Z0-9-]{3,24}\.vault\.[a-z0-9.]+\/keys\/[a-zA-Z0-9-]{1,127}\/[0-9a-fA-F]{32}$/
    : /^https:\/\/[a-zA-Z0-9-]{3,24}\.vault\.[a-z0-9.]+\/keys\/[a-zA-Z0-9-]{1,127}\/?$/;
  return checkString(
    v,
    prop,
    value,
    optional,
    (x) => re.test(x),
    () =>
      versioned
        ? 'a versioned key id https://<vault>.vault.azure.net/keys/<name>/<32-hex version>'
        : 'a versionless key id https://<vault>.vault.azure.net/keys/<name>',
  );
}

const NOT_PUBLIC: Array<[string, string]> = [
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

/**
 * Internal: public IPv4 firewall rules of Key Vault and storage accounts (X-05). Each entry is a
 * public IPv4 address or CIDR range: not 0.0.0.0/0 or anything wider than /8 (an allow-list,
 * not the internet), not a private, shared, loopback, link-local, multicast or reserved range
 * (the services only see public addresses: "IP network rules are only allowed for public IP
 * addresses"), and, for storage accounts, no /31 or /32 (Azure Storage: "Small address ranges
 * using prefix sizes /31 or /32 are not supported; configure these ranges using individual IP
 * address rules"). Duplicates are reported as the prop.
 */
export function checkIpRules(
  v: Validator,
  prop: string,
  value: unknown,
  service: 'storage' | 'keyVault' | 'both',
): boolean {
  if (value === undefined) return true;
  if (
    !strList(v, prop, value, {
      literal: 'the allow-list decides whether public network access is on',
    })
  )
    return false;
  const list = value as string[];
  const seen = new Map<string, number>();
  let ok = true;
  list.forEach((entry, i) => {
    const at = `${prop}[${i}]`;
    if (Token.isUnresolved(entry)) {
      v.literal(at, entry, 'the allow-list decides whether public network access is on');
      ok = false;
      return;
    }
    const text = entry.trim();
    const plain = /^\d{1,3}(\.\d{1,3}){3}$/.test(text);
    const cidr = parseCidrOrUndefined(plain ? `${text}/32` : text);
    if (!cidr || cidr.first !== text.split('/')[0]) {
      v.add(
        at,
        entry,
        cidr
          ? `a public IPv4 address or CIDR range with no host bits set (did you mean ${cidr.first}/${cidr.prefix}?)`
          : 'a public IPv4 address (203.0.113.7) or CIDR range (203.0.113.0/24)',
      );
      ok = false;
      return;
    }
    if (cidr.prefix < 8) {
      v.add(
        at,
        entry,
        'an allow-list entry of at most a /8 (0.0.0.0/0 and other wide ranges admit the internet; leave allowedIpRanges unset to keep public access off)',
      );
      ok = false;
      return;
    }
    const reserved = NOT_PUBLIC.find(([range]) =>
      cidrsOverlap(`${cidr.first}/${cidr.prefix}`, range),
    );
    if (reserved) {
      v.add(
        at,
        entry,
        `a public IPv4 address or range: ${reserved[0]} is ${reserved[1]}, which the service firewall never sees (reach the service through its private endpoint instead)`,
      );
      ok = false;
      return;
    }
    if (!plain && cidr.prefix >= 31 && service !== 'keyVault') {
      v.add(
        at,
        entry,
        `an address without a prefix (${cidr.first}${cidr.prefix === 31 ? ` and ${cidr.last}` : ''}): storage accounts reject /31 and /32 ranges`,
      );
      ok = false;
      return;
    }
    const key = `${cidr.first}/${cidr.prefix}`;
    if (seen.has(key)) {
      v.add(at, entry, `an entry not already listed (same range as ${prop}[${seen.get(key)}])`);
      ok = false;
      return;
    }
    seen.set(key, i);
  });
  return ok;
}

/** Internal: a VM size from the bundled list (exact spelling), unless unlisted sizes are allowed. */
export function checkVmSize(
  v: Validator,
  prop: string,
  value: unknown,
  allowUnlisted: unknown,
  allowUnlistedProp: string,
): boolean {
  if (value === undefined) return true;
  if (isUnresolved(value)) return true;
  if (typeof value !== 'string' || value.trim() === '') {
    v.add(prop, value, "a VM size such as 'Standard_DS3_v2'");
    return false;
  }
  const retired = retiredVmSeries(value);
  if (retired !== undefined) {
    v.add(
      prop,
      value,
      `a size Azure still provisions: the ${retired.series} series was retired on ${retired.retired} (move to ${retired.replacement})`,
    );
    return false;
  }
  const known = knownVmSize(value);
  if (known === value) return true;
  if (known !== undefined) {
    v.add(prop, value, `a VM size spelled as Azure lists it (did you mean ${known}?)`);
    return false;
  }
  if (allowUnlisted === true) {
    if (/^(Standard|Basic)_[A-Za-z0-9_-]+$/.test(value)) return true;
    v.add(
      prop,
      value,
      "a VM size name of the form Standard_<size>, e.g. 'Standard_NC24ads_A100_v4'",
    );
    return false;
  }
  v.add(
    prop,
    value,
    `a VM size from the bundled list (Azure Resource SKUs and the VM size series docs, see lib/azure/vm-sizes.ts); a size Azure added since can be used with ${allowUnlistedProp}: true`,
  );
  return false;
}

/**
 * A name of at most `maxLength` characters: the name itself when it fits (so names that fit
 * never change), else a prefix of it and a stable 6-character hash of the whole name, ending
 * with a letter or digit.
 */
export function fitName(name: string, maxLength: number): string {
  if (Token.isUnresolved(name) || name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  const head = name.slice(0, maxLength - hash.length - 1).replace(/[^a-zA-Z0-9]+$/, '');
  return `${head}-${hash}`;
}

/** Internal: the construct id checked as the part of names it forms (letters, digits, '-', '_'). */
export function checkConstructId(v: Validator, scope: IConstruct): boolean {
  const id = scope.node.id;
  if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) return true;
  v.add(
    'id (construct id)',
    id,
    "letters, digits, '-' and '_', starting with a letter or digit (the id is part of Azure resource names)",
  );
  return false;
}

const RG_NAMES = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Internal: records the literal name behind a resource-group name or id token (the `name` or
 * `id` attribute of a resource group a platform creates or reads), so parts given the token can
 * claim names in the right resource group.
 */
export function registerResourceGroupName(scope: IConstruct, token: string, name: string): void {
  appRegistry(RG_NAMES, scope).set(token, name);
}

/**
 * Internal: where names must be unique in Azure: the subscription of the stack's default azurerm
 * provider (its literal subscription_id, else the provider itself).
 */
export function subscriptionScope(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const provider = stack.node
    .findAll()
    .find(
      (c) =>
        TerraformProvider.isTerraformProvider(c) &&
        (c as TerraformProvider).terraformResourceType === 'azurerm' &&
        (c as any).alias === undefined,
    ) as any;
  const sub = provider?.subscriptionId;
  if (typeof sub === 'string' && !Token.isUnresolved(sub))
    return `subscription ${sub.toLowerCase()}`;
  return provider
    ? `the subscription of provider ${provider.node.path}`
    : `the subscription of stack ${stack.node.path}`;
}

/** Internal: the scope key of a resource group, given its name or id (its literal name when known). */
export function resourceGroupScope(scope: IConstruct, resourceGroupName: string): string {
  const literal = Token.isUnresolved(resourceGroupName)
    ? RG_NAMES.get(scope.node.root)?.get(resourceGroupName)
    : (/\/resourceGroups\/([^/]+)/i.exec(resourceGroupName)?.[1] ?? resourceGroupName);
  const name = literal ?? resourceGroupName;
  return `resource group ${name.toLowerCase()} in ${subscriptionScope(scope)}`;
}

/** Internal: claims a name unique in a resource group (skipped for names that are tokens). */
export function claimInResourceGroup(
  scope: IConstruct,
  kind: string,
  resourceGroupName: string,
  name: string,
  prop: string,
): void {
  if (Token.isUnresolved(name) || typeof resourceGroupName !== 'string') return;
  claimName(scope, kind, resourceGroupScope(scope, resourceGroupName), name.toLowerCase(), prop);
}

/** Internal: claims a name unique in the subscription (skipped for names that are tokens). */
export function claimInSubscription(
  scope: IConstruct,
  kind: string,
  name: string,
  prop: string,
): void {
  if (Token.isUnresolved(name)) return;
  claimName(scope, kind, subscriptionScope(scope), name.toLowerCase(), prop);
}

/** Internal: claims a globally unique name (skipped for names that are tokens). */
export function claimGlobal(scope: IConstruct, kind: string, name: string, prop: string): void {
  if (Token.isUnresolved(name)) return;
  claimName(scope, kind, 'Azure (names are global)', name.toLowerCase(), prop);
}

const ONCE = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Internal: a setting that exists once per scope (Defender for Cloud plan of a subscription, the
 * subscription Activity Log export): a second platform in the same scope asking for it fails
 * synth naming both construct paths and how to resolve it.
 */
export function claimOnce(
  scope: IConstruct,
  what: string,
  scopeKey: string,
  prop: string,
  fix: string,
): void {
  const map = appRegistry(ONCE, scope);
  const key = `${what}\u0000${scopeKey}`;
  const previous = map.get(key);
  if (previous !== undefined && previous !== scope.node.path) {
    throw new ValidationError(scope.node.path, [
      {
        prop,
        value: 'true',
        allowed: `${what} exists once in ${scopeKey} and ${previous} already creates it; ${fix}`,
      },
    ]);
  }
  map.set(key, scope.node.path);
}

const CAPACITY = new WeakMap<IConstruct, Map<string, string[]>>();

/**
 * Internal: one of at most `limit` settings of a kind in a scope (e.g. five diagnostic settings on
 * a subscription): the platform that would exceed the limit fails synth naming the others.
 */
export function claimCapacity(
  scope: IConstruct,
  what: string,
  scopeKey: string,
  limit: number,
  prop: string,
  fix: string,
): void {
  const map = appRegistry(CAPACITY, scope);
  const key = `${what}\u0000${scopeKey}`;
  const holders = map.get(key) ?? [];
  if (holders.includes(scope.node.path)) return;
  if (holders.length >= limit) {
    throw new ValidationError(scope.node.path, [
      {
        prop,
        value: 'true',
        allowed: `at most ${limit} ${what} in ${scopeKey}, already taken by ${holders.join(', ')}; ${fix}`,
      },
    ]);
  }
  map.set(key, [...holders, scope.node.path]);
}

/** Internal: the `dependsOn` prop of a part, when set, is a list (of resources to wait for). */
export function checkDependsOn(v: Validator, dependsOn: unknown): void {
  if (dependsOn !== undefined && !Array.isArray(dependsOn)) {
    v.add('dependsOn', dependsOn, 'a list of resources');
  }
}

/** Internal: reports duplicate entries of a string list prop, compared by `key`. */
export function checkUnique(
  v: Validator,
  prop: string,
  list: unknown,
  key: (s: string) => string = (s) => s,
  what = 'an entry',
): void {
  if (!Array.isArray(list) || isUnresolved(list)) return;
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    if (typeof x !== 'string' || Token.isUnresolved(x)) return;
    const k = key(x);
    if (seen.has(k)) {
      v.add(`${prop}[${i}]`, x, `${what} not already listed (same as ${prop}[${seen.get(k)}])`);
    } else seen.set(k, i);
  });
}

/**
 * Internal: a list prop that must be an array (of objects): one problem, never a TypeError. A
 * token is rejected (the entries form resources). Use `Array.from` on it to see holes.
 */
export function checkArray(v: Validator, prop: string, value: unknown): value is any[] {
  if (value === undefined) return false;
  if (Array.isArray(value) && !isUnresolved(value)) return true;
  if (isUnresolved(value)) {
    v.literal(prop, value, 'each entry forms resources');
    return false;
  }
  v.add(prop, value, 'a list');
  return false;
}

/**
 * Internal: a list of strings. A string (token or not) where the list belongs is one problem;
 * a list token passes unless `literal` says why the entries must be known at synth.
 */
export function strList(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { optional?: boolean; literal?: string } = {},
): boolean {
  if (value === undefined && (opts.optional ?? true)) return true;
  if (typeof value === 'string') {
    v.add(
      prop,
      value,
      Token.isUnresolved(value)
        ? 'a list of strings (a string token is not a list; Token.asList gives a list token)'
        : `a list of strings (got one string: write [${JSON.stringify(value)}])`,
    );
    return false;
  }
  if (Array.isArray(value) && isUnresolved(value)) {
    if (opts.literal !== undefined) return v.literal(prop, value, opts.literal);
    return true;
  }
  return v.stringList(prop, Array.isArray(value) ? Array.from(value) : value, {
    optional: opts.optional ?? true,
  });
}

/**
 * Internal: a boolean prop, literal: each one switches a resource or a security setting, which a
 * token (known only at apply) would hide from the checks at synth.
 */
export function bool(v: Validator, prop: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (isUnresolved(value))
    return v.literal(prop, value, 'it switches resources or security settings');
  return v.boolean(prop, value);
}

/**
 * Internal: a number prop. A string token is not a number; a number token passes unless
 * `literal` says why the value must be known at synth (it is computed with).
 */
export function num(
  v: Validator,
  prop: string,
  value: unknown,
  opts: { min?: number; max?: number; integer?: boolean; literal?: string } = {},
): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    v.add(
      prop,
      value,
      'a number (a string token is not a number; Token.asNumber gives a number token)',
    );
    return false;
  }
  if (typeof value === 'number' && Token.isUnresolved(value)) {
    return opts.literal === undefined ? true : v.literal(prop, value, opts.literal);
  }
  return v.number(prop, value, { min: opts.min, max: opts.max, integer: opts.integer });
}

/** Internal: renders a value for messages. */
export { renderValue };

/**
 * Internal: checks the receivers of the security alerts: e-mail addresses and action group ids,
 * at least one of them (an alert rule without an action notifies no one).
 */
export function checkAlertReceivers(
  v: Validator,
  emailsProp: string,
  emails: unknown,
  idsProp: string,
  ids: unknown,
): void {
  const listed = (prop: string, list: unknown, each: (p: string, x: unknown) => void) => {
    if (!strList(v, prop, list, { literal: 'each entry forms a receiver or an action' })) return;
    if (!Array.isArray(list)) return;
    list.forEach((x, i) => each(`${prop}[${i}]`, x));
    checkUnique(v, prop, list, (s) => s.toLowerCase(), 'an entry');
  };
  listed(emailsProp, emails, (p, e) => {
    if (str(v, p, e) && !isUnresolved(e))
      v.require(
        EMAIL_ADDRESS_PATTERN.test(e as string),
        p,
        e,
        'an e-mail address (name@domain.tld)',
      );
  });
  listed(idsProp, ids, (p, id) => checkArmId(v, p, id, ARM_ID.actionGroup));
  const count = (l: unknown) => (Array.isArray(l) ? l.length : isUnresolved(l) ? 1 : 0);
  // an alert rule takes at most five action groups (Azure Monitor: action group properties)
  const created = count(emails) > 0 ? 1 : 0;
  if (Array.isArray(ids))
    v.require(
      ids.length + created <= 5,
      idsProp,
      ids,
      `at most ${5 - created} action groups (an alert rule notifies at most five${created ? ', one of them the group of the e-mail receivers' : ''})`,
    );
  v.require(
    count(emails) + count(ids) > 0,
    emailsProp,
    emails,
    `at least one e-mail address (or an action group id in ${idsProp}): an alert rule without an action notifies no one`,
  );
}
