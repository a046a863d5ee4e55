import { defineApplyRule } from '../../core/compliance/define-rule';
import { allOf, isExpression, unknown } from '../../core/rules/attributes';

/**
 * GCP-15 (apply): a Vertex AI endpoint's user-chosen `name` is numeric (no leading zero, at most
 * 10 digits), and a peered endpoint's `network` names the project by number; the API rejects
 * other forms that the provider plans.
 */
export const gcp15EndpointFormat = defineApplyRule(__filename, {
  source:
    'provider docs website/docs/r/vertex_ai_endpoint.html.markdown (name: "must be numeric with no leading zeros and can be at most 10 digits"; network: "projects/{project}/global/networks/{network}. Where {project} is a project number")',
  description:
    'Vertex AI endpoint names are numeric (<= 10 digits, no leading zero) and network uses the project number',
  fixHint:
    'Use a numeric name and network = projects/${data.google_project.p.number}/global/networks/NAME',
  resourceTypes: ['google_vertex_ai_endpoint'],
  check: (r) => {
    const name = r.attributes.name;
    const network = r.attributes.network;
    return allOf([
      name === undefined
        ? undefined
        : isExpression(name)
          ? unknown(`name is ${name}`)
          : /^[1-9]\d{0,9}$/.test(String(name)) ||
            `name '${name}' is not numeric (<= 10 digits, no leading zero)`,
      network === undefined
        ? undefined
        : /^projects\/(\d+|\$\{[^}]*\.number\})\/global\/networks\/[^/]+$/.test(network)
          ? true
          : isExpression(network)
            ? unknown(`network is ${network}`)
            : `network '${network}' does not name the project by number`,
    ]);
  },
});
