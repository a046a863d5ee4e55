import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';

/** AWS-27: VPCs have flow logs. */
export const aws27FlowLogs = defineRule({
  id: 'AWS-27',
  level: RuleLevel.ERROR,
  description: 'VPCs have flow logs',
  fixHint: 'Add an aws_flow_log with vpc_id referencing the VPC, to a KMS-encrypted log group',
  resourceTypes: ['aws_vpc'],
  check: (r, stack) =>
    stack.resources('aws_flow_log').some((f) => StackView.refersTo(f.attributes.vpc_id, r)) ||
    'no flow log',
});
