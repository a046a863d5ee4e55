import { defineApplyRule } from '../../core/compliance/define-rule';
import { providerOf } from './provider';
import { isFalse, lookup, unknown } from '../../core/rules/attributes';

/**
 * AZ-04 (apply): a storage account closed to public networks is created only when the azurerm
 * provider does not poll its data plane (features.storage.data_plane_available = false).
 */
export const az04DataPlane = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/storage/storage_account_resource.go, resourceStorageAccountCreate: with features.storage.data_plane_available (default true) it waits for the blob and queue data plane after the create (waitForDataPlaneToBecomeAvailableForAccount), which returns 403 from outside the network; hashicorp/terraform-provider-azurerm#32474',
  description:
    'Storage accounts without public network access are managed by an azurerm provider with features.storage.data_plane_available = false',
  fixHint:
    'Set features { storage { data_plane_available = false } } on the azurerm provider (the data plane is reached only through private endpoints)',
  resourceTypes: ['azurerm_storage_account'],
  check: (r, stack) => {
    const pna = lookup(r, 'public_network_access_enabled');
    const action = lookup(r, 'network_rules.default_action');
    if (pna.expression !== undefined && action.expression !== undefined)
      return unknown(`public_network_access_enabled is ${pna.expression}`);
    const closed = isFalse(pna.value) || action.value === 'Deny';
    if (!closed) {
      if (pna.expression !== undefined || action.expression !== undefined)
        return unknown(`network access is ${pna.expression ?? action.expression}`);
      return true;
    }
    const provider = providerOf(stack, r, 'azurerm');
    if (provider === 'expression') return unknown(`provider is ${r.attributes.provider}`);
    if (provider === undefined) return unknown('no azurerm provider configuration in the stack');
    const setting = lookup(provider, 'features.storage.data_plane_available');
    if (setting.expression !== undefined)
      return unknown(`features.storage.data_plane_available is ${setting.expression}`);
    return (
      isFalse(setting.value) ||
      `the provider polls the data plane of this closed account (features.storage.data_plane_available is ${setting.value ?? 'unset (true)'})`
    );
  },
});
