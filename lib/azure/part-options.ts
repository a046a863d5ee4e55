// The cross-cutting options every Azure part takes in the same shape (Azure Verified Modules
// style: lock, diagnostic settings, private endpoints, customer-managed key, role assignments,
// tags), their checks, and the resources they create.
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { isUnresolved, Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { RemovalPolicy } from '../core/removal-policy';
import { lockDefaults } from './defaults';
import { AzureDiagnosticSetting } from './diagnostics';
import { PrivateLinkSet } from './private-link';
import { grantRole } from './role-assignment';
import { claimGlobal, fitName, startPlacedProps, str } from './validation';

/** A management lock on a part's main resource (AZ-13). */
export interface AzureLockOptions {
  /**
   * Lock level: 'CanNotDelete' or 'ReadOnly'.
   * @default 'CanNotDelete'
   */
  readonly kind?: string;
  /**
   * Name of the lock.
   * @default - 'lock-' + the part's construct id
   */
  readonly name?: string;
  /**
   * Note on the lock.
   * @default - explains the lock and how to remove it
   */
  readonly notes?: string;
}

/** A diagnostic setting shipping a part's logs and metrics to Log Analytics (AZ-11). */
export interface AzureDiagnosticSettingsOptions {
  /** Log Analytics workspace receiving the logs. */
  readonly logAnalyticsWorkspaceId: string;
  /**
   * Name of the diagnostic setting.
   * @default 'diag-secure-mlops'
   */
  readonly name?: string;
  /**
   * Ship every log category (category group allLogs, or logCategories).
   * @default true
   */
  readonly logs?: boolean;
  /**
   * Ship all metrics.
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * Log categories to ship one by one instead of the allLogs category group (the subscription Activity Log has no category groups).
   * @default - category group allLogs
   */
  readonly logCategories?: string[];
  /**
   * Metric categories to ship (with `metrics`). A storage account and its blob and file
   * services reject 'AllMetrics' and take 'Transaction' (and 'Capacity').
   * @default - the target's: ['Transaction'] on a storage account part, else ['AllMetrics']
   */
  readonly metricCategories?: string[];
}

/** A private endpoint to a part's main resource, with its DNS registration (AZ-06). */
export interface AzurePrivateEndpointOptions {
  /** Subnet the endpoint's NIC lives in. */
  readonly subnetId: string;
  /**
   * Private-link sub-resource (blob, file, vault, registry, ...).
   * @default - the part's main sub-resource (storage 'blob', Key Vault 'vault', registry 'registry')
   */
  readonly subresource?: string;
  /**
   * Name of the endpoint.
   * @default - 'pe-' + the part's construct id + '-' + the key of the endpoint
   */
  readonly name?: string;
  /**
   * Azure location of the endpoint (the subnet's).
   * @default - the part's location
   */
  readonly location?: string;
  /**
   * Resource group of the endpoint and of the zones it creates.
   * @default - the part's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Central-DNS mode: private DNS zone ids by zone name; no zones are created.
   * @default - zones are created and linked to virtualNetworkIds
   */
  readonly privateDnsZoneIds?: { [zoneName: string]: string };
  /**
   * Virtual networks to link the created zones to.
   * @default - none
   */
  readonly virtualNetworkIds?: string[];
}

/** Customer-managed key encryption of a part (AZ-02). */
export interface AzureCustomerManagedKeyOptions {
  /** Versionless Key Vault key id (https://<vault>.vault.azure.net/keys/<name>): the part follows rotations. */
  readonly keyId: string;
  /** Resource id of the user-assigned identity that reads the key. */
  readonly userAssignedIdentityId: string;
  /**
   * Client id of that identity (the container registry's encryption block takes the client id).
   * @default - none; required by the container registry
   */
  readonly userAssignedIdentityClientId?: string;
}

/** A role assignment on a part's main resource. */
export interface AzureRoleAssignmentOptions {
  /** Object id of the principal. */
  readonly principalId: string;
  /**
   * Built-in role name, e.g. 'Storage Blob Data Reader' (set this or roleDefinitionId).
   * @default - none
   */
  readonly roleDefinitionName?: string;
  /**
   * Role definition resource id (set this or roleDefinitionName).
   * @default - none
   */
  readonly roleDefinitionId?: string;
  /**
   * Principal type: 'User', 'Group' or 'ServicePrincipal' ('ServicePrincipal' skips the Entra check for identities created in the same apply).
   * @default - looked up by Azure
   */
  readonly principalType?: string;
  /**
   * Description of the assignment.
   * @default - none
   */
  readonly description?: string;
  /**
   * ABAC condition (condition version 2.0).
   * @default - none
   */
  readonly condition?: string;
}

/** The cross-cutting options of a part, each in one shape for every Azure part. */
export interface AzurePartOptions {
  /**
   * A management lock on the part's main resource (AZ-13).
   * @default - no lock (the platform locks its parts itself)
   */
  readonly lock?: AzureLockOptions;
  /**
   * Diagnostic settings of the main resource, by a short stable key (part of the construct id).
   * @default - none (the platform ships its parts' diagnostics itself)
   */
  readonly diagnosticSettings?: { [key: string]: AzureDiagnosticSettingsOptions };
  /**
   * Private endpoints to the main resource, by a short stable key (part of the construct id).
   * @default - none (the platform creates its parts' endpoints itself)
   */
  readonly privateEndpoints?: { [key: string]: AzurePrivateEndpointOptions };
  /**
   * Role assignments on the main resource, by a short stable key (part of the construct id).
   * @default - none
   */
  readonly roleAssignments?: { [key: string]: AzureRoleAssignmentOptions };
  /**
   * Tags of the main resource (merged with the platform tags, X-09).
   * @default - none beyond the platform tags
   */
  readonly tags?: { [key: string]: string };
}

/** The cross-cutting options of a part that can be encrypted with a customer-managed key. */
export interface AzureEncryptedPartOptions extends AzurePartOptions {
  /**
   * Customer-managed key encryption (AZ-02).
   * @default - Microsoft-managed keys (not compliant with AZ-02; the platform always passes one)
   */
  readonly customerManagedKey?: AzureCustomerManagedKeyOptions;
}

/** The resources a part's cross-cutting options created. */
export interface AzurePartResources {
  /** The lock (undefined without `lock`). */
  readonly lock?: ManagementLock;
  /** Diagnostic settings by key. */
  readonly diagnosticSettings: { [key: string]: AzureDiagnosticSetting };
  /** Private endpoints by key. */
  readonly privateEndpoints: { [key: string]: PrivateLinkSet };
  /** Role assignments by key. */
  readonly roleAssignments: { [key: string]: RoleAssignment };
}

const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Checks a keyed map of options: an object whose keys are short construct-id parts. */
function checkKeyed(v: Validator, prop: string, value: unknown): [string, any][] {
  if (value === undefined || !v.object(prop, value)) return [];
  const entries = Object.entries(value as object);
  for (const [key, o] of entries) {
    v.require(KEY.test(key), `${prop}.${key}`, key, '1-40 lowercase letters, digits and hyphens');
    v.object(`${prop}.${key}`, o, { optional: false });
  }
  return entries.filter(([, o]) => o !== null && typeof o === 'object');
}

/** Checks the cross-cutting options of a part (one error for the construct, with the rest). */
export function checkPartOptions(v: Validator, o: AzurePartOptions): void {
  if (o.lock !== undefined && v.object('lock', o.lock)) {
    v.enumValue('lock.kind', o.lock.kind, ['CanNotDelete', 'ReadOnly']);
    str(v, 'lock.name', o.lock.name, true);
    if (str(v, 'lock.notes', o.lock.notes, true) && typeof o.lock.notes === 'string') {
      v.require(o.lock.notes.length <= 512, 'lock.notes', o.lock.notes, 'at most 512 characters');
    }
  }
  for (const [key, d] of checkKeyed(v, 'diagnosticSettings', o.diagnosticSettings)) {
    str(v, `diagnosticSettings.${key}.logAnalyticsWorkspaceId`, d.logAnalyticsWorkspaceId);
  }
  for (const [key, p] of checkKeyed(v, 'privateEndpoints', o.privateEndpoints)) {
    str(v, `privateEndpoints.${key}.subnetId`, p.subnetId);
    str(v, `privateEndpoints.${key}.subresource`, p.subresource, true);
  }
  for (const [key, r] of checkKeyed(v, 'roleAssignments', o.roleAssignments)) {
    const at = `roleAssignments.${key}`;
    str(v, `${at}.principalId`, r.principalId);
    str(v, `${at}.roleDefinitionName`, r.roleDefinitionName, true);
    str(v, `${at}.roleDefinitionId`, r.roleDefinitionId, true);
    v.require(
      (r.roleDefinitionName === undefined) !== (r.roleDefinitionId === undefined),
      `${at}.roleDefinitionName`,
      r.roleDefinitionName,
      'exactly one of roleDefinitionName and roleDefinitionId',
    );
    v.enumValue(`${at}.principalType`, r.principalType, ['User', 'Group', 'ServicePrincipal']);
  }
  if (o.tags !== undefined && v.object('tags', o.tags) && !isUnresolved(o.tags)) {
    for (const [k, value] of Object.entries(o.tags)) str(v, `tags.${k}`, value);
  }
}

/**
 * The customer-managed key of a part, from `customerManagedKey` or from the deprecated flat
 * props (`legacy`: customerManagedKeyId, customerManagedKeyIdentityId and, on the registry,
 * customerManagedKeyIdentityClientId). Both at once is an error naming the props set.
 */
function resolveCustomerManagedKey(
  v: Validator,
  given: AzureCustomerManagedKeyOptions | undefined,
  legacy: { [prop: string]: string | undefined },
  requireClientId: boolean,
): AzureCustomerManagedKeyOptions | undefined {
  const legacySet = Object.keys(legacy).filter((k) => legacy[k] !== undefined);
  if (given !== undefined && legacySet.length > 0) {
    v.add(
      'customerManagedKey',
      `customerManagedKey and ${legacySet.join(', ')}`,
      `customerManagedKey alone (${legacySet.join(', ')} ${legacySet.length > 1 ? 'are' : 'is'} deprecated: move ${legacySet.length > 1 ? 'them' : 'it'} into customerManagedKey)`,
    );
    return undefined;
  }
  if (given === undefined || !v.object('customerManagedKey', given)) return undefined;
  str(v, 'customerManagedKey.keyId', given.keyId);
  str(v, 'customerManagedKey.userAssignedIdentityId', given.userAssignedIdentityId);
  str(
    v,
    'customerManagedKey.userAssignedIdentityClientId',
    given.userAssignedIdentityClientId,
    !requireClientId,
  );
  return given;
}

/**
 * Internal: the customer-managed key of a part that still takes the deprecated flat props
 * (customerManagedKeyId, customerManagedKeyIdentityId and, with `clientId`, the registry's
 * customerManagedKeyIdentityClientId). The flat props are checked, then that they are set
 * together (all or none), then `customerManagedKey` (its client id required with `clientId`).
 * Returns `customerManagedKey`, else the key the flat props name.
 */
export function resolvePartCustomerManagedKey(
  v: Validator,
  props: {
    readonly customerManagedKey?: AzureCustomerManagedKeyOptions;
    readonly customerManagedKeyId?: string;
    readonly customerManagedKeyIdentityId?: string;
    readonly customerManagedKeyIdentityClientId?: string;
  },
  options: { readonly clientId?: boolean } = {},
): AzureCustomerManagedKeyOptions | undefined {
  const legacy: { [prop: string]: string | undefined } = {
    customerManagedKeyId: props.customerManagedKeyId,
    customerManagedKeyIdentityId: props.customerManagedKeyIdentityId,
    ...(options.clientId
      ? { customerManagedKeyIdentityClientId: props.customerManagedKeyIdentityClientId }
      : {}),
  };
  for (const [prop, value] of Object.entries(legacy)) str(v, prop, value, true);
  const keySet = props.customerManagedKeyId !== undefined;
  // with customerManagedKey, any flat prop is the one error resolveCustomerManagedKey reports
  const pairs = props.customerManagedKey === undefined ? Object.keys(legacy).slice(1) : [];
  for (const prop of pairs) {
    v.require(
      (legacy[prop] !== undefined) === keySet,
      prop,
      legacy[prop],
      `set together with customerManagedKeyId${options.clientId ? ' (customerManagedKeyIdentityId and customerManagedKeyIdentityClientId name the identity that reads the key)' : ' (the identity that reads the key)'}`,
    );
  }
  const brought = resolveCustomerManagedKey(
    v,
    props.customerManagedKey,
    legacy,
    !!options.clientId,
  );
  if (brought !== undefined || !keySet) return brought;
  return {
    keyId: props.customerManagedKeyId!,
    userAssignedIdentityId: props.customerManagedKeyIdentityId!,
    userAssignedIdentityClientId: props.customerManagedKeyIdentityClientId,
  };
}

/** The user-assigned identity block of a resource that reads its customer-managed key through it. */
function cmkIdentity(
  cmk: AzureCustomerManagedKeyOptions | undefined,
): { type: string; identityIds: string[] } | undefined {
  return cmk ? { type: 'UserAssigned', identityIds: [cmk.userAssignedIdentityId] } : undefined;
}

/** The part whose main resource the options apply to. */
export interface AzurePartTarget {
  /** Resource id of the main resource. */
  readonly resourceId: string;
  /** Resource group of the part. */
  readonly resourceGroupName: string;
  /** Location of the part. */
  readonly location: string;
  /** Default private-link sub-resource of the part. */
  readonly subresource: string;
  /**
   * Metric categories the part's resource takes in a diagnostic setting.
   * @default ['AllMetrics']
   */
  readonly metricCategories?: string[];
}

/**
 * Creates what a part's cross-cutting options ask for, as children of the part: the lock
 * (`lock`), diagnostic settings (`diag-<key>`), private endpoints (`pe-<key>`) and role
 * assignments (`role-<key>`). Nothing without options.
 */
export function buildPartOptions(
  scope: Construct,
  target: AzurePartTarget,
  o: AzurePartOptions,
): AzurePartResources {
  const diagnosticSettings: { [key: string]: AzureDiagnosticSetting } = {};
  for (const [key, d] of Object.entries(o.diagnosticSettings ?? {})) {
    diagnosticSettings[key] = new AzureDiagnosticSetting(scope, `diag-${key}`, {
      targetResourceId: target.resourceId,
      logAnalyticsWorkspaceId: d.logAnalyticsWorkspaceId,
      name: d.name,
      logs: d.logs,
      metrics: d.metrics,
      logCategories: d.logCategories,
      metricCategories: d.metricCategories ?? target.metricCategories,
    });
  }
  const privateEndpoints: { [key: string]: PrivateLinkSet } = {};
  for (const [key, p] of Object.entries(o.privateEndpoints ?? {})) {
    privateEndpoints[key] = new PrivateLinkSet(scope, `pe-${key}`, {
      resourceGroupName: p.resourceGroupName ?? target.resourceGroupName,
      location: p.location ?? target.location,
      subnetId: p.subnetId,
      targetResourceId: target.resourceId,
      subresource: p.subresource ?? target.subresource,
      name: p.name ?? fitName(`pe-${scope.node.id}-${key}`, 64),
      privateDnsZoneIds: p.privateDnsZoneIds,
      virtualNetworkIds: p.virtualNetworkIds,
    });
  }
  const roleAssignments: { [key: string]: RoleAssignment } = {};
  for (const [key, r] of Object.entries(o.roleAssignments ?? {})) {
    roleAssignments[key] = grantRole(scope, `role-${key}`, {
      scope: target.resourceId,
      principalId: r.principalId,
      roleName: r.roleDefinitionName,
      roleDefinitionId: r.roleDefinitionId,
      principalType: r.principalType,
      description: r.description,
      condition: r.condition,
    });
  }
  const lock =
    o.lock === undefined
      ? undefined
      : new ManagementLock(scope, 'lock', {
          name: o.lock.name ?? `lock-${scope.node.id}`,
          scope: target.resourceId,
          lockLevel: o.lock.kind ?? lockDefaults().kind,
          notes: o.lock.notes ?? lockDefaults().notes,
        });
  return { lock, diagnosticSettings, privateEndpoints, roleAssignments };
}

/** Where a part with a globally named main resource lives, and its cross-cutting options. */
interface AzureMainPartProps extends AzurePartOptions {
  readonly name?: string;
  readonly resourceGroupName: string;
  readonly location: string;
}

/**
 * Internal: claims the globally unique name of a part's main resource, naming the prop it
 * came from (`name`, or the construct id it was derived from).
 */
export function claimPartName(
  scope: Construct,
  kind: string,
  name: string,
  props: AzureMainPartProps,
): void {
  claimGlobal(scope, kind, name, props.name !== undefined ? 'name' : 'id (construct id)');
}

/**
 * Internal: `buildPartOptions` for a part's main resource, in the part's own resource group
 * and location.
 */
export function buildMainPartOptions(
  scope: Construct,
  resourceId: string,
  subresource: string,
  props: AzureMainPartProps,
  metricCategories?: string[],
): AzurePartResources {
  return buildPartOptions(
    scope,
    {
      resourceId,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subresource,
      metricCategories,
    },
    props,
  );
}

/**
 * Internal: the config the main resource of a named part encrypted with a customer-managed key
 * takes from the part (its name, resource group, location, tags and dependencies) and from its
 * key (the user-assigned identity that reads it).
 */
export function encryptedMainResourceConfig(c: {
  readonly name: string;
  readonly cmk?: AzureCustomerManagedKeyOptions;
  readonly props: AzureMainPartProps & { readonly dependsOn?: ITerraformDependable[] };
}): {
  name: string;
  resourceGroupName: string;
  location: string;
  identity?: { type: string; identityIds: string[] };
  tags?: { [key: string]: string };
  dependsOn?: ITerraformDependable[];
} {
  return {
    name: c.name,
    resourceGroupName: c.props.resourceGroupName,
    location: c.props.location,
    identity: cmkIdentity(c.cmk),
    tags: c.props.tags,
    dependsOn: c.props.dependsOn,
  };
}

/** The props every part with a resource group, location, removal policy and global name has. */
interface NamedPartProps {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly removalPolicy?: RemovalPolicy;
  readonly name?: string;
}

/**
 * The opening of a named part's props resolution: the props object required, resource group,
 * location and removal policy checked, and the name (given, or derived from the construct path
 * with `prefix`, letters and digits only, at most `maxLength`). `nameOk` is false when the given
 * name is not a string; the caller checks the name's own rules.
 */
export function startNamedPartProps<P extends NamedPartProps>(
  scope: Construct,
  given: P,
  naming: { prefix: string; maxLength: number },
): { props: P; v: Validator; nameOk: boolean; name: string } {
  const { props, v } = startPlacedProps(scope, given);
  v.enumValue('removalPolicy', props.removalPolicy, Object.values(RemovalPolicy));
  const nameOk = str(v, 'name', props.name, true);
  const name =
    nameOk && props.name !== undefined
      ? props.name
      : uniqueName(scope, { ...naming, alphanumericOnly: true });
  return { props, v, nameOk, name };
}

/**
 * An Azure part: one main resource with the cross-cutting options every part takes in the
 * same shape (`lock`, `diagnosticSettings`, `privateEndpoints`, `roleAssignments`), and the
 * resources those options create, exposed under the same names on every part.
 */
export abstract class AzurePart extends Construct {
  private optionResources?: AzurePartResources;

  /** The lock of the main resource (undefined without `lock`). */
  public get lock(): ManagementLock | undefined {
    return this.optionResources?.lock;
  }

  /** Diagnostic settings of the main resource by key (`diagnosticSettings`). */
  public get diagnosticSettings(): { [key: string]: AzureDiagnosticSetting } {
    return this.optionResources?.diagnosticSettings ?? {};
  }

  /** Private endpoints to the main resource by key (`privateEndpoints`). */
  public get privateEndpoints(): { [key: string]: PrivateLinkSet } {
    return this.optionResources?.privateEndpoints ?? {};
  }

  /** Role assignments on the main resource by key (`roleAssignments`). */
  public get roleAssignments(): { [key: string]: RoleAssignment } {
    return this.optionResources?.roleAssignments ?? {};
  }

  /**
   * Creates the resources of the part's cross-cutting options on its main resource, in the
   * part's resource group and location. Called once, after the main resource is built.
   * @internal
   */
  protected _buildOptions(
    resourceId: string,
    subresource: string,
    props: AzureMainPartProps,
    metricCategories?: string[],
  ): void {
    if (this.optionResources) throw new Error(`${this.node.path}: part options built twice`);
    this.optionResources = buildMainPartOptions(
      this,
      resourceId,
      subresource,
      props,
      metricCategories,
    );
  }
}
