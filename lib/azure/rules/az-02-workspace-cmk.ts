import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { attr } from './util';

/** AZ-02: the workspace is encrypted with a customer-managed key through a user-assigned identity. */
export const az02WorkspaceCmk = defineRule({
  id: 'AZ-02.workspace',
  level: RuleLevel.ERROR,
  description: 'Azure ML workspaces are encrypted with a customer-managed Key Vault key',
  fixHint:
    'Add encryption { key_vault_id, key_id, user_assigned_identity_id } (set at creation only)',
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (r) => {
    if (
      attr(r, 'encryption.key_id') === undefined ||
      attr(r, 'encryption.key_vault_id') === undefined
    )
      return 'no encryption block with key_id and key_vault_id';
    if (attr(r, 'encryption.user_assigned_identity_id') === undefined)
      return 'encryption.user_assigned_identity_id is not set';
    return true;
  },
});
