import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { REGISTRY_DEFAULTS, ROLES } from './defaults';
import { grantRole } from './role-assignment';
import { bool, checkLocation, checkUuid, claimGlobal, isToken, num, str } from './validation';

/** Props of {@link AzureSecureContainerRegistry}. */
export interface AzureSecureContainerRegistryProps {
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
   */
  readonly customerManagedKeyId?: string;
  /**
   * Resource id of the user-assigned identity that reads the key.
   * @default - none (required with customerManagedKeyId)
   */
  readonly customerManagedKeyIdentityId?: string;
  /**
   * Client id of that identity (the registry's encryption block takes the client id).
   * @default - none (required with customerManagedKeyId)
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
   * Zone-redundant registry.
   * @default true
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

/**
 * An Azure Container Registry hardened per AZ-05: Premium (needed for private link, CMK,
 * quarantine and retention), admin account OFF (s003 required it for Azure ML; that is
 * obsolete: the workspace identity pulls and pushes with Entra ID), anonymous pull off,
 * public network off, export off (no exfiltration), untagged-manifest retention on,
 * dedicated data endpoints, CMK with a user-assigned identity. Quarantine is opt-in together
 * with the scanner that releases images (`quarantineScannerPrincipalId`).
 */
export class AzureSecureContainerRegistry extends Construct {
  /** The registry. */
  public readonly registry: ContainerRegistry;
  /** The scanner's AcrQuarantineWriter assignment (undefined when quarantine is off). */
  public readonly quarantineScannerAssignment?: RoleAssignment;

  constructor(scope: Construct, id: string, props: AzureSecureContainerRegistryProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    str(v, 'resourceGroupName', props.resourceGroupName);
    checkLocation(v, 'location', props.location);
    v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
    const nameOk = str(v, 'name', props.name, true);
    const name =
      nameOk && props.name !== undefined
        ? props.name
        : uniqueName(this, { prefix: `cr${id}`, maxLength: 50, alphanumericOnly: true });
    if (nameOk && !isToken(name)) {
      v.require(/^[a-zA-Z0-9]{5,50}$/.test(name), 'name', name, '5-50 letters and digits');
    }
    num(v, 'untaggedRetentionDays', props.untaggedRetentionDays, {
      integer: true,
      min: 0,
      max: 365,
    });
    bool(v, 'zoneRedundancy', props.zoneRedundancy);
    str(v, 'customerManagedKeyId', props.customerManagedKeyId, true);
    str(v, 'customerManagedKeyIdentityId', props.customerManagedKeyIdentityId, true);
    str(v, 'customerManagedKeyIdentityClientId', props.customerManagedKeyIdentityClientId, true);
    const cmk = props.customerManagedKeyId !== undefined;
    v.require(
      !cmk ||
        (props.customerManagedKeyIdentityId !== undefined &&
          props.customerManagedKeyIdentityClientId !== undefined),
      'customerManagedKeyIdentityId',
      props.customerManagedKeyIdentityId,
      'set (with customerManagedKeyIdentityClientId) when customerManagedKeyId is set',
    );
    checkUuid(v, 'quarantineScannerPrincipalId', props.quarantineScannerPrincipalId, true);
    if (props.dependsOn !== undefined && !Array.isArray(props.dependsOn)) {
      v.add('dependsOn', props.dependsOn, 'a list of resources');
    }
    v.throwIfInvalid();
    claimGlobal(
      this,
      'container registry',
      name,
      props.name !== undefined ? 'name' : 'id (construct id)',
    );
    const retention = props.untaggedRetentionDays ?? REGISTRY_DEFAULTS.untaggedRetentionDays;
    const quarantine = props.quarantineScannerPrincipalId !== undefined;

    this.registry = new ContainerRegistry(this, 'registry', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Premium',
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: false,
      exportPolicyEnabled: false,
      quarantinePolicyEnabled: quarantine,
      retentionPolicyInDays: retention,
      dataEndpointEnabled: true,
      networkRuleBypassOption: 'AzureServices',
      zoneRedundancyEnabled: props.zoneRedundancy ?? true,
      identity: cmk
        ? { type: 'UserAssigned', identityIds: [props.customerManagedKeyIdentityId!] }
        : undefined,
      encryption: cmk
        ? [
            {
              keyVaultKeyId: props.customerManagedKeyId,
              identityClientId: props.customerManagedKeyIdentityClientId,
            },
          ]
        : undefined,
      dependsOn: props.dependsOn,
    });
    applyRemovalPolicy(this.registry, props.removalPolicy);
    if (quarantine) {
      this.quarantineScannerAssignment = grantRole(this, 'quarantine-scanner', {
        scope: this.registry.id,
        principalId: props.quarantineScannerPrincipalId!,
        roleName: ROLES.ACR_QUARANTINE_WRITER,
        description: 'Image scanner releases quarantined images (AZ-05)',
      });
    }
  }
}
