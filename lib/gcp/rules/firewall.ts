// Which firewall rules open ingress.
import { ResourceView } from '../../core/compliance/rule';
import {
  asList,
  isExpression,
  isTrue,
  isUnknown,
  unknown,
  UnknownVerdict,
  Verdict,
} from '../../core/rules/attributes';

/**
 * True when a `google_compute_firewall` allows ingress (an enabled INGRESS rule with allow
 * blocks); an UnknownVerdict when its direction, disabled flag or allow blocks are expressions.
 */
function opensIngress(r: ResourceView): boolean | UnknownVerdict {
  const a = r.attributes;
  for (const [k, v] of Object.entries({
    direction: a.direction,
    disabled: a.disabled,
    allow: a.allow,
  }))
    if (isExpression(v)) return unknown(`${k} is ${v}`);
  return (
    (a.direction ?? 'INGRESS') === 'INGRESS' && asList(a.allow).length > 0 && !isTrue(a.disabled)
  );
}

/**
 * A `google_compute_firewall` check for the rules that open ingress (see {@link opensIngress}):
 * not applicable to the others, UNKNOWN when that depends on an expression.
 */
export function ingressRuleCheck(
  check: (r: ResourceView) => Verdict,
): (r: ResourceView) => Verdict {
  return (r) => {
    const opens = opensIngress(r);
    if (isUnknown(opens)) return opens;
    return opens ? check(r) : undefined;
  };
}
