import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, isUnknown, unknown } from '../../core/rules/attributes';
import { s3GatewayPolicy } from './policy-statements';

/** AWS-02: the S3 gateway endpoint has a policy limited to named buckets. */
export const aws02S3GatewayPolicy = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'S3 gateway endpoints carry a policy that admits only named buckets',
  fixHint:
    'Set policy on the S3 gateway aws_vpc_endpoint with Resource limited to the platform bucket ARNs',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r, stack) => {
    const gateway = s3GatewayPolicy(r, stack);
    if (gateway === undefined || isUnknown(gateway)) return gateway;
    const st = gateway.statements;
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
