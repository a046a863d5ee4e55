import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { COSMOS_DB_APP_ID } from '../defaults';
import { isArmKey } from './key-policy';
import { grantsRole } from './rbac';
import {
  asList,
  lookupBlocks,
  isExpression,
  isTrue,
  lookup,
  unknown,
} from '../../core/rules/attributes';
import { byAddress, refTarget } from '../../core/rules/references';

const KEY_ROLES = [
  'Key Vault Crypto Service Encryption User',
  'Key Vault Crypto Officer',
  'Key Vault Administrator',
];
const STACK_PRINCIPALS = ['azurerm_user_assigned_identity', 'data.azurerm_client_config'];

/**
 * The vault resource and the key resources in it: `azurerm_key_vault_key`s, and ARM keys made
 * with azapi (an `azapi_resource` names its vault as `parent_id`, an `azapi_resource_action`
 * as `resource_id`).
 */
function keyScopes(stack: StackView, vault: ResourceView): ResourceView[] {
  const keys = [
    ...stack.referencing('azurerm_key_vault_key', 'key_vault_id', vault),
    ...[
      ...stack.referencing('azapi_resource', 'parent_id', vault),
      ...stack.referencing('azapi_resource_action', 'resource_id', vault),
    ]
      .filter(isArmKey)
      .filter((k) => StackView.refersTo(k.attributes.resource_id ?? k.attributes.parent_id, vault)),
  ];
  return [vault, ...keys];
}

/**
 * AZ-02 (apply): a workspace encrypted with a customer-managed key (outside service-side
 * encryption) keeps its metadata in a Microsoft-managed Cosmos DB that wraps its key with the
 * CMK as the tenant's Azure Cosmos DB service principal: without get/wrapKey/unwrapKey on the
 * key for that principal the workspace create fails. The principal is identified as one that
 * is not an identity of the stack (its object id differs per tenant), or an azuread lookup of
 * the Cosmos DB application.
 */
export const az02CosmosKeyAccess = defineApplyRule(__filename, {
  source:
    'Microsoft Learn, Use customer-managed keys with Azure Machine Learning, "Allow Azure Cosmos DB to access the key" (MicrosoftDocs/azure-ai-docs articles/machine-learning/how-to-setup-customer-managed-keys.md): Get, Wrap Key and Unwrap Key for the Azure Cosmos DB principal (application id a232010e-820c-4083-83bb-3ace5fc29d0b); its object id differs per tenant (MicrosoftDocs/azure-docs#87188)',
  description:
    "A CMK workspace's key grants get/wrap/unwrap (Key Vault Crypto Service Encryption User) to the tenant's Azure Cosmos DB service principal",
  fixHint:
    'Assign Key Vault Crypto Service Encryption User on the key to the object id of `az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b` (encryption.cosmosDbPrincipalObjectId)',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r, stack) => {
    const enc = lookupBlocks(r, 'encryption');
    if (enc.expression !== undefined) return unknown(`encryption is ${enc.expression}`);
    if (enc.list.length === 0) return undefined;
    const sse = lookup(r, 'service_side_encryption_enabled');
    if (sse.expression !== undefined)
      return unknown(`service_side_encryption_enabled is ${sse.expression}`);
    if (isTrue(sse.value)) return undefined;
    const vaultRef = lookup(enc.list[0], 'key_vault_id');
    const vault = refTarget(stack, vaultRef.expression);
    if (!vault || vault.type !== 'azurerm_key_vault') {
      return unknown(
        `the key's vault ${vaultRef.expression ?? vaultRef.value} is not in the stack`,
      );
    }
    const scopes = keyScopes(stack, vault);
    const onKey = (scope: any) => scopes.some((s) => StackView.refersTo(scope, s));
    const unknowns: string[] = [];
    const external = (principal: any): boolean => {
      if (principal === undefined || principal === null) return false;
      if (typeof principal !== 'string') {
        // not a literal object id: what it is is known only at apply
        unknowns.push(`principal ${JSON.stringify(principal)}`);
        return false;
      }
      if (!isExpression(principal)) return true;
      const t = refTarget(stack, principal);
      if (t?.type === 'data.azuread_service_principal') {
        const app = t.attributes.client_id ?? t.attributes.application_id;
        if (app === COSMOS_DB_APP_ID) return true;
      }
      if (!t || !STACK_PRINCIPALS.includes(t.type)) unknowns.push(`principal ${principal}`);
      return false;
    };
    // Assignments on the vault or its keys (indexed), in stack order.
    const onScopes = new Set<ResourceView>();
    for (const s of scopes)
      for (const a of stack.referencing('azurerm_role_assignment', 'scope', s)) onScopes.add(a);
    for (const a of byAddress([...onScopes])) {
      if (
        onKey(a.attributes.scope) &&
        grantsRole(a, KEY_ROLES) &&
        external(a.attributes.principal_id)
      )
        return true;
    }
    for (const p of stack.referencing('azurerm_key_vault_access_policy', 'key_vault_id', vault)) {
      const perms = asList(p.attributes.key_permissions).map((x) => String(x).toLowerCase());
      if (
        ['get', 'wrapkey', 'unwrapkey'].every((x) => perms.includes(x)) &&
        external(p.attributes.object_id)
      )
        return true;
    }
    if (unknowns.length > 0)
      return unknown(`no literal Cosmos DB grant; ${unknowns.join(', ')} known only at apply`);
    return `no role assignment gives the Azure Cosmos DB principal (app ${COSMOS_DB_APP_ID}) wrap/unwrap on the key in ${vault.address}`;
  },
});
