import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, unknown } from '../../core/rules/attributes';
import { perStack } from '../../core/rules/references';

/** AWS-27: VPCs have flow logs. */
export const aws27FlowLogs = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'VPCs have flow logs',
  fixHint: 'Add an aws_flow_log with vpc_id referencing the VPC, to a KMS-encrypted log group',
  resourceTypes: ['aws_vpc'],
  check: (r, stack) => {
    // indexed: the flow logs whose vpc_id references this VPC
    if (
      stack
        .referencing('aws_flow_log', 'vpc_id', r)
        .some((f) => StackView.refersTo(f.attributes.vpc_id, r))
    )
      return true;
    // a flow log whose VPC comes from an expression other than a resource reference may be this
    // VPC (found once per stack)
    const opaque = perStack(stack, 'AWS-27.opaque', () =>
      stack
        .resources('aws_flow_log')
        .find(
          (f) => isExpression(f.attributes.vpc_id) && !/^\$\{aws_vpc\./.test(f.attributes.vpc_id),
        ),
    );
    return opaque ? unknown(`aws_flow_log vpc_id is ${opaque.attributes.vpc_id}`) : 'no flow log';
  },
});
