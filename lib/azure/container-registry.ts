import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { REGISTRY_DEFAULTS, ROLES, secureContainerRegistryDefaults } from './defaults';
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
import { grantRole } from './role-assignment';
import { bool, checkDependsOn, checkUuid, num } from './validation';
import { isUnresolved } from '../core/errors';
import { hasAvailabilityZones } from './locations';

/** Props of {@link AzureSecureContainerRegistry}. */
export interface AzureSecureContainerRegistryProps extends AzureEncryptedPartOptions {
  /** Resource group. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * Registry name: 5-50 letters and digits, globally unique.
   * @default - 'cr' + construct id + a stable unique suffix (AZ-15)
   */
  readonly name?: string;
  /**
   * Versionless Key Vault key id for customer-managed-key encryption (set at creation only).
   * @default - Microsoft-managed keys (not compliant with AZ-02; the platform always passes one)
   * @deprecated use `customerManagedKey.keyId`
   */
  readonly customerManagedKeyId?: string;
  /**
   * Resource id of the user-assigned identity that reads the key.
   * @default - none (required with customerManagedKeyId)
   * @deprecated use `customerManagedKey.userAssignedIdentityId`
   */
  readonly customerManagedKeyIdentityId?: string;
  /**
   * Client id of that identity (the registry's encryption block takes the client id).
   * @default - none (required with customerManagedKeyId)
   * @deprecated use `customerManagedKey.userAssignedIdentityClientId`
   */
  readonly customerManagedKeyIdentityClientId?: string;
  /**
   * Days untagged manifests are kept (0-365).
   * @default 7
   */
  readonly untaggedRetentionDays?: number;
  /**
   * Entra object id of the image scanner that marks quarantined images Passed. Setting it turns the quarantine policy on and grants the scanner AcrQuarantineWriter on the registry; without a scanner, quarantined images are never pullable (Azure ML image builds fail).
   * @default - quarantine off (Defender for Containers, AZ-14, scans pushed images without blocking pulls)
   */
  readonly quarantineScannerPrincipalId?: string;
  /**
   * Zone-redundant registry (needs a location with availability zones).
   * @default - true, or false in a region without availability zones
   */
  readonly zoneRedundancy?: boolean;
  /**
   * Resources the registry must wait for (e.g. the key grant of its CMK identity).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * What happens to the registry on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The validated configuration of an {@link AzureSecureContainerRegistry}, defaults applied. */
interface ResolvedAzureSecureContainerRegistry {
  readonly props: AzureSecureContainerRegistryProps;
  readonly name: string;
  /** Customer-managed key, from customerManagedKey or the deprecated flat props. */
  readonly cmk?: AzureCustomerManagedKeyOptions;
  /** Days untagged manifests are kept. */
  readonly retention: number;
}

/**
 * Validates the props of an {@link AzureSecureContainerRegistry} (one error for the construct)
 * and returns its configuration, defaults applied. Creates no resource.
 */
function resolveAzureSecureContainerRegistryProps(
  scope: Construct,
  id: string,
  given: AzureSecureContainerRegistryProps,
): ResolvedAzureSecureContainerRegistry {
  const { props, v, nameOk, name } = startNamedPartProps(scope, given, {
    prefix: `cr${id}`,
    maxLength: 50,
  });
  if (nameOk && !isUnresolved(name)) {
    v.require(/^[a-zA-Z0-9]{5,50}$/.test(name), 'name', name, '5-50 letters and digits');
  }
  num(v, 'untaggedRetentionDays', props.untaggedRetentionDays, {
    integer: true,
    min: 0,
    max: 365,
  });
  bool(v, 'zoneRedundancy', props.zoneRedundancy);
  const zoned = isUnresolved(props.location) ? undefined : hasAvailabilityZones(props.location);
  if (zoned === false && props.zoneRedundancy === true)
    v.add(
      'zoneRedundancy',
      true,
      `false: ${props.location} has no availability zones, so a zone-redundant registry cannot be created there`,
    );
  const cmk = resolvePartCustomerManagedKey(v, props, { clientId: true });
  checkPartOptions(v, props);
  checkUuid(v, 'quarantineScannerPrincipalId', props.quarantineScannerPrincipalId, true);
  checkDependsOn(v, props.dependsOn);
  v.throwIfInvalid();
  return {
    props,
    name,
    cmk,
    retention: props.untaggedRetentionDays ?? REGISTRY_DEFAULTS.untaggedRetentionDays,
  };
}

/**
 * An Azure Container Registry hardened per AZ-05: Premium (needed for private link, CMK,
 * quarantine and retention), admin account OFF (s003 required it for Azure ML; that is
 * obsolete: the workspace identity pulls and pushes with Entra ID), anonymous pull off,
 * public network off, export off (no exfiltration), untagged-manifest retention on,
 * dedicated data endpoints, CMK with a user-assigned identity. Quarantine is opt-in together
 * with the scanner that releases images (`quarantineScannerPrincipalId`).
 */
export class AzureSecureContainerRegistry extends AzurePart {
  /** The registry. */
  public readonly registry: ContainerRegistry;
  /** The scanner's AcrQuarantineWriter assignment (undefined when quarantine is off). */
  public readonly quarantineScannerAssignment?: RoleAssignment;

  constructor(scope: Construct, id: string, props: AzureSecureContainerRegistryProps) {
    super(scope, id);
    const c = resolveAzureSecureContainerRegistryProps(this, id, props);
    claimPartName(this, 'container registry', c.name, c.props);
    this.registry = this.registryParts(c);
    if (c.props.quarantineScannerPrincipalId !== undefined) {
      this.quarantineScannerAssignment = grantRole(this, 'quarantine-scanner', {
        scope: this.registry.id,
        principalId: c.props.quarantineScannerPrincipalId,
        roleName: ROLES.ACR_QUARANTINE_WRITER,
        description: 'Image scanner releases quarantined images (AZ-05)',
      });
    }
    this._buildOptions(this.registry.id, 'registry', c.props);
  }

  /** The registry (AZ-05), CMK through the given identity when a key is given. */
  private registryParts(c: ResolvedAzureSecureContainerRegistry): ContainerRegistry {
    const props = c.props;
    const cmk = c.cmk;
    const registry = new ContainerRegistry(this, 'registry', {
      ...secureContainerRegistryDefaults(),
      ...encryptedMainResourceConfig(c),
      quarantinePolicyEnabled: props.quarantineScannerPrincipalId !== undefined,
      retentionPolicyInDays: c.retention,
      zoneRedundancyEnabled: props.zoneRedundancy ?? hasAvailabilityZones(props.location) !== false,
      encryption: cmk
        ? [{ keyVaultKeyId: cmk.keyId, identityClientId: cmk.userAssignedIdentityClientId }]
        : undefined,
    });
    applyRemovalPolicy(registry, props.removalPolicy);
    return registry;
  }
}
