// What core knows about a cloud, it learns from the cloud: each cloud folder registers a profile
// (lib/<cloud>/profile.ts) when it loads, and the cloud-neutral code (tags, residency, the
// deprecated `Validate` members) asks the registry instead of matching resource-type prefixes or
// identifier formats itself. Core imports no cloud.

/** A validator: undefined when the value is valid, else a description of what is allowed. */
export type CloudValidator = (value: string, ...args: any[]) => string | undefined;

/** What a cloud tells core about itself. Internal (not part of the jsii API). */
export interface CloudProfile {
  /** Short name of the cloud (`aws`, `gcp`, `azure`); one profile per name. */
  readonly name: string;

  /** Terraform resource-type prefixes of the cloud's providers; a type belongs to one profile. */
  readonly resourceTypePrefixes: readonly string[];

  /**
   * The attribute (snake_case, as in the Terraform JSON) that holds a resource type's tags or
   * resource labels; undefined when the type has none.
   */
  labelAttributeOf(resourceType: string): string | undefined;

  /**
   * The cloud's form of the platform tag map (GCP labels are sanitized to label rules).
   * @default - the tags as they are
   */
  readonly toLabels?: (tags: { [key: string]: string }) => { [key: string]: string };

  /** Attribute names that hold a region, location or zone in the cloud's resources. */
  readonly locationAttributes: readonly string[];

  /**
   * The region a normalized (lower case, no spaces) location stands for when the cloud names it
   * otherwise (a zone, an alias); undefined when it is not such a name.
   */
  readonly regionOfLocation?: (location: string) => string | undefined;

  /** Locations named inside one attribute string: the regions of key ids (ARNs, key rings). */
  readonly keyLocationsIn?: (value: string) => string[];

  /** A hint added to a residency error about `location`; undefined when there is none. */
  readonly residencyHint?: (location: string) => string | undefined;

  /** The cloud's known regions (locations), when it bundles a list. */
  readonly regions?: readonly string[];

  /** The cloud's validators, by name (see `AwsValidate`, `GcpValidate`, `AzureValidate`). */
  readonly validators: { readonly [name: string]: CloudValidator };
}

const PROFILES = new Map<string, CloudProfile>();

/** Registers a cloud's profile (again under the same name: the later one wins). */
export function registerCloudProfile(profile: CloudProfile): CloudProfile {
  PROFILES.set(profile.name, profile);
  return profile;
}

/** The registered profiles, in registration order. */
export function cloudProfiles(): CloudProfile[] {
  return [...PROFILES.values()];
}

/** The registered profile of a cloud, by name. */
export function cloudProfile(name: string): CloudProfile | undefined {
  return PROFILES.get(name);
}

/** The profile a Terraform resource type belongs to (by its prefix); undefined when none does. */
export function profileOfResourceType(resourceType: string): CloudProfile | undefined {
  for (const p of PROFILES.values()) {
    if (p.resourceTypePrefixes.some((prefix) => resourceType.startsWith(prefix))) return p;
  }
  return undefined;
}

/**
 * A validator of a registered cloud, for the deprecated `Validate.<member>`; throws, naming the
 * entry point to import, when the cloud's profile is not loaded.
 */
export function cloudValidator(cloud: string, name: string, member: string): CloudValidator {
  const fn = PROFILES.get(cloud)?.validators[name];
  if (fn === undefined) {
    throw new Error(
      `Validate.${member} needs the ${cloud} profile, which is not loaded: import ` +
        `'cdktf-secure-mlops/${cloud}' (or the package root) first`,
    );
  }
  return fn;
}
