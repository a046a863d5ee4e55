import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** AZ-07: with a private registry, the workspace names the compute that builds images. */
export const az07ImageBuild = defineRule({
  id: 'AZ-07.image-build',
  level: RuleLevel.WARNING,
  description:
    'Azure ML workspaces with a container registry set image_build_compute_name (the registry is private)',
  fixHint: 'Set image_build_compute_name to a compute cluster of the workspace',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    if (attr(r, 'container_registry_id') === undefined) return undefined;
    return (
      attr(r, 'image_build_compute_name') !== undefined || 'image_build_compute_name is not set'
    );
  },
});
