import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { block, isExpression, isTrue, unknown } from '../../core/rules/attributes';

/** GCP-15 / X-05: Vertex endpoints are private (VPC peering or Private Service Connect). */
export const gcp15PrivateEndpoint = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Vertex AI endpoints are private: network (peering) or private_service_connect_config enabled',
  fixHint:
    'Set network = projects/NUMBER/global/networks/NAME or private_service_connect_config.enable_private_service_connect = true',
  resourceTypes: ['google_vertex_ai_endpoint'],
  check: (r) => {
    const network = r.attributes.network;
    if (typeof network === 'string' && network.length > 0) return true;
    const psc = r.attributes.private_service_connect_config;
    if (isExpression(psc)) return unknown(`private_service_connect_config is ${psc}`);
    const enabled = block(psc)?.enable_private_service_connect;
    if (isExpression(enabled)) return unknown(`enable_private_service_connect is ${enabled}`);
    return isTrue(enabled) || 'public endpoint';
  },
});
