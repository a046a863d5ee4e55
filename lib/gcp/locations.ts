/**
 * The Google Cloud regions and zones the GCP constructs accept (bundled: no network at synth).
 *
 * Regions: `gcloud compute regions list` as recorded in
 * Cyclenerd/google-cloud-pricing-cost-calculator `tools/regions.csv` (commit 4707d14, 2026-01-09),
 * the same 43 regions as the zone table of https://cloud.google.com/compute/docs/regions-zones
 * ("Available regions and zones") and as the machine-type list of `reference/data/compute.json.gz`.
 * Zones: that table. Every region has zones a, b and c except europe-west1 (b, c, d),
 * us-central1 (a, b, c, f) and us-east1 (b, c, d). AI zones (e.g. `us-west4-ai2b`, for
 * accelerators only) are not listed.
 *
 * Multi-regions and dual-regions (EU, US, ASIA, EUR4, NAM4, ...) are locations of Cloud Storage
 * and BigQuery only; see `isGcpMultiRegion` in lib/gcp/validate.ts.
 */
const ZONES: { [region: string]: string[] } = {
  'africa-south1': ['a', 'b', 'c'],
  'asia-east1': ['a', 'b', 'c'],
  'asia-east2': ['a', 'b', 'c'],
  'asia-northeast1': ['a', 'b', 'c'],
  'asia-northeast2': ['a', 'b', 'c'],
  'asia-northeast3': ['a', 'b', 'c'],
  'asia-south1': ['a', 'b', 'c'],
  'asia-south2': ['a', 'b', 'c'],
  'asia-southeast1': ['a', 'b', 'c'],
  'asia-southeast2': ['a', 'b', 'c'],
  'asia-southeast3': ['a', 'b', 'c'],
  'australia-southeast1': ['a', 'b', 'c'],
  'australia-southeast2': ['a', 'b', 'c'],
  'europe-central2': ['a', 'b', 'c'],
  'europe-north1': ['a', 'b', 'c'],
  'europe-north2': ['a', 'b', 'c'],
  'europe-southwest1': ['a', 'b', 'c'],
  'europe-west1': ['b', 'c', 'd'],
  'europe-west2': ['a', 'b', 'c'],
  'europe-west3': ['a', 'b', 'c'],
  'europe-west4': ['a', 'b', 'c'],
  'europe-west6': ['a', 'b', 'c'],
  'europe-west8': ['a', 'b', 'c'],
  'europe-west9': ['a', 'b', 'c'],
  'europe-west10': ['a', 'b', 'c'],
  'europe-west12': ['a', 'b', 'c'],
  'me-central1': ['a', 'b', 'c'],
  'me-central2': ['a', 'b', 'c'],
  'me-west1': ['a', 'b', 'c'],
  'northamerica-northeast1': ['a', 'b', 'c'],
  'northamerica-northeast2': ['a', 'b', 'c'],
  'northamerica-south1': ['a', 'b', 'c'],
  'southamerica-east1': ['a', 'b', 'c'],
  'southamerica-west1': ['a', 'b', 'c'],
  'us-central1': ['a', 'b', 'c', 'f'],
  'us-east1': ['b', 'c', 'd'],
  'us-east4': ['a', 'b', 'c'],
  'us-east5': ['a', 'b', 'c'],
  'us-south1': ['a', 'b', 'c'],
  'us-west1': ['a', 'b', 'c'],
  'us-west2': ['a', 'b', 'c'],
  'us-west3': ['a', 'b', 'c'],
  'us-west4': ['a', 'b', 'c'],
};

/** The Google Cloud regions, sorted. */
export const GCP_REGIONS: readonly string[] = Object.keys(ZONES).sort();

/** True when `region` is a Google Cloud region (exact: lower case). */
export function isGcpRegion(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(ZONES, region);
}

/** The zones of a region (`europe-west4-a`, ...), or [] when it is not a region. */
export function zonesOf(region: string): string[] {
  return isGcpRegion(region) ? ZONES[region].map((z) => `${region}-${z}`) : [];
}

/** The region of a zone (`europe-west4-a` -> `europe-west4`), or undefined when it is not a zone. */
export function regionOfZone(zone: string): string | undefined {
  const m = /^([a-z]+-[a-z]+\d{1,2})-([a-z])$/.exec(zone);
  if (!m || !isGcpRegion(m[1]) || !ZONES[m[1]].includes(m[2])) return undefined;
  return m[1];
}

/**
 * What a region value should have been, for an error message: the region in lower case when
 * that is one, else the closest region names sharing its area (`europe-west99` -> `europe-west1,
 * europe-west2, ...`); undefined when nothing is close.
 */
export function regionHint(value: string): string | undefined {
  const lower = value.trim().toLowerCase();
  if (lower !== value && isGcpRegion(lower)) return `did you mean ${lower}?`;
  const zone = regionOfZone(lower);
  if (zone) return `${value} is a zone; its region is ${zone}`;
  const area = /^([a-z]+-[a-z]+)/.exec(lower)?.[1];
  const near = area ? GCP_REGIONS.filter((r) => r.startsWith(`${area}`)) : [];
  return near.length > 0 ? `regions of ${area}: ${near.join(', ')}` : undefined;
}

/**
 * True when a Cloud KMS key location serves a resource location: the same region, or the KMS
 * multi-region of a storage / BigQuery multi-region (Cloud KMS names `EU` `europe`; `US` and
 * `ASIA` are `us` and `asia`).
 */
export function kmsLocationServes(keyLocation: string, resourceLocation: string): boolean {
  const k = keyLocation.toLowerCase();
  const r = resourceLocation.toLowerCase();
  return k === r || (k === 'europe' && r === 'eu');
}
