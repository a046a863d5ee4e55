import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { Construct } from 'constructs';
import { AzapiResourceAction } from './azapi';
import { Compliance } from '../core/compliance/compliance';
import { uniqueName } from '../core/naming';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { AzureValidate } from './validate';
import {
  KEY_DEFAULTS,
  KEY_VAULT_KEY_API,
  keyVaultDefaults,
  keyRotationPolicy,
  ROLES,
} from './defaults';
import { AzurePartOptions, AzurePart, checkPartOptions, claimPartName } from './part-options';
import { requireAzapiProvider } from './provider-requirements';
import { bool, checkIpRules, checkUuid, num, startPlacedProps, str } from './validation';
import { grantRole, rbacPropagationWait } from './role-assignment';
import { isUnresolved } from '../core/errors';

/** Props of {@link HardenedKeyVault}. */
export interface HardenedKeyVaultProps extends AzurePartOptions {
  /** Resource group of the vault. */
  readonly resourceGroupName: string;
  /** Azure location of the vault. */
  readonly location: string;
  /**
   * Entra tenant id.
   * @default - the tenant of the Terraform caller (azurerm_client_config)
   */
  readonly tenantId?: string;
  /**
   * Vault name (3-24 letters, digits and hyphens; globally unique, soft-deleted names stay taken for the retention period).
   * @default - 'kv-' + construct id + a stable unique suffix (AZ-15)
   */
  readonly name?: string;
  /**
   * SKU: 'premium' (HSM-backed keys) or 'standard'.
   * @default 'premium'
   */
  readonly skuName?: string;
  /**
   * Purge protection. Required for customer-managed keys: setting false while a key is created is a synth error.
   * @default true
   */
  readonly purgeProtectionEnabled?: boolean;
  /**
   * Soft-delete retention in days (7-90).
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Public IPv4 ranges (CIDR) admitted by the vault firewall, e.g. the Terraform runner. When set, public network access is on but the ACL default action stays Deny.
   * @default - none: public network access disabled
   */
  readonly allowedIpRanges?: string[];
  /**
   * Create a customer-managed key in the vault.
   * @default true
   */
  readonly createKey?: boolean;
  /**
   * Name of the key.
   * @default 'cmk'
   */
  readonly keyName?: string;
  /**
   * Key type: 'RSA-HSM' (premium SKU) or 'RSA'.
   * @default 'RSA-HSM'
   */
  readonly keyType?: string;
  /**
   * Key size in bits (2048, 3072, 4096).
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * Automatic key rotation period in days (7-365, X-04; Key Vault rotates at least 7 days after creation).
   * @default 90
   */
  readonly keyRotationDays?: number;
  /**
   * Object id of the principal that runs Terraform; it gets Key Vault Crypto Officer on this vault before the key is created (keys are created through ARM, see the class doc).
   * @default - the object id of the Terraform caller (azurerm_client_config)
   */
  readonly deployerPrincipalId?: string;
  /**
   * What happens to the vault and key on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The validated configuration of a {@link HardenedKeyVault}, defaults applied. */
interface ResolvedHardenedKeyVault {
  readonly props: HardenedKeyVaultProps;
  readonly name: string;
  readonly purge: boolean;
  readonly createKey: boolean;
  readonly retention: number;
  readonly rotation: number;
  readonly keySize: number;
  readonly skuName: string;
  readonly keyType: string;
  readonly keyName: string;
  readonly ipRules: string[];
}

/**
 * Validates the props of a {@link HardenedKeyVault} (one error for the construct) and returns its
 * configuration with the defaults of {@link keyVaultDefaults} applied. Creates no resource.
 */
function resolveHardenedKeyVaultProps(
  scope: Construct,
  id: string,
  given: HardenedKeyVaultProps,
): ResolvedHardenedKeyVault {
  const { props, v } = startPlacedProps(scope, given);
  const d = keyVaultDefaults();
  checkUuid(v, 'tenantId', props.tenantId, true, 'a tenant id');
  checkUuid(v, 'deployerPrincipalId', props.deployerPrincipalId, true);
  v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
  const nameOk = str(v, 'name', props.name, true);
  const purgeOk = bool(v, 'purgeProtectionEnabled', props.purgeProtectionEnabled);
  const createOk = bool(v, 'createKey', props.createKey);
  num(v, 'softDeleteRetentionDays', props.softDeleteRetentionDays, {
    integer: true,
    min: 7,
    max: 90,
  });
  num(v, 'keyRotationDays', props.keyRotationDays, {
    integer: true,
    min: 7,
    max: 365,
    literal: 'the rotation policy periods are computed from it',
  });
  const skuOk = v.enumValue('skuName', props.skuName, ['premium', 'standard']);
  const typeOk = v.enumValue('keyType', props.keyType, ['RSA-HSM', 'RSA']);
  if (props.keySize !== undefined && ![2048, 3072, 4096].includes(props.keySize as number)) {
    v.add('keySize', props.keySize, '2048, 3072 or 4096');
  }
  if (v.string('keyName', props.keyName) && typeof props.keyName === 'string') {
    v.require(
      /^[a-zA-Z0-9-]{1,127}$/.test(props.keyName),
      'keyName',
      props.keyName,
      '1-127 letters, digits and hyphens',
    );
  }
  checkIpRules(v, 'allowedIpRanges', props.allowedIpRanges, 'keyVault');
  checkPartOptions(v, props);

  const name =
    nameOk && props.name !== undefined
      ? props.name
      : uniqueName(scope, { prefix: `kv-${id}`, maxLength: 24 });
  const purge = purgeOk
    ? (props.purgeProtectionEnabled ?? d.purgeProtectionEnabled)
    : d.purgeProtectionEnabled;
  const createKey = createOk ? (props.createKey ?? d.createKey) : d.createKey;
  const retention = props.softDeleteRetentionDays ?? d.softDeleteRetentionDays;
  const rotation = props.keyRotationDays ?? d.keyRotationDays;
  const keySize = props.keySize ?? d.keySize;
  const skuName = props.skuName ?? d.skuName;
  const keyType = props.keyType ?? d.keyType;
  const keyName = props.keyName ?? d.keyName;

  if (nameOk) v.check('name', name, AzureValidate.keyVaultName(name));
  v.require(
    !(createKey && !purge),
    'purgeProtectionEnabled',
    purge,
    'true: customer-managed keys require Key Vault purge protection (AZ-03)',
  );
  if (skuOk && typeOk) {
    v.require(
      !(keyType === 'RSA-HSM' && skuName !== 'premium'),
      'keyType',
      keyType,
      "'RSA' with the standard SKU (HSM keys need premium)",
    );
  }
  v.throwIfInvalid();
  return {
    props,
    name,
    purge,
    createKey,
    retention,
    rotation,
    keySize,
    skuName,
    keyType,
    keyName,
    ipRules: props.allowedIpRanges ?? [],
  };
}

/**
 * An Azure Key Vault hardened for customer-managed keys (AZ-02, AZ-03, X-04): RBAC
 * authorization, purge protection, 90-day soft delete, public network access off and a
 * default-deny network ACL, plus an HSM-backed key with a rotation policy (automatic rotation,
 * an expiry on every rotated version, a near-expiry notification).
 *
 * The key is created through the management plane (ARM `Microsoft.KeyVault/vaults/keys`, a
 * create-only PUT sent by `azapi_resource_action`), not the Key Vault data plane: the vault's
 * firewall does not apply to ARM, so the key is created from a runner outside the network
 * (azurerm_key_vault_key would call https://<vault>.vault.azure.net and get 403
 * ForbiddenByFirewall). ARM has no DELETE for keys: destroying the action leaves the key, which
 * goes away with the vault. The stack needs an `AzapiProvider` (synth fails otherwise).
 *
 * Identities get access to the key only through {@link grantKeyAccess}, scoped to the key.
 */
export class HardenedKeyVault extends AzurePart {
  /** The vault. */
  public readonly vault: KeyVault;
  /** The customer-managed key: the ARM create request (undefined when createKey is false). */
  public readonly key?: AzapiResourceAction;
  /** The deployer's Key Vault Crypto Officer assignment (undefined when no key is created). */
  public readonly deployerAssignment?: RoleAssignment;
  /** The wait for the deployer's assignment to propagate before the key is created (undefined when no key is created). */
  public readonly deployerAssignmentWait?: Sleep;
  /** The vault resource id. */
  public readonly vaultId: string;
  /** Versioned key id (https://<vault>.vault.azure.net/keys/<name>/<version>), or undefined. */
  public readonly keyId?: string;
  /** Versionless key id (storage and registry CMK follow rotations automatically), or undefined. */
  public readonly keyVersionlessId?: string;
  /** ARM resource id of the key (role assignment scope), or undefined. */
  public readonly keyResourceId?: string;
  /** Name of the key, or undefined. */
  public readonly keyName?: string;
  private readonly grants: RoleAssignment[] = [];

  private client?: DataAzurermClientConfig;

  constructor(scope: Construct, id: string, props: HardenedKeyVaultProps) {
    super(scope, id);
    const c = resolveHardenedKeyVaultProps(this, id, props);
    claimPartName(this, 'Key Vault', c.name, c.props);
    this.vault = this.vaultParts(c);
    this.vaultId = this.vault.id;
    if (c.createKey) {
      ({
        deployerAssignment: this.deployerAssignment,
        deployerAssignmentWait: this.deployerAssignmentWait,
        key: this.key,
      } = this.keyParts(c));
      this.keyName = c.keyName;
      this.keyId = this.key.outputValue('properties.keyUriWithVersion');
      this.keyVersionlessId = this.key.outputValue('properties.keyUri');
      this.keyResourceId = this.key.id;
    }
    this._buildOptions(this.vault.id, 'vault', c.props);
  }

  /** The caller's client config, created on first use. */
  private clientConfig(): DataAzurermClientConfig {
    return (this.client ??= new DataAzurermClientConfig(this, 'client'));
  }

  /** The vault (AZ-03): RBAC, purge protection, soft delete, default-deny network ACL. */
  private vaultParts(c: ResolvedHardenedKeyVault): KeyVault {
    const vault = new KeyVault(this, 'vault', {
      name: c.name,
      location: c.props.location,
      resourceGroupName: c.props.resourceGroupName,
      tenantId: c.props.tenantId ?? this.clientConfig().tenantId,
      skuName: c.skuName,
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: c.purge,
      softDeleteRetentionDays: c.retention,
      publicNetworkAccessEnabled: c.ipRules.length > 0,
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: c.ipRules },
      tags: c.props.tags,
    });
    applyRemovalPolicy(vault, c.props.removalPolicy);
    const retention = c.retention;
    if (typeof retention === 'number' && !isUnresolved(retention) && retention < 90) {
      // AZ-03 asks for 90 days; a shorter retention is an explicit choice, recorded in the report.
      Compliance.suppress(
        vault,
        'AZ-03',
        `softDeleteRetentionDays ${retention} set explicitly (AZ-03 default 90): a deleted vault is recoverable for ${retention} days only`,
      );
    }
    return vault;
  }

  /**
   * The key, created through ARM after the deployer's Key Vault Crypto Officer assignment
   * has propagated.
   */
  private keyParts(c: ResolvedHardenedKeyVault) {
    requireAzapiProvider(this);
    const deployerAssignment = grantRole(this, 'deployer-crypto-officer', {
      scope: this.vault.id,
      principalId: c.props.deployerPrincipalId ?? this.clientConfig().objectId,
      roleName: ROLES.KEY_VAULT_CRYPTO_OFFICER,
      description: 'Terraform deployer manages the platform CMK (AZ-02)',
    });
    const deployerAssignmentWait = rbacPropagationWait(this, 'deployer-rbac-wait', [
      deployerAssignment,
    ]);
    const key = new AzapiResourceAction(this, 'key', {
      type: KEY_VAULT_KEY_API,
      resourceId: `${this.vault.id}/keys/${c.keyName}`,
      method: 'PUT',
      body: {
        properties: {
          kty: c.keyType,
          keySize: c.keySize,
          keyOps: KEY_DEFAULTS.keyOpts,
          attributes: { enabled: true },
          rotationPolicy: keyRotationPolicy(c.rotation).body,
        },
      },
      responseExportValues: ['properties.keyUri', 'properties.keyUriWithVersion'],
      dependsOn: [deployerAssignmentWait],
    });
    // The ARM call creates the key only if it does not exist ("Keys - Create If Not Exist":
    // an existing key is returned unchanged), and azapi never reads an action back: a changed
    // body would plan, apply, change nothing in Azure and leave the key's URIs unknown at plan.
    // What the key is made with stays; its rotation policy changes on the data plane.
    key.lifecycle = { ...(key.lifecycle ?? {}), ignoreChanges: ['body'] };
    return { deployerAssignment, deployerAssignmentWait, key };
  }

  /**
   * Grants one identity use of the key for encryption at rest (Key Vault Crypto Service
   * Encryption User: get, wrap, unwrap), scoped to the key only (AZ-02).
   */
  public grantKeyAccess(id: string, principalId: string, description?: string): RoleAssignment {
    if (!this.keyResourceId) {
      throw new Error(`${this.node.path}: grantKeyAccess needs a key (createKey is false)`);
    }
    const grant = grantRole(this, `key-user-${id}`, {
      scope: this.keyResourceId,
      principalId,
      roleName: ROLES.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
      principalType: 'ServicePrincipal',
      description: description ?? 'Uses the platform CMK for encryption at rest (AZ-02)',
    });
    this.grants.push(grant);
    return grant;
  }

  /** The key access grants made so far. */
  public get keyGrants(): RoleAssignment[] {
    return [...this.grants];
  }
}
