import { Token } from 'cdktf';
import { parseCidrOrUndefined } from './cidr';

/** Known Azure locations (normalized: lowercase, no spaces). */
const AZURE_LOCATIONS = new Set([
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'jioindiacentral',
  'jioindiawest',
  'koreacentral',
  'koreasouth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southindia',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
  'usgovarizona',
  'usgovtexas',
  'usgovvirginia',
  'chinaeast2',
  'chinaeast3',
  'chinanorth2',
  'chinanorth3',
]);

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

const AWS_REGION =
  /^(af|ap|ca|cn|eu|il|me|mx|sa|us|us-gov|us-iso|us-isob)-(central|north|south|east|west|northeast|southeast|northwest|southwest)-\d{1,2}$/;
const GCP_REGION = /^[a-z]+-[a-z]+\d{1,2}$/;

function unresolved(v: unknown): boolean {
  return typeof v === 'string' && Token.isUnresolved(v);
}

/** Normalizes an Azure location display name ('West Europe') to its name ('westeurope'). */
export function normalizeAzureLocation(v: string): string {
  return v.toLowerCase().replace(/\s+/g, '');
}

/** True when the string is a GCP multi-region or dual-region location. */
export function isGcpMultiRegion(v: string): boolean {
  return GCP_MULTI_REGIONS.has(v.toUpperCase());
}

/**
 * Validators for names, regions, CIDRs and other identifiers, by each cloud's rules.
 *
 * Each returns `undefined` when the value is valid (or is an unresolved token, only known at
 * apply time) and otherwise a description of what is allowed.
 */
export class Validate {
  /** S3 bucket naming rules (general purpose buckets). */
  public static s3BucketName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const allowed =
      '3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, no reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
    if (
      !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ||
      v.includes('..') ||
      /^\d+\.\d+\.\d+\.\d+$/.test(v) ||
      /^(xn--|sthree-|amzn-s3-demo-)/.test(v) ||
      /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(v)
    ) {
      return allowed;
    }
    return undefined;
  }

  /** Cloud Storage bucket naming rules. */
  public static gcsBucketName(v: string): string | undefined {
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

  /** Azure storage account names: 3-24 lowercase letters and digits. */
  public static azureStorageAccountName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z0-9]{3,24}$/.test(v) ? undefined : '3-24 lowercase letters and digits';
  }

  /** Azure Key Vault names: 3-24 letters, digits and hyphens, starting with a letter, no "--". */
  public static azureKeyVaultName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(v) && !v.includes('--')
      ? undefined
      : '3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens';
  }

  /** Generic Azure resource names: letters, digits, '.', '_', '-', up to maxLength. */
  public static azureResourceName(v: string, maxLength: number): string | undefined {
    if (unresolved(v)) return undefined;
    const re = /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9_])?$/;
    return re.test(v) && v.length <= maxLength
      ? undefined
      : `1-${maxLength} letters, digits, '.', '_' and '-', starting with a letter or digit and not ending with '.' or '-'`;
  }

  /** AWS IAM role names: 1-64 characters of letters, digits and +=,.@_- . */
  public static iamRoleName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[\w+=,.@-]{1,64}$/.test(v) ? undefined : "1-64 letters, digits and '+=,.@_-'";
  }

  /** GCP service account ids: 6-30 lowercase letters, digits and hyphens, starting with a letter. */
  public static gcpServiceAccountId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/.test(v)
      ? undefined
      : '6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';
  }

  /** GCP project ids: 6-30 lowercase letters, digits and hyphens, starting with a letter. */
  public static gcpProjectId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(v) && !v.includes('google')
      ? undefined
      : '6-30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, not containing "google"';
  }

  /** GCP label keys: 1-63 lowercase letters, digits, '_' and '-', starting with a letter. */
  public static gcpLabelKey(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z][a-z0-9_-]{0,62}$/.test(v)
      ? undefined
      : "1-63 lowercase letters, digits, '_' and '-', starting with a lowercase letter";
  }

  /** GCP label values: 0-63 lowercase letters, digits, '_' and '-'. */
  public static gcpLabelValue(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z0-9_-]{0,63}$/.test(v) ? undefined : "0-63 lowercase letters, digits, '_' and '-'";
  }

  /** GCP IAM member strings. */
  public static gcpMember(v: string): string | undefined {
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

  /** AWS region names such as eu-west-1. */
  public static awsRegion(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return AWS_REGION.test(v) ? undefined : 'an AWS region name such as eu-west-1 or us-east-2';
  }

  /** GCP region names such as europe-west4 (not multi-regions). */
  public static gcpRegion(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return GCP_REGION.test(v) ? undefined : 'a GCP region name such as europe-west4 or us-central1';
  }

  /** GCP locations: a region, or a multi/dual-region (EU, US, ASIA, EUR4, NAM4, ...). */
  public static gcpLocation(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return GCP_REGION.test(v) || isGcpMultiRegion(v)
      ? undefined
      : 'a GCP region (europe-west4) or a multi/dual-region (EU, US, ASIA, EUR4, NAM4)';
  }

  /** Azure locations, by name or display name (westeurope, 'West Europe'). */
  public static azureLocation(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return AZURE_LOCATIONS.has(normalizeAzureLocation(v))
      ? undefined
      : 'an Azure location such as westeurope, northeurope, eastus2 or swedencentral';
  }

  /** IPv4 CIDR blocks such as 10.0.0.0/16, with no host bits set. */
  public static cidr(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const parsed = parseCidrOrUndefined(v);
    if (!parsed) return 'an IPv4 CIDR block such as 10.0.0.0/16';
    if (parsed.first !== v.split('/')[0]) {
      return `an IPv4 CIDR block with no host bits set (did you mean ${parsed.first}/${parsed.prefix}?)`;
    }
    return undefined;
  }

  /** SageMaker resource names (domains, user profiles, spaces, model package groups). */
  public static sagemakerName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(v)
      ? undefined
      : '1-63 letters, digits and hyphens, starting and ending with a letter or digit';
  }

  /** Durations in seconds as GCP writes them, e.g. '7776000s'. */
  public static durationSeconds(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^\d+(\.\d{1,9})?s$/.test(v)
      ? undefined
      : "a duration in seconds with an 's' suffix, e.g. '7776000s'";
  }

  /** AWS account ids: 12 digits. */
  public static awsAccountId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^\d{12}$/.test(v) ? undefined : 'a 12-digit AWS account id';
  }

  /** ARNs, optionally of one service (e.g. 'kms'). */
  public static arn(v: string, service?: string): string | undefined {
    if (unresolved(v)) return undefined;
    const svc = service ?? '[a-z0-9-]+';
    const re = new RegExp(`^arn:aws[a-z-]*:${svc}:[a-z0-9-]*:(\\d{12}|aws)?:.+$`);
    return re.test(v)
      ? undefined
      : `an ARN${service ? ` of service ${service}` : ''} such as arn:aws:${service ?? 'iam'}:eu-west-1:111111111111:...`;
  }

  /** UUIDs (Azure object, tenant and subscription ids). */
  public static uuid(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
      ? undefined
      : 'a UUID such as 00000000-0000-0000-0000-000000000000';
  }
}
