// The Azure reference data of the X-15 rules (extracted by scripts/reference-data/extract.js from
// iann0036/iam-dataset, Azure/azure-policy built-in-policies and the Azure Verified Modules list
// of Private Link DNS zones; see scripts/reference-data/provenance.json). Loaded on first use.
import * as path from 'path';
import { editDistance, lazyGzJson, lazyGzText } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const AZURE_REFERENCE_FILE = path.join(__dirname, 'data', 'azure.json.gz');

/** Built-in policy definitions and initiatives, one per line ("p|i TAB guid TAB JSON"). */
export const AZURE_POLICY_FILE = path.join(__dirname, 'data', 'azure-policies.tsv.gz');

/** [displayName, deprecated 0/1, parameters: name -> [required 0/1, allowedValues or 0], hint?] */
type RawPolicy = [string, number, { [name: string]: [number, any[] | 0] }, string?];

interface RawAzure {
  readonly meta: { extracted: string; sources: any };
  /** built-in role guid -> role name */
  readonly roles: { [guid: string]: string };
  /** resource provider namespaces, lower-cased */
  readonly namespaces: string[];
  /** private DNS zone names, with {regionName} / {regionCode} placeholders */
  readonly privateDnsZones: string[];
}

/** A built-in policy definition or initiative. */
export interface AzurePolicy {
  readonly id: string;
  readonly displayName: string;
  readonly deprecated: boolean;
  /** What the definition's description says to use instead, when it says it. */
  readonly deprecationHint: string;
  /** parameter name (lower-cased) -> declared name, required, allowed values */
  readonly parameters: Map<string, { name: string; required: boolean; allowed?: any[] }>;
}

function policyOf(id: string, raw: RawPolicy): AzurePolicy {
  const parameters = new Map<string, { name: string; required: boolean; allowed?: any[] }>();
  for (const [name, [required, allowed]] of Object.entries(raw[2])) {
    parameters.set(name.toLowerCase(), {
      name,
      required: required === 1,
      allowed: Array.isArray(allowed) ? allowed : undefined,
    });
  }
  return {
    id,
    displayName: raw[0],
    deprecated: raw[1] === 1,
    deprecationHint: raw[3] ?? '',
    parameters,
  };
}

/** The Azure reference, indexed for the X-15 rules. */
export class AzureReference {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; sources: any };
  private readonly roleNames = new Map<string, string>();
  private readonly roleIds: { [guid: string]: string };
  private readonly namespaces: Set<string>;
  private readonly raw: RawAzure;
  private readonly zones: RegExp[];

  constructor(raw: RawAzure) {
    this.raw = raw;
    this.meta = raw.meta;
    this.roleIds = raw.roles;
    for (const [guid, name] of Object.entries(raw.roles))
      this.roleNames.set(name.toLowerCase(), guid);
    this.namespaces = new Set(raw.namespaces);
    this.zones = raw.privateDnsZones.map(
      (z) =>
        new RegExp(
          `^${z
            .split(/\{region(?:Name|Code)\}/i)
            .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[a-z0-9-]+')}$`,
          'i',
        ),
    );
  }

  /** The built-in role name of a role definition guid, or undefined. */
  public builtInRoleById(guid: string): string | undefined {
    return this.roleIds[guid.toLowerCase()];
  }

  /** The built-in role name as Azure spells it, for a name in any case; undefined if none. */
  public builtInRoleByName(name: string): string | undefined {
    const guid = this.roleNames.get(name.toLowerCase());
    return guid ? this.roleIds[guid] : undefined;
  }

  /** True when the resource provider namespace exists (case-insensitive). */
  public hasNamespace(namespace: string): boolean {
    return this.namespaces.has(namespace.toLowerCase());
  }

  /** Namespaces matching a glob with `*`. */
  public namespacesMatching(glob: string): number {
    const re = new RegExp(
      `^${glob
        .toLowerCase()
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    let n = 0;
    for (const ns of this.namespaces) if (re.test(ns)) n++;
    return n;
  }

  /** A built-in policy definition by guid (the policy table is read on first use). */
  public policy(guid: string): AzurePolicy | undefined {
    const raw = policyTable.get().get(`p\t${guid.toLowerCase()}`);
    return raw ? policyOf(guid, JSON.parse(raw)) : undefined;
  }

  /** A built-in initiative (policy set definition) by guid. */
  public initiative(guid: string): AzurePolicy | undefined {
    const raw = policyTable.get().get(`i\t${guid.toLowerCase()}`);
    return raw ? policyOf(guid, JSON.parse(raw)) : undefined;
  }

  /**
   * Whether a private DNS zone name is a Private Link zone of the public cloud: true; or the
   * known zones it is a near miss of (edit distance up to 3: a misspelt label or top-level
   * domain); or undefined when it is neither (the data does not cover sovereign clouds, zones
   * with a per-resource prefix or zones added after the extraction).
   */
  public privateLinkZone(name: string): true | string[] | undefined {
    const lower = name.toLowerCase().replace(/\.$/, '');
    if (!lower.startsWith('privatelink')) return undefined;
    if (this.zones.some((z) => z.test(lower))) return true;
    const near = this.raw.privateDnsZones.filter(
      (z) => !z.includes('{') && editDistance(lower, z, 3) <= 3,
    );
    return near.length > 0 ? near.slice(0, 3) : undefined;
  }
}

const data = lazyGzJson<RawAzure, AzureReference>(
  AZURE_REFERENCE_FILE,
  (raw) => new AzureReference(raw),
);

/** "p|i TAB guid" -> the JSON entry, unparsed. */
const policyTable = lazyGzText(AZURE_POLICY_FILE, (text) => {
  const index = new Map<string, string>();
  for (const line of text.split('\n')) {
    const second = line.indexOf('\t', 2);
    if (second > 0) index.set(line.slice(0, second), line.slice(second + 1));
  }
  return index;
});

/** The Azure reference data (read on the first call). */
export function azureReference(): AzureReference {
  return data.get();
}

/** Load statistics of the Azure reference data (for the bench). */
export function azureReferenceLoad(): { loaded: boolean; loadMs: number } {
  return {
    loaded: data.loaded || policyTable.loaded,
    loadMs: data.loadMs + policyTable.loadMs,
  };
}
