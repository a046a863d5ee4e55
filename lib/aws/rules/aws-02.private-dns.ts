import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isTrue, isUnknown, readValue } from '../../core/rules/attributes';

/** AWS-02: interface endpoints have private DNS. */
export const aws02PrivateDns = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Interface VPC endpoints have private DNS enabled, so SDK calls resolve to them',
  fixHint: 'Set private_dns_enabled = true on the aws_vpc_endpoint',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r) => {
    const type = readValue(r, 'vpc_endpoint_type');
    if (isUnknown(type)) return type;
    if (type !== 'Interface') return undefined;
    const dns = readValue(r, 'private_dns_enabled');
    if (isUnknown(dns)) return dns;
    return isTrue(dns) || 'private_dns_enabled is not true';
  },
});
