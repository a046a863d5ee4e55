import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformResource, Token } from 'cdktf';
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

/** Sanitizes a string to GCP label rules (lowercase letters, digits, '_' and '-', at most 63). */
export function toGcpLabel(value: string, isKey: boolean): string {
  let out = value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 63);
  if (isKey && !/^[a-z]/.test(out)) out = `k${out}`.slice(0, 63);
  return out;
}

const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Resource types whose resource-label map is not the attribute the cloud's convention names
 * (`tags` on AWS and Azure, `labels` on GCP). On these types that attribute means something else
 * and the API rejects foreign keys in it: a notification channel's `labels` are the fields of its
 * channel type's descriptor (an e-mail channel takes only `email_address`), and its resource
 * labels are `user_labels`. Monitoring alert policies have only `user_labels`.
 */
export const LABEL_ATTRIBUTE_OVERRIDES: { [resourceType: string]: string } = {
  google_monitoring_notification_channel: 'user_labels',
  google_monitoring_alert_policy: 'user_labels',
  google_monitoring_uptime_check_config: 'user_labels',
};

/**
 * The attribute that holds a resource type's resource labels / tags (snake_case, as in the
 * Terraform JSON): an entry of {@link LABEL_ATTRIBUTE_OVERRIDES}, else `labels` for `google_*`
 * types and `tags` for `aws_*` and `azurerm_*` types; undefined for other providers.
 */
export function labelAttributeOf(resourceType: string): string | undefined {
  const override = LABEL_ATTRIBUTE_OVERRIDES[resourceType];
  if (override !== undefined) return override;
  if (resourceType.startsWith('google_')) return 'labels';
  if (resourceType.startsWith('aws_') || resourceType.startsWith('azurerm_')) return 'tags';
  return undefined;
}

/** snake_case -> the camelCase property cdktf generates for it. */
function camel(attribute: string): string {
  return attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * An aspect that merges tags (AWS, Azure) or labels (GCP) into every taggable resource, into the
 * attribute {@link labelAttributeOf} names for its type.
 */
export class TagsAspect implements IAspect {
  private readonly gcpLabels: { [key: string]: string };

  constructor(private readonly tags: { [key: string]: string }) {
    this.gcpLabels = {};
    for (const [k, v] of Object.entries(tags)) {
      this.gcpLabels[toGcpLabel(k, true)] = toGcpLabel(v, false);
    }
  }

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const type = node.terraformResourceType;
    const attribute = labelAttributeOf(type);
    if (attribute === undefined) return;
    const prop = camel(attribute);
    const anyNode = node as any;
    if (!(`${prop}Input` in anyNode)) return;
    merge(anyNode, prop, type.startsWith('google_') ? this.gcpLabels : this.tags);
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
    Aspects.of(scope).add(new TagsAspect(resolved));
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
    const resolved: { [key: string]: string } = {
      platform: tags?.platform ?? scope.node.id,
      environment: tags?.environment ?? platformEnvironment,
      owner: tags?.owner ?? 'platform-team',
      'data-classification': tags?.dataClassification ?? 'confidential',
      'cost-center': tags?.costCenter ?? 'unassigned',
      ...(tags?.extra ?? {}),
    };
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
