import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allConfigs } from './perimeter-config';
import { asList, isExpression } from '../../core/rules/attributes';

/** GCP-07: perimeter membership has one owner (inline resources or *_resource, never both). */
export const gcp07PerimeterMembership = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'A perimeter with inline resources is not also managed by google_access_context_manager_service_perimeter_resource (they fight over membership)',
  fixHint:
    'List projects inline in the perimeter OR use *_service_perimeter_resource (with lifecycle ignore_changes on resources), never both',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r, stack) => {
    const inline = allConfigs(r).some(
      (c) => isExpression(c?.resources) || asList(c?.resources).length > 0,
    );
    const external = [
      ...stack.resources('google_access_context_manager_service_perimeter_resource'),
      ...stack.resources('google_access_context_manager_service_perimeter_dry_run_resource'),
    ].filter((m) => StackView.refersTo(m.attributes.perimeter_name, r));
    if (external.length === 0) return true;
    return !inline || `membership also managed by ${external.map((e) => e.address).join(', ')}`;
  },
});
