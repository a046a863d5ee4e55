import { TerraformResource } from 'cdktf';
import { Compliance } from './compliance/compliance';
import { renderValue, ValidationError } from './errors';

/**
 * What happens to a stateful resource when it leaves the configuration or the stack is
 * destroyed.
 */
export enum RemovalPolicy {
  /** Keep it: Terraform `lifecycle.prevent_destroy` plus the provider's own deletion protection. */
  RETAIN = 'RETAIN',
  /** Allow Terraform to destroy it. Recorded in the compliance report. */
  DESTROY = 'DESTROY',
}

/** Provider-level deletion protection attributes of one resource type. */
export interface DeletionProtection {
  /**
   * Raw (snake_case, dot paths allowed) attributes set under RETAIN, e.g. `{ force_destroy: false }`.
   * @default - none
   */
  readonly retain?: { [attr: string]: any };
  /**
   * Raw attributes set under DESTROY, e.g. `{ deletion_protection: false }`.
   * @default - none
   */
  readonly destroy?: { [attr: string]: any };
}

/** The rule id under which removal-policy opt-outs are recorded. */
export const REMOVAL_POLICY_RULE_ID = 'X-08';

/**
 * Applies a removal policy to a stateful resource.
 *
 * RETAIN (the default): `lifecycle.prevent_destroy = true` and the `retain` attributes.
 * DESTROY: the `destroy` attributes, no prevent_destroy, and an X-08 suppression whose reason
 * says the opt-out was explicit, so it shows in the compliance report.
 */
export function applyRemovalPolicy(
  resource: TerraformResource,
  policy: RemovalPolicy | undefined,
  protection?: DeletionProtection,
): void {
  const effective = policy ?? RemovalPolicy.RETAIN;
  if (effective !== RemovalPolicy.RETAIN && effective !== RemovalPolicy.DESTROY) {
    // never a fallback to DESTROY: an unknown value (e.g. 'retain' from an untyped caller) stops synth
    throw new ValidationError(resource.node.path, [
      {
        prop: 'removalPolicy',
        value: renderValue(effective),
        allowed: `one of ${Object.values(RemovalPolicy).join(', ')} (values are case-sensitive)`,
      },
    ]);
  }
  if (effective === RemovalPolicy.RETAIN) {
    resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
    for (const [attr, value] of Object.entries(protection?.retain ?? {})) {
      resource.addOverride(attr, value);
    }
  } else {
    resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: false };
    for (const [attr, value] of Object.entries(protection?.destroy ?? {})) {
      resource.addOverride(attr, value);
    }
    Compliance.suppress(
      resource,
      REMOVAL_POLICY_RULE_ID,
      `removalPolicy DESTROY set explicitly on ${resource.node.path}`,
    );
  }
}
