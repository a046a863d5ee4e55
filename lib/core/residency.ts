import { IConstruct } from 'constructs';
import {
  Aspects,
  IAspect,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
} from 'cdktf';
import { Validator } from './errors';
import { isGcpMultiRegion, normalizeAzureLocation } from './validate';

const KMS_ARN = /arn:aws[a-z-]*:kms:([a-z0-9-]+):/g;
const GCP_KEY = /\/locations\/([A-Za-z0-9-]+)\/keyRings\//g;
const AWS_AZ = /^([a-z]{2}(-gov|-iso|-isob)?-[a-z]+-\d{1,2})[a-z]$/;
const GCP_ZONE = /^([a-z]+-[a-z]+\d{1,2})-[a-z]$/;

/** Normalizes a region/location for comparison: lowercase, no spaces; zones map to their region. */
export function normalizeLocation(value: string): string {
  const v = normalizeAzureLocation(value);
  const aws = AWS_AZ.exec(v);
  if (aws) return aws[1];
  const gcp = GCP_ZONE.exec(v);
  if (gcp) return gcp[1];
  return v;
}

/** Finds every location a resource's synthesized attributes mention. */
export function locationsOf(attributes: any): Array<{ attr: string; location: string }> {
  const found: Array<{ attr: string; location: string }> = [];
  const walk = (value: any, path: string, depth: number): void => {
    if (value === null || value === undefined || depth > 8) return;
    if (typeof value === 'string') {
      if (Token.isUnresolved(value) || value.includes('${')) {
        // references are checked where the referenced resource is declared
      } else {
        const key = path.split('.').pop() ?? '';
        if (
          ['region', 'location', 'zone', 'availability_zone', 'gce_zone'].includes(key) &&
          value !== ''
        ) {
          found.push({ attr: path, location: value });
        }
      }
      for (const re of [KMS_ARN, GCP_KEY]) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(value)) !== null) found.push({ attr: path, location: m[1] });
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
      const hint = isGcpMultiRegion(location)
        ? ' (multi-regions count only when listed explicitly)'
        : '';
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
      const attrs = (c as any).synthesizeAttributes?.() ?? {};
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
   * Comparison ignores case and spaces (Azure display names); zones count as their region.
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
    Aspects.of(scope).add(new ResidencyAspect(scope, allowedRegions, providerTypes));
  }
}
