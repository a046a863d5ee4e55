import { ResourceView } from '../../core/compliance/rule';
import { asList, isExpression, lookup, unknown, Verdict } from '../../core/rules/attributes';

/** Resource types that can create a Key Vault key through ARM with the azapi provider. */
const AZAPI_TYPES = ['azapi_resource', 'azapi_resource_action'];

/** True when r creates a Key Vault key through ARM (azapi, type Microsoft.KeyVault/vaults/keys@...). */
export function isArmKey(r: ResourceView): boolean {
  if (!AZAPI_TYPES.includes(r.type)) return false;
  const t = r.attributes?.type;
  if (typeof t !== 'string' || !/^microsoft\.keyvault\/vaults\/keys@/i.test(t)) return false;
  if (r.type === 'azapi_resource_action') {
    const method = r.attributes?.method;
    return typeof method === 'string' && method.toUpperCase() === 'PUT';
  }
  return true;
}

/** A key's rotation policy, normalized across azurerm_key_vault_key and the ARM body. */
export interface KeyRotation {
  /** Set when the policy (or part of it) is an unresolved expression. */
  readonly expression?: string;
  /** rotate after creation (ISO 8601). */
  readonly rotateAfterCreation?: any;
  /** rotate before expiry (ISO 8601). */
  readonly rotateBeforeExpiry?: any;
  /** expiry of new versions (ISO 8601). */
  readonly expiry?: any;
  /** notification before expiry (ISO 8601). */
  readonly notifyBeforeExpiry?: any;
}

/** The rotation policy of a key resource (azurerm_key_vault_key or an ARM key through azapi). */
function keyRotation(r: ResourceView): KeyRotation {
  if (r.type === 'azurerm_key_vault_key') {
    const parts = {
      rotateAfterCreation: lookup(r, 'rotation_policy.automatic.time_after_creation'),
      rotateBeforeExpiry: lookup(r, 'rotation_policy.automatic.time_before_expiry'),
      expiry: lookup(r, 'rotation_policy.expire_after'),
      notifyBeforeExpiry: lookup(r, 'rotation_policy.notify_before_expiry'),
    };
    const expr = Object.values(parts).find((p) => p.expression !== undefined);
    if (expr) return { expression: expr.expression };
    return {
      rotateAfterCreation: parts.rotateAfterCreation.value,
      rotateBeforeExpiry: parts.rotateBeforeExpiry.value,
      expiry: parts.expiry.value,
      notifyBeforeExpiry: parts.notifyBeforeExpiry.value,
    };
  }
  const policy = lookup(r, 'body.properties.rotationPolicy');
  if (policy.expression !== undefined) return { expression: policy.expression };
  if (policy.value === undefined) return {};
  const expiry = lookup(policy.value, 'attributes.expiryTime');
  if (expiry.expression !== undefined) return { expression: expiry.expression };
  const actions = asList(policy.value.lifetimeActions);
  const out: { [k: string]: any } = { expiry: expiry.value };
  for (const a of actions) {
    if (isExpression(a)) return { expression: String(a) };
    const type = String(a?.action?.type ?? '').toLowerCase();
    const trigger = a?.trigger ?? {};
    if (type === 'rotate') {
      out.rotateAfterCreation = trigger.timeAfterCreate;
      out.rotateBeforeExpiry = trigger.timeBeforeExpiry;
    } else if (type === 'notify') {
      out.notifyBeforeExpiry = trigger.timeBeforeExpiry;
    }
  }
  const expr = Object.values(out).find((v) => isExpression(v));
  return expr !== undefined ? { expression: String(expr) } : out;
}

/** The resource types that hold a Key Vault key: azurerm_key_vault_key and ARM keys (azapi). */
export const KEY_TYPES = ['azurerm_key_vault_key', ...AZAPI_TYPES];

/**
 * A check of a key's rotation policy (see {@link keyRotation}): not applicable to resources that
 * are no key, UNKNOWN when the policy is an expression.
 */
export function keyRotationCheck(
  check: (policy: KeyRotation) => Verdict,
): (r: ResourceView) => Verdict {
  return (r) => {
    if (r.type !== 'azurerm_key_vault_key' && !isArmKey(r)) return undefined;
    const p = keyRotation(r);
    if (p.expression !== undefined) return unknown(`the rotation policy is ${p.expression}`);
    return check(p);
  };
}

/** Days of an ISO 8601 period such as P90D, P3M, P1Y (months 30 days, years 365). */
export function periodDays(p: any): number | undefined {
  if (typeof p !== 'string') return undefined;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(p);
  if (!m || p === 'P') return undefined;
  return Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
}
