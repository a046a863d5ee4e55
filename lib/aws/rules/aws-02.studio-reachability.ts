import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import {
  allOf,
  asList,
  isExpression,
  isUnknown,
  readValue,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';
import { groupRules, ruleWhere, SgRule } from './security-group-rules';
import { cidrContains, parseCidrOrUndefined } from '../../core/cidr';

/** Whether a rule admits TCP 443: true, false or unknown. */
function covers443(rule: SgRule): boolean | Verdict {
  const values = [rule.protocol, rule.fromPort, rule.toPort];
  const expr = values.find((v) => isExpression(v));
  if (expr !== undefined) return unknown(`${ruleWhere(rule)} protocol or ports are ${expr}`);
  const proto = String(rule.protocol ?? '').toLowerCase();
  if (proto === '-1' || proto === 'all') return true;
  if (proto !== 'tcp' && proto !== '6') return false;
  return Number(rule.fromPort) <= 443 && 443 <= Number(rule.toPort);
}

/** Whether IPv4 CIDR `outer` contains `inner`; false when either is not an IPv4 CIDR. */
function contains(outer: string, inner: string): boolean {
  return (
    parseCidrOrUndefined(outer) !== undefined &&
    parseCidrOrUndefined(inner) !== undefined &&
    cidrContains(outer, inner)
  );
}

/** Where the traffic goes to (egress) or comes from (ingress): groups of the stack and subnets. */
interface Peer {
  readonly groups: ResourceView[];
  /** Literal CIDRs of the peer's subnets (or of its VPC), or an unknown verdict. */
  readonly cidrs: string[] | Verdict;
  /** The VPC of the peer, when it is a resource of the stack. */
  readonly vpc?: ResourceView;
}

/** Whether a rule admits a peer (by group, own group, or a CIDR covering the peer's subnets). */
function admits(stack: StackView, rule: SgRule, peer: Peer): boolean | Verdict {
  const verdicts: Verdict[] = [];
  for (const g of rule.groups) {
    if (peer.groups.some((p) => StackView.refersTo(g, p))) return true;
    if (isExpression(g) && stack.targetsOf(g, 'aws_security_group').length === 0)
      verdicts.push(unknown(`${ruleWhere(rule)} admits ${g}`));
  }
  if (rule.self) {
    const owner =
      rule.resource.type === 'aws_security_group'
        ? rule.resource
        : referenced(stack, rule.resource.attributes.security_group_id, 'aws_security_group');
    if (owner && peer.groups.includes(owner)) return true;
  }
  for (const c of rule.cidrs) {
    if (typeof c !== 'string') continue;
    if (isExpression(c)) {
      if (peer.vpc && StackView.refersTo(c, peer.vpc) && /\.cidr_block\}$/.test(c)) return true;
      verdicts.push(unknown(`${ruleWhere(rule)} admits ${c}`));
      continue;
    }
    if (c === '0.0.0.0/0') return true;
    if (isUnknown(peer.cidrs)) verdicts.push(peer.cidrs);
    else if (
      Array.isArray(peer.cidrs) &&
      peer.cidrs.length > 0 &&
      peer.cidrs.every((x) => contains(c, x))
    )
      return true;
  }
  for (const p of rule.prefixLists) {
    // AWS-managed service prefix lists (the S3 gateway's) hold no VPC addresses; a customer
    // managed list may
    if (stack.targetsOf(p, 'aws_ec2_managed_prefix_list').length > 0)
      verdicts.push(unknown(`${ruleWhere(rule)} admits the prefix list ${p}`));
  }
  return verdicts.find((v) => isUnknown(v)) ?? false;
}

/** The CIDRs of some subnets (literal), else of the VPC, else unknown. */
function subnetCidrs(
  stack: StackView,
  subnetIds: any,
  vpc: ResourceView | undefined,
): string[] | Verdict {
  const subnets = asList(subnetIds).map((s) => referenced(stack, s, 'aws_subnet'));
  const cidrs = subnets.map((s) => s?.attributes.cidr_block);
  if (cidrs.length > 0 && cidrs.every((c) => typeof c === 'string' && !isExpression(c)))
    return cidrs;
  const vpcCidr = vpc?.attributes.cidr_block;
  if (typeof vpcCidr === 'string' && !isExpression(vpcCidr)) return [vpcCidr];
  return unknown('the subnets CIDRs are not known');
}

/** Security groups of the stack named by a list attribute; unknown when one is not in the stack. */
function groupsOf(stack: StackView, value: any, label: string): ResourceView[] | Verdict {
  if (isExpression(value)) return unknown(`${label} is ${value}`);
  const out: ResourceView[] = [];
  for (const v of asList(value)) {
    const sg = referenced(stack, v, 'aws_security_group');
    if (!sg) return unknown(`${label} holds ${String(v)}, not a security group of the stack`);
    out.push(sg);
  }
  return out;
}

/** The verdict on the Studio security groups `groups` of a VpcOnly domain. */
function judge(
  stack: StackView,
  domain: ResourceView,
  groups: ResourceView[],
  label: string,
): Verdict {
  const egress: SgRule[] = [];
  for (const sg of groups) {
    const rules = groupRules(stack, sg, 'egress');
    if (!Array.isArray(rules)) return rules;
    egress.push(...rules);
  }
  const https = egress.map((r) => ({ r, v: covers443(r) }));
  if (!https.some((x) => x.v !== false))
    return `${label}: no egress on TCP 443, so Studio reaches neither the VPC endpoints nor any AWS API`;
  const vpc = referenced(stack, domain.attributes.vpc_id, 'aws_vpc');
  const endpoints = stack
    .resources('aws_vpc_endpoint')
    .filter(
      (e) =>
        e.attributes.vpc_endpoint_type === 'Interface' &&
        e.attributes.vpc_id !== undefined &&
        e.attributes.vpc_id === domain.attributes.vpc_id,
    );
  if (endpoints.length === 0) {
    // the endpoints live in another stack: only the 443 egress can be judged here
    const u = https.find((x) => isUnknown(x.v));
    return https.some((x) => x.v === true) || (u?.v as Verdict);
  }
  const domainPeer: Peer = {
    groups,
    cidrs: subnetCidrs(stack, domain.attributes.subnet_ids, vpc),
    vpc,
  };
  const verdicts: Verdict[] = [];
  const seen = new Map<string, Verdict>();
  for (const e of endpoints) {
    const epGroups = groupsOf(
      stack,
      e.attributes.security_group_ids,
      `${e.address} security_group_ids`,
    );
    if (isUnknown(epGroups)) {
      verdicts.push(epGroups);
      continue;
    }
    if (!Array.isArray(epGroups) || epGroups.length === 0) {
      verdicts.push(unknown(`${e.address} uses the VPC's default security group`));
      continue;
    }
    const key = JSON.stringify([epGroups.map((g) => g.address), e.attributes.subnet_ids]);
    if (!seen.has(key)) seen.set(key, reach(stack, https, epGroups, e, vpc, domainPeer, label));
    const v = seen.get(key);
    verdicts.push(typeof v === 'string' ? `${v} (${String(e.attributes.service_name)})` : v);
  }
  return allOf(verdicts);
}

function reach(
  stack: StackView,
  https: { r: SgRule; v: boolean | Verdict }[],
  epGroups: ResourceView[],
  endpoint: ResourceView,
  vpc: ResourceView | undefined,
  domainPeer: Peer,
  label: string,
): Verdict {
  const epPeer: Peer = {
    groups: epGroups,
    cidrs: subnetCidrs(stack, endpoint.attributes.subnet_ids, vpc),
    vpc,
  };
  const out = https
    .filter((x) => x.v !== false)
    .map((x) => (isUnknown(x.v) ? x.v : admits(stack, x.r, epPeer)));
  const problems: string[] = [];
  const unknowns: Verdict[] = [];
  if (!out.includes(true)) {
    const u = out.find((v) => isUnknown(v));
    if (u) unknowns.push(u);
    else
      problems.push(
        `${label} allow no TCP 443 egress to ${epGroups.map((g) => g.address).join(', ')}`,
      );
  }
  const ingress: SgRule[] = [];
  for (const g of epGroups) {
    const rules = groupRules(stack, g, 'ingress');
    if (!Array.isArray(rules)) return rules;
    ingress.push(...rules);
  }
  const inVerdicts = ingress.map((r) => {
    const c = covers443(r);
    return c === true ? admits(stack, r, domainPeer) : c;
  });
  if (!inVerdicts.includes(true)) {
    const u = inVerdicts.find((v) => isUnknown(v));
    if (u) unknowns.push(u);
    else
      problems.push(
        `${epGroups.map((g) => g.address).join(', ')} admit no TCP 443 ingress from ${label} or the domain's subnets`,
      );
  }
  if (problems.length > 0) return problems.join('; ');
  return unknowns.length > 0 ? unknowns[0] : true;
}

/** The domain a profile belongs to, when it is a resource of the stack. */
function domainOf(stack: StackView, r: ResourceView): ResourceView | undefined {
  return r.type === 'aws_sagemaker_domain'
    ? r
    : referenced(stack, r.attributes.domain_id, 'aws_sagemaker_domain');
}

/**
 * AWS-02 (reachability): in a VpcOnly domain, the Studio security groups (the domain's default
 * user and space settings, and each user profile's own) allow TCP 443 egress to the interface
 * endpoints of the stack, and the endpoints' security groups allow TCP 443 ingress from them.
 * Inline rules, aws_security_group_rule and aws_vpc_security_group_*_rule are read; rules of
 * several groups on one interface add up. Endpoints in another stack: only the 443 egress is
 * judged.
 */
export const aws02StudioReachability = defineRule(__filename, {
  level: RuleLevel.ERROR,
  source:
    'SageMaker Developer Guide, connect Studio in a VPC to external resources (https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-and-internet-access.html): in VpcOnly mode Studio runs only with interface endpoints (or NAT) and security groups that allow the outbound connections; PrivateLink Guide, interface endpoints (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html): the endpoint security group must allow HTTPS (443) from the clients',
  description:
    'In VpcOnly domains the Studio security groups allow TCP 443 egress to the interface endpoints and the endpoint security groups allow TCP 443 ingress from them',
  fixHint:
    'Add an egress rule TCP 443 from the Studio security group to the endpoint security group (or the VPC CIDR), and an ingress rule TCP 443 on the endpoint security group from the Studio security group',
  resourceTypes: ['aws_sagemaker_domain', 'aws_sagemaker_user_profile'],
  check: (r, stack) => {
    const domain = domainOf(stack, r);
    if (!domain) return undefined;
    const access = readValue(domain, 'app_network_access_type');
    if (isUnknown(access)) return access;
    if (access !== 'VpcOnly') return undefined;
    const sets: [string, any][] =
      r.type === 'aws_sagemaker_domain'
        ? [
            [
              'default_user_settings.security_groups',
              readValue(r, 'default_user_settings.security_groups'),
            ],
            [
              'default_space_settings.security_groups',
              readValue(r, 'default_space_settings.security_groups'),
            ],
          ]
        : [['user_settings.security_groups', readValue(r, 'user_settings.security_groups')]];
    const verdicts: Verdict[] = [];
    for (const [label, value] of sets) {
      if (isUnknown(value)) {
        verdicts.push(value);
        continue;
      }
      if (value === undefined || asList(value).length === 0) continue;
      const groups = groupsOf(stack, value, label);
      if (!Array.isArray(groups)) {
        verdicts.push(groups);
        continue;
      }
      verdicts.push(judge(stack, domain, groups, `the groups of ${label}`));
    }
    if (r.type === 'aws_sagemaker_domain' && verdicts.length === 0)
      return 'a VpcOnly domain without security groups in default_user_settings';
    return allOf(verdicts);
  },
});
