import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { allOf, unknown, Verdict } from '../../core/compliance/tf';
import { isExpression, isUnknown, readValue } from '../../core/rules/attributes';
import { asList as list } from '../../core/rules/attributes';
import { statements } from './policy-statements';

/** AWS-owned buckets an S3 gateway endpoint policy admits by name (documented by the service). */
const AWS_OWNED = [
  // Amazon ECR image layers (ECR User Guide, interface VPC endpoints: the S3 gateway endpoint
  // policy must allow arn:aws:s3:::prod-<region>-starport-layer-bucket/*)
  /^prod-[a-z0-9-]+-starport-layer-bucket$/,
];

/** The literal 12-digit accounts a condition of `s` binds `key` to (StringEquals, any case). */
function boundAccounts(s: any, key: string): string[] {
  const out: string[] = [];
  for (const [operator, block] of Object.entries<any>(s?.Condition ?? {})) {
    if (!/^StringEquals$/i.test(operator)) continue;
    for (const [k, v] of Object.entries<any>(block ?? {})) {
      if (k.toLowerCase() === key.toLowerCase())
        out.push(...list<string>(v).filter((x) => /^\d{12}$/.test(String(x))));
    }
  }
  return out;
}

/**
 * AWS-02 (S3 gateway endpoint buckets): every bucket the endpoint policy admits by name is a
 * bucket of the stack, an AWS-owned bucket a service documents, or bound to the account: an
 * `aws:ResourceAccount` / `s3:ResourceAccount` condition, or a name that carries the account of
 * the statement's `aws:PrincipalAccount` (the account-regional names of the constructs). Bucket
 * names are global: a placeholder such as `none-admitted` can be registered by anyone, and the
 * endpoint would then let the platform's principals write to it.
 */
export const aws02S3GatewayBuckets = defineRule(__filename, {
  level: RuleLevel.ERROR,
  source:
    'S3 User Guide, bucket naming (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): names are unique across all accounts of a partition; IAM User Guide, aws:ResourceAccount (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount); ECR User Guide, interface VPC endpoints (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html)',
  description:
    'S3 gateway endpoint policies admit by name only buckets of the stack, documented AWS-owned buckets, or buckets bound to the account',
  fixHint:
    'Reference the aws_s3_bucket of the stack, or add a StringEquals aws:ResourceAccount condition with the platform account to the statement; never admit a placeholder bucket name',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r, stack) => {
    const type = readValue(r, 'vpc_endpoint_type');
    const service = readValue(r, 'service_name');
    if (isUnknown(type)) return type;
    if ((type ?? 'Gateway') !== 'Gateway') return undefined;
    if (isUnknown(service)) return service;
    if (!String(service ?? '').endsWith('.s3')) return undefined;
    const st = statements(r.attributes.policy, stack);
    if (st === undefined || isUnknown(st)) return undefined; // AWS-02.s3-gateway-policy judges it
    const verdicts: Verdict[] = [];
    for (const s of st.filter((x) => x?.Effect === 'Allow')) {
      const resourceAccounts = [
        ...boundAccounts(s, 'aws:ResourceAccount'),
        ...boundAccounts(s, 's3:ResourceAccount'),
      ];
      const principalAccounts = boundAccounts(s, 'aws:PrincipalAccount');
      for (const resource of list<string>(s.Resource)) {
        if (typeof resource !== 'string' || resource === '*') continue;
        if (isExpression(resource)) {
          if (!/^\$\{aws_s3_bucket\.[A-Za-z0-9_-]+\.arn\}/.test(resource))
            verdicts.push(unknown(`Resource is ${resource}`));
          else verdicts.push(true);
          continue;
        }
        const m = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(resource);
        if (!m || m[1].includes('*')) continue; // not a bucket name (AWS-02.s3-gateway-policy)
        const name = m[1];
        const ok =
          stack.named('aws_s3_bucket', 'bucket', name).length > 0 ||
          AWS_OWNED.some((re) => re.test(name)) ||
          resourceAccounts.length > 0 ||
          principalAccounts.some((a) => name.includes(a));
        verdicts.push(
          ok ||
            `"${name}" is neither a bucket of the stack, nor AWS-owned, nor bound to the account (aws:ResourceAccount): anyone can register that name`,
        );
      }
    }
    return allOf(verdicts);
  },
});
