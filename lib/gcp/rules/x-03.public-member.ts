import { defineRule } from '../../core/compliance/define-rule';
import { ResourceView, RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { parseReference, resolve, values } from '../../core/rules/exposure';

/** The two public principals of Google Cloud IAM and Cloud Storage / BigQuery ACLs. */
const PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

/** Predefined Cloud Storage ACLs that grant allUsers or allAuthenticatedUsers. */
const PUBLIC_PREDEFINED_ACLS = ['publicRead', 'publicReadWrite', 'authenticatedRead'];

/**
 * Whether one member / entity value is public: true, false, or unknown. A reference to another
 * resource's attribute (a service account's `member` or `email`) is a fixed identity; a typed
 * member ("serviceAccount:${...}") is never public.
 */
function memberIsPublic(value: any, stack: StackView, what: string): boolean | Verdict {
  if (value === undefined || value === null) return false;
  const res = resolve(value, stack);
  if (res.known) {
    if (isExpression(res.value)) return unknown(`${what} is ${value}`);
    return values(res.value).some((v) => PUBLIC_MEMBERS.includes(String(v).trim()));
  }
  const ref = res.reference ?? parseReference(value);
  if (!ref) return false; // "serviceAccount:${...}", "user:${var.x}": typed, not public
  if ((ref.kind === 'resource' || ref.kind === 'data') && ref.type !== 'terraform_remote_state')
    return false;
  return unknown(`${what} is ${value}`);
}

/** Members of an IAM policy document (policy_data JSON, or a google_iam_policy data source). */
function policyMembers(value: any, stack: StackView): any[] | Verdict {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      return asList(JSON.parse(value).bindings).flatMap((b: any) => values(b?.members));
    } catch {
      // fall through: not JSON
    }
  }
  const ref = parseReference(value);
  if (ref?.kind === 'data' && ref.type === 'google_iam_policy' && ref.path === 'policy_data') {
    const d = stack.json?.data?.google_iam_policy?.[ref.name!];
    if (d) {
      if (isExpression(d.binding)) return unknown(`binding is ${d.binding}`);
      return asList(d.binding).flatMap((b: any) =>
        isExpression(b?.members) ? [b.members] : values(b?.members),
      );
    }
  }
  return unknown(`policy_data is ${value}`);
}

/** The member-like values a resource grants, with a label for messages. */
function grantedMembers(r: ResourceView, stack: StackView): Array<[string, any]> | Verdict {
  const a = r.attributes;
  if (/_iam_member$/.test(r.type)) return [['member', a.member]];
  if (/_iam_binding$/.test(r.type)) {
    if (isExpression(a.members)) return [['members', a.members]];
    return values(a.members).map((m) => ['members', m] as [string, any]);
  }
  if (/_iam_policy$/.test(r.type)) {
    const m = policyMembers(a.policy_data, stack);
    if (!Array.isArray(m)) return m;
    return m.map((x) => ['policy_data member', x] as [string, any]);
  }
  switch (r.type) {
    case 'google_storage_bucket_access_control':
    case 'google_storage_default_object_access_control':
    case 'google_storage_object_access_control':
    case 'google_bigquery_dataset_access':
      return [
        ['entity', a.entity],
        ['iam_member', a.iam_member],
        ['special_group', a.special_group],
      ];
    case 'google_storage_bucket_acl':
    case 'google_storage_default_object_acl':
    case 'google_storage_object_acl': {
      if (isExpression(a.role_entity)) return [['role_entity', a.role_entity]];
      return values(a.role_entity).map((e) => {
        // "READER:allUsers"
        const entity =
          typeof e === 'string' && !isExpression(e) ? e.split(':').slice(1).join(':') : e;
        return ['role_entity', entity] as [string, any];
      });
    }
    case 'google_bigquery_dataset': {
      if (isExpression(a.access)) return unknown(`access is ${a.access}`);
      return asList(a.access).flatMap((b: any) => [
        ['access.iam_member', b?.iam_member] as [string, any],
        ['access.special_group', b?.special_group] as [string, any],
      ]);
    }
    default:
      return [];
  }
}

/** The types (besides every google_*_iam_member / _binding / _policy) the rule reads. */
const ACL_TYPES = [
  'google_storage_bucket_access_control',
  'google_storage_default_object_access_control',
  'google_storage_object_access_control',
  'google_storage_bucket_acl',
  'google_storage_default_object_acl',
  'google_storage_object_acl',
  'google_bigquery_dataset',
  'google_bigquery_dataset_access',
];

/**
 * X-03 (any stack): nothing is granted to `allUsers` (anyone on the internet) or
 * `allAuthenticatedUsers` (any Google account): every google_*_iam_member / _iam_binding /
 * _iam_policy, Cloud Storage ACL resources and predefined ACLs, and BigQuery dataset access.
 */
export const x03PublicMember = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'No IAM binding, Cloud Storage ACL or BigQuery dataset access grants allUsers or allAuthenticatedUsers',
  fixHint:
    'Grant named principals (user:, group:, serviceAccount:, principalSet:) instead; publish data through signed URLs or an authenticated front end',
  source:
    'CIS Google Cloud Platform Foundation Benchmark v3.0.0 1.9 (KMS keys), 5.1 (Cloud Storage buckets), 7.1 (BigQuery datasets) not anonymously or publicly accessible',
  check: (r, stack) => {
    if (!/^google_.+_iam_(member|binding|policy)$/.test(r.type) && !ACL_TYPES.includes(r.type)) {
      return undefined;
    }
    const members = grantedMembers(r, stack);
    if (!Array.isArray(members)) return members;
    const verdicts: Verdict[] = members.map(([what, v]) => {
      const pub = memberIsPublic(v, stack, what);
      if (pub === true) return `${what} grants ${String(resolve(v, stack).value ?? v).trim()}`;
      return pub === false ? true : pub;
    });
    const acl = r.attributes.predefined_acl;
    if (
      acl !== undefined &&
      (r.type === 'google_storage_bucket_acl' || r.type === 'google_storage_object_acl')
    ) {
      const res = resolve(acl, stack);
      verdicts.push(
        !res.known
          ? unknown(`predefined_acl is ${acl}`)
          : !PUBLIC_PREDEFINED_ACLS.includes(String(res.value)) || `predefined_acl '${res.value}'`,
      );
    }
    return allOf(verdicts) ?? true;
  },
});
