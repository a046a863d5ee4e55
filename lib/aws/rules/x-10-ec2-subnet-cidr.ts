import { cidrContains, cidrsOverlap, parseCidrOrUndefined } from '../../core/cidr';
import { defineRule } from '../../core/compliance/define-rule';
import { RuleCategory, RuleLevel } from '../../core/compliance/rule';
import { isUnknown, read, referenced } from './util';

/**
 * A subnet's CIDR lies inside its VPC's CIDR, between /16 and /28, and does not overlap another
 * subnet of the VPC. The provider only checks that `cidr_block` is a CIDR; CreateSubnet fails
 * with InvalidSubnet.Range or InvalidSubnet.Conflict.
 */
export const x10Ec2SubnetCidr = defineRule({
  id: 'X-10.ec2-subnet-cidr',
  level: RuleLevel.ERROR,
  category: RuleCategory.APPLY,
  source:
    'Amazon VPC User Guide, subnet sizing (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html): the subnet CIDR is a subset of the VPC CIDR, between /28 and /16, and does not overlap other subnets; EC2 API CreateSubnet errors InvalidSubnet.Range / InvalidSubnet.Conflict; terraform-provider-aws internal/service/ec2/vpc_subnet.go validates cidr_block with verify.ValidIPv4CIDRNetworkAddress only',
  description:
    'Subnet CIDRs are /16 to /28, inside the CIDR of their VPC and do not overlap another subnet of the VPC',
  fixHint: 'Choose a subnet CIDR inside the VPC CIDR that no other subnet of the VPC uses',
  resourceTypes: ['aws_subnet'],
  check: (r, stack) => {
    const cidr = read(r, 'cidr_block');
    if (isUnknown(cidr)) return cidr;
    if (typeof cidr !== 'string') return undefined;
    const parsed = parseCidrOrUndefined(cidr);
    if (!parsed) return `cidr_block ${cidr} is not an IPv4 CIDR`;
    if (parsed.prefix < 16 || parsed.prefix > 28) return `cidr_block ${cidr} is not /16 to /28`;
    const vpc = referenced(stack, r.attributes.vpc_id, 'aws_vpc');
    if (!vpc) return true;
    const vpcCidr = read(vpc, 'cidr_block');
    if (isUnknown(vpcCidr)) return vpcCidr;
    if (
      typeof vpcCidr === 'string' &&
      parseCidrOrUndefined(vpcCidr) &&
      !cidrContains(vpcCidr, cidr)
    )
      return `cidr_block ${cidr} is outside the VPC CIDR ${vpcCidr}`;
    const siblings = stack
      .resources('aws_subnet')
      .filter(
        (s) => s.address !== r.address && referenced(stack, s.attributes.vpc_id, 'aws_vpc') === vpc,
      )
      .map((s) => s.attributes.cidr_block)
      .filter((c) => typeof c === 'string' && parseCidrOrUndefined(c));
    const clash = siblings.find((c) => cidrsOverlap(c, cidr));
    return clash === undefined || `cidr_block ${cidr} overlaps ${clash} of another subnet`;
  },
});
