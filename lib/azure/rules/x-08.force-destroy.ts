import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { resolve } from '../../core/rules/exposure';

/**
 * The azurerm provider's destroy-time behaviours set in `provider "azurerm" { features {...} }`
 * that take data with a resource, by the resource type they act on: [feature block, setting,
 * the value that destroys data, what it does]. Provider defaults (docs, "The Features Block"):
 * key vaults and keys are purged on destroy (true) — purge protection (AZ-03) stops that;
 * resource groups refuse to delete while they hold resources (true); workspaces and Log
 * Analytics workspaces are soft-deleted (false).
 */
const FEATURES: { [type: string]: Array<[string, string, boolean, string]> } = {
  azurerm_resource_group: [
    [
      'resource_group',
      'prevent_deletion_if_contains_resources',
      false,
      'destroying the resource group deletes every resource in it, also those Terraform does not manage',
    ],
  ],
  azurerm_key_vault: [
    [
      'key_vault',
      'purge_soft_delete_on_destroy',
      true,
      'the vault is purged on destroy (no soft-delete recovery) and it has no purge protection',
    ],
  ],
  azurerm_key_vault_key: [
    [
      'key_vault',
      'purge_soft_deleted_keys_on_destroy',
      true,
      'the key is purged on destroy (no soft-delete recovery) and its vault has no purge protection',
    ],
  ],
  azurerm_machine_learning_workspace: [
    [
      'machine_learning',
      'purge_soft_deleted_workspace_on_destroy',
      true,
      'the workspace is purged on destroy instead of kept soft-deleted for 14 days',
    ],
  ],
  azurerm_log_analytics_workspace: [
    [
      'log_analytics_workspace',
      'permanently_delete_on_destroy',
      true,
      'the workspace and its logs are deleted permanently instead of soft-deleted',
    ],
  ],
  azurerm_cognitive_account: [
    [
      'cognitive_account',
      'purge_soft_delete_on_destroy',
      true,
      'the account is purged on destroy (no soft-delete recovery)',
    ],
  ],
};

/** The provider block a resource uses (its `provider = "azurerm.alias"`, or the default one). */
function providerOf(r: ResourceView, stack: StackView): any {
  const blocks = stack.providers('azurerm');
  const ref = r.attributes.provider;
  const alias = typeof ref === 'string' ? /^azurerm\.(.+)$/.exec(ref)?.[1] : undefined;
  return alias
    ? blocks.find((b) => b?.alias === alias)
    : (blocks.find((b) => b?.alias === undefined) ?? undefined);
}

/** True when the resource (or, for a key, its vault) has purge protection on. */
function purgeProtected(r: ResourceView, stack: StackView): boolean {
  if (r.type === 'azurerm_key_vault') return r.attributes.purge_protection_enabled === true;
  const vault = stack.targetsOf(r.attributes.key_vault_id, 'azurerm_key_vault')[0];
  return vault?.attributes.purge_protection_enabled === true;
}

/**
 * X-08 (any stack, Azure): the provider's `features` block does not make a destroy take data
 * with it. Only settings written explicitly count: the purge-on-destroy defaults of key vaults and
 * keys are stopped by purge protection, which AZ-03 requires.
 */
export const x08ForceDestroy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'The azurerm features block does not purge or cascade-delete stateful resources on destroy',
  fixHint:
    'In provider "azurerm" features: resource_group { prevent_deletion_if_contains_resources = true }, key_vault { purge_soft_delete_on_destroy = false }, machine_learning { purge_soft_deleted_workspace_on_destroy = false }, log_analytics_workspace { permanently_delete_on_destroy = false }',
  resourceTypes: Object.keys(FEATURES),
  source:
    'Terraform azurerm provider, guide "The Features Block" (website/docs/guides/features-block.html.markdown): key_vault, machine_learning, log_analytics_workspace, cognitive_account, resource_group settings and their defaults',
  check: (r, stack) => {
    const provider = providerOf(r, stack);
    if (provider === undefined) return true;
    if (isExpression(provider.features))
      return unknown(`provider features is ${provider.features}`);
    const features = asList(provider.features)[0] ?? {};
    const found: string[] = [];
    const unknowns: string[] = [];
    for (const [blockName, setting, destroys, effect] of FEATURES[r.type] ?? []) {
      const block = features[blockName];
      if (isExpression(block)) {
        unknowns.push(`features.${blockName} is ${block}`);
        continue;
      }
      const raw = asList(block)[0]?.[setting];
      if (raw === undefined || raw === null) continue;
      const res = resolve(raw, stack);
      if (!res.known) {
        unknowns.push(`features.${blockName}.${setting} is ${raw}`);
        continue;
      }
      const value = res.value === true || res.value === 'true';
      if (value !== destroys) continue;
      if (blockName === 'key_vault' && purgeProtected(r, stack)) continue;
      found.push(`provider features.${blockName}.${setting} = ${value}: ${effect}`);
    }
    if (found.length > 0) return found.join('; ');
    if (unknowns.length > 0) return unknown(unknowns.join('; '));
    return true as Verdict;
  },
});
