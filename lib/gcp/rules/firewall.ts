// Which firewall rules open ingress.
import { ResourceView } from '../../core/compliance/rule';
import { asList, isExpression, isTrue, unknown, UnknownVerdict } from '../../core/rules/attributes';

/**
 * True when a `google_compute_firewall` allows ingress (an enabled INGRESS rule with allow
 * blocks); an UnknownVerdict when its direction, disabled flag or allow blocks are expressions.
 */
export function opensIngress(r: ResourceView): boolean | UnknownVerdict {
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
