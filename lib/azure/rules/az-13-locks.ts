import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { attr } from './util';

/** AZ-13: stateful resources carry a CanNotDelete (or ReadOnly) management lock. */
export const az13Locks = defineRule({
  id: 'AZ-13',
  level: RuleLevel.ERROR,
  description:
    'ML workspaces, Key Vaults, storage accounts and container registries have a CanNotDelete management lock',
  fixHint:
    "Add an azurerm_management_lock with lock_level = 'CanNotDelete' and scope = the resource id",
  resourceTypes: [
    'azurerm_machine_learning_workspace',
    'azurerm_key_vault',
    'azurerm_storage_account',
    'azurerm_container_registry',
  ],
  check: (r, stack) => {
    const locks = stack
      .resources('azurerm_management_lock')
      .filter(
        (l) =>
          StackView.refersTo(attr(l, 'scope'), r) &&
          ['CanNotDelete', 'ReadOnly'].includes(attr(l, 'lock_level')),
      );
    return locks.length > 0 || 'no CanNotDelete lock on this resource';
  },
});
