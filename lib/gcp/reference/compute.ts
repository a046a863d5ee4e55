// Compute Engine machine types by region (data/compute.json.gz, written by
// scripts/reference-data/gcp-compute.js from `gcloud compute machine-types list`; the source and
// its date are in the file's meta). Loaded on first use.
import * as path from 'path';
import { lazyGzJson } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const GCP_COMPUTE_FILE = path.join(__dirname, 'data', 'compute.json.gz');

interface RawCompute {
  readonly meta: { extracted: string; source: string; what: string };
  readonly regions: string[];
  readonly machineTypes: { [name: string]: { regions: string; status?: string } };
}

/** One machine type: the regions it is offered in, and DEPRECATED / OBSOLETE when it is. */
export interface GcpMachineType {
  readonly name: string;
  readonly regions: ReadonlySet<string>;
  readonly status?: string;
}

/** The machine-type reference, indexed. */
export class GcpComputeReference {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; source: string; what: string };
  /** The regions the data covers. */
  public readonly regions: readonly string[];
  private readonly types = new Map<string, GcpMachineType>();

  constructor(raw: RawCompute) {
    this.meta = raw.meta;
    this.regions = raw.regions;
    for (const [name, t] of Object.entries(raw.machineTypes)) {
      let mask = BigInt(`0x${t.regions}`);
      const regions = new Set<string>();
      for (let i = 0; mask > 0n; i++, mask >>= 1n) if (mask & 1n) regions.add(raw.regions[i]);
      this.types.set(name, { name, regions, status: t.status });
    }
  }

  /** A machine type, or undefined when Compute Engine has none of that name. */
  public machineType(name: string): GcpMachineType | undefined {
    return this.types.get(name);
  }

  /** True when some machine type belongs to the series (`n2` for `n2-standard-4`). */
  public hasSeries(series: string): boolean {
    for (const name of this.types.keys()) if (name.startsWith(`${series}-`)) return true;
    return false;
  }

  /** The machine types offered in a region, sorted. */
  public machineTypesIn(region: string): string[] {
    return [...this.types.values()]
      .filter((t) => t.regions.has(region) && t.status !== 'OBSOLETE')
      .map((t) => t.name)
      .sort();
  }
}

const DATA = lazyGzJson<RawCompute, GcpComputeReference>(
  GCP_COMPUTE_FILE,
  (raw) => new GcpComputeReference(raw),
);

/** The bundled Compute Engine machine-type reference (loaded on first call). */
export function gcpCompute(): GcpComputeReference {
  return DATA.get();
}
