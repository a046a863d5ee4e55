import { cidrContains, parseCidrOrUndefined } from '../../core/cidr';
import { defineApplyRule } from '../../core/compliance/define-rule';
import { StackView } from '../../core/compliance/stack-view';
import { isUnknown, readValue } from '../../core/rules/attributes';
import { perStack, referenced } from '../../core/rules/references';

/**
 * For every subnet whose literal CIDR overlaps another literal subnet CIDR of the same VPC, one
 * CIDR it overlaps, by subnet address. Two CIDR blocks overlap only when one contains the other,
 * so one sweep over the blocks sorted by start (larger first) finds every overlap: a block
 * overlaps the innermost still-open block, and a block with any block inside it is overlapped by
 * the first of them. Built once per stack: O(n log n) in the subnets.
 */
function overlapsByVpc(stack: StackView): Map<string, string> {
  return perStack(stack, 'X-10.ec2-subnet-cidr.overlaps', () => {
    const byVpc = new Map<
      string,
      Array<{ address: string; cidr: string; start: number; end: number; prefix: number }>
    >();
    for (const s of stack.resources('aws_subnet')) {
      const vpc = referenced(stack, s.attributes.vpc_id, 'aws_vpc');
      const cidr = s.attributes.cidr_block;
      const parsed = vpc && typeof cidr === 'string' ? parseCidrOrUndefined(cidr) : undefined;
      if (!vpc || !parsed) continue;
      let list = byVpc.get(vpc.address);
      if (!list) byVpc.set(vpc.address, (list = []));
      list.push({
        address: s.address,
        cidr,
        start: parsed.network,
        end: parsed.network + parsed.size,
        prefix: parsed.prefix,
      });
    }
    const clash = new Map<string, string>();
    for (const blocks of byVpc.values()) {
      blocks.sort((a, b) => a.start - b.start || a.prefix - b.prefix);
      const open: typeof blocks = [];
      for (const b of blocks) {
        while (open.length > 0 && open[open.length - 1].end <= b.start) open.pop();
        const outer = open[open.length - 1];
        if (outer) {
          if (!clash.has(b.address)) clash.set(b.address, outer.cidr);
          if (!clash.has(outer.address)) clash.set(outer.address, b.cidr);
        }
        open.push(b);
      }
    }
    return clash;
  });
}

/**
 * A subnet's CIDR lies inside its VPC's CIDR, between /16 and /28, and does not overlap another
 * subnet of the VPC. The provider only checks that `cidr_block` is a CIDR; CreateSubnet fails
 * with InvalidSubnet.Range or InvalidSubnet.Conflict.
 */
export const x10Ec2SubnetCidr = defineApplyRule(__filename, {
  source:
    'Amazon VPC User Guide, subnet sizing (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html): the subnet CIDR is a subset of the VPC CIDR, between /28 and /16, and does not overlap other subnets; EC2 API CreateSubnet errors InvalidSubnet.Range / InvalidSubnet.Conflict; terraform-provider-aws internal/service/ec2/vpc_subnet.go validates cidr_block with verify.ValidIPv4CIDRNetworkAddress only',
  description:
    'Subnet CIDRs are /16 to /28, inside the CIDR of their VPC and do not overlap another subnet of the VPC',
  fixHint: 'Choose a subnet CIDR inside the VPC CIDR that no other subnet of the VPC uses',
  resourceTypes: ['aws_subnet'],
  check: (r, stack) => {
    const cidr = readValue(r, 'cidr_block');
    if (isUnknown(cidr)) return cidr;
    if (typeof cidr !== 'string') return undefined;
    const parsed = parseCidrOrUndefined(cidr);
    if (!parsed) return `cidr_block ${cidr} is not an IPv4 CIDR`;
    if (parsed.prefix < 16 || parsed.prefix > 28) return `cidr_block ${cidr} is not /16 to /28`;
    const vpc = referenced(stack, r.attributes.vpc_id, 'aws_vpc');
    if (!vpc) return true;
    const vpcCidr = readValue(vpc, 'cidr_block');
    if (isUnknown(vpcCidr)) return vpcCidr;
    if (
      typeof vpcCidr === 'string' &&
      parseCidrOrUndefined(vpcCidr) &&
      !cidrContains(vpcCidr, cidr)
    )
      return `cidr_block ${cidr} is outside the VPC CIDR ${vpcCidr}`;
    const clash = overlapsByVpc(stack).get(r.address);
    return clash === undefined || `cidr_block ${cidr} overlaps ${clash} of another subnet`;
  },
});
