import { MachineLearningComputeCluster } from '@cdktf/provider-azurerm/lib/machine-learning-compute-cluster';
import { MachineLearningComputeInstance } from '@cdktf/provider-azurerm/lib/machine-learning-compute-instance';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { claimName } from '../core/name-claims';
import { AzapiResourceAction } from './azapi';
import { COMPUTE_DEFAULTS, ML_API_VERSION } from './defaults';
import { azureLocationName } from './locations';
import { requireAzapiProvider } from './provider-requirements';
import { checkComputeSpecs } from './spec-checks';
import { checkDependsOn, checkLocation, checkUuid, str } from './validation';

/** A compute cluster of the workspace. */
export interface AzureComputeClusterSpec {
  /** Name: 3-32 letters, digits and hyphens, starting with a letter, ending with a letter or digit. */
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
  /**
   * Accept a vmSize missing from the bundled VM size list (a size Azure added after the list was extracted).
   * @default false
   */
  readonly allowUnlistedVmSize?: boolean;
}

/** A personal compute instance of the workspace. */
export interface AzureComputeInstanceSpec {
  /** Name: 4-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit (unique in the Azure region). */
  readonly name: string;
  /** Entra object id of the user the instance is assigned to. */
  readonly ownerObjectId: string;
  /**
   * VM size.
   * @default 'Standard_DS3_v2'
   */
  readonly vmSize?: string;
  /**
   * Accept a vmSize missing from the bundled VM size list (a size Azure added after the list was extracted).
   * @default false
   */
  readonly allowUnlistedVmSize?: boolean;
  /**
   * Idle time after which the instance shuts down (AZ-08), an ISO 8601 duration from 15 minutes
   * to 3 days. Set through ARM after the instance is created (`updateIdleShutdownSetting`):
   * azurerm has no attribute for it.
   * @default 'PT60M'
   */
  readonly idleShutdownAfter?: string;
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

/**
 * Azure ML compute with the provider defaults flipped (AZ-08): no public IP, local auth off,
 * SSH off, managed identity, clusters scale to 0, personal instances assigned to one user and
 * shut down when idle (an azapi action: azurerm 4.x has no attribute for it).
 */
export class AzureMlCompute extends Construct {
  /** Clusters by name. */
  public readonly clusters: { [name: string]: MachineLearningComputeCluster } = {};
  /** Instances by name. */
  public readonly instances: { [name: string]: MachineLearningComputeInstance } = {};
  /** The idle-shutdown setting of each instance, by instance name. */
  public readonly idleShutdown: { [name: string]: AzapiResourceAction } = {};

  constructor(scope: Construct, id: string, props: AzureMlComputeProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    str(v, 'workspaceId', props.workspaceId);
    checkLocation(v, 'location', props.location);
    checkUuid(v, 'tenantId', props.tenantId, false, 'a tenant id');
    str(v, 'clusterIdentityId', props.clusterIdentityId, true);
    str(v, 'subnetId', props.subnetId, true);
    checkDependsOn(v, props.dependsOn);
    const { clusters, instances } = checkComputeSpecs(
      v,
      'clusters',
      props.clusters,
      'instances',
      props.instances,
    );
    v.throwIfInvalid();
    // Compute instance names are unique across an Azure region, not only in the workspace.
    if (!isUnresolved(props.location)) {
      for (const c of instances) {
        claimName(
          this,
          'compute instance',
          `Azure region ${azureLocationName(props.location)}`,
          c.name.toLowerCase(),
          'instances.name',
        );
      }
    }

    for (const c of clusters) {
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
    for (const c of instances) {
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
      // Compute - Update Idle Shutdown Setting (Machine Learning REST API); the built-in policy
      // "Compute Instance should have idle shutdown" (AZ-12) reads the property it sets. Sent
      // again whenever the duration changes.
      this.idleShutdown[c.name] = new AzapiResourceAction(
        this,
        `instance-${c.name}-idle-shutdown`,
        {
          type: `Microsoft.MachineLearningServices/workspaces/computes@${ML_API_VERSION}`,
          resourceId: this.instances[c.name].id,
          action: 'updateIdleShutdownSetting',
          method: 'POST',
          body: {
            idleTimeBeforeShutdown: c.idleShutdownAfter ?? COMPUTE_DEFAULTS.instanceIdleShutdown,
          },
        },
      );
    }
    if (instances.length > 0) requireAzapiProvider(this);
  }
}
