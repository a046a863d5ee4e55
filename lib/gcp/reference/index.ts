// The GCP reference data of the X-15 rules (extracted by scripts/reference-data/extract.js from
// iann0036/iam-dataset and Google's list of services supported by VPC Service Controls; see
// scripts/reference-data/provenance.json). Loaded on first use.
import * as path from 'path';
import { editDistance, lazyGzJson } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const GCP_REFERENCE_FILE = path.join(__dirname, 'data', 'gcp.json.gz');

interface RawGcp {
  readonly meta: { extracted: string; sources: any };
  /** predefined role names, space-separated */
  readonly roles: string;
  /** launch stages other than GA (DEPRECATED, BETA, ..., DELETED) by role name */
  readonly stages: { [name: string]: string };
  /** permissions of the predefined roles, space-separated */
  readonly permissions: string;
  /** API names (`aiplatform`), i.e. services `<name>.googleapis.com` */
  readonly services: string[];
  readonly vpcsc: string[];
}

/** The GCP reference, indexed for the X-15 rules. */
export class GcpReference {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; sources: any };
  private readonly roles: Set<string>;
  private readonly stages: { [name: string]: string };
  private readonly permissions: Set<string>;
  private readonly services: string[];
  private readonly serviceSet: Set<string>;
  private readonly vpcsc: Set<string>;

  constructor(raw: RawGcp) {
    this.meta = raw.meta;
    this.roles = new Set(raw.roles.split(' '));
    this.stages = raw.stages;
    this.permissions = new Set(raw.permissions.split(' '));
    this.services = raw.services;
    this.serviceSet = new Set(raw.services);
    this.vpcsc = new Set(raw.vpcsc);
  }

  /** A predefined role (`roles/aiplatform.user`), or undefined. */
  public role(name: string): { stage: string; deleted: boolean } | undefined {
    if (!this.roles.has(name)) return undefined;
    const stage = this.stages[name] ?? 'GA';
    return { stage, deleted: stage === 'DELETED' };
  }

  /** Predefined role names close to `name` (for a hint). */
  public similarRoles(name: string): string[] {
    return nearest(name, [...this.roles.keys()], 2);
  }

  /** True when a predefined role grants the permission. */
  public hasPermission(permission: string): boolean {
    return this.permissions.has(permission);
  }

  /** True when the API (`aiplatform`, from `aiplatform.googleapis.com`) is known. */
  public hasService(api: string): boolean {
    return this.serviceSet.has(api);
  }

  /** Known API names within edit distance `max` of `api`. */
  public similarServices(api: string, max: number): string[] {
    return nearest(api, this.services, max);
  }

  /** True when VPC Service Controls supports the service (`storage.googleapis.com`). */
  public vpcscSupports(service: string): boolean {
    return this.vpcsc.has(service);
  }
}

function nearest(name: string, candidates: string[], max: number): string[] {
  return candidates.filter((c) => c !== name && editDistance(name, c, max) <= max).slice(0, 3);
}

const data = lazyGzJson<RawGcp, GcpReference>(GCP_REFERENCE_FILE, (raw) => new GcpReference(raw));

/** The GCP reference data (read on the first call). */
export function gcpReference(): GcpReference {
  return data.get();
}

/** Load statistics of the GCP reference data (for the bench). */
export function gcpReferenceLoad(): { loaded: boolean; loadMs: number } {
  return { loaded: data.loaded, loadMs: data.loadMs };
}
