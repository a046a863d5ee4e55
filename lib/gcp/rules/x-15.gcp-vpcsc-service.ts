import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { allOf, asList, block, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { gcpReference } from '../reference';

/** Special values of vpc_accessible_services.allowed_services (provider docs). */
const ALLOWED_SERVICES_TOKENS = ['RESTRICTED-SERVICES', '*'];

function checkServices(where: string, services: any, tokens: string[]): Verdict[] {
  if (isExpression(services)) return [unknown(`${where} is ${services}`)];
  const ref = gcpReference();
  return asList(services).map((s: any) => {
    if (typeof s !== 'string') return undefined;
    if (isExpression(s)) return unknown(`${where} ${s}`);
    if (tokens.includes(s) || ref.vpcscSupports(s)) return true;
    return `${where}: "${s}" is not a service VPC Service Controls supports`;
  });
}

function checkPerimeterConfig(where: string, config: any): Verdict[] {
  const c = block(config);
  if (!c || typeof c !== 'object') return [];
  return [
    ...checkServices(`${where}.restricted_services`, c.restricted_services, []),
    ...checkServices(
      `${where}.vpc_accessible_services.allowed_services`,
      block(c.vpc_accessible_services)?.allowed_services,
      ALLOWED_SERVICES_TOKENS,
    ),
  ];
}

/**
 * X-15 (VPC-SC services): the restricted and VPC-accessible services of a service perimeter are
 * services VPC Service Controls supports.
 */
export const x15GcpVpcscService = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Services supported by VPC Service Controls (https://cloud.google.com/vpc-service-controls/docs/supported-products; scripts/reference-data/provenance.json)',
  description:
    'Every restricted or VPC-accessible service of a service perimeter is supported by VPC Service Controls',
  fixHint:
    'Use service names from `gcloud access-context-manager supported-services list`; the API rejects a perimeter with an unsupported service',
  resourceTypes: [
    'google_access_context_manager_service_perimeter',
    'google_access_context_manager_service_perimeters',
  ],
  check: (r) => {
    if (r.type === 'google_access_context_manager_service_perimeter') {
      return allOf([
        ...checkPerimeterConfig('status', r.attributes.status),
        ...checkPerimeterConfig('spec', r.attributes.spec),
      ]);
    }
    return allOf(
      asList(r.attributes.service_perimeters).flatMap((p: any, i: number) => [
        ...checkPerimeterConfig(`service_perimeters[${i}].status`, p?.status),
        ...checkPerimeterConfig(`service_perimeters[${i}].spec`, p?.spec),
      ]),
    );
  },
});
