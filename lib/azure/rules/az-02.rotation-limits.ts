import { defineApplyRule } from '../../core/compliance/define-rule';
import { failuresVerdict } from '../../core/rules/attributes';
import { KEY_TYPES, keyRotationCheck, periodDays } from './key-policy';

/**
 * AZ-02 (apply): Key Vault accepts a rotation policy only within its limits: new versions expire
 * after at least 28 days, rotation happens at least 7 days after creation and at least 7 days
 * before expiry, notification at least 7 days before expiry. azurerm validates the expiry and
 * notification at plan; the rotation time and every limit of an ARM (azapi) key are checked
 * only by the service.
 */
export const az02RotationLimits = defineApplyRule(__filename, {
  source:
    'Key Vault key auto-rotation, rotation policy settings: rotation time at least 7 days from creation and 7 days from expiration time, expiry at least 28 days (https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation); hashicorp/terraform-provider-azurerm v4.55.0 internal/services/keyvault/key_vault_key_resource.go validates only expire_after (P28D-P100Y) and notify_before_expiry (from P7D)',
  description:
    'Key rotation policies stay within Key Vault limits: expiry >= 28 days, rotation >= 7 days after creation and >= 7 days before expiry, notification >= 7 days before expiry',
  fixHint:
    'e.g. rotate after P90D, expire after P180D, notify P30D before expiry (HardenedKeyVault derives these from keyRotationDays)',
  resourceTypes: KEY_TYPES,
  check: keyRotationCheck((p) => {
    const days = (v: any, what: string, f: string[]) => {
      if (v === undefined) return undefined;
      const d = periodDays(v);
      if (d === undefined)
        f.push(`${what} '${v}' is not an ISO 8601 period in days, months or years`);
      return d;
    };
    const f: string[] = [];
    const expiry = days(p.expiry, 'expiry', f);
    const after = days(p.rotateAfterCreation, 'rotation time', f);
    const before = days(p.rotateBeforeExpiry, 'rotation before expiry', f);
    const notify = days(p.notifyBeforeExpiry, 'notification', f);
    if (expiry !== undefined && expiry < 28) f.push(`expiry ${p.expiry} is under 28 days`);
    if (after !== undefined && after < 7)
      f.push(`rotation ${p.rotateAfterCreation} after creation is under 7 days`);
    if (after !== undefined && expiry !== undefined && after > expiry - 7)
      f.push(`rotation ${p.rotateAfterCreation} is less than 7 days before expiry ${p.expiry}`);
    if (before !== undefined && before < 7)
      f.push(`rotation ${p.rotateBeforeExpiry} before expiry is under 7 days`);
    if (notify !== undefined && notify < 7)
      f.push(`notification ${p.notifyBeforeExpiry} before expiry is under 7 days`);
    if (notify !== undefined && expiry !== undefined && notify >= expiry)
      f.push(`notification ${p.notifyBeforeExpiry} is not before expiry ${p.expiry}`);
    return failuresVerdict(f);
  }),
});
