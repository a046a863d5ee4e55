import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';

const ALLOWED = /^(ml\.(studies|trials)\.|resourcemanager\.projects\.get$)/;

/** GCP-04: custom roles that grant Vizier (ml.studies/ml.trials) permissions grant nothing of Training or Prediction. */
export const gcp04VizierOnlyRoles = defineRule({
  id: 'GCP-04',
  level: RuleLevel.WARNING,
  description:
    'Custom Vizier roles hold only study/trial permissions (s002 method table), not AI Platform Training or Prediction',
  fixHint: 'Remove ml.jobs.*, ml.models.*, ml.versions.* from the Vizier role, or split it',
  resourceTypes: ['google_project_iam_custom_role', 'google_organization_iam_custom_role'],
  check: (r) => {
    const perms: string[] = Array.isArray(r.attributes.permissions) ? r.attributes.permissions : [];
    if (!perms.some((p) => /^ml\.(studies|trials)\./.test(p))) return undefined;
    const extra = perms.filter((p) => !ALLOWED.test(p));
    return extra.length === 0 || `also grants ${extra.join(', ')}`;
  },
});
