import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { unknown, Verdict } from '../../core/rules/attributes';
import { resolve } from '../../core/rules/exposure';
import { POLICY_ATTRIBUTES, policyVerdict } from './public-principal';

/** Whether an attribute holds a value (an expression is a value). */
function present(v: any): boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * aws_lambda_permission / aws_lambda_layer_version_permission: `principal = "*"` without a
 * source_arn, source_account or principal_org_id (organization_id for layers) lets any account
 * (or anyone, for a function URL with auth type NONE) invoke the function or use the layer.
 */
function lambdaPermissionVerdict(r: ResourceView, stack: StackView): Verdict {
  const a = r.attributes;
  const p = resolve(a.principal, stack);
  if (!p.known) {
    const ref = p.reference;
    if (ref && (ref.kind === 'resource' || ref.kind === 'data')) return true;
    return unknown(`principal is ${a.principal}`);
  }
  if (p.value !== '*') return true;
  const narrowing =
    r.type === 'aws_lambda_layer_version_permission'
      ? ['organization_id']
      : ['source_arn', 'source_account', 'principal_org_id'];
  if (narrowing.some((k) => present(a[k]))) return true;
  const url = a.function_url_auth_type === 'NONE' ? ' through a function URL without auth' : '';
  return `principal "*"${url} with no ${narrowing.join(' / ')}`;
}

/**
 * X-03 (any stack): no trust policy or resource policy grants access to everyone. An Allow
 * statement with `Principal: "*"` / `{"AWS": "*"}` or with `NotPrincipal` is public unless a
 * condition pins it to fixed accounts, an organization, a network or a source resource (see
 * public-principal.ts for the keys and operators that count). VPC endpoint policies, whose
 * principal is `*` by design, count as narrowed when they name resources.
 */
export const x03PublicPrincipal = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Trust and resource policies grant nothing to a public principal ("*", {"AWS": "*"}, NotPrincipal) unless a condition narrows it to fixed accounts, an organization, a network or a source',
  fixHint:
    'Name the principals (account, role or service ARNs), or add a condition with fixed values: aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn, aws:SourceVpce; never *IfExists or ForAllValues for this',
  resourceTypes: [
    ...Object.keys(POLICY_ATTRIBUTES),
    'aws_lambda_permission',
    'aws_lambda_layer_version_permission',
  ],
  source:
    'Amazon S3 User Guide, Blocking public access, "The meaning of public"; AWS Config managed rules s3-bucket-public-read-prohibited, sns-topic-no-public-access, sqs-queue-no-public-access, lambda-function-public-access-prohibited; IAM User Guide, condition operators (...IfExists and ForAllValues match a missing key)',
  check: (r, stack) => {
    if (r.type === 'aws_lambda_permission' || r.type === 'aws_lambda_layer_version_permission') {
      return lambdaPermissionVerdict(r, stack);
    }
    return policyVerdict(r, stack);
  },
});
