import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { scopeKind, ScopeKind } from './scope';
import { asList, lookupBlocks, isExpression, lookup, unknown } from '../../core/rules/attributes';
import { broadScopes } from './x-03.custom-role-wildcards';

/** AZ-09 / X-03: custom roles carry no wildcard or authorization-write actions. */
export const az09CustomRoles = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    "Custom role definitions grant no bare '*' action and no Microsoft.Authorization writes, and are assignable below subscription scope",
  fixHint:
    'List provider-scoped actions (e.g. Microsoft.MachineLearningServices/workspaces/jobs/*) and set assignable_scopes to a resource group',
  resourceTypes: ['azurerm_role_definition'],
  check: (r, stack) => {
    const f: string[] = [];
    const unknowns: string[] = [];
    // wildcards of a role at root, management group or subscription scope are reported by
    // X-03.custom-role-wildcards; this rule reports those of narrower roles
    const broad = broadScopes(r, stack);
    const reportWildcards = !(Array.isArray(broad) && broad.length > 0);
    const perms = lookupBlocks(r, 'permissions');
    if (perms.expression !== undefined) return unknown(`permissions is ${perms.expression}`);
    for (const p of perms.list) {
      for (const a of [...asList(p?.actions), ...asList(p?.data_actions)]) {
        if (isExpression(a)) {
          unknowns.push(`action ${a}`);
          continue;
        }
        if (reportWildcards && (a === '*' || a === '*/write' || a === '*/delete'))
          f.push(`wildcard action '${a}'`);
        if (/^Microsoft\.Authorization\/(\*|.*\/(write|delete|\*))/i.test(String(a)))
          f.push(`authorization action '${a}'`);
      }
    }
    const scopes = lookup(r, 'assignable_scopes');
    if (scopes.expression !== undefined) unknowns.push(`assignable_scopes is ${scopes.expression}`);
    for (const s of asList(scopes.value)) {
      const kind = scopeKind(stack, s);
      if (kind === undefined) unknowns.push(`assignable scope ${s}`);
      else if ([ScopeKind.ROOT, ScopeKind.MANAGEMENT_GROUP, ScopeKind.SUBSCRIPTION].includes(kind))
        f.push(`assignable at ${kind} ${s}`);
    }
    if (f.length > 0) return f.join('; ');
    return unknowns.length > 0 ? unknown(unknowns.join('; ')) : true;
  },
});
