import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { SECURITY_GROUP_RULE_TYPES, worldOpenVerdict } from './security-group-rules';

/**
 * X-05 (any stack): no security group admits traffic from the whole internet, whichever of the
 * three ways the rule is written (inline `ingress` blocks, aws_security_group_rule,
 * aws_vpc_security_group_ingress_rule), directly or through a prefix list of the stack.
 *
 * ERROR on every port, not only the remote administration ports of CIS 5.2/5.3: a workload that
 * must be public (a load balancer) takes a suppression with its reason.
 */
export const x05SgIngress = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Security groups admit no ingress from 0.0.0.0/0 or ::/0',
  fixHint:
    'Admit traffic from named security groups (referenced_security_group_id / source_security_group_id), internal CIDRs or a prefix list; suppress with a reason for an intentionally public load balancer',
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  source:
    'CIS AWS Foundations Benchmark v3.0.0 5.2, 5.3 (no ingress from 0.0.0.0/0 or ::/0 to remote administration ports); this rule extends them to every port',
  check: (r, stack) => worldOpenVerdict(r, stack, 'ingress'),
});
