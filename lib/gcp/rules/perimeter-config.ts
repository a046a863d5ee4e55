import { ResourceView } from '../../core/compliance/rule';
import { asList, block, isExpression, isTrue, unknown, Verdict } from '../../core/rules/attributes';

/**
 * The configuration of a perimeter that is in force: `spec` with use_explicit_dry_run_spec (the
 * dry-run configuration), else `status`. An unknown verdict when the switch is an expression.
 */
export function activeConfig(r: ResourceView): { cfg: any; key: string } | Verdict {
  const flag = r.attributes.use_explicit_dry_run_spec;
  if (isExpression(flag)) return unknown(`use_explicit_dry_run_spec is ${flag}`);
  const key = isTrue(flag) ? 'spec' : 'status';
  const cfg = r.attributes[key];
  if (isExpression(cfg)) return unknown(`${key} is ${cfg}`);
  return { cfg: block(cfg), key };
}

/** Every configuration block (status and spec) of a perimeter. */
export function allConfigs(r: ResourceView): any[] {
  return [...asList(r.attributes.status), ...asList(r.attributes.spec)];
}

/** True when a verdict object (not a config) came back. */
export function isVerdict(x: any): x is Verdict {
  return x === undefined || typeof x !== 'object' || !('key' in x);
}
