import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { REQUIRED_TAG_KEYS } from '../../core/rules';
import { labelAttributeOf } from '../../core/tags';
import { isExpression, unknown } from './util';

/**
 * X-09 on GCP: resources carry the platform labels, in the attribute that holds each type's
 * resource labels (`labels`, or `user_labels` on monitoring channels and alert policies).
 */
export function gcpRequiredLabelsRule(labelledTypes: string[]) {
  return defineRule({
    id: 'X-09',
    level: RuleLevel.WARNING,
    description: `Resources carry the platform labels (${REQUIRED_TAG_KEYS.join(', ')})`,
    fixHint: 'Add the missing labels, e.g. with Tagging.apply(scope, {...})',
    check: (r) => {
      if (!r.type.startsWith('google_')) return undefined;
      const attribute = labelAttributeOf(r.type)!;
      const value = r.attributes[attribute];
      if (value === undefined) {
        return labelledTypes.includes(r.type) ? `no ${attribute}` : undefined;
      }
      if (isExpression(value)) return unknown(`${attribute} is ${value}`);
      if (typeof value !== 'object') return undefined;
      const missing = REQUIRED_TAG_KEYS.filter((k) => !(k in value));
      return missing.length === 0 || `missing ${attribute}: ${missing.join(', ')}`;
    },
  });
}
