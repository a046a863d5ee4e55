import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { gcpReference } from '../reference';
import { activeConfig, isVerdict } from './perimeter-config';
import { asList, isExpression, unknown } from '../../core/rules/attributes';

/**
 * GCP-07 (enabled services): a service perimeter restricts every service the stack enables
 * (`google_project_service`) that VPC Service Controls supports, by the bundled reference data
 * the list `gcloud access-context-manager supported-services list` returns, see
 * https://cloud.google.com/vpc-service-controls/docs/supported-products). An enabled but
 * unrestricted service is reachable from outside the perimeter with stolen credentials.
 */
export const gcp07EnabledServices = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Service perimeters restrict every VPC-SC-supported service that the stack enables (google_project_service)',
  fixHint:
    'Add the service to restricted_services (SecureVertexPipeline restricts every enabled supported service; ServicePerimeter: additionalRestrictedServices)',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r, stack) => {
    const active = activeConfig(r);
    if (isVerdict(active)) return active;
    const { cfg, key } = active;
    if (!cfg) return `no ${key} block`;
    const restricted = cfg.restricted_services;
    if (isExpression(restricted)) return unknown(`restricted_services is ${restricted}`);
    const list = asList(restricted);
    const ref = gcpReference();
    const enabled = new Set<string>();
    let pending: string | undefined;
    for (const s of stack.resources('google_project_service')) {
      const service = s.attributes.service;
      if (isExpression(service)) pending = `google_project_service ${s.address} is ${service}`;
      else if (typeof service === 'string' && ref.vpcscSupports(service)) enabled.add(service);
    }
    const missing = [...enabled].filter((s) => !list.includes(s)).sort();
    if (missing.length > 0) {
      return list.some(isExpression)
        ? unknown('restricted_services holds an expression')
        : `enabled in the stack but not restricted: ${missing.join(', ')}`;
    }
    return pending ? unknown(pending) : true;
  },
});
