import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** AZ-02: storage accounts use a customer-managed key for every service. */
export const az02StorageCmk = defineRule({
  id: 'AZ-02.storage',
  level: RuleLevel.ERROR,
  description:
    'Storage accounts are encrypted with a customer-managed key (blobs, files, queues and tables)',
  fixHint:
    'Add customer_managed_key { key_vault_key_id, user_assigned_identity_id } (or azurerm_storage_account_customer_managed_key) and queue/table_encryption_key_type = Account',
  resourceTypes: ['azurerm_storage_account'],
  check: (r, stack) => {
    const inline =
      attr(r, 'customer_managed_key.key_vault_key_id') ??
      attr(r, 'customer_managed_key.managed_hsm_key_id');
    const separate =
      stack.referencing('azurerm_storage_account_customer_managed_key', 'storage_account_id', r)
        .length > 0;
    if (inline === undefined && !separate) return 'no customer-managed key';
    if (
      attr(r, 'queue_encryption_key_type') !== 'Account' ||
      attr(r, 'table_encryption_key_type') !== 'Account'
    ) {
      return 'queues/tables use service keys (queue_encryption_key_type and table_encryption_key_type must be Account)';
    }
    return true;
  },
});
