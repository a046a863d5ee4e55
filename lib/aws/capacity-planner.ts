import { parseCidrOrUndefined, prefixForAddresses } from '../core/cidr';
import { renderValue, ValidationError, ValidationProblem } from '../core/errors';

/**
 * Inputs of the subnet capacity plan (s004 "Planejamento da rede VPC").
 */
export interface CapacityPlannerProps {
  /** Number of Studio users (user profiles, plus shared spaces) active at the same time. */
  readonly users: number;
  /**
   * Apps per user (JupyterLab, Code Editor, kernel gateways...). Up to four apps share one
   * instance, so apps only add IPs when they need more instances than `instanceTypesPerUser`.
   * @default 2
   */
  readonly appsPerUser?: number;
  /**
   * Distinct instance types each user runs at once (one ENI per instance).
   * @default 2
   */
  readonly instanceTypesPerUser?: number;
  /**
   * Whether each user also runs the default Jupyter Server / system app (one ENI).
   * @default true
   */
  readonly systemAppPerUser?: boolean;
  /**
   * Average training/processing instances per user launched in the platform VPC.
   * @default 1
   */
  readonly trainingInstancesPerUser?: number;
  /**
   * IPs per training instance: 2, or 5 when Elastic Fabric Adapter (EFA) is used.
   * @default 2
   */
  readonly ipsPerTrainingInstance?: number;
  /**
   * Expected growth in percent, applied to the user-level IPs.
   * @default 0
   */
  readonly growthPercent?: number;
  /**
   * Interface VPC endpoints placed in each subnet (one ENI each per subnet).
   * @default 10
   */
  readonly interfaceEndpointsPerSubnet?: number;
  /**
   * Number of subnets (Availability Zones) of the domain; one EFS mount target each.
   * @default 3
   */
  readonly subnetCount?: number;
}

/** AWS reserves the first four and the last address of every subnet. */
export const AWS_RESERVED_IPS_PER_SUBNET = 5;

/**
 * Subnet capacity planner (AWS-03): from users, apps, instance types, training instances and
 * growth it computes the IPs a SageMaker Studio domain consumes and the subnet prefix to use.
 *
 * Model (s004): domain-level ENIs per subnet = 1 EFS mount target + one per interface
 * endpoint; user-level ENIs = per user (system app + one per instance type + IPs per training
 * instance), grown by `growthPercent`. Each subnet is sized to hold the whole user-level load
 * plus its own domain-level ENIs (SageMaker may place every user in one AZ, e.g. when another
 * AZ is impaired), plus the 5 addresses AWS reserves. The s004 worked example (100 users with
 * 1 system app, 2 instance types and 1 training instance; 10 endpoints) gives 500 + 11 = 511
 * IPs, which with the reserved addresses needs a /22.
 *
 * Pure: no constructs, usable on its own.
 */
export class CapacityPlanner {
  /** IPs consumed by one user. */
  public readonly ipsPerUser: number;
  /** User-level IPs for all users, with growth. */
  public readonly userLevelIps: number;
  /** Domain-level IPs in each subnet (EFS mount target + interface endpoints). */
  public readonly domainLevelIpsPerSubnet: number;
  /** Domain-level IPs across all subnets. */
  public readonly domainLevelIpsTotal: number;
  /** IPs each subnet must provide (user level + that subnet's domain level). */
  public readonly requiredIpsPerSubnet: number;
  /** Recommended subnet prefix length (e.g. 22 for a /22), including AWS's 5 reserved addresses. */
  public readonly recommendedPrefixLength: number;
  /** Number of subnets planned. */
  public readonly subnetCount: number;

  constructor(props: CapacityPlannerProps) {
    const problems = checkInputs(props);
    if (problems.length > 0) {
      // a pure class, not a construct: the error names the class instead of a construct path
      throw new ValidationError(
        'CapacityPlanner',
        problems.map((p) => ({ prop: p.prop, value: p.value, allowed: p.allowed })),
      );
    }
    const apps = props.appsPerUser ?? 2;
    const instanceTypes = Math.max(props.instanceTypesPerUser ?? 2, Math.ceil(apps / 4));
    const system = (props.systemAppPerUser ?? true) ? 1 : 0;
    const training = (props.trainingInstancesPerUser ?? 1) * (props.ipsPerTrainingInstance ?? 2);
    this.subnetCount = props.subnetCount ?? 3;
    this.ipsPerUser = system + instanceTypes + training;
    this.userLevelIps = Math.ceil(
      props.users * this.ipsPerUser * (1 + (props.growthPercent ?? 0) / 100),
    );
    this.domainLevelIpsPerSubnet = 1 + (props.interfaceEndpointsPerSubnet ?? 10);
    this.domainLevelIpsTotal = this.domainLevelIpsPerSubnet * this.subnetCount;
    this.requiredIpsPerSubnet = this.userLevelIps + this.domainLevelIpsPerSubnet;
    this.recommendedPrefixLength = Math.min(
      28,
      prefixForAddresses(this.requiredIpsPerSubnet + AWS_RESERVED_IPS_PER_SUBNET),
    );
  }

  /** Usable addresses of a subnet CIDR (size minus AWS's 5 reserved), or 0 when not a CIDR. */
  public static usableIps(cidr: string): number {
    const parsed = parseCidrOrUndefined(cidr);
    return parsed ? Math.max(0, parsed.size - AWS_RESERVED_IPS_PER_SUBNET) : 0;
  }

  /** Problems with the inputs (empty when valid), e.g. `users must be an integer >= 1 (got 0)`. */
  public static validate(props: CapacityPlannerProps): string[] {
    return checkInputs(props).map((p) => p.text);
  }

  /**
   * The subnets (CIDRs) that cannot hold `requiredIpsPerSubnet`, each described as
   * `<cidr> has N usable IPs`. Empty when every subnet is large enough.
   */
  public undersizedSubnets(subnetCidrs: string[]): string[] {
    return subnetCidrs
      .filter((c) => CapacityPlanner.usableIps(c) < this.requiredIpsPerSubnet)
      .map((c) => `${c} has ${CapacityPlanner.usableIps(c)} usable IPs`);
  }
}

/** The problems of the inputs, for untyped callers too (null, strings for numbers). */
function checkInputs(props: CapacityPlannerProps): Array<ValidationProblem & { text: string }> {
  const out: Array<ValidationProblem & { text: string }> = [];
  const add = (prop: string, value: unknown, allowed: string, text: string) =>
    out.push({ prop, value: renderValue(value), allowed, text });
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    add(
      'props',
      props,
      'an object with users',
      `props must be an object with users (got ${renderValue(props)})`,
    );
    return out;
  }
  const p = props as any;
  const int = (name: string, min: number, required = false) => {
    const v = p[name];
    if (v === undefined && !required) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      add(
        name,
        v,
        `an integer >= ${min}`,
        `${name} must be an integer >= ${min} (got ${renderValue(v)})`,
      );
  };
  int('users', 1, true);
  int('appsPerUser', 0);
  int('instanceTypesPerUser', 0);
  int('trainingInstancesPerUser', 0);
  int('interfaceEndpointsPerSubnet', 0);
  int('subnetCount', 1);
  if (p.ipsPerTrainingInstance !== undefined && ![2, 5].includes(p.ipsPerTrainingInstance))
    add(
      'ipsPerTrainingInstance',
      p.ipsPerTrainingInstance,
      '2 or 5 (EFA)',
      `ipsPerTrainingInstance must be 2 or 5 (EFA) (got ${renderValue(p.ipsPerTrainingInstance)})`,
    );
  if (
    p.growthPercent !== undefined &&
    !(typeof p.growthPercent === 'number' && p.growthPercent >= 0 && p.growthPercent <= 1000)
  )
    add(
      'growthPercent',
      p.growthPercent,
      'a number from 0 to 1000',
      `growthPercent must be between 0 and 1000 (got ${renderValue(p.growthPercent)})`,
    );
  if (p.systemAppPerUser !== undefined && typeof p.systemAppPerUser !== 'boolean')
    add(
      'systemAppPerUser',
      p.systemAppPerUser,
      'true or false',
      `systemAppPerUser must be true or false (got ${renderValue(p.systemAppPerUser)})`,
    );
  return out;
}
