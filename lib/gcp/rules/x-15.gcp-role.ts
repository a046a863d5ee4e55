import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { gcpReference } from '../reference';

const IAM_MEMBER_OR_BINDING = /^google_[a-z0-9_]+_iam_(member|binding)$/;
const IAM_POLICY = /^google_[a-z0-9_]+_iam_policy$/;
const CUSTOM_ROLE_REFERENCE =
  /^\$\{google_(project|organization)_iam_custom_role\.[A-Za-z0-9_-]+\.(id|name)\}$/;

/** The verdict on one role name of an IAM grant. */
export function checkRole(role: any): Verdict {
  if (typeof role !== 'string') return undefined;
  if (CUSTOM_ROLE_REFERENCE.test(role)) return undefined; // a custom role of the stack
  if (isExpression(role)) return unknown(`role ${role}`);
  if (/^(projects|organizations)\/[^/]+\/roles\/[^/]+$/.test(role)) return undefined; // custom
  if (!role.startsWith('roles/')) {
    return `"${role}" is neither a predefined role (roles/...) nor a custom role (projects/.../roles/..., organizations/.../roles/...)`;
  }
  const ref = gcpReference();
  const found = ref.role(role);
  if (!found) {
    const similar = ref.similarRoles(role);
    return `"${role}" is not a predefined role${similar.length ? ` (did you mean ${similar.join(', ')}?)` : ''}`;
  }
  if (found.deleted) return `"${role}" has been deleted`;
  if (found.stage === 'DEPRECATED') {
    return `"${role}" is deprecated (launch stage DEPRECATED): grant a current role with the permissions needed instead`;
  }
  return true;
}

/**
 * X-15 (GCP roles): every predefined role granted by an IAM member, binding or policy resource
 * exists and is not deprecated.
 */
export const x15GcpRole = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'GCP predefined roles (iann0036/iam-dataset gcp/predefined_roles.json, gcp/roles; scripts/reference-data/provenance.json)',
  description:
    'Every predefined role granted by a google_*_iam_member, _binding or _policy resource exists and is not deprecated',
  fixHint:
    'Grant an existing predefined role (see the IAM roles reference), or a custom role with the permissions needed; replace deprecated roles',
  check: (r) => {
    if (IAM_MEMBER_OR_BINDING.test(r.type)) return checkRole(r.attributes.role);
    if (!IAM_POLICY.test(r.type)) return undefined;
    const data = r.attributes.policy_data;
    if (isExpression(data)) return unknown(`policy_data is ${data}`);
    let policy: any;
    try {
      policy = typeof data === 'string' ? JSON.parse(data) : data;
    } catch {
      return undefined;
    }
    return allOf(asList(policy?.bindings).map((b: any) => checkRole(b?.role)));
  },
});
