import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, isUnknown, readValue, unknown } from '../../core/rules/attributes';
import { statements } from './policy-statements';

/** AWS-02: the S3 gateway endpoint has a policy limited to named buckets. */
export const aws02S3GatewayPolicy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 gateway endpoints carry a policy that admits only named buckets',
  fixHint:
    'Set policy on the S3 gateway aws_vpc_endpoint with Resource limited to the platform bucket ARNs',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r, stack) => {
    const type = readValue(r, 'vpc_endpoint_type');
    const service = readValue(r, 'service_name');
    if (isUnknown(type)) return type;
    if ((type ?? 'Gateway') !== 'Gateway') return undefined;
    if (isUnknown(service)) return service;
    if (!String(service ?? '').endsWith('.s3')) return undefined;
    const st = statements(r.attributes.policy, stack);
    if (st === undefined) return 'no endpoint policy (full access to every bucket)';
    if (isUnknown(st)) return st;
    const allow = st.filter((s) => s.Effect === 'Allow');
    const open = allow.filter((s) =>
      asList<string>(s.Resource).some((x) => x === '*' || /^arn:aws[a-z-]*:s3:::\*$/.test(x)),
    );
    if (open.length > 0) return 'an Allow statement admits every bucket';
    const dynamic = allow
      .flatMap((s) => asList<string>(s.Resource))
      .find((x) => isExpression(x) && !/\$\{aws_s3_bucket\./.test(x));
    return dynamic === undefined || unknown(`Resource is ${dynamic}`);
  },
});
