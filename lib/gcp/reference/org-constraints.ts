// Predefined organization policy constraints of Google Cloud (data/org-constraints.json.gz,
// written by scripts/reference-data/gcp-org-constraints.js from the Org Policy v2 API
// constraints.list as Cyclenerd/google-cloud-org-policies records it; the source and its commits
// are in the file's meta and in scripts/reference-data/provenance.json). Loaded on first use.
import * as path from 'path';
import { lazyGzJson } from '../../core/reference-data';
import { editDistance } from '../../core/reference-data';

/** Where the data file lives (next to this module, in lib/ and in dist/lib/). */
export const GCP_ORG_CONSTRAINTS_FILE = path.join(__dirname, 'data', 'org-constraints.json.gz');

interface RawOrgConstraints {
  readonly meta: { extracted: string; source: string; what: string };
  /** constraint ids without the `constraints/` prefix, sorted */
  readonly constraints: string[];
}

/** The predefined constraints, indexed. */
export class GcpOrgConstraints {
  /** When and from what the data was extracted. */
  public readonly meta: { extracted: string; source: string; what: string };
  /** Every known constraint id (`compute.vmExternalIpAccess`), sorted. */
  public readonly names: readonly string[];
  private readonly set: Set<string>;

  constructor(raw: RawOrgConstraints) {
    this.meta = raw.meta;
    this.names = raw.constraints;
    this.set = new Set(raw.constraints);
  }

  /** True when `id` (without `constraints/`) is a predefined constraint, exactly as spelt. */
  public has(id: string): boolean {
    return this.set.has(id);
  }

  /** The known constraint nearest to `id` (edit distance, case-insensitive first). */
  public nearest(id: string): string | undefined {
    const lower = id.toLowerCase();
    const sameCase = this.names.find((n) => n.toLowerCase() === lower);
    if (sameCase) return sameCase;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const n of this.names) {
      const max = Number.isFinite(bestDistance)
        ? bestDistance - 1
        : Math.max(lower.length, n.length);
      if (max < 0) break;
      const d = editDistance(lower, n.toLowerCase(), max);
      if (d <= max && d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best;
  }
}

const data = lazyGzJson<RawOrgConstraints, GcpOrgConstraints>(
  GCP_ORG_CONSTRAINTS_FILE,
  (raw) => new GcpOrgConstraints(raw),
);

/** The predefined organization policy constraints (read on the first call). */
export function gcpOrgConstraints(): GcpOrgConstraints {
  return data.get();
}

/** Load statistics of the constraint data (for the bench). */
export function gcpOrgConstraintsLoad(): { loaded: boolean; loadMs: number } {
  return { loaded: data.loaded, loadMs: data.loadMs };
}
