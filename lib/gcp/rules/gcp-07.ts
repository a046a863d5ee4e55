import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { REQUIRED_RESTRICTED_SERVICES } from '../defaults';
import { activeConfig, isVerdict } from './perimeter-config';
import { block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-07: perimeters restrict the ML services and restrict VPC-accessible services. */
export const gcp07PerimeterServices = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description: `Service perimeters restrict at least ${REQUIRED_RESTRICTED_SERVICES.join(', ')} and restrict VPC-accessible services`,
  fixHint:
    'Add the missing services to restricted_services and set vpc_accessible_services.enable_restriction = true',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r) => {
    const active = activeConfig(r);
    if (isVerdict(active)) return active;
    const { cfg, key } = active;
    if (!cfg) return `no ${key} block`;
    const services = cfg.restricted_services;
    if (isExpression(services)) return unknown(`restricted_services is ${services}`);
    const list: any[] = Array.isArray(services) ? services : [];
    const missing = REQUIRED_RESTRICTED_SERVICES.filter((s) => !list.includes(s));
    if (missing.length > 0) {
      return list.some(isExpression)
        ? unknown('restricted_services holds an expression')
        : `restricted_services misses ${missing.join(', ')}`;
    }
    const vpc = cfg.vpc_accessible_services;
    if (isExpression(vpc)) return unknown(`vpc_accessible_services is ${vpc}`);
    const enabled = block(vpc)?.enable_restriction;
    if (isExpression(enabled)) return unknown(`enable_restriction is ${enabled}`);
    return isTrue(enabled) || 'vpc_accessible_services.enable_restriction is not true';
  },
});
