import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { AUDIT_LOG_TYPES } from '../defaults';
import { allOf, asList, isExpression, unknown } from '../../core/rules/attributes';

/** GCP-10: audit configs turn on all three log types and exempt nobody. */
export const gcp10AuditConfig = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Audit configs enable ADMIN_READ, DATA_READ and DATA_WRITE with no exempted members',
  fixHint: 'Add audit_log_config blocks for the three log types and remove exempted_members',
  resourceTypes: [
    'google_project_iam_audit_config',
    'google_folder_iam_audit_config',
    'google_organization_iam_audit_config',
  ],
  check: (r) => {
    const raw = r.attributes.audit_log_config;
    if (isExpression(raw)) return unknown(`audit_log_config is ${raw}`);
    const cfgs = asList(raw);
    if (cfgs.some((c) => isExpression(c) || isExpression(c?.log_type)))
      return unknown('audit_log_config holds an expression');
    const types = cfgs.map((c) => c.log_type);
    const missing = AUDIT_LOG_TYPES.filter((t) => !types.includes(t));
    if (missing.length > 0) return `missing ${missing.join(', ')}`;
    return allOf(
      cfgs.map((c) =>
        isExpression(c.exempted_members)
          ? unknown(`exempted_members is ${c.exempted_members}`)
          : asList(c.exempted_members).length === 0 || `${c.log_type} has exempted_members`,
      ),
    );
  },
});
