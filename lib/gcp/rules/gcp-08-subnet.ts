import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-08: subnets use Private Google Access and flow logs. */
export const gcp08Subnet = defineRule({
  id: 'GCP-08.subnet',
  level: RuleLevel.ERROR,
  description: 'Subnets have Private Google Access and VPC flow logs',
  fixHint: 'Set private_ip_google_access = true and a log_config block',
  resourceTypes: ['google_compute_subnetwork'],
  check: (r) => {
    const purpose = r.attributes.purpose;
    if (purpose !== undefined && purpose !== 'PRIVATE') return undefined;
    if (r.attributes.private_ip_google_access !== true)
      return 'private_ip_google_access is not true';
    return blocks(r.attributes.log_config).length > 0 || 'no log_config (flow logs)';
  },
});
