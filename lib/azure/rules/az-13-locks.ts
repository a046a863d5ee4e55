import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { read, refTarget, unknown } from './util';

/** AZ-13: stateful resources carry a CanNotDelete (or ReadOnly) management lock. */
export const az13Locks = defineRule({
  id: 'AZ-13',
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
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
    const unknowns: string[] = [];
    for (const l of stack.resources('azurerm_management_lock')) {
      const scope = read(l, 'scope');
      const level = read(l, 'lock_level');
      if (scope.expression !== undefined && !refTarget(stack, scope.expression)) {
        unknowns.push(`${l.address} scope is ${scope.expression}`);
        continue;
      }
      if (!StackView.refersTo(scope.expression, r)) continue;
      if (level.expression !== undefined) {
        unknowns.push(`${l.address} lock_level is ${level.expression}`);
        continue;
      }
      if (['CanNotDelete', 'ReadOnly'].includes(level.value)) return true;
    }
    return unknowns.length > 0
      ? unknown(unknowns.join('; '))
      : 'no CanNotDelete lock on this resource';
  },
});
