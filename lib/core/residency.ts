import { IConstruct } from 'constructs';
import { IAspect, TerraformProvider, TerraformResource, TerraformStack, Token } from 'cdktf';
import { cloudProfiles } from './cloud-profile';
import { addAspect, synthesizedAttributesOf } from './compliance/cdktf-adapter';
import { Validator } from './errors';

/**
 * Normalizes a region/location for comparison: lowercase, no spaces (display names); zones and
 * aliases map to the region a registered cloud profile says they stand for.
 */
export function normalizeLocation(value: string): string {
  const v = value.toLowerCase().replace(/\s+/g, '');
  for (const p of cloudProfiles()) {
    const region = p.regionOfLocation?.(v);
    if (region !== undefined) return region;
  }
  return v;
}

/**
 * Finds every location a resource's synthesized attributes mention: the location attributes and
 * key locations of the registered cloud profiles.
 */
export function locationsOf(attributes: any): Array<{ attr: string; location: string }> {
  const found: Array<{ attr: string; location: string }> = [];
  const profiles = cloudProfiles();
  const locationKeys = new Set(profiles.flatMap((p) => p.locationAttributes));
  const walk = (value: any, path: string, depth: number): void => {
    if (value === null || value === undefined || depth > 8) return;
    if (typeof value === 'string') {
      if (Token.isUnresolved(value) || value.includes('${')) {
        // references are checked where the referenced resource is declared
      } else {
        const key = path.split('.').pop() ?? '';
        if (locationKeys.has(key) && value !== '') found.push({ attr: path, location: value });
      }
      for (const p of profiles) {
        for (const location of p.keyLocationsIn?.(value) ?? []) {
          found.push({ attr: path, location });
        }
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1));
      return;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '//' || k === 'lifecycle' || k === 'depends_on' || k === 'provider') continue;
        walk(v, path ? `${path}.${k}` : k, depth + 1);
      }
    }
  };
  walk(attributes, '', 0);
  return found;
}

/** The aspect behind {@link DataResidency.enforce}. */
class ResidencyAspect implements IAspect {
  private readonly allowed: Set<string>;

  constructor(
    private readonly scope: IConstruct,
    allowedRegions: string[],
    private readonly providerTypes?: string[],
  ) {
    this.allowed = new Set(allowedRegions.map(normalizeLocation));
  }

  public visit(node: IConstruct): void {
    if (node !== this.scope) return;
    const v = new Validator(this.scope);
    const allowedText = [...this.allowed].join(', ');
    const check = (where: string, location: string): void => {
      const loc = normalizeLocation(location);
      if (this.allowed.has(loc)) return;
      const hints = cloudProfiles()
        .map((p) => p.residencyHint?.(location))
        .filter((h) => h !== undefined);
      const hint = hints.length > 0 ? ` (${hints.join('; ')})` : '';
      v.add(where, location, `a location in allowedRegions [${allowedText}]${hint}`);
    };
    const stack = TerraformStack.of(this.scope);
    for (const c of stack.node.findAll()) {
      if (
        TerraformProvider.isTerraformProvider(c) &&
        (this.providerTypes === undefined || this.providerTypes.includes(c.terraformResourceType))
      ) {
        const region = (c as any).region;
        if (typeof region === 'string' && !Token.isUnresolved(region)) {
          check(`${c.node.path} (provider ${c.terraformResourceType}).region`, region);
        }
      }
    }
    for (const c of this.scope.node.findAll()) {
      if (!TerraformResource.isTerraformResource(c)) continue;
      const attrs = synthesizedAttributesOf(c);
      for (const { attr, location } of locationsOf(attrs)) {
        check(`${c.node.path}.${attr}`, location);
      }
    }
    v.throwIfInvalid();
  }
}

/** Data residency. */
export class DataResidency {
  /**
   * Fails synth when any provider region in the stack, or any resource region, location, zone
   * or key location (KMS key ARN region, GCP `/locations/X/keyRings`) under `scope` lies outside
   * `allowedRegions`. GCP multi-regions (EU, US, ASIA) and `global` pass only when listed.
   * Comparison ignores case and spaces (Azure display names); zones count as their region. What
   * a location is, per cloud, comes from the cloud profiles loaded with the cloud's constructs.
   * Unresolved tokens are skipped.
   *
   * @param providerTypes the providers whose region counts (e.g. `['aws']`), so that a stack
   *   holding platforms of two clouds checks each against its own list
   * @default - every provider of the stack
   */
  public static enforce(
    scope: IConstruct,
    allowedRegions: string[],
    providerTypes?: string[],
  ): void {
    addAspect(scope, new ResidencyAspect(scope, allowedRegions, providerTypes));
  }
}
