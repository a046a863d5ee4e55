import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import {
  allOf,
  asList as list,
  isExpression,
  isUnknown,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { s3GatewayPolicy } from './policy-statements';

/** AWS-owned buckets an S3 gateway endpoint policy admits by name (documented by the service). */
const AWS_OWNED = [
  // Amazon ECR image layers (ECR User Guide, interface VPC endpoints: the S3 gateway endpoint
  // policy must allow arn:aws:s3:::prod-<region>-starport-layer-bucket/*)
  /^prod-[a-z0-9-]+-starport-layer-bucket$/,
];

/** An account id, or the account of the deployer (aws_caller_identity). */
const ACCOUNT = [/^\d{12}$/, /^\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}$/];

/**
 * Condition keys that hold the owner of the bucket of an S3 request, each with the values that
 * bind it: an account for the account keys; an organization id or the deployer's organization
 * (aws_organizations_organization) for `aws:ResourceOrgID`, the key of the AWS data perimeter
 * examples.
 */
const OWNER_KEYS = new Map<string, RegExp[]>([
  ['aws:resourceaccount', ACCOUNT],
  ['s3:resourceaccount', ACCOUNT],
  [
    'aws:resourceorgid',
    [/^o-[a-z0-9]{10,32}$/, /^\$\{data\.aws_organizations_organization\.[A-Za-z0-9_-]+\.id\}$/],
  ],
]);

/**
 * Whether statement `s` binds its buckets to an owner: a StringEquals condition on
 * `aws:ResourceAccount` or `s3:ResourceAccount` with a 12-digit account or the deployer's
 * account (aws_caller_identity), or on `aws:ResourceOrgID` with an organization id or the
 * deployer's organization, is true; one with another expression is unknown; anything else (no
 * such condition, a negated or IfExists operator, which admit any owner) is false.
 */
function ownerBinding(s: any): true | false | Verdict {
  const expressions: string[] = [];
  for (const [operator, block] of Object.entries<any>(s?.Condition ?? {})) {
    if (!/^StringEquals(IgnoreCase)?$/i.test(operator)) continue;
    if (block === null || typeof block !== 'object') continue;
    for (const [k, v] of Object.entries<any>(block)) {
      const binding = OWNER_KEYS.get(k.toLowerCase());
      if (!binding) continue;
      for (const value of list<string>(v)) {
        const text = String(value);
        if (binding.some((re) => re.test(text))) return true;
        if (isExpression(text)) expressions.push(`${k} is ${text}`);
      }
    }
  }
  return expressions.length > 0 ? unknown(expressions.join(', ')) : false;
}

/**
 * AWS-02 (S3 gateway endpoint buckets): every bucket the endpoint policy admits by name is a
 * bucket of the stack, an AWS-owned bucket a service documents, or admitted by a statement bound
 * to the owning account (`aws:ResourceAccount` / `s3:ResourceAccount`) or organization
 * (`aws:ResourceOrgID`). Bucket names are global:
 * a name alone, a placeholder such as `none-admitted` or an account-regional name alike, can be
 * registered by anyone (or re-registered once deleted), and the endpoint would then let the
 * platform's principals write to it. A name that carries the account id is no binding.
 */
export const aws02S3GatewayBuckets = defineRule(__filename, {
  level: RuleLevel.ERROR,
  source:
    'S3 User Guide, bucket naming (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): names are unique across all accounts of a partition; IAM User Guide, aws:ResourceAccount and aws:ResourceOrgID (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount); ECR User Guide, interface VPC endpoints (https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html); AWS data perimeter policy examples, S3 VPC endpoint policy (https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/s3_endpoint_policy.json)',
  description:
    'S3 gateway endpoint policies admit by name only buckets of the stack, documented AWS-owned buckets, or buckets bound to their owning account (aws:ResourceAccount) or organization (aws:ResourceOrgID)',
  fixHint:
    'Reference the aws_s3_bucket of the stack, or add a StringEquals aws:ResourceAccount condition with the account that owns the buckets (or aws:ResourceOrgID with its organization) to the statement (PrivateNetwork.allowS3Bucket does); a bucket name, even one carrying the account id, binds nothing',
  resourceTypes: ['aws_vpc_endpoint'],
  check: (r, stack) => {
    const gateway = s3GatewayPolicy(r, stack);
    if (gateway === undefined || isUnknown(gateway)) return gateway;
    const st = gateway.statements;
    if (st === undefined || isUnknown(st)) return undefined; // AWS-02.s3-gateway-policy judges it
    const verdicts: Verdict[] = [];
    for (const s of st.filter((x) => x?.Effect === 'Allow')) {
      const bound = ownerBinding(s);
      for (const resource of list<string>(s.Resource)) {
        if (typeof resource !== 'string' || resource === '*') continue;
        if (bound === true) {
          verdicts.push(true); // whatever the name, only a bucket of that account is admitted
          continue;
        }
        if (isExpression(resource)) {
          if (!/^\$\{aws_s3_bucket\.[A-Za-z0-9_-]+\.arn\}/.test(resource))
            verdicts.push(unknown(`Resource is ${resource}`));
          else verdicts.push(true);
          continue;
        }
        const m = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(resource);
        if (!m || m[1].includes('*')) continue; // not a bucket name (AWS-02.s3-gateway-policy)
        const name = m[1];
        if (
          stack.named('aws_s3_bucket', 'bucket', name).length > 0 ||
          AWS_OWNED.some((re) => re.test(name))
        ) {
          verdicts.push(true);
          continue;
        }
        verdicts.push(
          bound === false
            ? `"${name}" is neither a bucket of the stack, nor AWS-owned, nor bound to its account (StringEquals aws:ResourceAccount) or organization (aws:ResourceOrgID): anyone can register that name`
            : bound,
        );
      }
    }
    return allOf(verdicts);
  },
});
