import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, mustBeTrue, present } from '../../core/rules/attributes';

/** AZ-11: Application Insights is workspace-based with local (key) authentication off. */
export const az11AppInsights = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Application Insights is workspace-based (Log Analytics) with local authentication disabled',
  fixHint: 'Set workspace_id and local_authentication_disabled = true',
  resourceTypes: ['azurerm_application_insights'],
  check: (r) =>
    allOf([
      present(r, 'workspace_id', 'classic (not workspace-based)'),
      mustBeTrue(r, 'local_authentication_disabled'),
    ]),
});
