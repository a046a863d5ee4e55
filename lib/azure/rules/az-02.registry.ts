import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { present } from '../../core/rules/attributes';

/** AZ-02: container registries are encrypted with a customer-managed key. */
export const az02RegistryCmk = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description:
    'Container registries are encrypted with a customer-managed key (Premium, set at creation)',
  fixHint: 'Add encryption { key_vault_key_id, identity_client_id } and a user-assigned identity',
  resourceTypes: ['azurerm_container_registry'],
  check: (r) => present(r, 'encryption.key_vault_key_id', 'no encryption.key_vault_key_id'),
});
