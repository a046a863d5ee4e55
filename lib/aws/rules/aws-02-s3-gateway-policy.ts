import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { list, statements } from './util';

/** AWS-02: the S3 gateway endpoint has a policy limited to named buckets. */
export const aws02S3GatewayPolicy = defineRule({
  id: 'AWS-02.s3-gateway-policy',
  level: RuleLevel.ERROR,
  description: 'S3 gateway endpoints carry a policy that admits only named buckets',
  fixHint:
    'Set policy on the S3 gateway aws_vpc_endpoint with Resource limited to the platform bucket ARNs',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r) => {
    const type = r.attributes.vpc_endpoint_type ?? 'Gateway';
    if (type !== 'Gateway' || !String(r.attributes.service_name ?? '').endsWith('.s3'))
      return undefined;
    if (r.attributes.policy === undefined)
      return 'no endpoint policy (full access to every bucket)';
    const st = statements(r.attributes.policy);
    if (!st) return undefined;
    const open = st.filter(
      (s) =>
        s.Effect === 'Allow' &&
        list(s.Resource).some((x: string) => x === '*' || x === 'arn:aws:s3:::*'),
    );
    return open.length === 0 || 'an Allow statement admits every bucket';
  },
});
