import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { MachineLearningComputeInstance } from '@cdktf/provider-azurerm/lib/machine-learning-compute-instance';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Validator } from '../core/errors';
import { Validate } from '../core/validate';
import { COMPUTE_DEFAULTS } from './defaults';

/** A compute cluster of the workspace. */
export interface AzureComputeClusterSpec {
  /** Name: 3-24 letters, digits and hyphens, starting with a letter. */
  readonly name: string;
  /**
   * VM size.
   * @default 'Standard_DS3_v2'
   */
  readonly vmSize?: string;
  /**
   * Minimum nodes; must be 0 unless allowWarmNodes (AZ-08: no idle cost, no idle attack surface).
   * @default 0
   */
  readonly minNodes?: number;
  /**
   * Maximum nodes.
   * @default 4
   */
  readonly maxNodes?: number;
  /**
   * Allow minNodes > 0.
   * @default false
   */
  readonly allowWarmNodes?: boolean;
  /**
   * Idle time before scale-down, ISO 8601 duration.
   * @default 'PT15M'
   */
  readonly scaleDownAfterIdle?: string;
  /**
   * 'Dedicated' or 'LowPriority'.
   * @default 'Dedicated'
   */
  readonly vmPriority?: string;
}

/** A personal compute instance of the workspace. */
export interface AzureComputeInstanceSpec {
  /** Name: 3-24 letters, digits and hyphens, starting with a letter (unique in the region). */
  readonly name: string;
  /** Entra object id of the user the instance is assigned to. */
  readonly ownerObjectId: string;
  /**
   * VM size.
   * @default 'Standard_DS3_v2'
   */
  readonly vmSize?: string;
}

/** Props of {@link AzureMlCompute}. */
export interface AzureMlComputeProps {
  /** ML workspace id. */
  readonly workspaceId: string;
  /** Azure location. */
  readonly location: string;
  /** Entra tenant id (for instance assignment). */
  readonly tenantId: string;
  /**
   * Clusters to create.
   * @default - none
   */
  readonly clusters?: AzureComputeClusterSpec[];
  /**
   * Instances to create.
   * @default - none
   */
  readonly instances?: AzureComputeInstanceSpec[];
  /**
   * User-assigned identity of the clusters (the TRAINING workload identity).
   * @default - system-assigned identity
   */
  readonly clusterIdentityId?: string;
  /**
   * Subnet for the compute (only when the workspace has no managed network).
   * @default - the workspace's managed VNet
   */
  readonly subnetId?: string;
  /**
   * Resources the compute must wait for (role assignments of its identity).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const COMPUTE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{2,23}$/;
const DURATION = /^P(T(\d+H)?(\d+M)?(\d+S)?)$/;

/**
 * Azure ML compute with the provider defaults flipped (AZ-08): no public IP, local auth off,
 * SSH off, managed identity, clusters scale to 0, personal instances assigned to one user.
 * Idle shutdown of instances is not exposed by azurerm 4.x (see the README, Azure section).
 */
export class AzureMlCompute extends Construct {
  /** Clusters by name. */
  public readonly clusters: { [name: string]: MachineLearningComputeCluster } = {};
  /** Instances by name. */
  public readonly instances: { [name: string]: MachineLearningComputeInstance } = {};

  constructor(scope: Construct, id: string, props: AzureMlComputeProps) {
    super(scope, id);
    const v = new Validator(this);
    const names = new Set<string>();
    (props.clusters ?? []).forEach((c, i) => {
      v.require(
        COMPUTE_NAME.test(c.name ?? ''),
        `clusters[${i}].name`,
        c.name,
        '3-24 letters, digits and hyphens, starting with a letter',
      );
      v.require(
        !names.has(c.name),
        `clusters[${i}].name`,
        c.name,
        'a name not used by another compute',
      );
      names.add(c.name);
      const min = c.minNodes ?? 0;
      const max = c.maxNodes ?? COMPUTE_DEFAULTS.clusterMaxNodes;
      v.require(
        min === 0 || c.allowWarmNodes === true,
        `clusters[${i}].minNodes`,
        min,
        '0 (or set allowWarmNodes: true)',
      );
      v.require(
        Number.isInteger(max) && max >= Math.max(1, min),
        `clusters[${i}].maxNodes`,
        max,
        `an integer >= max(1, minNodes)`,
      );
      const idle = c.scaleDownAfterIdle ?? COMPUTE_DEFAULTS.scaleDownAfterIdle;
      v.require(
        DURATION.test(idle),
        `clusters[${i}].scaleDownAfterIdle`,
        idle,
        "an ISO 8601 duration such as 'PT15M'",
      );
      const prio = c.vmPriority ?? COMPUTE_DEFAULTS.vmPriority;
      v.require(
        ['Dedicated', 'LowPriority'].includes(prio),
        `clusters[${i}].vmPriority`,
        prio,
        "'Dedicated' or 'LowPriority'",
      );
    });
    (props.instances ?? []).forEach((c, i) => {
      v.require(
        COMPUTE_NAME.test(c.name ?? ''),
        `instances[${i}].name`,
        c.name,
        '3-24 letters, digits and hyphens, starting with a letter',
      );
      v.require(
        !names.has(c.name),
        `instances[${i}].name`,
        c.name,
        'a name not used by another compute',
      );
      names.add(c.name);
      v.check(
        `instances[${i}].ownerObjectId`,
        c.ownerObjectId,
        Validate.uuid(c.ownerObjectId ?? ''),
      );
    });
    v.throwIfInvalid();

    for (const c of props.clusters ?? []) {
      this.clusters[c.name] = new MachineLearningComputeCluster(this, `cluster-${c.name}`, {
        name: c.name,
        location: props.location,
        machineLearningWorkspaceId: props.workspaceId,
        vmSize: c.vmSize ?? COMPUTE_DEFAULTS.clusterVmSize,
        vmPriority: c.vmPriority ?? COMPUTE_DEFAULTS.vmPriority,
        nodePublicIpEnabled: false,
        localAuthEnabled: false,
        sshPublicAccessEnabled: false,
        subnetResourceId: props.subnetId,
        identity: props.clusterIdentityId
          ? { type: 'UserAssigned', identityIds: [props.clusterIdentityId] }
          : { type: 'SystemAssigned' },
        scaleSettings: {
          minNodeCount: c.minNodes ?? 0,
          maxNodeCount: c.maxNodes ?? COMPUTE_DEFAULTS.clusterMaxNodes,
          scaleDownNodesAfterIdleDuration:
            c.scaleDownAfterIdle ?? COMPUTE_DEFAULTS.scaleDownAfterIdle,
        },
        dependsOn: props.dependsOn,
      });
    }
    for (const c of props.instances ?? []) {
      this.instances[c.name] = new MachineLearningComputeInstance(this, `instance-${c.name}`, {
        name: c.name,
        machineLearningWorkspaceId: props.workspaceId,
        virtualMachineSize: c.vmSize ?? COMPUTE_DEFAULTS.clusterVmSize,
        authorizationType: 'personal',
        assignToUser: { objectId: c.ownerObjectId, tenantId: props.tenantId },
        nodePublicIpEnabled: false,
        localAuthEnabled: false,
        subnetResourceId: props.subnetId,
        // System-assigned: a human's instance never carries a workload identity.
        identity: { type: 'SystemAssigned' },
        dependsOn: props.dependsOn,
      });
    }
  }
}
