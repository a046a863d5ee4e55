import { defineApplyRule } from '../../core/compliance/define-rule';
import { isFalse, lookup, unknown } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

/**
 * AZ-03 (apply): keys and secrets created with azurerm go through the vault's data plane
 * (https://<vault>.vault.azure.net), which the vault firewall closes to a runner outside the
 * network: the create fails with 403 ForbiddenByFirewall. Create keys through ARM instead.
 */
export const az03DataPlaneCreate = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/keyvault/key_vault_key_resource.go and key_vault_secret_resource.go (create through the vault URI, the data plane); Key Vault firewall applies to the data plane (https://learn.microsoft.com/azure/key-vault/general/network-security); ARM operations on keys are not subject to it (MicrosoftDocs/azure-docs#68668)',
  description:
    'Keys and secrets are not created through the data plane of a Key Vault closed to public networks (the Terraform runner outside the network gets 403 ForbiddenByFirewall)',
  fixHint:
    'Create the key through ARM (azapi Microsoft.KeyVault/vaults/keys, as HardenedKeyVault does), or admit the runner in network_acls.ip_rules for the apply',
  resourceTypes: ['azurerm_key_vault_key', 'azurerm_key_vault_secret'],
  check: (r, stack) => {
    const ref = lookup(r, 'key_vault_id');
    const vault = refTarget(stack, ref.expression);
    if (!vault || vault.type !== 'azurerm_key_vault')
      return unknown(`the vault ${ref.expression ?? ref.value} is not in the stack`);
    const pna = lookup(vault, 'public_network_access_enabled');
    const action = lookup(vault, 'network_acls.default_action');
    const ips = lookup(vault, 'network_acls.ip_rules');
    const expr = pna.expression ?? action.expression ?? ips.expression;
    if (expr !== undefined) return unknown(`the vault's network access is ${expr}`);
    if (isFalse(pna.value)) return `${vault.address} has public network access off`;
    const allowList = Array.isArray(ips.value) && ips.value.length > 0;
    if (action.value === 'Deny' && !allowList)
      return `${vault.address} denies every public network (network_acls default Deny, no ip_rules)`;
    return true;
  },
});
