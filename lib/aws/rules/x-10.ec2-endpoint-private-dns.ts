import { defineApplyRule } from '../../core/compliance/define-rule';
import { isFalse, isTrue, isUnknown, readValue } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';

/**
 * An interface endpoint with private DNS needs a VPC with DNS support and DNS hostnames.
 * `aws_vpc` leaves `enable_dns_hostnames` false by default; CreateVpcEndpoint then fails.
 */
export const x10Ec2EndpointPrivateDns = defineApplyRule(__filename, {
  source:
    'AWS PrivateLink Guide, DNS hostnames (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns): private DNS needs the VPC attributes enableDnsHostnames and enableDnsSupport set to true; terraform-provider-aws website/docs/r/vpc.html.markdown: enable_dns_hostnames defaults to false',
  description:
    'Interface endpoints with private DNS are in a VPC with enable_dns_support and enable_dns_hostnames',
  fixHint: 'Set enable_dns_hostnames = true (and keep enable_dns_support true) on the aws_vpc',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r, stack) => {
    const type = readValue(r, 'vpc_endpoint_type');
    const dns = readValue(r, 'private_dns_enabled');
    if (isUnknown(type)) return type;
    if (type !== 'Interface') return undefined;
    if (isUnknown(dns)) return dns;
    if (!isTrue(dns)) return undefined;
    const vpc = referenced(stack, r.attributes.vpc_id, 'aws_vpc');
    if (!vpc) return undefined;
    const hostnames = readValue(vpc, 'enable_dns_hostnames');
    const support = readValue(vpc, 'enable_dns_support');
    if (isUnknown(hostnames)) return hostnames;
    if (isUnknown(support)) return support;
    if (isFalse(support)) return `${vpc.address} has enable_dns_support = false`;
    return isTrue(hostnames) || `${vpc.address} does not set enable_dns_hostnames = true`;
  },
});
