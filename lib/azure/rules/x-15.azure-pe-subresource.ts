import { defineRule } from '../../core/compliance/define-rule';
import { RuleCategory, RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import {
  AZURERM_ARM_TYPES,
  armTypeOfId,
  privateLinkSubresources,
} from '../reference/private-endpoint-subresources';

/** `${azurerm_x.name.id}` or `${data.azurerm_x.name.id}`: the Terraform type it refers to. */
const ID_REFERENCE = /^\$\{(?:data\.)?(azurerm_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.id\}$/;

/**
 * The ARM type of a private endpoint's target: a resource type name, undefined when the target is
 * not judged (an alias, a type the table does not list), or an unknown verdict for an expression.
 */
function targetType(id: any): string | undefined | { expression: string } {
  if (typeof id !== 'string') return undefined;
  const ref = ID_REFERENCE.exec(id);
  if (ref) return AZURERM_ARM_TYPES[ref[1]];
  if (isExpression(id)) return { expression: id };
  return armTypeOfId(id);
}

function checkConnection(c: any): Verdict {
  if (isExpression(c)) return unknown(`private_service_connection is ${c}`);
  if (!c || typeof c !== 'object') return undefined;
  const names = c.subresource_names;
  if (names === undefined || names === null) return undefined;
  const type = targetType(c.private_connection_resource_id);
  if (type === undefined) return undefined;
  if (typeof type === 'object') {
    return unknown(`private_connection_resource_id is ${type.expression}`);
  }
  const valid = privateLinkSubresources(type);
  if (!valid) return undefined;
  if (isExpression(names)) return unknown(`subresource_names is ${names}`);
  const lower = new Set(valid.map((v) => v.toLowerCase()));
  const failures: string[] = [];
  const unknowns: string[] = [];
  for (const n of asList<any>(names)) {
    if (isExpression(n)) unknowns.push(String(n));
    else if (typeof n !== 'string' || !lower.has(n.toLowerCase())) {
      failures.push(`"${n}" is not a private-link sub-resource of ${type}`);
    }
  }
  if (failures.length > 0) return `${failures.join('; ')} (valid: ${valid.join(', ')})`;
  if (unknowns.length > 0) return unknown(`subresource_names holds ${unknowns.join(', ')}`);
  return true;
}

/**
 * X-15 (Azure private-endpoint sub-resources): every sub-resource name of a private endpoint's
 * connection is a private-link sub-resource (group id) of the target's resource type. The target
 * type comes from `private_connection_resource_id` (a reference to an azurerm resource or data
 * source, or a literal ARM id); targets of types the reviewed table does not list, and aliases,
 * are not judged.
 */
export const x15AzurePeSubresource = defineRule(__filename, {
  level: RuleLevel.ERROR,
  category: RuleCategory.REFERENCE,
  profile: RuleProfile.SECURITY,
  source:
    'Azure Private Link "Private-link resource" table (https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource; MicrosoftDocs/azure-docs fd688f2b; lib/azure/reference/private-endpoint-subresources.ts)',
  description:
    "Every subresource_names entry of a private endpoint is a private-link sub-resource of the target's resource type",
  fixHint:
    'Use a sub-resource Microsoft lists for the target type (e.g. blob, file, dfs for a storage account; vault for a Key Vault; amlworkspace for an Azure Machine Learning workspace; registry for a container registry); Azure rejects any other name when the endpoint is created',
  resourceTypes: ['azurerm_private_endpoint'],
  check: (r) => allOf(asList(r.attributes.private_service_connection).map(checkConnection)),
});
