import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { expectValue, isExpression, isTrue, unknown } from '../../core/compliance/tf';

/** AWS-02: interface endpoints have private DNS. */
export const aws02PrivateDns = defineRule({
  id: 'AWS-02.private-dns',
  level: RuleLevel.ERROR,
  description: 'Interface VPC endpoints have private DNS enabled, so SDK calls resolve to them',
  fixHint: 'Set private_dns_enabled = true on the aws_vpc_endpoint',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r) => {
    const type = r.attributes.vpc_endpoint_type;
    if (isExpression(type)) return unknown(`vpc_endpoint_type is ${type}`);
    if (type !== 'Interface') return undefined;
    return expectValue(r, 'private_dns_enabled', isTrue, () => 'private_dns_enabled is not true');
  },
});
