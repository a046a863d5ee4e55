import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { defineStackRule } from '../../core/rules/factories';
import { REQUIRED_INTERFACE_ENDPOINTS } from '../defaults';

/** AWS-02: the stack of a domain has the required interface endpoints. */
export const aws02Endpoints = defineStackRule(__filename, {
  level: RuleLevel.WARNING,
  description: `Stacks with a SageMaker domain have interface endpoints for ${REQUIRED_INTERFACE_ENDPOINTS.join(', ')}`,
  fixHint:
    'Create the missing aws_vpc_endpoint resources (PrivateNetwork does), or suppress with a reason when the network lives in another stack',
  resourceTypes: ['aws_sagemaker_domain'],
  checkStack: endpointsVerdict,
});

function endpointsVerdict(stack: StackView): Verdict {
  const interfaces = stack
    .resources('aws_vpc_endpoint')
    .filter((e) => (e.attributes.vpc_endpoint_type ?? 'Gateway') === 'Interface');
  const names = interfaces.map((e) => e.attributes.service_name);
  const missing = REQUIRED_INTERFACE_ENDPOINTS.filter(
    (s) => !names.some((n) => typeof n === 'string' && !isExpression(n) && n.endsWith(`.${s}`)),
  );
  if (missing.length === 0) return true;
  const dynamic = names.filter((n) => isExpression(n));
  if (dynamic.length > 0)
    return unknown(`service_name is ${dynamic[0]}; missing unless it names ${missing.join(', ')}`);
  return `missing endpoints: ${missing.join(', ')}`;
}
