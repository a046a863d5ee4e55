import { IConstruct } from 'constructs';
import { IAspect, TerraformResource, Token } from 'cdktf';
import { CloudProfile, profileOfResourceType } from './cloud-profile';
import { addAspect } from './compliance/cdktf-adapter';
import { Validator } from './errors';

/**
 * Cost-attribution and ownership tags applied to every taggable resource.
 *
 * Keys: `platform`, `environment`, `owner`, `data-classification`, `cost-center`, plus `extra`.
 */
export interface PlatformTags {
  /**
   * Name of the platform.
   * @default - the construct id
   */
  readonly platform?: string;
  /**
   * Environment (dev, staging, prod...).
   * @default - the platform's `environment` prop
   */
  readonly environment?: string;
  /**
   * Owning team or contact.
   * @default 'platform-team'
   */
  readonly owner?: string;
  /**
   * Data classification of what the platform processes.
   * @default 'confidential'
   */
  readonly dataClassification?: string;
  /**
   * Cost center for cost attribution.
   * @default 'unassigned'
   */
  readonly costCenter?: string;
  /**
   * Further tags.
   * @default - none
   */
  readonly extra?: { [key: string]: string };
}

const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** One platform tag: its key, the `PlatformTags` prop that sets it, and its default. */
export interface PlatformTagKey {
  /** The tag (label) key. */
  readonly key: string;
  /** The `PlatformTags` prop that sets it. */
  readonly prop: 'platform' | 'environment' | 'owner' | 'dataClassification' | 'costCenter';
  /** The default value; undefined when it comes from the platform (construct id, environment). */
  readonly default?: string;
}

/**
 * The platform tags every taggable resource carries (X-09), in the order they are written. The
 * one list of the keys: `Tagging`, the X-09 rule and the platforms' label checks read it.
 */
export const PLATFORM_TAG_KEYS: readonly PlatformTagKey[] = [
  { key: 'platform', prop: 'platform' },
  { key: 'environment', prop: 'environment' },
  { key: 'owner', prop: 'owner', default: 'platform-team' },
  { key: 'data-classification', prop: 'dataClassification', default: 'confidential' },
  { key: 'cost-center', prop: 'costCenter', default: 'unassigned' },
];

/**
 * The attribute that holds a resource type's resource labels / tags (snake_case, as in the
 * Terraform JSON), as the profile of the type's cloud names it (`tags` on AWS and Azure, `labels`
 * or `user_labels` on GCP); undefined for types of no registered cloud.
 */
export function labelAttributeOf(resourceType: string): string | undefined {
  return profileOfResourceType(resourceType)?.labelAttributeOf(resourceType);
}

/** snake_case -> the camelCase property cdktf generates for it. */
function camel(attribute: string): string {
  return attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * An aspect that merges tags (AWS, Azure) or labels (GCP) into every taggable resource, into the
 * attribute {@link labelAttributeOf} names for its type, in the form its cloud takes.
 */
export class TagsAspect implements IAspect {
  private readonly labels = new Map<CloudProfile, { [key: string]: string }>();

  constructor(private readonly tags: { [key: string]: string }) {}

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const type = node.terraformResourceType;
    const profile = profileOfResourceType(type);
    const attribute = profile?.labelAttributeOf(type);
    if (profile === undefined || attribute === undefined) return;
    const prop = camel(attribute);
    const anyNode = node as any;
    if (!(`${prop}Input` in anyNode)) return;
    merge(anyNode, prop, this.labelsOf(profile));
  }

  private labelsOf(profile: CloudProfile): { [key: string]: string } {
    if (profile.toLabels === undefined) return this.tags;
    let labels = this.labels.get(profile);
    if (labels === undefined) {
      labels = profile.toLabels(this.tags);
      this.labels.set(profile, labels);
    }
    return labels;
  }
}

function merge(node: any, prop: string, defaults: { [key: string]: string }): void {
  const existing = node[`${prop}Input`];
  if (existing !== undefined && Token.isUnresolved(existing)) return;
  node[prop] = { ...defaults, ...(existing ?? {}) };
}

/** Applies the platform tags. */
export class Tagging {
  /**
   * Resolves the platform tags, validates them, and adds an aspect to `scope` that merges them
   * into every taggable resource under it (tags on AWS and Azure, labels sanitized to GCP rules
   * on GCP). Tags set explicitly on a resource win. Returns the resolved tag map.
   */
  public static apply(
    scope: IConstruct,
    platformEnvironment: string,
    tags?: PlatformTags,
  ): { [key: string]: string } {
    const resolved = Tagging.resolve(scope, platformEnvironment, tags);
    addAspect(scope, new TagsAspect(resolved));
    return resolved;
  }

  /** The tag map, with defaults, validated. */
  public static resolve(
    scope: IConstruct,
    platformEnvironment: string,
    tags?: PlatformTags,
  ): { [key: string]: string } {
    const shape = new Validator(scope);
    shape.object('tags', tags);
    if (tags !== null && typeof tags === 'object') shape.object('tags.extra', tags.extra);
    shape.throwIfInvalid();
    const fromPlatform: { [prop: string]: string } = {
      platform: scope.node.id,
      environment: platformEnvironment,
    };
    const resolved: { [key: string]: string } = {};
    for (const t of PLATFORM_TAG_KEYS) {
      resolved[t.key] = tags?.[t.prop] ?? t.default ?? fromPlatform[t.prop];
    }
    Object.assign(resolved, tags?.extra ?? {});
    const v = new Validator(scope);
    for (const [k, val] of Object.entries(resolved)) {
      v.require(
        k.length >= 1 &&
          k.length <= 128 &&
          AWS_TAG_CHARS.test(k) &&
          !k.toLowerCase().startsWith('aws:'),
        `tags.${k}`,
        k,
        "tag keys of 1-128 letters, digits, spaces and '_.:/=+-@', not starting with 'aws:'",
      );
      v.require(
        typeof val === 'string' && val.length <= 256 && AWS_TAG_CHARS.test(val),
        `tags.${k}`,
        val,
        "tag values of at most 256 letters, digits, spaces and '_.:/=+-@'",
      );
    }
    v.throwIfInvalid();
    return resolved;
  }
}
