import { defineApplyRule } from '../../core/compliance/define-rule';
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import {
  isExpression,
  isFalse,
  lookup,
  unknown,
  UnknownVerdict,
  Verdict,
} from '../../core/rules/attributes';
import { byAddress, refTarget, unresolvedRefs } from '../../core/rules/references';

const MODE = 'properties.systemDatastoresAuthMode';

/** How an azapi update sets the workspace's systemDatastoresAuthMode. */
function authModeOf(r: ResourceView): 'identity' | 'other' | UnknownVerdict {
  const type = lookup(r, 'type');
  if (type.expression !== undefined) return unknown(`${r.address} type is ${type.expression}`);
  if (
    typeof type.value === 'string' &&
    !/^microsoft\.machinelearningservices\/workspaces@/i.test(type.value)
  )
    return 'other';
  let body: any = r.attributes.body;
  // azapi 1.x takes the body as a JSON string; interpolations inside it are values
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      body = JSON.parse(body);
    } catch {
      // not JSON: an expression such as "${jsonencode({...})}" the loader could not resolve
    }
  }
  if (typeof body === 'string') {
    return isExpression(body)
      ? unknown(`${r.address} body is ${body}`)
      : unknown(`${r.address} body is not JSON`);
  }
  const mode = lookup(body, MODE);
  if (mode.expression !== undefined) return unknown(`${r.address} ${MODE} is ${mode.expression}`);
  return typeof mode.value === 'string' && mode.value.toLowerCase() === 'identity'
    ? 'identity'
    : 'other';
}

/**
 * The azapi updates of the stack that name the workspace as what they change (an
 * `azapi_resource` creates a resource and has no `resource_id`).
 */
export function updatesOf(stack: StackView, workspace: ResourceView): ResourceView[] {
  return byAddress([
    ...new Set([
      ...stack.referencing('azapi_update_resource', 'resource_id', workspace),
      // azapi_update_resource also takes parent_id + name
      ...stack.referencing('azapi_update_resource', 'name', workspace),
    ]),
  ]);
}

/**
 * AZ-04 (apply): a workspace's system datastores (workspaceblobstore, workspacefilestore...)
 * authenticate with the storage account's keys unless the workspace's `systemDatastoresAuthMode`
 * is `identity`. On an account with shared key access disabled the keys authorize nothing: Azure
 * ML cannot read or write its default datastores. azurerm 4.55 has no argument for the mode (a
 * later release adds `storage_account_access_type`), so the construct sets it through the
 * management plane with an `azapi_update_resource` on the workspace.
 */
export const az04SystemDatastores = defineApplyRule(__filename, {
  source:
    'Microsoft Learn, Disable shared key access for your workspace\'s storage account (MicrosoftDocs/azure-ai-docs articles/machine-learning/how-to-disable-local-auth-storage.md): a workspace uses a shared key to access its default storage account unless it is updated to identity-based access, workspace property systemDatastoresAuthMode = "identity" (ARM Microsoft.MachineLearningServices/workspaces: accessKey | identity), before shared key access is disabled on the account; with keys disabled the key-based system datastores (workspaceblobstore, the default datastore) authorize nothing. azurerm_machine_learning_workspace had no argument for it (hashicorp/terraform-provider-azurerm#22150) until storage_account_access_type (hashicorp/terraform-provider-azurerm#32514, default accessKey)',
  description:
    'A workspace whose storage account has shared key access disabled sets systemDatastoresAuthMode = identity (its system datastores such as workspaceblobstore are key-based otherwise, and Azure ML cannot read them)',
  fixHint:
    'Add an azapi_update_resource on the workspace (type Microsoft.MachineLearningServices/workspaces@<api>, resource_id = <workspace>.id) with body { properties = { systemDatastoresAuthMode = "identity" } }, as AzureMLWorkspace does, or set storage_account_access_type = "identity" on an azurerm version that has it',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r, stack): Verdict => {
    const ref = lookup(r, 'storage_account_id');
    const account = refTarget(stack, ref.expression);
    // an account of another stack (or a literal id): its key setting is not known here
    if (!account || account.type !== 'azurerm_storage_account') return undefined;
    const keys = lookup(account, 'shared_access_key_enabled');
    if (keys.expression !== undefined)
      return unknown(`${account.address} shared_access_key_enabled is ${keys.expression}`);
    if (!isFalse(keys.value)) return undefined;

    const unknowns: string[] = [];
    const native = lookup(r, 'storage_account_access_type');
    if (native.expression !== undefined)
      unknowns.push(`storage_account_access_type is ${native.expression}`);
    else if (typeof native.value === 'string' && native.value.toLowerCase() === 'identity')
      return true;
    for (const u of updatesOf(stack, r)) {
      const mode = authModeOf(u);
      if (mode === 'identity') return true;
      if (mode !== 'other') unknowns.push(mode.detail);
    }
    // an update whose target is known only at apply may be this workspace's
    for (const u of unresolvedRefs(stack, 'azapi_update_resource', 'resource_id')) {
      const mode = authModeOf(u);
      if (mode === 'identity')
        unknowns.push(`${u.address} sets identity on ${u.attributes.resource_id}`);
      else if (mode !== 'other') unknowns.push(mode.detail);
    }
    if (unknowns.length > 0) return unknown(unknowns.join('; '));
    return `${account.address} has shared key access disabled and nothing sets the workspace's ${MODE} to identity: its system datastores (workspaceblobstore...) stay key-based and Azure ML cannot read them`;
  },
});
