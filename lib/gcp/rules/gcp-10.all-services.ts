import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';

/** GCP-10: data-access audit logs cover every service (allServices), not a list of them. */
export const gcp10AllServices = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Audit configs include allServices, so data-access logs cover every service of the project',
  fixHint:
    "Add a google_project_iam_audit_config with service = 'allServices' and ADMIN_READ, DATA_READ, DATA_WRITE",
  resourceTypes: [
    'google_project_iam_audit_config',
    'google_folder_iam_audit_config',
    'google_organization_iam_audit_config',
  ],
  check: (r, stack) => {
    const service = r.attributes.service;
    if (isExpression(service)) return unknown(`service is ${service}`);
    if (service === 'allServices') return true;
    const peers = stack.resources(r.type);
    if (peers.some((p) => p.attributes.service === 'allServices')) return true;
    if (peers.some((p) => isExpression(p.attributes.service)))
      return unknown('another audit config has an expression as its service');
    return `only ${service} is audited; no allServices audit config in the stack`;
  },
});
