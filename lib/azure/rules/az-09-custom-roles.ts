import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, attr } from './util';
import { broadScopes } from './x-03-custom-role-wildcards';

/** AZ-09 / X-03: custom roles carry no wildcard or authorization-write actions. */
export const az09CustomRoles = defineRule({
  id: 'AZ-09.custom-roles',
  level: RuleLevel.ERROR,
  description:
    "Custom role definitions grant no bare '*' action and no Microsoft.Authorization writes, and are assignable below subscription scope",
  fixHint:
    'List provider-scoped actions (e.g. Microsoft.MachineLearningServices/workspaces/jobs/*) and set assignable_scopes to a resource group',
  resourceTypes: ['azurerm_role_definition'],
  check: (r, stack) => {
    const f: string[] = [];
    // wildcards of a role at root, management group or subscription scope are reported by
    // X-03.custom-role-wildcards; this rule reports those of narrower roles
    const broad = broadScopes(r, stack);
    const reportWildcards = !(Array.isArray(broad) && broad.length > 0);
    for (const p of asList(attr(r, 'permissions'))) {
      for (const a of [...asList(p?.actions), ...asList(p?.data_actions)]) {
        if (reportWildcards && (a === '*' || a === '*/write' || a === '*/delete'))
          f.push(`wildcard action '${a}'`);
        if (/^Microsoft\.Authorization\/(\*|.*\/(write|delete|\*))/i.test(String(a)))
          f.push(`authorization action '${a}'`);
      }
    }
    for (const s of asList(attr(r, 'assignable_scopes'))) {
      if (typeof s === 'string' && !s.includes('${') && /^\/subscriptions\/[^/]+\/?$/i.test(s))
        f.push(`assignable at subscription ${s}`);
    }
    return f.length === 0 || f.join('; ');
  },
});
