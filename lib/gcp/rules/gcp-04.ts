import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';

const VIZIER = /^aiplatform\.(studies|trials)\./;
const LEGACY = /^ml\.(studies|trials)\./;
const ALLOWED = /^(aiplatform\.(studies|trials)\.|resourcemanager\.projects\.get$)/;

/**
 * GCP-04: custom roles that grant Vertex AI Vizier (aiplatform.studies/trials) permissions
 * grant nothing else of Vertex AI; legacy AI Platform Vizier permissions (ml.studies/ml.trials)
 * guard nothing since AI Platform was shut down on 2025-01-31.
 */
export const gcp04VizierOnlyRoles = defineRule(__filename, {
  level: RuleLevel.WARNING,
  description:
    'Vizier custom roles hold only Vertex AI study/trial permissions (s002 method table), not training or prediction, and no legacy ml.* Vizier permissions',
  fixHint:
    'Use aiplatform.studies.* / aiplatform.trials.* (AI Platform and its ml.* permissions were shut down on 2025-01-31); split other permissions into another role',
  resourceTypes: ['google_project_iam_custom_role', 'google_organization_iam_custom_role'],
  check: (r) => {
    const perms = r.attributes.permissions;
    if (isExpression(perms)) return unknown(`permissions is ${perms}`);
    const list: any[] = Array.isArray(perms) ? perms : [];
    const literal = list.filter((p) => !isExpression(p));
    const legacy = literal.filter((p) => LEGACY.test(p));
    if (legacy.length > 0)
      return `grants legacy AI Platform permissions ${legacy.join(', ')} (shut down on 2025-01-31)`;
    if (!literal.some((p) => VIZIER.test(p))) return undefined;
    const extra = literal.filter((p) => !ALLOWED.test(p));
    if (extra.length > 0) return `also grants ${extra.join(', ')}`;
    return literal.length === list.length || unknown('permissions hold an expression');
  },
});
