import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isArmKey } from './key-policy';
import { asList, lookupBlocks, isExpression, lookup } from '../../core/rules/attributes';
import { dependenciesOf, perStack, refTarget } from '../../core/rules/references';

/** The caller identities (data.azurerm_client_config) role assignments of the stack grant to. */
function callers(stack: StackView): ResourceView[] {
  return perStack(stack, 'propagation-callers', () => {
    const out = new Map<string, ResourceView>();
    for (const a of stack.resources('azurerm_role_assignment')) {
      const t = refTarget(stack, a.attributes.principal_id);
      if (t?.type === 'data.azurerm_client_config') out.set(t.address, t);
    }
    return [...out.values()];
  });
}

/** The role assignments whose principal_id refers to one of the identities (indexed). */
function grantsTo(stack: StackView, actors: ResourceView[]): ResourceView[] {
  const toData = perStack(stack, 'propagation-data-grants', () => {
    const out = new Map<string, ResourceView[]>();
    for (const a of stack.resources('azurerm_role_assignment')) {
      const p = a.attributes.principal_id;
      if (!isExpression(p)) continue;
      for (const m of String(p).match(/\bdata\.[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*/g) ?? []) {
        const d = refTarget(stack, `\${${m}}`);
        if (!d) continue;
        let list = out.get(d.address);
        if (!list) out.set(d.address, (list = []));
        list.push(a);
      }
    }
    return out;
  });
  const seen = new Set<ResourceView>();
  for (const actor of actors) {
    const found = actor.type.startsWith('data.')
      ? (toData.get(actor.address) ?? [])
      : stack.referencing('azurerm_role_assignment', 'principal_id', actor);
    for (const a of found) seen.add(a);
  }
  // in stack order (by address), as a scan over the stack's assignments gives them
  return [...seen].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** The identities a resource acts as while it is created (references to identities or the caller). */
function actorsOf(r: ResourceView, stack: StackView): ResourceView[] {
  const refs: any[] = [];
  switch (r.type) {
    case 'azurerm_storage_account':
      refs.push(lookup(r, 'customer_managed_key.user_assigned_identity_id').expression);
      break;
    case 'azurerm_container_registry':
      refs.push(lookup(r, 'encryption.identity_client_id').expression);
      break;
    case 'azurerm_machine_learning_workspace':
    case 'azurerm_machine_learning_compute_cluster':
      refs.push(lookup(r, 'primary_user_assigned_identity').expression);
      refs.push(lookup(r, 'encryption.user_assigned_identity_id').expression);
      for (const b of lookupBlocks(r, 'identity').list) refs.push(...asList(b?.identity_ids));
      break;
    default:
      // An ARM key is created by the Terraform caller (data.azurerm_client_config.object_id).
      if (isArmKey(r)) return callers(stack);
  }
  const out = new Map<string, ResourceView>();
  for (const ref of refs) {
    const t = refTarget(stack, ref);
    if (
      t &&
      (t.type === 'azurerm_user_assigned_identity' || t.type === 'data.azurerm_client_config')
    )
      out.set(t.address, t);
  }
  return [...out.values()];
}

/**
 * AZ-09 (apply): a resource that acts as an identity while it is created (a CMK account or
 * registry reading the key, the workspace validating its dependencies, a cluster with its
 * identity, an ARM key created by the caller) waits for that identity's role assignments and
 * for their propagation (a time_sleep after them). Azure RBAC takes minutes to reach every
 * endpoint; without the wait the first apply fails and a second one succeeds.
 */
export const az09Propagation = defineApplyRule(__filename, {
  source:
    'Azure RBAC troubleshooting: role assignment changes can take up to 10 minutes to take effect (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting); Azure Verified Modules wait 70 s after role assignments before key operations (Azure/terraform-azurerm-avm-res-keyvault-vault wait_for_rbac_before_key_operations)',
  description:
    'Resources created with an identity wait for that identity role assignments in the stack and for a propagation delay (time_sleep) after them',
  fixHint:
    "Add a time_sleep (create_duration '90s') that depends_on the role assignments, and make the resource depend on it",
  resourceTypes: [
    'azurerm_storage_account',
    'azurerm_container_registry',
    'azurerm_machine_learning_workspace',
    'azurerm_machine_learning_compute_cluster',
    'azapi_resource',
    'azapi_resource_action',
  ],
  check: (r, stack) => {
    if (r.type.startsWith('azapi_') && !isArmKey(r)) return undefined;
    const actors = actorsOf(r, stack);
    if (actors.length === 0) return undefined;
    const deps = dependenciesOf(stack, r.address);
    const grants = grantsTo(stack, actors)
      // Grants on the resource itself or on what depends on it can only come afterwards.
      .filter((a) => {
        const scope = refTarget(stack, a.attributes.scope);
        return (
          !scope ||
          (scope.address !== r.address && !dependenciesOf(stack, scope.address).has(r.address))
        );
      })
      .filter((a) => !dependenciesOf(stack, a.address).has(r.address));
    if (grants.length === 0) return undefined;
    const sleeps = stack.resources('time_sleep').filter((s) => deps.has(s.address));
    const f: string[] = [];
    for (const g of grants) {
      if (!deps.has(g.address)) {
        f.push(`does not wait for ${g.address}`);
        continue;
      }
      if (!sleeps.some((s) => dependenciesOf(stack, s.address).has(g.address)))
        f.push(`no propagation wait (time_sleep) after ${g.address}`);
    }
    return f.length === 0 || f.join('; ');
  },
});
