import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { allOf, lookupBlocks, present, unknown } from '../../core/rules/attributes';

/** AZ-02: the workspace is encrypted with a customer-managed key through a user-assigned identity. */
export const az02WorkspaceCmk = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'Azure ML workspaces are encrypted with a customer-managed Key Vault key',
  fixHint:
    'Add encryption { key_vault_id, key_id, user_assigned_identity_id } (set at creation only)',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    const enc = lookupBlocks(r, 'encryption');
    if (enc.expression !== undefined) return unknown(`encryption is ${enc.expression}`);
    if (enc.list.length === 0) return 'no encryption block with key_id and key_vault_id';
    const b = enc.list[0];
    return allOf([
      present(b, 'key_id', 'encryption.key_id is not set'),
      present(b, 'key_vault_id', 'encryption.key_vault_id is not set'),
      present(b, 'user_assigned_identity_id', 'encryption.user_assigned_identity_id is not set'),
    ]);
  },
});
