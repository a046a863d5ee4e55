// Validation of the props that SageMakerStudioDomain, MultiTenantStudio and PrivateNetwork share
// (network, tags, personas, regions...), so that each reports a bad value under its own prop
// path before any resource is created.
import { IConstruct } from 'constructs';
import { isUnresolved, ValidationError, Validator } from '../core/errors';
import { Persona, PersonaModel, SodException } from '../core/personas';
import { PlatformCommonProps, validatePlatformCommonProps } from '../core/platform';
import { CapacityPlanner } from './capacity-planner';
import { PERIMETER_EXEMPT_PERSONAS, REQUIRED_INTERFACE_ENDPOINTS } from './defaults';
import { providerRegion } from './env';
import { AuthMode } from './user-profiles';
import {
  bool,
  AWS_PRINCIPAL_CANONICALIZER,
  awsValidator,
  awsRegion,
  cidr,
  ec2Id,
  enumOf,
  iamPrincipal,
  integer,
  listOf,
  objectListOf,
  organizationId,
  removalPolicy,
  stringListOf,
  stringMapOf,
} from './validation';

const TAG_LITERAL =
  "tags are checked against AWS's tag characters and merged into every resource at synth";
const TAG_FIELDS = ['platform', 'environment', 'owner', 'dataClassification', 'costCenter'];

/** `tags`: an object of strings, with `extra` a map of strings (AWS allows 50 tags a resource). */
export function validateTags(v: Validator, prop: string, tags: unknown): void {
  if (tags === undefined || !v.object(prop, tags)) return;
  const t = tags as any;
  for (const [k, value] of Object.entries(t)) {
    if (k === 'extra') continue;
    if (!TAG_FIELDS.includes(k)) {
      v.add(`${prop}.${k}`, value, `one of the tag fields ${TAG_FIELDS.join(', ')}, extra`);
      continue;
    }
    if (value !== undefined && typeof value !== 'string')
      v.add(`${prop}.${k}`, value, 'a string (a tag value)');
    else if (value !== undefined) v.literal(`${prop}.${k}`, value, TAG_LITERAL);
  }
  if (t.extra !== undefined && stringMapOf(v, `${prop}.extra`, t.extra)) {
    for (const [k, value] of Object.entries(t.extra)) {
      v.literal(`${prop}.extra.${k}`, k, TAG_LITERAL);
      v.literal(`${prop}.extra.${k}`, value, TAG_LITERAL);
    }
    // the platform's own tags (5 platform tags, persona, studiouserid, tenant) come on top
    const count = Object.keys(t.extra).length;
    if (count > 40)
      v.add(
        `${prop}.extra`,
        `${count} tags`,
        'at most 40 extra tags (AWS allows 50 tags a resource; the platform sets up to 10)',
      );
  }
}

/** `allowedRegions`: Regions of the bundled list, each once; the provider region among them. */
export function validateAllowedRegions(
  v: Validator,
  prop: string,
  value: unknown,
  providerRegion: string | undefined,
): void {
  const regions = stringListOf(v, prop, value, { unique: true, minLength: 1 });
  let ok = regions.length > 0;
  for (const r of regions) ok = awsRegion(v, r.at, r.value) && ok;
  if (ok && providerRegion && !regions.some((r) => r.value === providerRegion))
    v.add(
      prop,
      `${providerRegion} (provider region)`,
      `the provider region must be one of [${regions.map((r) => r.value).join(', ')}]`,
    );
}

/**
 * The CI principals of the workload roles that SageMaker uses from its own network (pipeline,
 * deployment, monitoring) must be named roles or users: those roles are exempt from the data
 * perimeter's network condition, and an account (a 12-digit id or its root ARN) in their trust
 * policy lets every principal of that account with `sts:AssumeRole` become them.
 */
function namedWorkloadPrincipals(v: Validator, personas: unknown): void {
  if (typeof personas !== 'object' || personas === null) return;
  for (const persona of PERIMETER_EXEMPT_PERSONAS) {
    const list = (personas as { [persona: string]: unknown })[persona];
    if (!Array.isArray(list)) continue;
    list.forEach((p, i) => {
      if (typeof p !== 'string' || isUnresolved(p)) return;
      if (/^\d{12}$/.test(p) || /^arn:[\w-]+:iam::\d{12}:root$/.test(p))
        v.add(
          `personas.${persona}[${i}]`,
          p,
          `a named IAM role (or user) ARN such as arn:aws:iam::111111111111:role/ci-deployer, not an account: the ${persona} role is exempt from the data perimeter's network condition, so an account in its trust policy would let any of its principals allowed sts:AssumeRole act outside the platform network`,
        );
    });
  }
}

/**
 * Personas and SoD exceptions: the persona model's checks with AWS's notion of one
 * principal (an account id and its root ARN; IAM names without regard to case), and every
 * principal an ARN IAM accepts in a trust policy. Problems go to `v`.
 */
export function validatePersonas(
  v: Validator,
  scope: IConstruct,
  prop: string,
  personas: unknown,
  exceptions: unknown,
): void {
  // shapes first, with literal lists (a token or a string where a list belongs is one problem):
  // the persona model then sees only well-formed entries
  const cleanPersonas: { [persona: string]: string[] } = {};
  if (personas !== undefined && v.object(prop, personas)) {
    for (const [persona, principals] of Object.entries(personas as object)) {
      const before = v.problems.length;
      const list = stringListOf(v, `${prop}.${persona}`, principals, { unique: true });
      if (v.problems.length === before) cleanPersonas[persona] = list.map((x) => x.value);
    }
  }
  const cleanExceptions: SodException[] = [];
  for (const { value: ex, at } of objectListOf(v, 'sodExceptions', exceptions)) {
    const before = v.problems.length;
    v.string(`${at}.principal`, ex.principal, { optional: false });
    stringListOf(v, `${at}.personas`, ex.personas, { optional: false, minLength: 2 });
    v.string(`${at}.reason`, ex.reason, { optional: false });
    if (v.problems.length === before) cleanExceptions.push(ex);
  }
  try {
    PersonaModel.validate(scope, prop, cleanPersonas, cleanExceptions, AWS_PRINCIPAL_CANONICALIZER);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const p of e.problems) v.add(p.prop, p.value, p.allowed);
  }
  for (const [persona, principals] of Object.entries(cleanPersonas))
    principals.forEach((p, i) =>
      iamPrincipal(v, `${prop}.${persona}[${i}]`, p, { accountIds: true }),
    );
  cleanExceptions.forEach((ex, i) =>
    iamPrincipal(v, `sodExceptions[${i}].principal`, ex.principal, { accountIds: true }),
  );
  namedWorkloadPrincipals(v, cleanPersonas);
}

/** A persona key that is a human persona (user profiles). */
export function humanPersona(v: Validator, prop: string, value: unknown): boolean {
  return v.enumValue(prop, value, PersonaModel.HUMAN as string[], false);
}

/** The NetworkProps fields that describe an existing VPC (only with `vpcId`). */
const EXISTING_VPC_FIELDS = [
  'subnetIds',
  'subnetCidrs',
  'subnetAvailabilityZones',
  'routeTableIds',
  'existingVpcCidr',
];

const NETWORK_FIELDS = [
  'vpcCidr',
  'availabilityZoneCount',
  'availabilityZones',
  'subnetPrefixLength',
  'expectedUsers',
  'capacity',
  'vpcId',
  ...EXISTING_VPC_FIELDS,
  'createEndpoints',
  'createS3GatewayEndpoint',
  'endpointSecurityGroupId',
  'organizationId',
  'additionalInterfaceEndpoints',
  'flowLogs',
];

const AZ_NAME = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)[a-z]$/;

/**
 * `network` (NetworkProps): shapes, VPC and subnet CIDRs of the sizes AWS allows (/16 to /28),
 * EC2 ids, distinct subnet ids and Availability Zones in the provider's Region, and the
 * capacity inputs. `region` is the provider's literal Region, when known.
 */
export function validateNetworkProps(
  v: Validator,
  prefix: string,
  network: unknown,
  region: string | undefined,
  extraFields: string[] = [],
): boolean {
  const at = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (network === undefined) return true;
  if (!v.object(prefix || 'props', network)) return false;
  const n = network as any;
  const before = v.problems.length;
  if (
    n.vpcCidr !== undefined &&
    v.literal(at('vpcCidr'), n.vpcCidr, 'it is split into the subnets at synth')
  )
    cidr(v, at('vpcCidr'), n.vpcCidr, { min: 16, max: 28, what: 'a VPC CIDR block' });
  if (n.existingVpcCidr !== undefined)
    cidr(v, at('existingVpcCidr'), n.existingVpcCidr, {
      min: 16,
      max: 28,
      what: 'a VPC CIDR block',
    });
  if (n.availabilityZoneCount !== undefined)
    v.require(
      Number.isInteger(n.availabilityZoneCount) && n.availabilityZoneCount >= 2,
      at('availabilityZoneCount'),
      n.availabilityZoneCount,
      'at least 2 Availability Zones (an integer)',
    );
  integer(v, at('subnetPrefixLength'), n.subnetPrefixLength, { min: 16, max: 28 });
  integer(v, at('expectedUsers'), n.expectedUsers, { min: 1 });
  for (const k of ['createEndpoints', 'createS3GatewayEndpoint', 'flowLogs']) bool(v, at(k), n[k]);
  const azs = stringListOf(v, at('availabilityZones'), n.availabilityZones, {
    unique: true,
    minLength: 2,
  });
  const subnetAzs = stringListOf(v, at('subnetAvailabilityZones'), n.subnetAvailabilityZones);
  for (const z of [...azs, ...subnetAzs]) {
    if (isUnresolved(z.value)) continue;
    const m = AZ_NAME.exec(z.value);
    if (!m) v.add(z.at, z.value, 'an Availability Zone name such as eu-west-1a');
    else if (region && m[1] !== region)
      v.add(z.at, z.value, `an Availability Zone of the provider Region ${region}`);
  }
  if (n.vpcId !== undefined) ec2Id(v, at('vpcId'), n.vpcId, 'vpc');
  const subnets = stringListOf(v, at('subnetIds'), n.subnetIds, { unique: true });
  for (const s of subnets) ec2Id(v, s.at, s.value, 'subnet');
  const cidrs = stringListOf(v, at('subnetCidrs'), n.subnetCidrs);
  for (const c of cidrs) cidr(v, c.at, c.value, { min: 16, max: 28, what: 'a subnet CIDR block' });
  for (const r of stringListOf(v, at('routeTableIds'), n.routeTableIds, { unique: true }))
    ec2Id(v, r.at, r.value, 'rtb');
  if (n.endpointSecurityGroupId !== undefined)
    ec2Id(v, at('endpointSecurityGroupId'), n.endpointSecurityGroupId, 'sg');
  organizationId(v, at('organizationId'), n.organizationId);
  for (const e of stringListOf(
    v,
    at('additionalInterfaceEndpoints'),
    n.additionalInterfaceEndpoints,
    { unique: true },
  )) {
    if (REQUIRED_INTERFACE_ENDPOINTS.includes(e.value))
      v.add(
        e.at,
        e.value,
        `an endpoint not already created (${REQUIRED_INTERFACE_ENDPOINTS.join(', ')} always are)`,
      );
    else if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(e.value))
      v.add(
        e.at,
        e.value,
        "a service name suffix such as 'ssm' or 'sagemaker.featurestore-runtime'",
      );
  }
  if (n.vpcId === undefined) {
    for (const k of EXISTING_VPC_FIELDS)
      if (n[k] !== undefined)
        v.add(
          at(k),
          n[k],
          'only with network.vpcId (an existing VPC); without it a VPC is created',
        );
  }
  if (n.capacity !== undefined && n.expectedUsers !== undefined)
    v.add(at('expectedUsers'), n.expectedUsers, 'not with capacity (set capacity.users instead)');
  if (n.capacity !== undefined && v.object(at('capacity'), n.capacity))
    for (const p of CapacityPlanner.validate(n.capacity))
      v.add(at('capacity'), JSON.stringify(n.capacity), p);
  for (const k of Object.keys(n))
    if (!NETWORK_FIELDS.includes(k) && !extraFields.includes(k))
      v.add(at(k), n[k], `one of the props ${[...NETWORK_FIELDS, ...extraFields].join(', ')}`);
  return v.problems.length === before;
}

/** Re-exported for the constructs. */
export { listOf, objectListOf, Persona };

/**
 * Starts checking the props of a platform (SageMakerStudioDomain, MultiTenantStudio): the AWS
 * provider, props the construct does not know (`known`), the props every platform shares
 * through core's `validatePlatformCommonProps` (the one `environment` rule, then AWS's checks of
 * `removalPolicy`, `allowedRegions`, `tags` and, with `scope`'s personas, `personas` and
 * `sodExceptions`), then `authMode`. Returns the validator that collects the rest, and the
 * provider's region.
 */
export function startPlatformValidation(
  scope: IConstruct,
  props: object,
  construct: string,
  known: string[],
  options: { readonly personas?: boolean } = {},
): { v: Validator; region: string | undefined } {
  const v = awsValidator(scope);
  const region = providerRegion(scope);
  const p = props as any;
  for (const k of Object.keys(p))
    if (!known.includes(k)) v.add(k, p[k], `a prop of ${construct} (${known.join(', ')})`);
  validatePlatformCommonProps(v, p as PlatformCommonProps, {
    removalPolicy,
    allowedRegions: (vv, prop, value) => validateAllowedRegions(vv, prop, value, region),
    tags: validateTags,
    ...(options.personas
      ? {
          personas: (vv: Validator, personas: unknown, exceptions: unknown) =>
            validatePersonas(vv, scope, 'personas', personas, exceptions),
        }
      : {}),
  });
  // the audit evidence's own removal policy (trail bucket and log groups, account log groups)
  removalPolicy(v, 'auditRemovalPolicy', p.auditRemovalPolicy);
  bool(v, 'allowReplacement', p.allowReplacement);
  enumOf(v, 'authMode', p.authMode, Object.values(AuthMode), {
    optional: false,
    allowed: 'AuthMode.IAM or AuthMode.SSO (chosen explicitly; it cannot change after creation)',
  });
  return { v, region };
}
