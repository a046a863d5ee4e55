import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { isWorldCidr, resolve, values } from '../../core/rules/exposure';

/** Source prefixes meaning "anyone": the `*` / Any wildcard, the Internet service tag, any /0. */
function isAnySource(value: any): boolean {
  const s = String(value).trim();
  return ['*', 'any', 'internet'].includes(s.toLowerCase()) || isWorldCidr(s);
}

function resolvedString(v: any, stack: StackView): { known: boolean; value?: any } {
  const res = resolve(v, stack);
  return res.known && !isExpression(res.value) ? res : { known: false };
}

/** Verdict of one security rule (inline block or azurerm_network_security_rule). */
function ruleVerdict(rule: any, label: string, stack: StackView): Verdict {
  if (isExpression(rule)) return unknown(`${label} is ${rule}`);
  if (!rule || typeof rule !== 'object') return true;
  const direction = resolvedString(rule.direction, stack);
  const access = resolvedString(rule.access, stack);
  if (!direction.known) return unknown(`${label} direction is ${rule.direction}`);
  if (!access.known) return unknown(`${label} access is ${rule.access}`);
  if (String(direction.value).toLowerCase() !== 'inbound') return true;
  if (String(access.value).toLowerCase() !== 'allow') return true;
  const sources = [
    ...values(rule.source_address_prefix),
    ...(isExpression(rule.source_address_prefixes)
      ? [rule.source_address_prefixes]
      : values(rule.source_address_prefixes)),
  ];
  const open: string[] = [];
  const unknowns: Verdict[] = [];
  for (const s of sources) {
    const res = resolve(s, stack);
    if (!res.known) {
      unknowns.push(unknown(`${label} source is ${s}`));
      continue;
    }
    for (const v of values(res.value)) {
      if (isExpression(v)) unknowns.push(unknown(`${label} source is ${v}`));
      else if (isAnySource(v)) open.push(String(v));
    }
  }
  if (open.length > 0) {
    const portList = [
      ...values(rule.destination_port_range),
      ...values(rule.destination_port_ranges),
    ].join(', ');
    const prefix = label === 'rule' ? '' : `${label} `;
    return `${prefix}${rule.name ? `'${rule.name}' ` : ''}allows inbound ${rule.protocol ?? '*'} ${portList || '*'} from ${open.join(', ')}`;
  }
  return allOf(unknowns) ?? true;
}

/**
 * X-05 (any stack): no network security group rule allows inbound traffic from anyone: source
 * `*` (Any), the `Internet` service tag, or any /0 prefix, in the inline `security_rule` blocks
 * of azurerm_network_security_group or in azurerm_network_security_rule, through
 * source_address_prefix or source_address_prefixes.
 */
export const x05NsgInbound = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Network security groups allow no inbound traffic from *, Any, Internet, 0.0.0.0/0 or ::/0',
  fixHint:
    'Allow inbound from VirtualNetwork, named address prefixes or application security groups; reach VMs through Azure Bastion or a private endpoint; suppress with a reason for an intentionally public front end',
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  source:
    'CIS Microsoft Azure Foundations Benchmark v3.0.0 7.1 (RDP), 7.2 (SSH), 7.3 (UDP), 7.4 (HTTP(S)) access from the Internet is evaluated and restricted',
  check: (r, stack) => {
    if (r.type === 'azurerm_network_security_rule') return ruleVerdict(r.attributes, 'rule', stack);
    const rules = r.attributes.security_rule;
    if (isExpression(rules)) return unknown(`security_rule is ${rules}`);
    return allOf(asList(rules).map((x, i) => ruleVerdict(x, `security_rule[${i}]`, stack))) ?? true;
  },
});
