import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

/** AWS-02: interface endpoints have private DNS. */
export const aws02PrivateDns = defineRule({
  id: 'AWS-02.private-dns',
  level: RuleLevel.ERROR,
  description: 'Interface VPC endpoints have private DNS enabled, so SDK calls resolve to them',
  fixHint: 'Set private_dns_enabled = true on the aws_vpc_endpoint',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r) => {
    if (r.attributes.vpc_endpoint_type !== 'Interface') return undefined;
    return r.attributes.private_dns_enabled === true || 'private_dns_enabled is not true';
  },
});
