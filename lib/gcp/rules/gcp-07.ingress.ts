import { defineApplyRule } from '../../core/compliance/define-rule';
import { allConfigs } from './perimeter-config';
import { allOf, asList, block, isExpression, unknown, Verdict } from '../../core/rules/attributes';

/** Verdict on one ingress policy. */
function ingressVerdict(p: any, where: string): Verdict {
  if (isExpression(p)) return unknown(`${where} is ${p}`);
  const from = block(p?.ingress_from);
  const to = block(p?.ingress_to);
  if (isExpression(from) || isExpression(to)) return unknown(`${where} holds an expression`);
  if (!from) return `${where} has no ingress_from`;
  if (!to) return `${where} has no ingress_to`;
  const who =
    isExpression(from.identities) || asList(from.identities).length > 0 || !!from.identity_type;
  const sources = from.sources;
  if (isExpression(sources)) return unknown(`${where}.ingress_from.sources is ${sources}`);
  const hasSource = asList(sources).some(
    (s) => isExpression(s) || !!s?.access_level || !!s?.resource,
  );
  const ops = to.operations;
  return allOf([
    who || `${where}.ingress_from names no identities and no identity_type`,
    hasSource ||
      `${where}.ingress_from has no sources (access_level or resource): the rule admits nothing`,
    isExpression(ops) ||
      asList(ops).length > 0 ||
      `${where}.ingress_to has no operations: the rule admits nothing`,
  ]);
}

/** Verdict on one egress policy. */
function egressVerdict(p: any, where: string): Verdict {
  if (isExpression(p)) return unknown(`${where} is ${p}`);
  const from = block(p?.egress_from);
  if (isExpression(from)) return unknown(`${where}.egress_from is ${from}`);
  const who =
    !!from &&
    (isExpression(from.identities) || asList(from.identities).length > 0 || !!from.identity_type);
  return who || `${where}.egress_from names no identities and no identity_type`;
}

/**
 * GCP-07 (apply): Access Context Manager admits a request through an ingress rule only when its
 * ingress_from names who (identities or identity_type) and from where (sources: an access level
 * or a resource), and ingress_to names operations. A rule without sources plans and applies but
 * admits nothing. Egress rules need identities or an identity type.
 */
export const gcp07Ingress = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/vpc-service-controls/docs/ingress-egress-rules#ingress-rules-reference (from: identities and sources; to: operations and resources); provider docs website/docs/r/access_context_manager_service_perimeter.html.markdown (ingress_from.sources)',
  description:
    'Perimeter ingress rules name identities and sources and operations; egress rules name identities',
  fixHint:
    'Add sources { access_level = ... } or sources { resource = "projects/NUMBER" } (\'*\' for any source) next to the identities',
  resourceTypes: ['google_access_context_manager_service_perimeter'],
  check: (r) => {
    const verdicts: Verdict[] = [];
    allConfigs(r).forEach((cfg, ci) => {
      const key = ci < asList(r.attributes.status).length ? 'status' : 'spec';
      if (isExpression(cfg)) {
        verdicts.push(unknown(`${key} is ${cfg}`));
        return;
      }
      asList(cfg?.ingress_policies).forEach((p, i) =>
        verdicts.push(ingressVerdict(p, `${key}.ingress_policies[${i}]`)),
      );
      asList(cfg?.egress_policies).forEach((p, i) =>
        verdicts.push(egressVerdict(p, `${key}.egress_policies[${i}]`)),
      );
    });
    return allOf(verdicts);
  },
});
