import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { REQUIRED_RESTRICTED_SERVICES } from '../defaults';
import { blocks } from './util';

/** GCP-07: perimeters restrict the ML services and restrict VPC-accessible services. */
export const gcp07PerimeterServices = defineRule({
  id: 'GCP-07',
  level: RuleLevel.ERROR,
  description: `Service perimeters restrict at least ${REQUIRED_RESTRICTED_SERVICES.join(', ')} and restrict VPC-accessible services`,
  fixHint:
    'Add the missing services to restricted_services and set vpc_accessible_services.enable_restriction = true',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r) => {
    const useSpec = r.attributes.use_explicit_dry_run_spec === true;
    const cfg = blocks(useSpec ? r.attributes.spec : r.attributes.status)[0];
    if (!cfg) return `no ${useSpec ? 'spec' : 'status'} block`;
    const services: string[] = cfg.restricted_services ?? [];
    const missing = REQUIRED_RESTRICTED_SERVICES.filter((s) => !services.includes(s));
    if (missing.length > 0) return `restricted_services misses ${missing.join(', ')}`;
    const vpc = blocks(cfg.vpc_accessible_services)[0];
    return (
      vpc?.enable_restriction === true || 'vpc_accessible_services.enable_restriction is not true'
    );
  },
});
