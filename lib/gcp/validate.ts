import { unresolvedString as unresolved } from '../core/validate';

/** GCP multi-region and dual-region location names (upper case). */
const GCP_MULTI_REGIONS = new Set([
  'EU',
  'US',
  'ASIA',
  'EUR4',
  'EUR5',
  'EUR7',
  'EUR8',
  'NAM4',
  'ASIA1',
  'GLOBAL',
]);

const GCP_REGION = /^[a-z]+-[a-z]+\d{1,2}$/;

/** True when the string is a GCP multi-region or dual-region location. */
export function isGcpMultiRegion(v: string): boolean {
  return GCP_MULTI_REGIONS.has(v.toUpperCase());
}

/**
 * Validators of Google Cloud names and identifiers.
 *
 * Each returns `undefined` when the value is valid (or is an unresolved token, only known at
 * apply time) and otherwise a description of what is allowed.
 */
export class GcpValidate {
  /** Cloud Storage bucket naming rules. */
  public static bucketName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const allowed =
      '3-63 characters (up to 222 with dots, each dot-separated part at most 63) of lowercase letters, digits, dashes, underscores and dots, starting and ending with a letter or digit, not starting with "goog" nor containing "google", not an IP address';
    const maxLen = v.includes('.') ? 222 : 63;
    if (
      v.length < 3 ||
      v.length > maxLen ||
      !/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(v) ||
      v.split('.').some((part) => part.length > 63 || part.length === 0) ||
      v.startsWith('goog') ||
      /g[o0][o0]gle/.test(v) ||
      /^\d+\.\d+\.\d+\.\d+$/.test(v)
    ) {
      return allowed;
    }
    return undefined;
  }

  /** Service account ids: 6-30 lowercase letters, digits and hyphens, starting with a letter. */
  public static serviceAccountId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/.test(v)
      ? undefined
      : '6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';
  }

  /** Project ids: 6-30 lowercase letters, digits and hyphens, starting with a letter. */
  public static projectId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(v) && !v.includes('google')
      ? undefined
      : '6-30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, not containing "google"';
  }

  /** Label keys: 1-63 lowercase letters, digits, '_' and '-', starting with a letter. */
  public static labelKey(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z][a-z0-9_-]{0,62}$/.test(v)
      ? undefined
      : "1-63 lowercase letters, digits, '_' and '-', starting with a lowercase letter";
  }

  /** Label values: 0-63 lowercase letters, digits, '_' and '-'. */
  public static labelValue(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z0-9_-]{0,63}$/.test(v) ? undefined : "0-63 lowercase letters, digits, '_' and '-'";
  }

  /** IAM member strings. */
  public static member(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const ok =
      /^(user|group):[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ||
      /^serviceAccount:[^@\s]+@[^@\s]+$/.test(v) ||
      /^domain:[a-z0-9.-]+\.[a-z]{2,}$/.test(v) ||
      /^principal(Set)?:\/\/\S+$/.test(v);
    return ok
      ? undefined
      : "'user:EMAIL', 'group:EMAIL', 'serviceAccount:EMAIL', 'domain:DOMAIN', 'principal://...' or 'principalSet://...' (allUsers and allAuthenticatedUsers are never allowed)";
  }

  /** Region names such as europe-west4 (not multi-regions). */
  public static region(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return GCP_REGION.test(v) ? undefined : 'a GCP region name such as europe-west4 or us-central1';
  }

  /** Locations: a region, or a multi/dual-region (EU, US, ASIA, EUR4, NAM4, ...). */
  public static location(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return GCP_REGION.test(v) || isGcpMultiRegion(v)
      ? undefined
      : 'a GCP region (europe-west4) or a multi/dual-region (EU, US, ASIA, EUR4, NAM4)';
  }
}
