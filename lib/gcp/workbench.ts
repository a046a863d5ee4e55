import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { WorkbenchInstance } from '@cdktf/provider-google/lib/workbench-instance';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { WorkbenchInstanceIamMember } from '@cdktf/provider-google/lib/workbench-instance-iam-member';
import { isUnresolved, requireProps } from '../core/errors';
import { RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { memberId, checkCmekKey } from './common';
import {
  SERVICE_ACCOUNT_USER,
  WORKBENCH_DEFAULTS,
  shieldedVm,
  workbenchDisk,
  workbenchMetadata,
} from './defaults';
import { WORKBENCH_IMAGE } from './org-policies';
import {
  checkBoolean,
  checkMachineType,
  checkMembers,
  checkNumber,
  checkPattern,
  checkZone,
  claim,
  closePartValidation,
  literal,
  openProjectValidation,
  projectScope,
  rejectToken,
} from './validation';

/** The machine type of a Workbench instance unless given. */
export const DEFAULT_MACHINE_TYPE = WORKBENCH_DEFAULTS.machineType;

/** The dedicated service account id of a Workbench instance: wb-NAME, cut to the 30-character limit. */
export function workbenchAccountId(instanceName: string): string {
  return `wb-${instanceName}`.slice(0, 30).replace(/-+$/, '');
}

/** When Workbench instances upgrade themselves (ainotebooks.requireAutoUpgradeSchedule). */
export const WORKBENCH_UPGRADE_SCHEDULE = WORKBENCH_DEFAULTS.upgradeSchedule;

/** Props of {@link GcpWorkbenchInstance}. */
export interface GcpWorkbenchInstanceProps {
  /** Project. */
  readonly projectId: string;
  /** Zone, e.g. europe-west4-a. */
  readonly zone: string;
  /** Instance name. */
  readonly instanceName: string;
  /** Owner (user email, no prefix): single-user instance. */
  readonly owner: string;
  /** Network id (projects/P/global/networks/N). */
  readonly network: string;
  /** Subnetwork id. */
  readonly subnetwork: string;
  /** CMEK key id for disks (same region as the zone). */
  readonly kmsKeyName: string;
  /**
   * Machine type.
   * @default 'e2-standard-4'
   */
  readonly machineType?: string;
  /**
   * Disable file downloads from JupyterLab.
   * @default true
   */
  readonly disableDownloads?: boolean;
  /**
   * Disable the JupyterLab terminal.
   * @default true
   */
  readonly disableTerminal?: boolean;
  /**
   * Members that administer this instance (roles/notebooks.admin on the instance only, never
   * project-wide).
   * @default - none
   */
  readonly admins?: string[];
  /**
   * Role granted to the owner on this instance only (`user:OWNER`), so that the owner can start
   * the instance again after the idle shutdown: a role with `notebooks.instances.get`,
   * `getHealth`, `start` and `stop`, such as
   * `GcpRoleCatalogue.roleName(GcpCustomRole.WORKBENCH_OWNER)` (what `SecureVertexPipeline`
   * grants).
   * @default - none: the owner cannot start or stop the instance
   */
  readonly ownerRole?: string;
  /**
   * Idle shutdown after this many minutes (0 disables).
   * @default 60
   */
  readonly idleShutdownMinutes?: number;
  /**
   * Existing service account email the instance runs as.
   * @default - a dedicated SA is created for the instance
   */
  readonly serviceAccountEmail?: string;
  /**
   * Resources the instance waits for (the compute/notebooks agents' key grants).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Removal policy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const PROPS_KEYS: { [K in keyof Required<GcpWorkbenchInstanceProps>]: true } = {
  projectId: true,
  zone: true,
  instanceName: true,
  owner: true,
  network: true,
  subnetwork: true,
  kmsKeyName: true,
  machineType: true,
  disableDownloads: true,
  disableTerminal: true,
  admins: true,
  ownerRole: true,
  idleShutdownMinutes: true,
  serviceAccountEmail: true,
  dependsOn: true,
  removalPolicy: true,
};

/**
 * Validates the props of a GcpWorkbenchInstance (one ValidationError); returns the idle
 * shutdown minutes, resolved.
 */
function resolveWorkbenchProps(
  scope: Construct,
  props: GcpWorkbenchInstanceProps,
): { idleShutdownMinutes: number } {
  const idle = props.idleShutdownMinutes ?? WORKBENCH_DEFAULTS.idleShutdownMinutes;
  const v = openProjectValidation(scope, props, PROPS_KEYS);
  let region: string | undefined;
  if (isUnresolved(props.zone))
    rejectToken(v, 'zone', props.zone, 'the machine type, key and residency checks need the zone');
  else region = checkZone(v, 'zone', props.zone);
  checkPattern(
    v,
    'instanceName',
    props.instanceName,
    /^[a-z][-a-z0-9]{1,61}[a-z0-9]$/,
    'an RFC 1035 name of 3-63 lowercase letters, digits and hyphens, starting with a letter',
    { literal: 'it forms the instance and service account names' },
  );
  checkPattern(
    v,
    'owner',
    props.owner,
    /^[^@\s:]+@[^@\s]+\.[^@\s]+$/,
    "a user e-mail without prefix, e.g. 'alice@example.com' (the instance is single-user)",
  );
  checkPattern(
    v,
    'network',
    props.network,
    /^projects\/[^/\s]+\/global\/networks\/[^/\s]+$/,
    'a network id projects/P/global/networks/N',
  );
  checkPattern(
    v,
    'subnetwork',
    props.subnetwork,
    /^projects\/[^/\s]+\/regions\/[a-z0-9-]+\/subnetworks\/[^/\s]+$/,
    'a subnetwork id projects/P/regions/R/subnetworks/S',
  );
  const subnetRegion = literal(props.subnetwork)?.split('/')[3];
  if (subnetRegion !== undefined && region !== undefined && subnetRegion !== region)
    v.add(
      'subnetwork',
      props.subnetwork,
      `a subnetwork in ${region}, the region of zone ${props.zone}`,
    );
  checkCmekKey(
    v,
    'kmsKeyName',
    props.kmsKeyName,
    region,
    "a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K in the zone's region",
  );
  checkMachineType(v, 'machineType', props.machineType ?? DEFAULT_MACHINE_TYPE, region);
  checkBoolean(v, 'disableDownloads', props.disableDownloads);
  checkBoolean(v, 'disableTerminal', props.disableTerminal);
  checkMembers(v, 'admins', props.admins);
  checkPattern(
    v,
    'ownerRole',
    props.ownerRole,
    /^(roles\/[a-zA-Z0-9_.]+|(projects|organizations)\/[^/\s]+\/roles\/[a-zA-Z0-9_.]+)$/,
    'a role name: roles/SERVICE.ROLE, projects/P/roles/R or organizations/O/roles/R',
    { optional: true },
  );
  // idle shutdown: off (0) or 10-1440 minutes (the range Workbench accepts)
  if (idle !== 0)
    checkNumber(v, 'idleShutdownMinutes', idle, 10, 1440, {
      unit: 'minutes, or 0 to turn idle shutdown off',
      literal: 'it is converted to seconds at synth',
    });
  checkPattern(
    v,
    'serviceAccountEmail',
    props.serviceAccountEmail,
    /^[^@\s:]+@[^@\s]+\.gserviceaccount\.com$/,
    'a service account e-mail (NAME@PROJECT.iam.gserviceaccount.com), no prefix',
    { optional: true },
  );
  closePartValidation(v, props);
  return { idleShutdownMinutes: idle };
}

/**
 * A Vertex AI Workbench instance hardened per GCP-09: no public IP, root disabled, downloads
 * and terminal disabled (both by default), the managed image, a weekly upgrade schedule, Shielded VM (secure boot, vTPM, integrity monitoring),
 * CMEK boot and data disks, a dedicated service account, single owner.
 */
export class GcpWorkbenchInstance extends Construct {
  /** The instance. */
  public readonly instance: WorkbenchInstance;
  /** The dedicated SA (when created). */
  public readonly serviceAccount?: ServiceAccount;
  /** The owner's actAs grant on the dedicated SA. */
  public readonly ownerActAs?: ServiceAccountIamMember;
  /** Instance-level admin grants. */
  public readonly adminBindings: WorkbenchInstanceIamMember[] = [];
  /** The owner's instance-level grant of `ownerRole` (when given). */
  public readonly ownerBinding?: WorkbenchInstanceIamMember;
  /** The instance's service account email. */
  public readonly serviceAccountEmail: string;

  constructor(scope: Construct, id: string, props: GcpWorkbenchInstanceProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const { idleShutdownMinutes } = resolveWorkbenchProps(this, props);
    this.claimNames(props);
    let email = props.serviceAccountEmail;
    if (email === undefined) {
      ({ serviceAccount: this.serviceAccount, ownerActAs: this.ownerActAs } =
        this.buildIdentity(props));
      email = this.serviceAccount!.email;
    }
    this.instance = new WorkbenchInstance(this, 'instance', {
      project: props.projectId,
      location: props.zone,
      name: props.instanceName,
      instanceOwners: [props.owner],
      disableProxyAccess: false,
      gceSetup: {
        machineType: props.machineType ?? DEFAULT_MACHINE_TYPE,
        vmImage: { ...WORKBENCH_IMAGE },
        disablePublicIp: true,
        enableIpForwarding: false,
        serviceAccounts: [{ email }],
        bootDisk: workbenchDisk(props.kmsKeyName, WORKBENCH_DEFAULTS.bootDiskGb),
        dataDisks: workbenchDisk(props.kmsKeyName, WORKBENCH_DEFAULTS.dataDiskGb),
        shieldedInstanceConfig: shieldedVm(),
        networkInterfaces: [{ network: props.network, subnet: props.subnetwork }],
        metadata: workbenchMetadata({ ...props, idleShutdownMinutes }),
      },
      dependsOn: props.dependsOn,
    });
    applyRemovalPolicy(this.instance, props.removalPolicy);
    this.serviceAccountEmail = email;
    if (props.ownerRole !== undefined)
      this.ownerBinding = new WorkbenchInstanceIamMember(this, 'owner', {
        project: props.projectId,
        location: props.zone,
        name: this.instance.name,
        role: props.ownerRole,
        member: `user:${props.owner}`,
      });
    for (const m of props.admins ?? []) {
      this.adminBindings.push(
        new WorkbenchInstanceIamMember(this, memberId('admin', m), {
          project: props.projectId,
          location: props.zone,
          name: this.instance.name,
          role: 'roles/notebooks.admin',
          member: m,
        }),
      );
    }
  }

  /** Instance names are unique in their project and zone; the dedicated SA id in the project. */
  private claimNames(props: GcpWorkbenchInstanceProps): void {
    claim(
      this,
      'Workbench instance',
      projectScope(props.projectId, ` zone ${props.zone}`),
      props.instanceName,
      'instanceName',
    );
    if (props.serviceAccountEmail === undefined)
      claim(
        this,
        'service account',
        projectScope(props.projectId),
        workbenchAccountId(props.instanceName),
        'instanceName',
      );
  }

  /** The dedicated service account, and the owner's actAs on it. */
  private buildIdentity(props: GcpWorkbenchInstanceProps): {
    serviceAccount: ServiceAccount;
    ownerActAs: ServiceAccountIamMember;
  } {
    const serviceAccount = new ServiceAccount(this, 'sa', {
      project: props.projectId,
      accountId: workbenchAccountId(props.instanceName),
      displayName: `Workbench ${props.instanceName}`,
      description: 'Dedicated Workbench instance identity (GCP-09)',
      dependsOn: props.dependsOn,
    });
    const ownerActAs = new ServiceAccountIamMember(this, 'owner-acts-as', {
      serviceAccountId: serviceAccount.name,
      role: SERVICE_ACCOUNT_USER,
      member: `user:${props.owner}`,
    });
    return { serviceAccount, ownerActAs };
  }
}
