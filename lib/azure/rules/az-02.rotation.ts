import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { failuresVerdict } from '../../core/rules/attributes';
import { KEY_TYPES, keyRotationCheck, periodDays } from './key-policy';

/** AZ-02 / X-04: Key Vault keys rotate automatically at most every 365 days and carry an expiry. */
export const az02KeyRotation = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Key Vault keys have a rotation policy: automatic rotation at most every 365 days and an expiry on new versions',
  fixHint:
    "azurerm_key_vault_key: rotation_policy { automatic { time_after_creation = 'P90D' } expire_after = 'P180D' }; an ARM key (azapi): properties.rotationPolicy with a rotate lifetime action and attributes.expiryTime",
  resourceTypes: KEY_TYPES,
  check: keyRotationCheck((p) => {
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
  }),
});
