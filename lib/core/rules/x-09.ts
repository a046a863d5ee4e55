import { defineRule, unknown } from '../compliance/define-rule';
import { ResourceView, Rule, RuleLevel, RuleProfile } from '../compliance/rule';
import { getPath, StackView } from '../compliance/stack-view';
import { isExpression } from './attributes';
import { PLATFORM_TAG_KEYS } from '../tags';

/** The tag keys every taggable resource carries. */
export const REQUIRED_TAG_KEYS = PLATFORM_TAG_KEYS.map((t) => t.key);

/** Where a provider sets tags for every resource it manages (e.g. AWS `default_tags.tags`). */
export interface ProviderDefaultTags {
  /** Provider name, e.g. `aws`. */
  readonly provider: string;
  /** Dot path of the tag map in the provider block, e.g. `default_tags.tags`. */
  readonly path: string;
}

/** The default tags of the provider configuration a resource uses (its `provider` alias). */
function providerTags(r: ResourceView, stack: StackView, defaults: ProviderDefaultTags[]): any {
  const ref = typeof r.attributes.provider === 'string' ? r.attributes.provider : undefined;
  const alias = ref?.replace(/^\$\{|\}$/g, '').split('.')[1];
  const merged: { [k: string]: any } = {};
  for (const d of defaults) {
    const configs = stack.providers(d.provider);
    const config = configs.find((c) => (c.alias ?? undefined) === alias);
    const tags = config ? getPath(config, d.path) : undefined;
    if (isExpression(tags)) return tags;
    if (tags && typeof tags === 'object') Object.assign(merged, tags);
  }
  return merged;
}

/**
 * resources carry the platform tags (`tags` on AWS/Azure, `labels` on GCP), a platform
 * convention. Tags set by the provider for every resource (`providerDefaults`) count.
 *
 * `attribute` is the tag attribute, or a function giving it per resource type (GCP monitoring
 * channels keep resource labels in `user_labels`). `taggableTypes` must carry the attribute; any
 * other resource of the cloud (type prefix) that has the attribute is checked too.
 */
export function requiredTagsRule(
  prefix: string,
  attribute: string | ((type: string) => string | undefined),
  taggableTypes: string[],
  providerDefaults: ProviderDefaultTags[] = [],
): Rule {
  const word = typeof attribute === 'string' ? attribute : (attribute(`${prefix}x`) ?? 'tags');
  return defineRule(__filename, {
    level: RuleLevel.WARNING,
    profile: RuleProfile.PLATFORM,
    description: `Resources carry the platform ${word} (${REQUIRED_TAG_KEYS.join(', ')})`,
    fixHint: `Add the missing ${word}, e.g. with Tagging.apply(scope, {...})`,
    check: (r, stack) => {
      if (!r.type.startsWith(prefix)) return undefined;
      const attr = typeof attribute === 'string' ? attribute : attribute(r.type);
      if (attr === undefined) return undefined;
      const value = r.attributes[attr];
      if (value === undefined && !taggableTypes.includes(r.type)) return undefined;
      if (isExpression(value)) return unknown(`${attr} is ${value}`);
      const inherited = providerTags(r, stack, providerDefaults);
      if (isExpression(inherited)) return unknown(`provider default ${attr} are ${inherited}`);
      const own = value !== null && typeof value === 'object' ? Object.keys(value) : [];
      const keys = new Set([...Object.keys(inherited), ...own]);
      if (keys.size === 0) return `no ${attr}`;
      const missing = REQUIRED_TAG_KEYS.filter((k) => !keys.has(k));
      return missing.length === 0 || `missing ${attr}: ${missing.join(', ')}`;
    },
  });
}
