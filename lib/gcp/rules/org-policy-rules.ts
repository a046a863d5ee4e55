import { ResourceView } from '../../core/compliance/rule';
import { asList, block, isExpression, unknown, Verdict } from '../../core/rules/attributes';

/** The constraint of an org policy (from its name), or a verdict when it cannot be known. */
export function constraintOf(r: ResourceView): string | undefined | Verdict {
  const name = r.attributes.name;
  if (typeof name !== 'string') return undefined;
  const constraint = name.split('/policies/')[1];
  if (constraint === undefined) return isExpression(name) ? unknown(`name is ${name}`) : undefined;
  return isExpression(constraint) ? unknown(`constraint is ${constraint}`) : constraint;
}

/** The rules of a policy's spec (or dry_run_spec), or a verdict when they are expressions. */
export function rulesOf(r: ResourceView): any[] | Verdict {
  const out: any[] = [];
  for (const key of ['spec', 'dry_run_spec']) {
    const spec = r.attributes[key];
    if (isExpression(spec)) return unknown(`${key} is ${spec}`);
    const rules = block(spec)?.rules;
    if (isExpression(rules)) return unknown(`${key}.rules is ${rules}`);
    for (const x of asList(rules)) {
      if (isExpression(x)) return unknown(`${key}.rules holds ${x}`);
      out.push(x);
    }
  }
  return out;
}
