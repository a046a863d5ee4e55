import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { AzureValidate } from './validate';
import { MONITORING_DEFAULTS, secureStorageAccountDefaults, STORAGE_DEFAULTS } from './defaults';
import {
  AzureCustomerManagedKeyOptions,
  AzureEncryptedPartOptions,
  AzurePart,
  claimPartName,
  encryptedMainResourceConfig,
  checkPartOptions,
  resolvePartCustomerManagedKey,
  startNamedPartProps,
} from './part-options';
import { requireAzureAdStorageAccess } from './provider-requirements';
import { checkDependsOn, checkIpRules, checkUnique, num, strList } from './validation';
import { isUnresolved } from '../core/errors';
import { hasAvailabilityZones } from './locations';

/** Props of {@link AzureSecureStorageAccount}. */
export interface AzureSecureStorageAccountProps extends AzureEncryptedPartOptions {
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * Account name: 3-24 lowercase letters and digits, globally unique.
   * @default - 'st' + construct id + a stable unique suffix (AZ-15)
   */
  readonly name?: string;
  /**
   * Replication: LRS, ZRS, GRS, RAGRS, GZRS or RAGZRS. The zone-redundant ones need a location
   * with availability zones.
   * @default 'ZRS', or 'LRS' in a region without availability zones
   */
  readonly replicationType?: string;
  /**
   * Versionless Key Vault key id for customer-managed-key encryption.
   * @default - Microsoft-managed keys (not compliant with AZ-02; the platform always passes one)
   * @deprecated use `customerManagedKey.keyId`
   */
  readonly customerManagedKeyId?: string;
  /**
   * Resource id of the user-assigned identity that reads the key (required with customerManagedKeyId).
   * @default - none
   * @deprecated use `customerManagedKey.userAssignedIdentityId`
   */
  readonly customerManagedKeyIdentityId?: string;
  /**
   * Blob and container soft-delete retention in days (1-365).
   * @default 30
   */
  readonly softDeleteDays?: number;
  /**
   * Public IPv4 ranges admitted by the firewall (the network rules still default to Deny).
   * @default - none: public network access disabled
   */
  readonly allowedIpRanges?: string[];
  /**
   * Private blob containers to create (3-63 lowercase letters, digits, hyphens).
   * @default - none
   */
  readonly containers?: string[];
  /**
   * Resources the account must wait for (e.g. the key grant of its CMK identity).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * What happens to the account on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const REPLICATION = ['LRS', 'ZRS', 'GRS', 'RAGRS', 'GZRS', 'RAGZRS'];

/** The validated configuration of an {@link AzureSecureStorageAccount}, defaults applied. */
interface ResolvedAzureSecureStorageAccount {
  readonly props: AzureSecureStorageAccountProps;
  readonly name: string;
  /** Customer-managed key, from customerManagedKey or the deprecated flat props. */
  readonly cmk?: AzureCustomerManagedKeyOptions;
  readonly replication: string;
  /** Blob and container soft-delete retention in days. */
  readonly days: number;
  readonly ipRules: string[];
}

/**
 * Validates the props of an {@link AzureSecureStorageAccount} (one error for the construct) and
 * returns its configuration, defaults applied. Creates no resource.
 */
function resolveAzureSecureStorageAccountProps(
  scope: Construct,
  id: string,
  given: AzureSecureStorageAccountProps,
): ResolvedAzureSecureStorageAccount {
  const { props, v, nameOk, name } = startNamedPartProps(scope, given, {
    prefix: `st${id}`,
    maxLength: 24,
  });
  if (nameOk) v.check('name', name, AzureValidate.storageAccountName(name));
  v.enumValue('replicationType', props.replicationType, REPLICATION);
  const zoned = isUnresolved(props.location) ? undefined : hasAvailabilityZones(props.location);
  if (zoned === false && /Z/.test(String(props.replicationType ?? '')))
    v.add(
      'replicationType',
      props.replicationType,
      `LRS, GRS or RAGRS: ${props.location} has no availability zones, so zone-redundant storage cannot be created there`,
    );
  num(v, 'softDeleteDays', props.softDeleteDays, { integer: true, min: 1, max: 365 });
  const cmk = resolvePartCustomerManagedKey(v, props);
  checkPartOptions(v, props);
  checkIpRules(v, 'allowedIpRanges', props.allowedIpRanges, 'storage');
  if (
    strList(v, 'containers', props.containers, {
      literal: 'each container forms a resource and its construct',
    }) &&
    !isUnresolved(props.containers)
  ) {
    (props.containers ?? []).forEach((c, i) => {
      if (isUnresolved(c)) {
        v.literal(`containers[${i}]`, c, 'it names a container and its construct');
        return;
      }
      v.require(
        /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(c),
        `containers[${i}]`,
        c,
        '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
      );
    });
    checkUnique(v, 'containers', props.containers, (c) => c, 'a container');
  }
  checkDependsOn(v, props.dependsOn);
  v.throwIfInvalid();
  return {
    props,
    name,
    cmk,
    // without zones, the copies stay in the region (no geo-replication the residency rules
    // have not approved)
    replication:
      props.replicationType ??
      (zoned === false
        ? STORAGE_DEFAULTS.unzonedReplicationType
        : STORAGE_DEFAULTS.replicationType),
    days: props.softDeleteDays ?? STORAGE_DEFAULTS.softDeleteDays,
    ipRules: props.allowedIpRanges ?? [],
  };
}

/**
 * A storage account hardened per AZ-04: HTTPS only, TLS 1.2, no public blobs, shared-key
 * access off (Entra ID only, OAuth default in the portal), infrastructure (double)
 * encryption, CMK on blobs, files, queues and tables, network rules default Deny, blob
 * versioning, blob and container soft delete, no cross-tenant replication, no SFTP/local users.
 *
 * Because shared keys are off, the azurerm provider must use Entra ID for data-plane calls:
 * synth fails unless the stack's azurerm provider sets `storage_use_azuread = true`. Because
 * the account is closed to public networks, the provider must not poll its data plane after
 * the create: synth fails unless it sets `features.storage.data_plane_available = false`.
 */
export class AzureSecureStorageAccount extends AzurePart {
  /** The storage account. */
  public readonly account: StorageAccount;
  /** Containers by name. */
  public readonly containers: { [name: string]: StorageContainer } = {};

  constructor(scope: Construct, id: string, props: AzureSecureStorageAccountProps) {
    super(scope, id);
    const c = resolveAzureSecureStorageAccountProps(this, id, props);
    claimPartName(this, 'storage account', c.name, c.props);
    this.account = this.accountParts(c);
    for (const name of c.props.containers ?? []) {
      // storage_account_id: created through the ARM control plane, so it works with the
      // account's public endpoint closed and shared keys off.
      this.containers[name] = new StorageContainer(this, `container-${name}`, {
        name,
        storageAccountId: this.account.id,
        containerAccessType: 'private',
      });
    }
    this._buildOptions(
      this.account.id,
      'blob',
      c.props,
      MONITORING_DEFAULTS.storageMetricCategories,
    );
  }

  /** The account (AZ-04), CMK through the given identity when a key is given. */
  private accountParts(c: ResolvedAzureSecureStorageAccount): StorageAccount {
    const props = c.props;
    const cmk = c.cmk;
    const account = new StorageAccount(this, 'account', {
      ...secureStorageAccountDefaults(),
      ...encryptedMainResourceConfig(c),
      accountReplicationType: c.replication,
      publicNetworkAccessEnabled: c.ipRules.length > 0,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'], ipRules: c.ipRules },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days: c.days },
        containerDeleteRetentionPolicy: { days: c.days },
      },
      customerManagedKey: cmk
        ? {
            keyVaultKeyId: cmk.keyId,
            userAssignedIdentityId: cmk.userAssignedIdentityId,
          }
        : undefined,
    });
    applyRemovalPolicy(account, props.removalPolicy);
    requireAzureAdStorageAccess(this);
    return account;
  }

  /** ARM resource id of a container (role-assignment scope for data-plane roles). */
  public containerScope(name: string): string {
    const c = this.containers[name];
    if (!c) throw new Error(`${this.node.path}: no container '${name}'`);
    return c.id;
  }
}
