import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { blocks } from './util';

/** GCP-15 / X-05: Vertex endpoints are private (VPC peering or Private Service Connect). */
export const gcp15PrivateEndpoint = defineRule({
  id: 'GCP-15',
  level: RuleLevel.ERROR,
  description:
    'Vertex AI endpoints are private: network (peering) or private_service_connect_config enabled',
  fixHint:
    'Set network = projects/NUMBER/global/networks/NAME or private_service_connect_config.enable_private_service_connect = true',
  resourceTypes: ['google_vertex_ai_endpoint'],
  check: (r) => {
    if (typeof r.attributes.network === 'string' && r.attributes.network.length > 0) return true;
    return (
      blocks(r.attributes.private_service_connect_config)[0]?.enable_private_service_connect ===
        true || 'public endpoint'
    );
  },
});
