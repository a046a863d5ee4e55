import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { SECURITY_GROUP_RULE_TYPES, worldOpenVerdict } from './security-group-rules';

/**
 * X-05 (any stack): security groups send no traffic to the whole internet.
 *
 * A WARNING, not an error: no benchmark item forbids open egress, and many stacks need it
 * (package mirrors through a NAT gateway). It is still the path data leaves by, so it is
 * reported; the platform constructs only emit egress to VPC endpoints, the S3 prefix list and
 * the VPC CIDR.
 */
export const x05SgEgress = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description: 'Security groups send no egress to 0.0.0.0/0 or ::/0',
  fixHint:
    'Send egress to VPC endpoints (their security group), the S3 gateway prefix list or internal CIDRs; route the rest through a proxy or firewall with an allow-list',
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  source:
    'AWS Well-Architected Framework, Security Pillar SEC05-BP02 (control traffic flow within your network layers); no CIS AWS Foundations item covers egress',
  check: (r, stack) => worldOpenVerdict(r, stack, 'egress'),
});
