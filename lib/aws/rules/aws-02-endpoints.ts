import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { REQUIRED_INTERFACE_ENDPOINTS } from '../defaults';

/** AWS-02: the stack of a domain has the required interface endpoints. */
export const aws02Endpoints = defineRule({
  id: 'AWS-02.endpoints',
  level: RuleLevel.WARNING,
  description: `Stacks with a SageMaker domain have interface endpoints for ${REQUIRED_INTERFACE_ENDPOINTS.join(', ')}`,
  fixHint:
    'Create the missing aws_vpc_endpoint resources (PrivateNetwork does), or suppress with a reason when the network lives in another stack',
  resourceTypes: ['aws_sagemaker_domain'],
  check: (_r, stack) => {
    const names = stack
      .resources('aws_vpc_endpoint')
      .filter((e) => (e.attributes.vpc_endpoint_type ?? 'Gateway') === 'Interface')
      .map((e) => String(e.attributes.service_name ?? ''));
    const missing = REQUIRED_INTERFACE_ENDPOINTS.filter(
      (s) => !names.some((n) => n.endsWith(`.${s}`)),
    );
    return missing.length === 0 || `missing endpoints: ${missing.join(', ')}`;
  },
});
