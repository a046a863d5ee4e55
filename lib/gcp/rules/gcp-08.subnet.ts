import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { asList, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-08: subnets use Private Google Access and flow logs. */
export const gcp08Subnet = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: 'Subnets have Private Google Access and VPC flow logs',
  fixHint: 'Set private_ip_google_access = true and a log_config block',
  resourceTypes: ['google_compute_subnetwork'],
  check: (r) => {
    const purpose = r.attributes.purpose;
    if (isExpression(purpose)) return unknown(`purpose is ${purpose}`);
    if (purpose !== undefined && purpose !== 'PRIVATE') return undefined;
    const pga = r.attributes.private_ip_google_access;
    if (isExpression(pga)) return unknown(`private_ip_google_access is ${pga}`);
    if (!isTrue(pga)) return 'private_ip_google_access is not true';
    const logs = r.attributes.log_config;
    if (isExpression(logs)) return unknown(`log_config is ${logs}`);
    return asList(logs).length > 0 || 'no log_config (flow logs)';
  },
});
