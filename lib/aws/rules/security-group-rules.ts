// The three ways of writing an AWS security group rule in Terraform, read as one list of rules:
// inline `ingress` / `egress` blocks of aws_security_group and aws_default_security_group,
// aws_security_group_rule (`type`), and aws_vpc_security_group_ingress_rule / _egress_rule.
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { isWorldCidr, parseReference, resolve, values } from '../../core/rules/exposure';

/** Direction of a security group rule. */
export type Direction = 'ingress' | 'egress';

/** The resource types that carry security group rules. */
export const SECURITY_GROUP_RULE_TYPES = [
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
];

/** One security group rule, whatever resource wrote it. */
export interface SgRule {
  /** The resource that writes it. */
  readonly resource: ResourceView;
  /** The inline block (`ingress[0]`) when the rule is one; undefined for a rule resource. */
  readonly block?: string;
  readonly protocol: any;
  readonly fromPort: any;
  readonly toPort: any;
  readonly cidrs: any[];
  readonly prefixLists: any[];
  /** The security groups it admits (source or destination). */
  readonly groups: any[];
  /** Whether it admits its own security group (`self`). */
  readonly self: boolean;
}

/** Where a rule is written: the resource's address, then the inline block. */
export function ruleWhere(rule: SgRule): string {
  return rule.block ? `${rule.resource.address} ${rule.block}` : rule.resource.address;
}

const isTrue = (v: any) => v === true || v === 'true';

/**
 * The rules of `direction` one resource writes (inline blocks of a security group, or the rule
 * resource itself); an unknown verdict when that is not known.
 */
export function rulesOf(r: ResourceView, direction: Direction): SgRule[] | Verdict {
  const a = r.attributes;
  switch (r.type) {
    case 'aws_security_group':
    case 'aws_default_security_group': {
      const blocks = a[direction];
      if (isExpression(blocks)) return unknown(`${r.address} ${direction} is ${blocks}`);
      const out: SgRule[] = [];
      for (const [i, b] of asList(blocks).entries()) {
        if (isExpression(b)) return unknown(`${r.address} ${direction}[${i}] is ${b}`);
        if (!b || typeof b !== 'object') continue;
        out.push({
          resource: r,
          block: `${direction}[${i}]`,
          cidrs: [...values(b.cidr_blocks), ...values(b.ipv6_cidr_blocks)],
          prefixLists: values(b.prefix_list_ids),
          protocol: b.protocol,
          fromPort: b.from_port,
          toPort: b.to_port,
          groups: values(b.security_groups),
          self: isTrue(b.self),
        });
      }
      return out;
    }
    case 'aws_security_group_rule': {
      if (isExpression(a.type)) return unknown(`${r.address} type is ${a.type}`);
      if (a.type !== direction) return [];
      return [
        {
          resource: r,
          cidrs: [...values(a.cidr_blocks), ...values(a.ipv6_cidr_blocks)],
          prefixLists: values(a.prefix_list_ids),
          protocol: a.protocol,
          fromPort: a.from_port,
          toPort: a.to_port,
          groups: values(a.source_security_group_id),
          self: isTrue(a.self),
        },
      ];
    }
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule': {
      if (!r.type.endsWith(`_${direction}_rule`)) return [];
      return [
        {
          resource: r,
          cidrs: [...values(a.cidr_ipv4), ...values(a.cidr_ipv6)],
          prefixLists: values(a.prefix_list_id),
          protocol: a.ip_protocol,
          fromPort: a.from_port,
          toPort: a.to_port,
          groups: values(a.referenced_security_group_id),
          self: false,
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * The rules of `direction` of a security group of the stack: its inline blocks and the rule
 * resources that name it (`security_group_id`).
 */
export function groupRules(
  stack: StackView,
  sg: ResourceView,
  direction: Direction,
): SgRule[] | Verdict {
  const out: SgRule[] = [];
  const writers = [
    sg,
    ...stack.referencing('aws_security_group_rule', 'security_group_id', sg),
    ...stack.referencing(`aws_vpc_security_group_${direction}_rule`, 'security_group_id', sg),
  ];
  for (const w of writers) {
    const rules = rulesOf(w, direction);
    if (!Array.isArray(rules)) return rules;
    out.push(...rules);
  }
  return out;
}

// Sizes AWS enforces on VPC and subnet CIDR blocks (/16 to /28 for IPv4, /44 to /64 for IPv6):
// a reference to one of these attributes is never the whole internet.
const BOUNDED_CIDR_ATTRIBUTES: { [type: string]: string[] } = {
  aws_vpc: ['cidr_block', 'ipv6_cidr_block'],
  aws_subnet: ['cidr_block', 'ipv6_cidr_block'],
  aws_vpc_ipv4_cidr_block_association: ['cidr_block'],
  aws_vpc_ipv6_cidr_block_association: ['ipv6_cidr_block'],
};

/** Whether one CIDR value is the world: true, false or unknown. */
function cidrIsWorld(value: any, stack: StackView): boolean | Verdict {
  const res = resolve(value, stack);
  if (res.known) {
    if (isExpression(res.value)) return unknown(`CIDR is ${value}`);
    return values(res.value).some(isWorldCidr);
  }
  const ref = res.reference;
  if (
    ref &&
    (ref.kind === 'resource' || ref.kind === 'data') &&
    (BOUNDED_CIDR_ATTRIBUTES[ref.type!] ?? []).includes(ref.path ?? '')
  ) {
    return false;
  }
  return unknown(`CIDR is ${value}`);
}

/**
 * Whether a prefix list holds a world entry. Only customer-managed prefix lists declared in the
 * same stack (aws_ec2_managed_prefix_list with its `entry` blocks, or
 * aws_ec2_managed_prefix_list_entry resources) are read; any other prefix list (AWS-managed
 * service lists such as the S3 gateway endpoint's) is not an internet range.
 */
function prefixListIsWorld(value: any, stack: StackView): boolean | Verdict {
  const ref = parseReference(value);
  if (!ref || ref.kind !== 'resource' || ref.type !== 'aws_ec2_managed_prefix_list') return false;
  const list = stack.resource(`aws_ec2_managed_prefix_list.${ref.name}`);
  if (!list) return false;
  const cidrs = [
    ...asList(list.attributes.entry).map((e) => e?.cidr),
    ...stack
      .referencing('aws_ec2_managed_prefix_list_entry', 'prefix_list_id', list)
      .map((e) => e.attributes.cidr),
  ];
  const verdicts = cidrs.map((c) => cidrIsWorld(c, stack));
  if (verdicts.some((v) => v === true)) return true;
  const u = verdicts.find((v) => v !== false);
  return u === undefined ? false : u;
}

function ports(rule: SgRule): string {
  const proto = String(rule.protocol ?? 'tcp');
  if (proto === '-1' || proto.toLowerCase() === 'all') return 'all traffic';
  if (rule.fromPort === undefined && rule.toPort === undefined) return proto;
  return rule.fromPort === rule.toPort
    ? `${proto} ${rule.fromPort}`
    : `${proto} ${rule.fromPort}-${rule.toPort}`;
}

/** True when the rule's port range covers 22 (SSH) or 3389 (RDP), the CIS "admin ports". */
function coversAdminPort(rule: SgRule): boolean {
  const proto = String(rule.protocol ?? '');
  if (proto === '-1' || proto.toLowerCase() === 'all') return true;
  const from = Number(rule.fromPort);
  const to = Number(rule.toPort);
  if (Number.isNaN(from) || Number.isNaN(to)) return false;
  return [22, 3389].some((p) => from <= p && p <= to);
}

/**
 * Verdict of one resource for one direction: a string naming each rule open to 0.0.0.0/0 or
 * ::/0 (directly or through a prefix list of this stack), unknown when an address is an
 * unresolved expression, true when none is, undefined when the resource has no such rule.
 */
export function worldOpenVerdict(r: ResourceView, stack: StackView, direction: Direction): Verdict {
  const rules = rulesOf(r, direction);
  if (!Array.isArray(rules)) return rules;
  if (rules.length === 0) return r.type.endsWith('security_group') ? true : undefined;
  const verdicts: Verdict[] = rules.map((rule) => {
    const open: string[] = [];
    const others: Verdict[] = [];
    for (const c of rule.cidrs) {
      const v = cidrIsWorld(c, stack);
      if (v === true) open.push(String(resolve(c, stack).value ?? c).trim());
      else others.push(v === false ? true : v);
    }
    for (const p of rule.prefixLists) {
      const v = prefixListIsWorld(p, stack);
      if (v === true) open.push(`prefix list ${p}`);
      else others.push(v === false ? true : v);
    }
    if (open.length > 0) {
      const where = direction === 'ingress' ? 'from' : 'to';
      const admin = direction === 'ingress' && coversAdminPort(rule) ? ' (includes SSH/RDP)' : '';
      const prefix = rule.block ? `${rule.block}: ` : '';
      return `${prefix}${direction} ${where} ${open.join(', ')} on ${ports(rule)}${admin}`;
    }
    return allOf(others) ?? true;
  });
  return allOf(verdicts);
}
