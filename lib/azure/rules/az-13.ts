import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { lookup, unknown } from '../../core/rules/attributes';
import { byAddress, unresolvedRefs } from '../../core/rules/references';

/** AZ-13: stateful resources carry a CanNotDelete (or ReadOnly) management lock. */
export const az13Locks = defineRule(__filename, {
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
    // Locks that refer to this resource (indexed), and locks whose scope is known only at apply.
    const unknowns: Array<{ address: string; text: string }> = [];
    for (const l of byAddress(stack.referencing('azurerm_management_lock', 'scope', r))) {
      const level = lookup(l, 'lock_level');
      if (level.expression !== undefined) {
        unknowns.push({
          address: l.address,
          text: `${l.address} lock_level is ${level.expression}`,
        });
        continue;
      }
      if (['CanNotDelete', 'ReadOnly'].includes(level.value)) return true;
    }
    for (const l of unresolvedRefs(stack, 'azurerm_management_lock', 'scope')) {
      unknowns.push({
        address: l.address,
        text: `${l.address} scope is ${lookup(l, 'scope').expression}`,
      });
    }
    return unknowns.length > 0
      ? unknown(
          byAddress(unknowns)
            .map((u) => u.text)
            .join('; '),
        )
      : 'no CanNotDelete lock on this resource';
  },
});
