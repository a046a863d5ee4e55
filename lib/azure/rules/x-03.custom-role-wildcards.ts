import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { resolve, values } from '../../core/rules/exposure';

/** How broad an Azure scope is. */
export type ScopeBreadth = 'broad' | 'narrow' | 'unknown';

const SUBSCRIPTION = /^\/subscriptions\/[^/]+\/?$/i;
const MANAGEMENT_GROUP = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/**
 * Breadth of one scope: the root `/`, a management group or a subscription is broad; a
 * resource group or a resource is narrow. References are read by what they point at
 * (`data.azurerm_subscription.x.id`, `azurerm_management_group.x.id` are broad; a resource
 * group's or resource's `id` is narrow); a template keeps its literal shape
 * (`/subscriptions/${var.sub}` is a subscription).
 */
export function scopeBreadth(value: any, stack: StackView): ScopeBreadth {
  const res = resolve(value, stack);
  let s: any = res.value;
  if (!res.known) {
    const ref = res.reference;
    if (ref && (ref.kind === 'resource' || ref.kind === 'data')) {
      if (['azurerm_subscription', 'azurerm_management_group'].includes(ref.type!)) return 'broad';
      if (ref.type === 'azurerm_subscriptions' || ref.type === 'terraform_remote_state')
        return 'unknown';
      return ref.path === 'id' ? 'narrow' : 'unknown';
    }
    if (ref) return 'unknown';
    s = String(value).replace(/\$\{[^}]*\}/g, 'x');
  }
  if (typeof s !== 'string') return 'unknown';
  const t = s.trim();
  if (t === '/' || SUBSCRIPTION.test(t) || MANAGEMENT_GROUP.test(t)) return 'broad';
  return 'narrow';
}

/** The broad scopes a role definition is created at or assignable at; 'unknown' if undecidable. */
export function broadScopes(r: ResourceView, stack: StackView): string[] | 'unknown' {
  const scopes = [...values(r.attributes.scope), ...values(r.attributes.assignable_scopes)];
  const broad: string[] = [];
  let undecided = false;
  for (const s of scopes) {
    const b = scopeBreadth(s, stack);
    if (b === 'broad') {
      if (!broad.includes(String(s))) broad.push(String(s));
    } else if (b === 'unknown') undecided = true;
  }
  if (broad.length > 0) return broad;
  return undecided ? 'unknown' : [];
}

// Global wildcards: an action that starts with `*` (`*`, `*` + `/action`, `/write`, `/delete`),
// except `*` + `/read` for control-plane actions (the built-in Reader); every data action that
// starts with `*` (data reads include blob contents and secrets).
export function globalWildcards(r: ResourceView): string[] | Verdict {
  const found: string[] = [];
  const perms = r.attributes.permissions;
  if (isExpression(perms)) return unknown(`permissions is ${perms}`);
  for (const p of asList(perms)) {
    if (isExpression(p)) return unknown(`permissions is ${p}`);
    for (const [field, list] of [
      ['actions', p?.actions],
      ['data_actions', p?.data_actions],
    ] as const) {
      if (isExpression(list)) return unknown(`${field} is ${list}`);
      for (const a of values(list)) {
        if (typeof a !== 'string') continue;
        if (isExpression(a)) return unknown(`${field} has ${a}`);
        const s = a.trim();
        if (!s.startsWith('*')) continue;
        if (field === 'actions' && s.toLowerCase() === '*/read') continue;
        found.push(`${field} '${s}'`);
      }
    }
  }
  return found;
}

// X-03 (any stack): no custom role grants a global wildcard (`*`, or `*` followed by /action,
// /write, /delete; data actions starting with `*`) at a broad scope (the root `/`, a management
// group, a subscription): such a role is a custom subscription administrator.
// AZ-09.custom-roles reports the wildcards of roles kept below subscription scope.
export const x03CustomRoleWildcards = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    "Custom roles grant no global wildcard action ('*', '*/action', '*/write', '*/delete', data actions '*') at root, management group or subscription scope",
  fixHint:
    'List provider-scoped actions (Microsoft.MachineLearningServices/workspaces/...) and make the role assignable at resource group scope',
  resourceTypes: ['azurerm_role_definition'],
  source:
    'CIS Microsoft Azure Foundations Benchmark v3.0.0 2.23 (no custom subscription administrator roles exist)',
  check: (r, stack) => {
    const wild = globalWildcards(r);
    if (!Array.isArray(wild)) return wild;
    if (wild.length === 0) return true;
    const broad = broadScopes(r, stack);
    if (broad === 'unknown') return unknown(`scope of a role with ${wild.join(', ')} is not known`);
    if (broad.length === 0) return true;
    return `${wild.join(', ')} at ${broad.join(', ')}`;
  },
});
