import { defineRule } from '../../core/compliance/define-rule';
import { RuleCategory, RuleLevel } from '../../core/compliance/rule';
import { asList, block, isExpression, unknown } from '../../core/rules/attributes';
import { referenceOf } from '../../core/rules/references';

/**
 * The domains Workbench reaches from inside a VPC Service Controls perimeter: the JupyterLab
 * proxy and its kernels, and the container registries its images come from. Each needs a
 * private zone that resolves to the restricted VIP on the instance's network
 * (https://cloud.google.com/vertex-ai/docs/workbench/instances/service-perimeter; the anchor,
 * terraform-google-enterprise-genai, creates the same zones).
 */
export const WORKBENCH_PERIMETER_DOMAINS = [
  'notebooks.cloud.google.com.',
  'notebooks.googleusercontent.com.',
  'kernels.googleusercontent.com.',
  'pkg.dev.',
  'gcr.io.',
];

/**
 * GCP-09 (Workbench DNS): a Workbench instance on a network of the stack, in a stack with a
 * service perimeter, has private DNS zones for the Workbench domains on that network; without
 * them the JupyterLab proxy and image pulls fail inside the perimeter. An instance on a network
 * of another stack (a literal or remote-state id) is not judged here: that stack owns the zones.
 */
export const gcp09WorkbenchDns = defineRule(__filename, {
  level: RuleLevel.ERROR,
  category: RuleCategory.APPLY,
  source:
    'https://cloud.google.com/vertex-ai/docs/workbench/instances/service-perimeter (DNS for Workbench inside a perimeter); terraform-google-enterprise-genai creates these private zones',
  description: `Workbench instances inside a service perimeter have private DNS zones on their network for ${WORKBENCH_PERIMETER_DOMAINS.join(', ')}`,
  fixHint:
    'Create private google_dns_managed_zone resources for these domains on the instance network, resolving to the restricted VIP 199.36.153.4/30 (GcpPrivateNetwork restrictedGoogleApis: true)',
  resourceTypes: ['google_workbench_instance'],
  check: (r, stack) => {
    if (stack.resources('google_access_context_manager_service_perimeter').length === 0)
      return undefined;
    const setup = block(r.attributes.gce_setup);
    if (isExpression(setup)) return unknown(`gce_setup is ${setup}`);
    const nic = block(setup?.network_interfaces);
    const network = nic?.network;
    if (network === undefined) return undefined; // the default network: GCP-08 judges that
    const ref = referenceOf(network);
    if (!ref || ref.data || ref.type !== 'google_compute_network') {
      return isExpression(network) && !String(network).includes('terraform_remote_state')
        ? unknown(`network is ${network}`)
        : undefined; // a network of another stack
    }
    const onNetwork = new Set<string>();
    for (const zone of stack.resources('google_dns_managed_zone')) {
      const cfg = block(zone.attributes.private_visibility_config);
      const urls = asList(cfg?.networks).map((n: any) => n?.network_url);
      const same = urls.some((u: any) => {
        const z = referenceOf(u);
        return z && z.type === ref.type && z.name === ref.name;
      });
      if (same && typeof zone.attributes.dns_name === 'string')
        onNetwork.add(zone.attributes.dns_name);
    }
    const missing = WORKBENCH_PERIMETER_DOMAINS.filter((d) => !onNetwork.has(d));
    return (
      missing.length === 0 ||
      `no private DNS zone on ${ref.type}.${ref.name} for ${missing.join(', ')}: the JupyterLab proxy and image pulls fail inside the perimeter`
    );
  },
});
