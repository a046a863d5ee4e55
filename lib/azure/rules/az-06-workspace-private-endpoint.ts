import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, attr, isRef } from './util';

const REQUIRED = ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'];

/** The zone name behind a zone id: a literal resource id, or a reference to a zone in the stack. */
function zoneName(id: any, stack: StackView): string | undefined {
  if (typeof id !== 'string') return undefined;
  if (!isRef(id)) return id.split('/').pop()?.toLowerCase();
  const zone = stack.resources('azurerm_private_dns_zone').find((z) => StackView.refersTo(id, z));
  return zone ? String(zone.attributes.name).toLowerCase() : undefined;
}

/** AZ-06: every workspace has a private endpoint registered in both Azure ML zones. */
export const az06WorkspacePrivateEndpoint = defineRule({
  id: 'AZ-06',
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces have an amlworkspace private endpoint whose zone group registers privatelink.api.azureml.ms and privatelink.notebooks.azure.net',
  fixHint:
    'Add an azurerm_private_endpoint with subresource_names ["amlworkspace"] and a private_dns_zone_group holding both zones',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r, stack) => {
    const endpoints = stack
      .resources('azurerm_private_endpoint')
      .filter(
        (pe) =>
          StackView.refersTo(
            attr(pe, 'private_service_connection.private_connection_resource_id'),
            r,
          ) &&
          asList(attr(pe, 'private_service_connection.subresource_names')).includes('amlworkspace'),
      );
    if (endpoints.length === 0) return 'no amlworkspace private endpoint refers to this workspace';
    for (const pe of endpoints) {
      const names = asList(attr(pe, 'private_dns_zone_group.private_dns_zone_ids')).map((id) =>
        zoneName(id, stack),
      );
      if (REQUIRED.every((z) => names.includes(z))) return true;
    }
    return `the workspace endpoint's zone group lacks ${REQUIRED.join(' or ')}`;
  },
});
