import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, check, lookup } from '../../core/rules/attributes';

const ACCOUNT = (v: any) => v === 'Account';

/** AZ-02: storage accounts use a customer-managed key for every service. */
export const az02StorageCmk = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'Storage accounts are encrypted with a customer-managed key (blobs, files, queues and tables)',
  fixHint:
    'Add customer_managed_key { key_vault_key_id, user_assigned_identity_id } (or azurerm_storage_account_customer_managed_key) and queue/table_encryption_key_type = Account',
  resourceTypes: ['azurerm_storage_account'],
  check: (r, stack) => {
    const kv = lookup(r, 'customer_managed_key.key_vault_key_id');
    const hsm = lookup(r, 'customer_managed_key.managed_hsm_key_id');
    const inline =
      kv.expression !== undefined ||
      hsm.expression !== undefined ||
      kv.value !== undefined ||
      hsm.value !== undefined;
    const separate =
      stack.referencing('azurerm_storage_account_customer_managed_key', 'storage_account_id', r)
        .length > 0;
    if (!inline && !separate) return 'no customer-managed key';
    return allOf([
      check(
        r,
        'queue_encryption_key_type',
        ACCOUNT,
        (v) => `queue_encryption_key_type is ${v ?? 'unset (Service)'}, not Account`,
      ),
      check(
        r,
        'table_encryption_key_type',
        ACCOUNT,
        (v) => `table_encryption_key_type is ${v ?? 'unset (Service)'}, not Account`,
      ),
    ]);
  },
});
