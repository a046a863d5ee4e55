import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { lookup, present } from '../../core/rules/attributes';

/** AZ-07: with a private registry, the workspace names the compute that builds images. */
export const az07ImageBuild = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description:
    'Azure ML workspaces with a container registry set image_build_compute_name (the registry is private)',
  fixHint: 'Set image_build_compute_name to a compute cluster of the workspace',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    const reg = lookup(r, 'container_registry_id');
    if (reg.expression === undefined && reg.value === undefined) return undefined;
    return present(r, 'image_build_compute_name', 'image_build_compute_name is not set');
  },
});
