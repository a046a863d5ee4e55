import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { resolve } from '../../core/rules/exposure';

/** Canned ACLs that grant the AllUsers or AuthenticatedUsers group (S3 User Guide, canned ACL). */
const PUBLIC_CANNED_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/** The two predefined groups that make an ACL public (S3 User Guide, "The meaning of public"). */
const PUBLIC_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

function cannedAcl(value: any, stack: StackView): Verdict {
  if (value === undefined || value === null) return undefined;
  const res = resolve(value, stack);
  if (!res.known || isExpression(res.value)) return unknown(`acl is ${value}`);
  return !PUBLIC_CANNED_ACLS.includes(String(res.value)) || `canned ACL '${res.value}'`;
}

function grants(list: any[], stack: StackView, uriOf: (g: any) => any): Verdict {
  const verdicts = list.map((g, i): Verdict => {
    if (isExpression(g)) return unknown(`grant[${i}] is ${g}`);
    const uri = uriOf(g);
    if (uri === undefined || uri === null) return true;
    const res = resolve(uri, stack);
    if (!res.known) return unknown(`grant[${i}] grantee uri is ${uri}`);
    const u = String(res.value)
      .replace(/^https:/i, 'http:')
      .toLowerCase();
    const group = PUBLIC_GROUPS.find((p) => p.toLowerCase() === u);
    return !group || `grant[${i}] to ${group.split('/').pop()}`;
  });
  return allOf(verdicts);
}

/**
 * X-03 (any stack): no S3 ACL grants the AllUsers ("everyone") or AuthenticatedUsers ("any AWS
 * account") group: canned ACLs public-read, public-read-write and authenticated-read, or explicit
 * grants to those groups, on aws_s3_bucket_acl, the legacy inline `acl` / `grant` of
 * aws_s3_bucket, and aws_s3_object.
 */
export const x03PublicAcl = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'S3 ACLs grant nothing to AllUsers or AuthenticatedUsers (no public-read, public-read-write or authenticated-read)',
  fixHint:
    "Remove the ACL (set object ownership BucketOwnerEnforced so ACLs are disabled) or use 'private'; share data through bucket policies naming principals",
  resourceTypes: ['aws_s3_bucket_acl', 'aws_s3_bucket', 'aws_s3_object'],
  source:
    'Amazon S3 User Guide, "The meaning of public" (ACLs granting AllUsers or AuthenticatedUsers) and "Canned ACL" (CIS AWS v3.0.0 2.1.4, Block Public Access, is AWS-07.public-access)',
  check: (r, stack) => {
    const a = r.attributes;
    if (r.type === 'aws_s3_object') return cannedAcl(a.acl, stack);
    if (r.type === 'aws_s3_bucket') {
      const grantBlocks = a.grant;
      const g = isExpression(grantBlocks)
        ? unknown(`grant is ${grantBlocks}`)
        : asList(grantBlocks).length > 0
          ? grants(asList(grantBlocks), stack, (x) => (x?.type === 'Group' ? x?.uri : undefined))
          : undefined;
      return allOf([cannedAcl(a.acl, stack), g]);
    }
    const policy = a.access_control_policy;
    if (isExpression(policy))
      return allOf([cannedAcl(a.acl, stack), unknown(`access_control_policy is ${policy}`)]);
    const list = asList(policy).flatMap((p) =>
      isExpression(p?.grant) ? [p.grant] : asList(p?.grant),
    );
    return (
      allOf([
        cannedAcl(a.acl, stack),
        list.length > 0 ? grants(list, stack, (x) => asList(x?.grantee)[0]?.uri) : undefined,
      ]) ?? true
    );
  },
});
