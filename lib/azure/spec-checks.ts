// Checks of the compute and network options shared by the parts and the platform, which reports
// them under its own prop names (computeClusters, network.vnetCidr...).
import { Token } from 'cdktf';
import { cidrContains, cidrsOverlap, parseCidr, splitCidr } from '../core/cidr';
import { isUnresolved, Validator } from '../core/errors';
import { Validate } from '../core/validate';
import type { AzureComputeClusterSpec, AzureComputeInstanceSpec } from './compute';
import { COMPUTE_DEFAULTS, NETWORK_DEFAULTS } from './defaults';
import {
  ARM_ID,
  bool,
  checkArmId,
  checkArray,
  checkUuid,
  checkVmSize,
  num,
  str,
  strList,
} from './validation';

// azurerm machinelearning/validate/compute_cluster_name.go: 3-32, letter first, letter or digit last.
const CLUSTER_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;
// azurerm machine_learning_compute_instance_resource.go `^[a-zA-Z][a-zA-Z0-9-]{3,24}$` (4+) and
// Azure ML (compute instance names: 3-24 characters, ending with a letter or digit).
const INSTANCE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{2,22}[a-zA-Z0-9]$/;
// ISO 8601 time duration with at least one component (PT15M, PT1H30M, PT90S).
const DURATION = /^PT(?=\d)(\d+H)?(\d+M)?(\d+S)?$/;

/** Minutes of an ISO 8601 duration of days, hours, minutes and seconds (P1D, PT1H30M), or undefined. */
function durationMinutes(value: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (m === null || value === 'P') return undefined;
  const [d, h, min, sec] = m.slice(1).map((x) => Number(x ?? 0));
  return d * 1440 + h * 60 + min + sec / 60;
}

/**
 * Internal: checks compute cluster and instance specs (names unique across both, case-insensitive)
 * and returns the lists that are lists.
 */
export function checkComputeSpecs(
  v: Validator,
  clustersProp: string,
  clustersValue: any,
  instancesProp: string,
  instancesValue: any,
): { clusters: AzureComputeClusterSpec[]; instances: AzureComputeInstanceSpec[] } {
  const names = new Map<string, string>();
  const name = (at: string, n: unknown, re: RegExp, allowed: string): void => {
    const why = 'it names the compute and its construct';
    if (!v.literalName(`${at}.name`, n, why, re, allowed)) return;
    const key = (n as string).toLowerCase();
    if (names.has(key)) {
      v.add(`${at}.name`, n, `a name not used by another compute (${names.get(key)})`);
      return;
    }
    names.set(key, at);
  };
  const clusters: AzureComputeClusterSpec[] = checkArray(v, clustersProp, clustersValue)
    ? Array.from(clustersValue)
    : [];
  const instances: AzureComputeInstanceSpec[] = checkArray(v, instancesProp, instancesValue)
    ? Array.from(instancesValue)
    : [];
  clusters.forEach((c, i) => {
    const at = `${clustersProp}[${i}]`;
    if (!v.object(at, c, { optional: false })) return;
    name(
      at,
      c.name,
      CLUSTER_NAME,
      '3-32 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    );
    bool(v, `${at}.allowUnlistedVmSize`, c.allowUnlistedVmSize);
    checkVmSize(v, `${at}.vmSize`, c.vmSize, c.allowUnlistedVmSize, `${at}.allowUnlistedVmSize`);
    bool(v, `${at}.allowWarmNodes`, c.allowWarmNodes);
    const minOk = num(v, `${at}.minNodes`, c.minNodes, { integer: true, min: 0, max: 10000 });
    const maxOk = num(v, `${at}.maxNodes`, c.maxNodes, { integer: true, min: 1, max: 10000 });
    const min = c.minNodes ?? 0;
    const max = c.maxNodes ?? COMPUTE_DEFAULTS.clusterMaxNodes;
    if (minOk) {
      v.require(
        min === 0 || c.allowWarmNodes === true,
        `${at}.minNodes`,
        min,
        '0 (or set allowWarmNodes: true)',
      );
    }
    if (minOk && maxOk) {
      v.require(
        max >= Math.max(1, min),
        `${at}.maxNodes`,
        max,
        `an integer >= max(1, minNodes ${min})`,
      );
    }
    const idle = c.scaleDownAfterIdle ?? COMPUTE_DEFAULTS.scaleDownAfterIdle;
    if (str(v, `${at}.scaleDownAfterIdle`, idle)) {
      v.require(
        isUnresolved(idle) || DURATION.test(idle),
        `${at}.scaleDownAfterIdle`,
        idle,
        "an ISO 8601 duration such as 'PT15M' or 'PT1H30M'",
      );
    }
    v.enumValue(`${at}.vmPriority`, c.vmPriority, ['Dedicated', 'LowPriority']);
  });
  instances.forEach((c, i) => {
    const at = `${instancesProp}[${i}]`;
    if (!v.object(at, c, { optional: false })) return;
    name(
      at,
      c.name,
      INSTANCE_NAME,
      '4-24 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    );
    checkUuid(v, `${at}.ownerObjectId`, c.ownerObjectId);
    bool(v, `${at}.allowUnlistedVmSize`, c.allowUnlistedVmSize);
    checkVmSize(v, `${at}.vmSize`, c.vmSize, c.allowUnlistedVmSize, `${at}.allowUnlistedVmSize`);
    if (str(v, `${at}.idleShutdownAfter`, c.idleShutdownAfter, true) && c.idleShutdownAfter) {
      const minutes = durationMinutes(c.idleShutdownAfter);
      v.require(
        isUnresolved(c.idleShutdownAfter) ||
          (minutes !== undefined && minutes >= 15 && minutes <= 3 * 24 * 60),
        `${at}.idleShutdownAfter`,
        c.idleShutdownAfter,
        "an ISO 8601 duration from 15 minutes to 3 days, such as 'PT30M', 'PT2H' or 'P1D'",
      );
    }
  });
  return { clusters, instances };
}

/**
 * Ranges Azure does not allow in a virtual network's address space (Azure Virtual Network FAQ,
 * "What address ranges can I use in my virtual networks?").
 */
const AZURE_UNUSABLE = [
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['168.63.129.16/32', 'the Azure platform address (DNS, DHCP, health probes)'],
];

/** Network options as the platform and AzurePrivateNetwork take them. */
export interface NetworkOptionsInput {
  readonly vnetCidr?: string;
  readonly privateEndpointSubnetCidr?: string;
  readonly reservedCidrs?: string[];
  readonly existingVirtualNetworkId?: string;
  readonly existingPrivateEndpointSubnetId?: string;
}

/**
 * Internal: checks the network options under a prop prefix ('' or 'network.'): brought ids (ARM
 * ids, both or neither), a VNet address space Azure accepts (/8 to /29, none of its reserved
 * ranges), the private-endpoint subnet inside it and large enough, reserved ranges not
 * overlapping. Returns the CIDRs to use.
 */
export function checkNetworkOptions(
  v: Validator,
  p: string,
  props: NetworkOptionsInput,
  expectedEndpointAddresses: number,
): { brought: boolean; vnetCidr?: string; subnetCidr?: string } {
  checkArmId(
    v,
    `${p}existingVirtualNetworkId`,
    props.existingVirtualNetworkId,
    ARM_ID.virtualNetwork,
    true,
  );
  checkArmId(
    v,
    `${p}existingPrivateEndpointSubnetId`,
    props.existingPrivateEndpointSubnetId,
    ARM_ID.subnet,
    true,
  );
  const brought = props.existingPrivateEndpointSubnetId !== undefined;
  v.require(
    brought === (props.existingVirtualNetworkId !== undefined),
    `${p}existingVirtualNetworkId`,
    props.existingVirtualNetworkId,
    `set together with ${p}existingPrivateEndpointSubnetId (both or neither)`,
  );
  if (brought) {
    for (const k of ['vnetCidr', 'privateEndpointSubnetCidr'] as const) {
      if (props[k] !== undefined) {
        v.add(
          `${p}${k}`,
          props[k],
          `unset when the network is brought (${p}existingPrivateEndpointSubnetId)`,
        );
      }
    }
    return { brought };
  }
  const vnetCidr = props.vnetCidr ?? NETWORK_DEFAULTS.vnetCidr;
  const resolved = (c: unknown): c is string =>
    typeof c === 'string' && !Token.isUnresolved(c) && !Validate.cidr(c);
  if (str(v, `${p}vnetCidr`, vnetCidr)) {
    v.check(`${p}vnetCidr`, vnetCidr, Validate.cidr(vnetCidr));
    if (resolved(vnetCidr)) {
      const parsed = parseCidr(vnetCidr);
      if (parsed.prefix < 8 || parsed.prefix > 29) {
        v.add(
          `${p}vnetCidr`,
          vnetCidr,
          'an address space from /8 to /29 (0.0.0.0/0 and other huge ranges are not a virtual network)',
        );
      }
      for (const [range, what] of AZURE_UNUSABLE) {
        if (cidrsOverlap(vnetCidr, range)) {
          v.add(
            `${p}vnetCidr`,
            vnetCidr,
            `a range that does not overlap ${range} (${what}), which Azure reserves`,
          );
        }
      }
    }
  }
  let subnetCidr = props.privateEndpointSubnetCidr;
  if (subnetCidr === undefined && resolved(vnetCidr) && parseCidr(vnetCidr).prefix <= 29) {
    const prefix = Math.max(parseCidr(vnetCidr).prefix, NETWORK_DEFAULTS.privateEndpointPrefix);
    subnetCidr = splitCidr(vnetCidr, prefix, 1)[0];
  }
  if (subnetCidr !== undefined && str(v, `${p}privateEndpointSubnetCidr`, subnetCidr)) {
    v.check(`${p}privateEndpointSubnetCidr`, subnetCidr, Validate.cidr(subnetCidr));
  }
  if (resolved(vnetCidr) && resolved(subnetCidr)) {
    v.require(
      cidrContains(vnetCidr, subnetCidr),
      `${p}privateEndpointSubnetCidr`,
      subnetCidr,
      `a range inside ${p}vnetCidr ${vnetCidr}`,
    );
    const needed = expectedEndpointAddresses + NETWORK_DEFAULTS.azureReservedAddresses;
    const size = parseCidr(subnetCidr).size;
    v.require(
      size >= needed && parseCidr(subnetCidr).prefix <= NETWORK_DEFAULTS.minimumPrefix,
      `${p}privateEndpointSubnetCidr`,
      subnetCidr,
      `a subnet of at least ${needed} addresses (${needed - NETWORK_DEFAULTS.azureReservedAddresses} for endpoints + 5 reserved by Azure) and at most /${NETWORK_DEFAULTS.minimumPrefix}; this one has ${size}`,
    );
  }
  if (strList(v, `${p}reservedCidrs`, props.reservedCidrs) && !isUnresolved(props.reservedCidrs)) {
    Array.from(props.reservedCidrs ?? []).forEach((r, i) => {
      v.check(`${p}reservedCidrs[${i}]`, r, Validate.cidr(r));
      if (resolved(r) && resolved(vnetCidr) && cidrsOverlap(r, vnetCidr)) {
        v.add(
          `${p}vnetCidr`,
          vnetCidr,
          `a range that does not overlap ${p}reservedCidrs[${i}] ${r}`,
        );
      }
    });
  }
  return { brought, vnetCidr, subnetCidr };
}
