import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { AUDIT_LOG_TYPES } from '../defaults';
import { blocks } from './util';

/** GCP-10: audit configs turn on all three log types and exempt nobody. */
export const gcp10AuditConfig = defineRule({
  id: 'GCP-10.audit-config',
  level: RuleLevel.ERROR,
  description: 'Audit configs enable ADMIN_READ, DATA_READ and DATA_WRITE with no exempted members',
  fixHint: 'Add audit_log_config blocks for the three log types and remove exempted_members',
  resourceTypes: [
    'google_project_iam_audit_config',
    'google_folder_iam_audit_config',
    'google_organization_iam_audit_config',
  ],
  check: (r) => {
    const cfgs = blocks(r.attributes.audit_log_config);
    const types = cfgs.map((c) => c.log_type);
    const missing = AUDIT_LOG_TYPES.filter((t) => !types.includes(t));
    if (missing.length > 0) return `missing ${missing.join(', ')}`;
    return cfgs.every((c) => (c.exempted_members ?? []).length === 0) || 'has exempted_members';
  },
});
