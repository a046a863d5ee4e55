import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, check, lookup, mustBeFalse, unknown, Verdict } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

/**
 * AZ-11 / X-05: Log Analytics and Application Insights are reached privately: public ingestion
 * and query off, and the resource linked to an Azure Monitor Private Link Scope whose ingestion
 * and query access modes are PrivateOnly.
 */
export const az11PrivateLinkScope = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Log Analytics workspaces and Application Insights have public ingestion and query off and are linked to an Azure Monitor Private Link Scope with PrivateOnly access modes',
  fixHint:
    "Set internet_ingestion_enabled = false and internet_query_enabled = false; add an azurerm_monitor_private_link_scope (ingestion_access_mode and query_access_mode 'PrivateOnly') and an azurerm_monitor_private_link_scoped_service for the resource",
  resourceTypes: ['azurerm_log_analytics_workspace', 'azurerm_application_insights'],
  check: (r, stack) => {
    const scoped = (): Verdict => {
      const links = stack.referencing(
        'azurerm_monitor_private_link_scoped_service',
        'linked_resource_id',
        r,
      );
      if (links.length === 0) return 'not linked to an Azure Monitor Private Link Scope';
      const verdicts = links.map((l): Verdict => {
        const name = lookup(l, 'scope_name');
        const scope = stack.targetsOf(
          name.expression ?? name.value,
          'azurerm_monitor_private_link_scope',
        )[0];
        if (!scope) {
          // A scope outside the stack (e.g. the hub's): its access modes are not visible here.
          return refTarget(stack, name.expression) === undefined && name.value !== undefined
            ? unknown(`linked to scope '${name.value}' outside the stack`)
            : unknown(`linked to scope ${name.expression ?? name.value}`);
        }
        return allOf([
          check(
            scope,
            'ingestion_access_mode',
            (m) => m === 'PrivateOnly',
            (m) => `${scope.address} ingestion_access_mode is ${m ?? 'Open'}, not PrivateOnly`,
          ),
          check(
            scope,
            'query_access_mode',
            (m) => m === 'PrivateOnly',
            (m) => `${scope.address} query_access_mode is ${m ?? 'Open'}, not PrivateOnly`,
          ),
        ]);
      });
      return verdicts.some((v) => v === true) ? true : allOf(verdicts);
    };
    return allOf([
      mustBeFalse(r, 'internet_ingestion_enabled'),
      mustBeFalse(r, 'internet_query_enabled'),
      scoped(),
    ]);
  },
});
