// The GCP profile: what core's tagging, residency and deprecated validators need to know about
// Google Cloud. Registered with core when this module loads (the GCP entry point, constructs and
// rule pack load it).
import { CloudProfile, registerCloudProfile } from '../core/cloud-profile';
import { GCP_REGIONS } from './locations';
import { GcpValidate, isGcpMultiRegion } from './validate';

/** A zone (`europe-west4-a`) and its region. */
const GCP_ZONE = /^([a-z]+-[a-z]+\d{1,2})-[a-z]$/;

/** The location of a Cloud KMS key ring or key id. */
const GCP_KEY = /\/locations\/([A-Za-z0-9-]+)\/keyRings\//g;

/**
 * Resource types whose resource-label map is not `labels`. On these types that attribute means
 * something else and the API rejects foreign keys in it: a notification channel's `labels` are
 * the fields of its channel type's descriptor (an e-mail channel takes only `email_address`), and
 * its resource labels are `user_labels`. Monitoring alert policies have only `user_labels`.
 */
export const LABEL_ATTRIBUTE_OVERRIDES: { [resourceType: string]: string } = {
  google_monitoring_notification_channel: 'user_labels',
  google_monitoring_alert_policy: 'user_labels',
  google_monitoring_uptime_check_config: 'user_labels',
};

/** The resource-label attribute of a GCP resource type (snake_case). */
export function gcpLabelAttributeOf(resourceType: string): string {
  return LABEL_ATTRIBUTE_OVERRIDES[resourceType] ?? 'labels';
}

/** Sanitizes a string to GCP label rules (lowercase letters, digits, '_' and '-', at most 63). */
export function toGcpLabel(value: string, isKey: boolean): string {
  let out = value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
  if (isKey && !/^[a-z]/.test(out)) out = `k${out}`.slice(0, 63);
  return out;
}

/** The GCP profile. */
export const GCP_PROFILE: CloudProfile = registerCloudProfile({
  name: 'gcp',
  resourceTypePrefixes: ['google_'],
  labelAttributeOf: gcpLabelAttributeOf,
  toLabels: (tags) => {
    const labels: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(tags)) labels[toGcpLabel(k, true)] = toGcpLabel(v, false);
    return labels;
  },
  locationAttributes: ['region', 'location', 'zone', 'gce_zone'],
  // Cloud KMS calls the EU multi-region `europe` (key rings for EU buckets and datasets)
  regionOfLocation: (location) =>
    GCP_ZONE.exec(location)?.[1] ?? (location === 'europe' ? 'eu' : undefined),
  keyLocationsIn: (value) => [...value.matchAll(GCP_KEY)].map((m) => m[1]),
  residencyHint: (location) =>
    isGcpMultiRegion(location) ? 'multi-regions count only when listed explicitly' : undefined,
  regions: GCP_REGIONS,
  validators: {
    bucketName: GcpValidate.bucketName,
    serviceAccountId: GcpValidate.serviceAccountId,
    projectId: GcpValidate.projectId,
    labelKey: GcpValidate.labelKey,
    labelValue: GcpValidate.labelValue,
    member: GcpValidate.member,
    region: GcpValidate.region,
    location: GcpValidate.location,
  },
});
