import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { REGISTRY_DEFAULTS } from './defaults';

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
 * public network off, export off (no exfiltration), quarantine and untagged-manifest
 * retention on, dedicated data endpoints, CMK with a user-assigned identity.
 */
export class AzureSecureContainerRegistry extends Construct {
  /** The registry. */
  public readonly registry: ContainerRegistry;

  constructor(scope: Construct, id: string, props: AzureSecureContainerRegistryProps) {
    super(scope, id);
    const name =
      props.name ?? uniqueName(this, { prefix: `cr${id}`, maxLength: 50, alphanumericOnly: true });
    const retention = props.untaggedRetentionDays ?? REGISTRY_DEFAULTS.untaggedRetentionDays;
    const cmk = props.customerManagedKeyId !== undefined;

    const v = new Validator(this);
    v.require(/^[a-zA-Z0-9]{5,50}$/.test(name), 'name', name, '5-50 letters and digits');
    v.require(
      Number.isInteger(retention) && retention >= 0 && retention <= 365,
      'untaggedRetentionDays',
      retention,
      'an integer from 0 to 365',
    );
    v.require(
      !cmk ||
        (props.customerManagedKeyIdentityId !== undefined &&
          props.customerManagedKeyIdentityClientId !== undefined),
      'customerManagedKeyIdentityId',
      props.customerManagedKeyIdentityId,
      'set (with customerManagedKeyIdentityClientId) when customerManagedKeyId is set',
    );
    v.throwIfInvalid();

    this.registry = new ContainerRegistry(this, 'registry', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: 'Premium',
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: false,
      exportPolicyEnabled: false,
      quarantinePolicyEnabled: true,
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
  }
}
