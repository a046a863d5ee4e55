import { defineRule } from '../../core/compliance/define-rule';
import { RuleCategory, RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { editDistance } from '../../core/reference-data';
import { gcpOrgConstraints } from '../reference/org-constraints';

/** A reference to a custom constraint of the stack (`${google_org_policy_custom_constraint.x.name}`). */
const CUSTOM_CONSTRAINT_REFERENCE =
  /^\$\{google_org_policy_custom_constraint\.[A-Za-z0-9_-]+\.name\}$/;

/**
 * The verdict on one constraint id (with or without `constraints/`): custom constraints are not
 * judged; an id within two edits of a known one fails naming it; any other id the data does not
 * hold is unknown (it may be newer than the bundled list).
 */
export function checkConstraint(id: any, attribute: string): Verdict {
  if (typeof id !== 'string' || id === '') return undefined;
  if (CUSTOM_CONSTRAINT_REFERENCE.test(id)) return undefined;
  if (isExpression(id)) return unknown(`${attribute} is ${id}`);
  const name = id.replace(/^constraints\//, '');
  if (name.startsWith('custom.')) return undefined;
  const ref = gcpOrgConstraints();
  if (ref.has(name)) return true;
  // A near miss (a case or a typo of up to two characters) is a misspelling; any other name may
  // be a constraint newer than the bundled list, which holds what the API listed when it was
  // extracted: not judged as wrong, but reported as unknown (a failure under --strict).
  const near = ref.nearest(name);
  if (near && editDistance(name.toLowerCase(), near.toLowerCase(), 2) <= 2)
    return `"${name}" is not a predefined organization policy constraint (did you mean ${near}?)`;
  return unknown(
    `"${name}" is not in the bundled list of predefined constraints: a constraint newer than the list, or a wrong name`,
  );
}

/** The constraint of a google_org_policy_policy name (`<parent>/policies/<constraint>`). */
function policyConstraint(name: any): Verdict {
  if (typeof name !== 'string') return undefined;
  const i = name.lastIndexOf('/policies/');
  if (i < 0) return isExpression(name) ? unknown(`name is ${name}`) : undefined;
  return checkConstraint(name.slice(i + '/policies/'.length), 'the constraint of name');
}

/**
 * X-15 (GCP org-policy constraints): every organization policy names a predefined constraint
 * that exists (custom constraints, `custom.*`, are not judged).
 */
export const x15GcpOrgConstraint = defineRule(__filename, {
  level: RuleLevel.ERROR,
  category: RuleCategory.REFERENCE,
  profile: RuleProfile.SECURITY,
  source:
    'Google Cloud organization policy constraints (Org Policy v2 API constraints.list, as Cyclenerd/google-cloud-org-policies build/policies.txt records it; https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints; scripts/reference-data/provenance.json)',
  description:
    'Every google_org_policy_policy (name .../policies/<constraint>) and google_project/folder/organization_policy (constraint) names a predefined organization policy constraint that exists',
  fixHint:
    'Use the constraint id as Google lists it (https://cloud.google.com/resource-manager/docs/organization-policy/org-policy-constraints, or `gcloud org-policies list-available-constraints`); a policy for a misspelt constraint is rejected, or guards nothing. A constraint newer than the bundled list takes a suppression with that reason',
  resourceTypes: [
    'google_org_policy_policy',
    'google_project_organization_policy',
    'google_folder_organization_policy',
    'google_organization_policy',
  ],
  check: (r) =>
    r.type === 'google_org_policy_policy'
      ? policyConstraint(r.attributes.name)
      : checkConstraint(r.attributes.constraint, 'constraint'),
});
