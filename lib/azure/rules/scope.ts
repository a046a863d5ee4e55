import { StackView } from '../../core/compliance/stack-view';
import { isExpression } from '../../core/rules/attributes';
import { refAttribute, refTarget } from '../../core/rules/references';

/** How wide an Azure RBAC scope is. */
export enum ScopeKind {
  ROOT = 'root',
  MANAGEMENT_GROUP = 'management group',
  SUBSCRIPTION = 'subscription',
  RESOURCE_GROUP = 'resource group',
  RESOURCE = 'resource',
}

/** Classifies a literal ARM scope. */
function literalKind(scope: string): ScopeKind | undefined {
  const s = scope.replace(/\/+$/, '');
  if (s === '') return ScopeKind.ROOT;
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s))
    return ScopeKind.MANAGEMENT_GROUP;
  if (/^\/subscriptions\/[^/]+$/i.test(s)) return ScopeKind.SUBSCRIPTION;
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(s)) return ScopeKind.RESOURCE_GROUP;
  if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i.test(s))
    return ScopeKind.RESOURCE;
  return undefined;
}

/**
 * The kind of an RBAC scope: a literal id, or a `${...}` reference to a resource group,
 * subscription, management group or other resource of the stack. Undefined when it cannot be
 * known before apply (a variable, a data source of unknown kind, an interpolated string).
 */
export function scopeKind(stack: StackView, scope: any): ScopeKind | undefined {
  if (typeof scope !== 'string') return undefined;
  if (!isExpression(scope)) return literalKind(scope);
  // One whole reference to an id: `${type.name.id}` (a longer template is a sub-resource path
  // of something, e.g. `${azurerm_storage_account.x.id}/blobServices/default`).
  const whole = /^\$\{[^{}]+\}$/.test(scope);
  const target = refTarget(stack, scope);
  if (!target) return undefined;
  const attr = refAttribute(scope);
  const t = target.type.replace(/^data\./, '');
  if (!whole) {
    // A path appended to a resource id is a child of that resource; to a subscription or group
    // it is narrower but unknown, so only resource-level prefixes are classified.
    if (
      t === 'azurerm_subscription' ||
      t === 'azurerm_resource_group' ||
      t === 'azurerm_management_group'
    )
      return undefined;
    return ScopeKind.RESOURCE;
  }
  if (t === 'azurerm_subscription') return attr === 'id' ? ScopeKind.SUBSCRIPTION : undefined;
  if (t === 'azurerm_management_group')
    return attr === 'id' ? ScopeKind.MANAGEMENT_GROUP : undefined;
  if (t === 'azurerm_resource_group') return attr === 'id' ? ScopeKind.RESOURCE_GROUP : undefined;
  if (t === 'azurerm_client_config') return undefined;
  if (t.startsWith('azurerm_') || t.startsWith('azapi_')) {
    return attr === 'id' || attr === 'resource_versionless_id' || attr === 'resource_id'
      ? ScopeKind.RESOURCE
      : undefined;
  }
  return undefined;
}
