import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { gcpReference } from '../reference';

/** The verdict on one permission of a custom role. */
export function checkPermission(permission: any): Verdict {
  if (typeof permission !== 'string') return undefined;
  if (isExpression(permission)) return unknown(`permission ${permission}`);
  if (gcpReference().hasPermission(permission)) return true;
  return `"${permission}" is not an IAM permission (no predefined role grants it)`;
}

/**
 * X-15 (GCP custom-role permissions): every permission of a custom role is an IAM permission of
 * the reference (the union of the permissions of all predefined roles).
 */
export const x15GcpPermission = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'GCP IAM permissions of the predefined roles (iann0036/iam-dataset gcp/roles; scripts/reference-data/provenance.json)',
  description: 'Every permission of a custom role is an existing IAM permission',
  fixHint:
    'Correct the permission name (service.resource.verb, as listed in the IAM permissions reference); the API rejects a custom role with an unknown permission',
  resourceTypes: ['google_project_iam_custom_role', 'google_organization_iam_custom_role'],
  check: (r) => {
    const permissions = r.attributes.permissions;
    if (isExpression(permissions)) return unknown(`permissions is ${permissions}`);
    return allOf(asList(permissions).map(checkPermission));
  },
});
