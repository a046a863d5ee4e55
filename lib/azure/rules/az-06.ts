import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, lookupBlocks, isExpression, lookup, unknown } from '../../core/rules/attributes';
import { byAddress, unresolvedRefs } from '../../core/rules/references';

const REQUIRED = ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'];

/** The zone name behind a zone id: a literal resource id, a zone in the stack, or unknown (null). */
function zoneName(id: any, stack: StackView): string | null | undefined {
  if (typeof id !== 'string') return undefined;
  if (!isExpression(id)) return id.split('/').pop()?.toLowerCase();
  const zone = stack.targetsOf(id, 'azurerm_private_dns_zone')[0];
  if (!zone) return null;
  const name = zone.attributes.name;
  return isExpression(name) ? null : String(name).toLowerCase();
}

/** AZ-06: every workspace has a private endpoint registered in both Azure ML zones. */
export const az06WorkspacePrivateEndpoint = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Azure ML workspaces have an amlworkspace private endpoint whose zone group registers privatelink.api.azureml.ms and privatelink.notebooks.azure.net',
  fixHint:
    'Add an azurerm_private_endpoint with subresource_names ["amlworkspace"] and a private_dns_zone_group holding both zones',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r, stack) => {
    const unknowns: string[] = [];
    // Endpoints that connect to this workspace (indexed), and endpoints whose target is known
    // only at apply.
    const attr = 'private_service_connection.private_connection_resource_id';
    const mine = new Set(stack.referencing('azurerm_private_endpoint', attr, r));
    const unresolved = new Set(unresolvedRefs(stack, 'azurerm_private_endpoint', attr));
    const endpoints = byAddress([...new Set([...mine, ...unresolved])]).filter((pe) => {
      if (mine.has(pe)) return subresourceIs(pe, unknowns);
      unknowns.push(`${pe.address} connects to ${lookup(pe, attr).expression}`);
      return false;
    });
    if (endpoints.length === 0) {
      return unknowns.length > 0
        ? unknown(unknowns.join('; '))
        : 'no amlworkspace private endpoint refers to this workspace';
    }
    for (const pe of endpoints) {
      const group = lookupBlocks(pe, 'private_dns_zone_group');
      if (group.expression !== undefined) {
        unknowns.push(`${pe.address} private_dns_zone_group is ${group.expression}`);
        continue;
      }
      const ids = lookup(group.list[0] ?? {}, 'private_dns_zone_ids');
      if (ids.expression !== undefined) {
        unknowns.push(`${pe.address} private_dns_zone_ids is ${ids.expression}`);
        continue;
      }
      const names = asList(ids.value).map((id) => zoneName(id, stack));
      if (REQUIRED.every((z) => names.includes(z))) return true;
      if (names.includes(null)) unknowns.push(`${pe.address} registers zones known only at apply`);
    }
    if (unknowns.length > 0) return unknown(unknowns.join('; '));
    return `the workspace endpoint's zone group lacks ${REQUIRED.join(' or ')}`;
  },
});

function subresourceIs(pe: any, unknowns: string[]): boolean {
  const names = lookup(pe, 'private_service_connection.subresource_names');
  if (names.expression !== undefined) {
    unknowns.push(`${pe.address} subresource_names is ${names.expression}`);
    return false;
  }
  return asList(names.value).includes('amlworkspace');
}
