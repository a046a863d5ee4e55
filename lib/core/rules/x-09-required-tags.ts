import { defineRule } from '../compliance/define-rule';
import { Rule, RuleLevel } from '../compliance/rule';

/** The tag keys every taggable resource carries. */
export const REQUIRED_TAG_KEYS = [
  'platform',
  'environment',
  'owner',
  'data-classification',
  'cost-center',
];

/**
 * resources carry the platform tags (`tags` on AWS/Azure, `labels` on GCP).
 *
 * `taggableTypes` must carry the attribute; any other resource of the cloud (type prefix) that
 * has the attribute is checked too.
 */
export function requiredTagsRule(prefix: string, attribute: string, taggableTypes: string[]): Rule {
  return defineRule({
    id: 'X-09',
    level: RuleLevel.WARNING,
    description: `Resources carry the platform ${attribute} (${REQUIRED_TAG_KEYS.join(', ')})`,
    fixHint: `Add the missing ${attribute}, e.g. with Tagging.apply(scope, {...})`,
    check: (r) => {
      if (!r.type.startsWith(prefix)) return undefined;
      const value = r.attributes[attribute];
      if (value === undefined) {
        return taggableTypes.includes(r.type) ? `no ${attribute}` : undefined;
      }
      if (typeof value === 'string') return undefined; // a reference: resolved at apply time
      const missing = REQUIRED_TAG_KEYS.filter((k) => !(k in value));
      return missing.length === 0 || `missing ${attribute}: ${missing.join(', ')}`;
    },
  });
}
