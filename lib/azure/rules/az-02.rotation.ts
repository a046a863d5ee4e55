import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isArmKey, keyRotation } from './key-policy';
import { failuresVerdict, unknown } from '../../core/rules/attributes';
import { periodDays } from './key-policy';

/** AZ-02 / X-04: Key Vault keys rotate automatically at most every 365 days and carry an expiry. */
export const az02KeyRotation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Key Vault keys have a rotation policy: automatic rotation at most every 365 days and an expiry on new versions',
  fixHint:
    "azurerm_key_vault_key: rotation_policy { automatic { time_after_creation = 'P90D' } expire_after = 'P180D' }; an ARM key (azapi): properties.rotationPolicy with a rotate lifetime action and attributes.expiryTime",
  resourceTypes: ['azurerm_key_vault_key', 'azapi_resource', 'azapi_resource_action'],
  check: (r) => {
    if (r.type !== 'azurerm_key_vault_key' && !isArmKey(r)) return undefined;
    const p = keyRotation(r);
    if (p.expression !== undefined) return unknown(`the rotation policy is ${p.expression}`);
    const f: string[] = [];
    if (p.rotateAfterCreation === undefined && p.rotateBeforeExpiry === undefined) {
      f.push('no automatic rotation');
    } else if (p.rotateAfterCreation !== undefined) {
      const days = periodDays(p.rotateAfterCreation);
      if (days === undefined) f.push(`unrecognised rotation period '${p.rotateAfterCreation}'`);
      else if (days > 365) f.push(`rotation period ${p.rotateAfterCreation} exceeds 365 days`);
    }
    if (p.expiry === undefined) f.push('no expiry for new key versions');
    return failuresVerdict(f);
  },
});
