import { defineApplyRule } from '../../core/compliance/define-rule';
import { isFalse, lookup, unknown } from '../../core/rules/attributes';
import { refTarget } from '../../core/rules/references';

/**
 * AZ-04 (apply): a container created with `storage_account_name` is created through the blob
 * data plane, closed on a private account; `storage_account_id` creates it through ARM.
 */
export const az04ContainerDataPlane = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/storage/storage_container_resource.go, create: with storage_account_name it uses the containers data-plane client (ContainersDataPlaneClient), with storage_account_id the Resource Manager API',
  description:
    'Containers of storage accounts closed to public networks are created with storage_account_id (Resource Manager), not storage_account_name (blob data plane)',
  fixHint: 'Set storage_account_id = <account>.id instead of storage_account_name',
  resourceTypes: ['azurerm_storage_container'],
  check: (r, stack) => {
    const byName = lookup(r, 'storage_account_name');
    if (byName.expression === undefined && byName.value === undefined) return true;
    const account = refTarget(stack, byName.expression);
    if (!account || account.type !== 'azurerm_storage_account')
      return unknown(`the account ${byName.expression ?? byName.value} is not in the stack`);
    const pna = lookup(account, 'public_network_access_enabled');
    const action = lookup(account, 'network_rules.default_action');
    if (pna.expression !== undefined || action.expression !== undefined)
      return unknown(`the account's network access is ${pna.expression ?? action.expression}`);
    return (
      !(isFalse(pna.value) || action.value === 'Deny') ||
      `${account.address} is closed to public networks: the container create through its data plane fails`
    );
  },
});
