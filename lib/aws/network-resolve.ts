// Validation and defaults of PrivateNetwork: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { Annotations, Token } from 'cdktf';
import { cidrContains, findOverlaps, parseCidrOrUndefined, splitCidr } from '../core/cidr';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { CapacityPlanner, CapacityPlannerProps } from './capacity-planner';
import {
  DEFAULT_AZ_COUNT,
  DEFAULT_EXPECTED_USERS,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_VPC_CIDR,
  flowLogGroupName,
  REQUIRED_INTERFACE_ENDPOINTS,
} from './defaults';
import type { PrivateNetworkProps } from './network';
import { validateNetworkProps } from './props-validation';
import {
  accountId,
  awsProvider,
  awsRegion,
  defaultProviderRegion,
  kmsKeyArnOrToken,
  logRetentionDays,
  removalPolicy,
  stringListOf,
} from './validation';

/** Longest CloudWatch Logs group name. */
const MAX_LOG_GROUP_NAME = 512;

/** The configuration of a PrivateNetwork: its validated props with every default applied. */
export interface ResolvedPrivateNetworkProps {
  /** The validated props, as given. */
  readonly props: PrivateNetworkProps;
  /** The capacity plan of the subnets (AWS-03). */
  readonly capacity: CapacityPlanner;
  /** CIDRs of the subnets to create (one per Availability Zone); empty for an existing VPC. */
  readonly subnetCidrs: string[];
  /** CIDR of the VPC to create, or of the existing VPC when known. */
  readonly vpcCidr?: string;
  /** Interface endpoint service suffixes (the required ones and the additional ones). */
  readonly interfaceEndpoints: string[];
  readonly createEndpoints: boolean;
  readonly createS3GatewayEndpoint: boolean;
  readonly flowLogs: boolean;
  readonly logRetentionDays: number;
  readonly allowedS3BucketArns: string[];
}

/** Validates the props of a PrivateNetwork (one error for every problem) and applies the defaults. */
export function resolvePrivateNetworkProps(
  scope: Construct,
  props: PrivateNetworkProps,
): ResolvedPrivateNetworkProps {
  props = requireProps(scope, props, true);
  const v = new Validator(scope);
  if (awsProvider(v, scope) && props.region !== undefined)
    awsRegion(v, 'region', props.region, { literal: true });
  const literalRegion =
    typeof props.region === 'string' && !isUnresolved(props.region)
      ? props.region
      : defaultProviderRegion(scope);
  validateNetworkProps(v, '', props, literalRegion, [
    'kmsKeyArn',
    'logRetentionDays',
    'accountId',
    'region',
    'removalPolicy',
    'allowedS3BucketArns',
  ]);
  kmsKeyArnOrToken(v, 'kmsKeyArn', props.kmsKeyArn);
  stringListOf(v, 'allowedS3BucketArns', props.allowedS3BucketArns);
  logRetentionDays(v, 'logRetentionDays', props.logRetentionDays);
  const flowLogs = props.flowLogs ?? true;
  const logGroupName = flowLogGroupName(scope.node.path);
  if (flowLogs && logGroupName.length > MAX_LOG_GROUP_NAME)
    v.add(
      'flowLogs',
      logGroupName,
      'a flow-log group name of at most 512 characters (CloudWatch Logs): the one derived from the construct path is longer; use shorter construct ids',
    );
  accountId(v, 'accountId', props.accountId);
  removalPolicy(v, 'removalPolicy', props.removalPolicy);
  v.throwIfInvalid();
  const byo = props.vpcId !== undefined;
  const azCount =
    props.availabilityZoneCount ?? props.availabilityZones?.length ?? DEFAULT_AZ_COUNT;
  const subnetCount = byo ? (props.subnetIds?.length ?? 0) : azCount;
  const extra = props.additionalInterfaceEndpoints ?? [];
  const createEndpoints = props.createEndpoints ?? true;
  const capacityProps: CapacityPlannerProps = {
    ...(props.capacity ?? { users: props.expectedUsers ?? DEFAULT_EXPECTED_USERS }),
    subnetCount: Math.max(1, subnetCount),
    interfaceEndpointsPerSubnet:
      props.capacity?.interfaceEndpointsPerSubnet ??
      (createEndpoints ? REQUIRED_INTERFACE_ENDPOINTS.length + extra.length : 0),
  };
  for (const p of CapacityPlanner.validate(capacityProps))
    v.add('capacity', JSON.stringify(capacityProps), p);
  v.throwIfInvalid();
  const capacity = new CapacityPlanner(capacityProps);
  const subnets = byo
    ? validateExistingSubnets(scope, v, props, capacity)
    : planSubnets(v, props, capacity, azCount, capacityProps.users);
  return {
    props,
    capacity,
    ...subnets,
    interfaceEndpoints: [...REQUIRED_INTERFACE_ENDPOINTS, ...extra],
    createEndpoints,
    createS3GatewayEndpoint: props.createS3GatewayEndpoint ?? createEndpoints,
    flowLogs,
    logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    allowedS3BucketArns: props.allowedS3BucketArns ?? [],
  };
}

/** Checks the subnets of an existing VPC (two AZs at least, CIDRs that hold the capacity plan). */
function validateExistingSubnets(
  scope: Construct,
  v: Validator,
  props: PrivateNetworkProps,
  capacity: CapacityPlanner,
): { subnetCidrs: string[]; vpcCidr?: string } {
  const ids = props.subnetIds ?? [];
  v.require(
    ids.length >= 2,
    'subnetIds',
    ids,
    'private subnets in at least two Availability Zones',
  );
  if (props.subnetAvailabilityZones) {
    const distinct = new Set(props.subnetAvailabilityZones).size;
    v.require(
      distinct >= 2,
      'subnetAvailabilityZones',
      props.subnetAvailabilityZones,
      'at least two distinct Availability Zones',
    );
  }
  if (props.subnetCidrs) {
    v.require(
      props.subnetCidrs.length === ids.length,
      'subnetCidrs',
      props.subnetCidrs,
      `one CIDR per subnet id (${ids.length})`,
    );
    checkCidrs(v, capacity, props.subnetCidrs, props.existingVpcCidr, 'subnetCidrs');
  } else {
    // capacity cannot be verified without CIDRs
    Annotations.of(scope).addWarning('subnetCidrs not given: subnet capacity (AWS-03) not checked');
  }
  if (props.existingVpcCidr)
    v.check('existingVpcCidr', props.existingVpcCidr, Validate.cidr(props.existingVpcCidr));
  v.throwIfInvalid();
  return { subnetCidrs: [], vpcCidr: props.existingVpcCidr };
}

/** Splits the VPC CIDR to create into one subnet per AZ, sized by the capacity plan (AWS-03). */
function planSubnets(
  v: Validator,
  props: PrivateNetworkProps,
  capacity: CapacityPlanner,
  azCount: number,
  users: number,
): { subnetCidrs: string[]; vpcCidr: string } {
  const cidr = props.vpcCidr ?? DEFAULT_VPC_CIDR;
  v.check('vpcCidr', cidr, Validate.cidr(cidr));
  v.require(
    Number.isInteger(azCount) && azCount >= 2,
    'availabilityZoneCount',
    azCount,
    'at least 2 Availability Zones',
  );
  if (props.availabilityZones) {
    v.require(
      new Set(props.availabilityZones).size === props.availabilityZones.length,
      'availabilityZones',
      props.availabilityZones,
      'distinct Availability Zone names',
    );
  }
  const prefix = props.subnetPrefixLength ?? capacity.recommendedPrefixLength;
  v.require(
    Number.isInteger(prefix) && prefix >= 16 && prefix <= 28,
    'subnetPrefixLength',
    prefix,
    'an integer from 16 to 28',
  );
  v.throwIfInvalid();
  let cidrs: string[] = [];
  const parsed = parseCidrOrUndefined(cidr)!;
  if (prefix < parsed.prefix || azCount * 2 ** (32 - prefix) > parsed.size) {
    v.add(
      'vpcCidr',
      cidr,
      `a VPC CIDR that holds ${azCount} subnets of /${prefix} (${capacity.requiredIpsPerSubnet} IPs each for ${users} users), i.e. /${Math.max(0, prefix - Math.ceil(Math.log2(azCount)))} or larger`,
    );
  } else {
    cidrs = splitCidr(cidr, prefix, azCount);
    checkCidrs(v, capacity, cidrs, cidr, 'subnetPrefixLength');
  }
  v.throwIfInvalid();
  return { subnetCidrs: cidrs, vpcCidr: cidr };
}

/** Checks subnet CIDRs: valid, disjoint, inside the VPC, large enough for the capacity plan. */
function checkCidrs(
  v: Validator,
  capacity: CapacityPlanner,
  cidrs: string[],
  vpcCidr: string | undefined,
  prop: string,
): void {
  const valid: string[] = [];
  cidrs.forEach((c, i) => {
    if (Token.isUnresolved(c)) return;
    const problem = Validate.cidr(c);
    if (problem) v.add(`${prop}[${i}]`, c, problem);
    else valid.push(c);
  });
  for (const [a, b] of findOverlaps(valid))
    v.add(prop, `${a} and ${b}`, 'non-overlapping subnet CIDRs');
  if (vpcCidr && !isUnresolved(vpcCidr) && !Validate.cidr(vpcCidr)) {
    for (const c of valid)
      if (!cidrContains(vpcCidr, c)) v.add(prop, c, `a subnet inside the VPC CIDR ${vpcCidr}`);
  }
  const small = capacity.undersizedSubnets(valid);
  if (small.length > 0) {
    v.add(
      prop,
      small.join(', '),
      `subnets with at least ${capacity.requiredIpsPerSubnet} usable IPs each (AWS-03 capacity plan: ${capacity.userLevelIps} user-level + ${capacity.domainLevelIpsPerSubnet} domain-level IPs per subnet); use /${capacity.recommendedPrefixLength} or larger`,
    );
  }
}
