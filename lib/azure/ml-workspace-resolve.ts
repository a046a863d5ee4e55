import { validatePlatformCommonProps } from '../core/platform';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { uniqueName } from '../core/naming';
import { RemovalPolicy } from '../core/removal-policy';
import { PlatformTags } from '../core/tags';
import { AzureValidate } from './validate';
import { AzureComputeClusterSpec } from './compute';
import { COSMOS_DB_APP_ID, ENDPOINT_IPS, mlWorkspaceDefaults } from './defaults';
import { azureLocationName, hasAvailabilityZones } from './locations';
import {
  AzureManagedNetworkIsolation,
  AzureMLWorkspaceProps,
  AzureMlEncryptionOptions,
  AzureMlNetworkOptions,
  AzureOutboundRule,
} from './ml-workspace-props';
import { AzureEndpointAuthMode } from './persona-rbac-props';
import { AzurePolicyEffect } from './policy-assignments';
import { requireAzurermProvider } from './provider-requirements';
import { checkPartOptions } from './part-options';
import { checkComputeSpecs, checkNetworkOptions } from './spec-checks';
import {
  ARM_ID,
  bool,
  checkAlertReceivers,
  checkArmId,
  checkArray,
  checkConstructId,
  checkIpRules,
  checkKeyUrl,
  checkLocation,
  checkUnique,
  checkUuid,
  fitName,
  num,
  str,
  strList,
} from './validation';

/** The validated configuration of an {@link AzureMLWorkspace}, defaults applied. */
export interface ResolvedAzureMLWorkspace {
  /** The props as given (validated). */
  readonly props: AzureMLWorkspaceProps;
  /** Construct id (part of derived names). */
  readonly id: string;
  /** Environment name. */
  readonly env: string;
  /** Azure location. */
  readonly location: string;
  /** Locations every resource must be in. */
  readonly allowed: string[];
  /** Managed VNet isolation mode. */
  readonly isolation: AzureManagedNetworkIsolation;
  /** Network options. */
  readonly net: AzureMlNetworkOptions;
  /** Encryption options. */
  readonly enc: AzureMlEncryptionOptions;
  /** True when the CMK vault is brought. */
  readonly byoKey: boolean;
  /** Private data containers. */
  readonly dataContainers: string[];
  /** Compute clusters. */
  readonly clusters: AzureComputeClusterSpec[];
  /** Managed VNet outbound rules. */
  readonly rules: AzureOutboundRule[];
  /** Removal policy of stateful resources. */
  readonly removal?: RemovalPolicy;
  /** Online endpoint authentication mode. */
  readonly endpointAuthMode: AzureEndpointAuthMode;
  /** Image-build compute (undefined without clusters). */
  readonly imageBuild?: string;
  /** Workspace name. */
  readonly wsName: string;
  /** Resource group name. */
  readonly rgName: string;
  /** Private IP addresses the private endpoints take. */
  readonly endpointAddresses: number;
  /** Platform tags as given. */
  readonly tags?: PlatformTags;
  /** The resource group is created (not brought). */
  readonly createResourceGroup: boolean;
  /** Workspace is high-business-impact. */
  readonly highBusinessImpact: boolean;
  /** Policy assignments are created. */
  readonly policies: boolean;
  /** Resource locks are created. */
  readonly locks: boolean;
  /** The subscription Activity Log is exported. */
  readonly activityLogExport: boolean;
  /** Security-change alerts are created. */
  readonly alerts: boolean;
  /** Monitoring sits behind an Azure Monitor Private Link Scope. */
  readonly monitorPrivateLinkScope: boolean;
}

const OUTBOUND_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,63}$/;
// A DNS name, optionally with a leading wildcard label (*.pythonhosted.org).
const FQDN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;
const PORT = '(\\*|\\d{1,5}(-\\d{1,5})?)';
const PORT_RANGES = new RegExp(`^${PORT}(,${PORT})*$`);

/** Private IP addresses the platform's private endpoints take in the endpoint subnet. */
function endpointAddresses(props: AzureMLWorkspaceProps): number {
  const byoKey = props.encryption?.existingKeyVaultId !== undefined;
  const monitorScope =
    (props.monitorPrivateLinkScope ?? mlWorkspaceDefaults().monitorPrivateLinkScope) &&
    !props.existingMonitorPrivateLinkScope;
  const subresources = [
    'amlworkspace',
    'blob',
    'file',
    'registry',
    'vault',
    ...(byoKey ? [] : ['vault']),
    ...(monitorScope ? ['azuremonitor'] : []),
  ];
  return subresources.reduce((n, s) => n + (ENDPOINT_IPS[s] ?? 1), 0);
}

/** True for an outbound rule that opens the managed network to any internet destination. */
function internetWide(r: AzureOutboundRule): string | undefined {
  if (r.fqdn !== undefined && typeof r.fqdn === 'string' && r.fqdn.trim() === '*')
    return "fqdn '*'";
  if (typeof r.serviceTag === 'string' && r.serviceTag.toLowerCase() === 'internet')
    return "serviceTag 'Internet'";
  return undefined;
}

/** Checks the managed VNet outbound rules (AZ-07). */
function checkOutboundRules(v: Validator, rules: AzureOutboundRule[], isolation: string): void {
  const names = new Map<string, number>();
  const approvedOnly = isolation === AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND;
  rules.forEach((r, i) => {
    const at = `outboundRules[${i}]`;
    if (!v.object(at, r, { optional: false })) return;
    if (
      v.literalName(
        `${at}.name`,
        r.name,
        'it names the rule and its construct',
        OUTBOUND_NAME,
        '3-64 letters, digits, hyphens and underscores',
      )
    ) {
      const key = r.name.toLowerCase();
      if (names.has(key)) {
        v.add(
          `${at}.name`,
          r.name,
          `a unique rule name (same as outboundRules[${names.get(key)}].name)`,
        );
      } else names.set(key, i);
    }
    const kinds = [r.fqdn, r.serviceTag, r.serviceResourceId].filter((x) => x !== undefined).length;
    v.require(kinds === 1, at, r.name, 'exactly one of fqdn, serviceTag, serviceResourceId');
    if (r.fqdn !== undefined && str(v, `${at}.fqdn`, r.fqdn) && !isUnresolved(r.fqdn)) {
      v.require(
        r.fqdn === '*' || FQDN.test(r.fqdn),
        `${at}.fqdn`,
        r.fqdn,
        "a DNS name such as 'pypi.org' or '*.pythonhosted.org'",
      );
      v.require(
        approvedOnly,
        `${at}.fqdn`,
        r.fqdn,
        'FQDN rules only with isolationMode AllowOnlyApprovedOutbound',
      );
    }
    if (
      r.serviceTag !== undefined &&
      str(v, `${at}.serviceTag`, r.serviceTag) &&
      !isUnresolved(r.serviceTag)
    ) {
      v.require(
        SERVICE_TAG.test(r.serviceTag),
        `${at}.serviceTag`,
        r.serviceTag,
        "an Azure service tag such as 'AzureMonitor' or 'Storage.WestEurope'",
      );
    }
    if (r.serviceTag === undefined) {
      for (const k of ['protocol', 'portRanges'] as const) {
        if (r[k] !== undefined) v.add(`${at}.${k}`, r[k], 'only with serviceTag');
      }
    } else {
      v.enumValue(`${at}.protocol`, r.protocol, ['TCP', 'UDP', 'ICMP', '*']);
      if (
        r.portRanges !== undefined &&
        str(v, `${at}.portRanges`, r.portRanges) &&
        !isUnresolved(r.portRanges)
      ) {
        const ports = r.portRanges
          .split(/[,-]/)
          .filter((x) => x !== '*')
          .map(Number);
        v.require(
          PORT_RANGES.test(r.portRanges) && ports.every((n) => n >= 1 && n <= 65535),
          `${at}.portRanges`,
          r.portRanges,
          "ports or ranges of 1-65535 separated by commas, e.g. '443' or '80,443,8000-8080', or '*'",
        );
      }
    }
    if (r.serviceResourceId !== undefined) {
      checkArmId(v, `${at}.serviceResourceId`, r.serviceResourceId, ARM_ID.any);
      if (str(v, `${at}.subResourceTarget`, r.subResourceTarget, true)) {
        v.require(
          r.subResourceTarget !== undefined,
          `${at}.subResourceTarget`,
          r.subResourceTarget,
          "a sub-resource such as 'blob' with serviceResourceId",
        );
      }
    } else if (r.subResourceTarget !== undefined) {
      v.add(`${at}.subResourceTarget`, r.subResourceTarget, 'only with serviceResourceId');
    }
    // AZ-07: a rule to every internet destination contradicts AllowOnlyApprovedOutbound.
    const wide = internetWide(r);
    if (r.internetEgressReason !== undefined) {
      const ok =
        typeof r.internetEgressReason === 'string' && r.internetEgressReason.trim().length >= 10;
      if (!ok)
        v.add(
          `${at}.internetEgressReason`,
          r.internetEgressReason,
          'a reason of at least 10 characters',
        );
      else if (!wide)
        v.add(
          `${at}.internetEgressReason`,
          r.internetEgressReason,
          "only on a rule to every internet destination (fqdn '*' or serviceTag 'Internet')",
        );
    } else if (wide && approvedOnly) {
      v.add(
        at,
        wide,
        'approved destinations under AllowOnlyApprovedOutbound: name the FQDNs or service tags, or acknowledge the internet-wide rule with internetEgressReason (recorded as an AZ-07.outbound-internet suppression)',
      );
    }
  });
}

/** Security-change alerts are on: as set, else when someone would be notified (AZ-11). */
function alertsOn(props: AzureMLWorkspaceProps): boolean {
  return (
    props.alerts ?? (props.alertEmails !== undefined || props.alertActionGroupIds !== undefined)
  );
}

/** Checks the alert props (AZ-11): receivers when alerts are on, none when off. */
function checkAlertProps(v: Validator, props: AzureMLWorkspaceProps): void {
  if (props.alerts === false) {
    for (const k of ['alertEmails', 'alertActionGroupIds'] as const)
      if (props[k] !== undefined)
        v.add(k, props[k], 'unset when alerts is false (no alert notifies them)');
    return;
  }
  if (alertsOn(props))
    checkAlertReceivers(
      v,
      'alertEmails',
      props.alertEmails,
      'alertActionGroupIds',
      props.alertActionGroupIds,
    );
}

/**
 * Validates the props of an {@link AzureMLWorkspace} (X-10: one error for the whole construct,
 * in the props' own names) and returns its configuration with the defaults of
 * {@link mlWorkspaceDefaults} applied. Creates no resource.
 */
export function resolveAzureMLWorkspaceProps(
  scope: Construct,
  id: string,
  given: AzureMLWorkspaceProps,
): ResolvedAzureMLWorkspace {
  const defaults = mlWorkspaceDefaults();
  const props = requireProps(scope, given, true);
  const v = new Validator(scope);
  // ---- validation (X-10): one error for the whole construct, in the props' own names.
  // The provider check runs first at synth, before residency reads other providers.
  requireAzurermProvider(scope);
  checkConstructId(v, scope);
  const env = props.environment;
  // the props every platform shares: the one environment rule and the removal policy (Azure
  // checks regions, personas and tags below, with the location and its principal formats)
  validatePlatformCommonProps(v, props);
  const location = props.location;
  const locationOk = checkLocation(v, 'location', location);
  let allowed: string[] = [location];
  if (props.allowedRegions !== undefined && strList(v, 'allowedRegions', props.allowedRegions)) {
    if (isUnresolved(props.allowedRegions)) {
      v.literal('allowedRegions', props.allowedRegions, 'the residency check runs at synth');
    } else {
      props.allowedRegions.forEach((r, i) => {
        // 'global': consent to the global resources the platform may create (the alert rules
        // and action group of alerts, outside westeurope and northeurope)
        if (
          v.literal(`allowedRegions[${i}]`, r, 'the residency check runs at synth') &&
          !(typeof r === 'string' && r.toLowerCase() === 'global')
        )
          checkLocation(v, `allowedRegions[${i}]`, r);
      });
      checkUnique(v, 'allowedRegions', props.allowedRegions, azureLocationName, 'a location');
      allowed = props.allowedRegions;
    }
  }
  if (locationOk && typeof location === 'string' && !isUnresolved(location)) {
    v.require(
      allowed.every((r) => typeof r === 'string') &&
        allowed.map(azureLocationName).includes(azureLocationName(location)),
      'location',
      location,
      `a location in allowedRegions [${allowed.join(', ')}]`,
    );
  }
  const isolation = props.isolationMode ?? defaults.isolationMode;
  if (
    !isUnresolved(isolation) &&
    !Object.values(AzureManagedNetworkIsolation).includes(isolation)
  ) {
    const near = Object.values(AzureManagedNetworkIsolation).find(
      (m) => typeof isolation === 'string' && m.toLowerCase() === isolation.toLowerCase(),
    );
    v.add(
      'isolationMode',
      isolation,
      `AllowOnlyApprovedOutbound or AllowInternetOutbound (a managed network cannot be disabled once enabled, so 'Disabled' is not offered)${near ? `; values are case-sensitive: did you mean ${near}?` : ''}`,
    );
  } else if (isUnresolved(isolation)) {
    v.literal('isolationMode', isolation, 'it decides which outbound rules are allowed');
  }
  v.enumValue('policyEffect', props.policyEffect, Object.values(AzurePolicyEffect));
  v.enumValue('endpointAuthMode', props.endpointAuthMode, Object.values(AzureEndpointAuthMode));
  v.enumValue('storageReplicationType', props.storageReplicationType, [
    'LRS',
    'ZRS',
    'GRS',
    'RAGRS',
    'GZRS',
    'RAGZRS',
  ]);
  if (
    typeof props.location === 'string' &&
    !isUnresolved(props.location) &&
    hasAvailabilityZones(props.location) === false &&
    /Z/.test(String(props.storageReplicationType ?? ''))
  )
    v.add(
      'storageReplicationType',
      props.storageReplicationType,
      `LRS, GRS or RAGRS: ${props.location} has no availability zones, so zone-redundant storage cannot be created there`,
    );
  for (const k of [
    'createResourceGroup',
    'systemAssignedIdentity',
    'highBusinessImpact',
    'policies',
    'locks',
    'defenderForContainers',
    'endpointIdentity',
    'activityLogExport',
    'monitorPrivateLinkScope',
    'alerts',
  ] as const) {
    bool(v, k, props[k]);
  }
  num(v, 'logRetentionDays', props.logRetentionDays, { integer: true, min: 30, max: 730 });
  checkPartOptions(v, { lock: props.lock });
  if (props.lock !== undefined && props.lock !== null && props.lock.name !== undefined) {
    v.add('lock.name', props.lock.name, "unset (each lock is named 'lock-' + its resource)");
  }
  if (
    props.lock !== undefined &&
    (props.locks ?? props.removalPolicy !== RemovalPolicy.DESTROY) === false
  ) {
    v.add(
      'lock',
      `lock and ${props.locks === false ? 'locks: false' : 'removalPolicy DESTROY'}`,
      'lock only with locks on (set locks: true, or unset lock)',
    );
  }
  v.object('tags', props.tags);
  checkUuid(
    v,
    'registryQuarantineScannerPrincipalId',
    props.registryQuarantineScannerPrincipalId,
    true,
  );
  checkArmId(
    v,
    'existingLogAnalyticsWorkspaceId',
    props.existingLogAnalyticsWorkspaceId,
    ARM_ID.logAnalytics,
    true,
  );
  checkIpRules(v, 'allowedIpRanges', props.allowedIpRanges, 'both');
  checkAlertProps(v, props);
  const monitorRef = props.existingMonitorPrivateLinkScope;
  if (monitorRef !== undefined && v.object('existingMonitorPrivateLinkScope', monitorRef)) {
    str(v, 'existingMonitorPrivateLinkScope.name', monitorRef.name);
    str(v, 'existingMonitorPrivateLinkScope.resourceGroupName', monitorRef.resourceGroupName);
  }
  if (props.monitorPrivateLinkScope === false && monitorRef) {
    v.add(
      'existingMonitorPrivateLinkScope',
      monitorRef.name,
      'unset when monitorPrivateLinkScope is false',
    );
  }
  if (str(v, 'resourceGroupName', props.resourceGroupName, true)) {
    if (props.resourceGroupName !== undefined)
      v.check(
        'resourceGroupName',
        props.resourceGroupName,
        AzureValidate.resourceName(props.resourceGroupName, 90),
      );
  }
  if (str(v, 'workspaceName', props.workspaceName, true) && props.workspaceName !== undefined) {
    v.require(
      isUnresolved(props.workspaceName) ||
        /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/.test(props.workspaceName),
      'workspaceName',
      props.workspaceName,
      '3-33 letters, digits, hyphens and underscores, starting with a letter or digit',
    );
  }
  // network
  const net: AzureMlNetworkOptions = props.network ?? {};
  if (v.object('network', props.network)) {
    checkNetworkOptions(v, 'network.', net, endpointAddresses(props));
    if (
      net.privateDnsZoneIds !== undefined &&
      v.object('network.privateDnsZoneIds', net.privateDnsZoneIds)
    ) {
      for (const [zone, zoneId] of Object.entries(net.privateDnsZoneIds)) {
        checkArmId(v, `network.privateDnsZoneIds.${zone}`, zoneId, ARM_ID.privateDnsZone);
      }
    }
  }
  // encryption
  const enc: AzureMlEncryptionOptions = props.encryption ?? {};
  if (v.object('encryption', props.encryption)) {
    const cosmos = enc.cosmosDbPrincipalObjectId;
    v.require(
      cosmos !== undefined,
      'encryption.cosmosDbPrincipalObjectId',
      cosmos,
      `the object id of the Azure Cosmos DB service principal in your tenant (az ad sp show --id ${COSMOS_DB_APP_ID} --query id -o tsv): the workspace's customer-managed key must be usable by it`,
    );
    if (cosmos !== undefined && checkUuid(v, 'encryption.cosmosDbPrincipalObjectId', cosmos)) {
      v.require(
        isUnresolved(cosmos) || cosmos.toLowerCase() !== COSMOS_DB_APP_ID,
        'encryption.cosmosDbPrincipalObjectId',
        cosmos,
        "the service principal's object id in your tenant, not the application id (role assignments need the object id)",
      );
    }
    num(v, 'encryption.keyRotationDays', enc.keyRotationDays, {
      literal: 'the rotation policy periods are computed from it',
      integer: true,
      min: 7,
      max: 365,
    });
    bool(v, 'encryption.existingKeyVaultPurgeProtection', enc.existingKeyVaultPurgeProtection);
    const byo = enc.existingKeyVaultId !== undefined;
    checkArmId(v, 'encryption.existingKeyVaultId', enc.existingKeyVaultId, ARM_ID.keyVault, true);
    if (byo) {
      v.require(
        enc.existingKeyVaultPurgeProtection === true,
        'encryption.existingKeyVaultPurgeProtection',
        enc.existingKeyVaultPurgeProtection,
        'true: customer-managed keys require a Key Vault with purge protection (enable it on the vault, then confirm here)',
      );
      for (const k of ['existingKeyName', 'existingKeyId', 'existingKeyVersionlessId'] as const) {
        v.require(
          enc[k] !== undefined,
          `encryption.${k}`,
          enc[k],
          'set when encryption.existingKeyVaultId is set',
        );
      }
      if (
        str(v, 'encryption.existingKeyName', enc.existingKeyName, true) &&
        enc.existingKeyName !== undefined &&
        !isUnresolved(enc.existingKeyName)
      ) {
        v.require(
          /^[a-zA-Z0-9-]{1,127}$/.test(enc.existingKeyName),
          'encryption.existingKeyName',
          enc.existingKeyName,
          '1-127 letters, digits and hyphens',
        );
      }
      checkKeyUrl(v, 'encryption.existingKeyId', enc.existingKeyId, true, true);
      checkKeyUrl(
        v,
        'encryption.existingKeyVersionlessId',
        enc.existingKeyVersionlessId,
        false,
        true,
      );
      if (enc.keyRotationDays !== undefined) {
        v.add(
          'encryption.keyRotationDays',
          enc.keyRotationDays,
          'unset with encryption.existingKeyVaultId (rotate the brought key in its own vault)',
        );
      }
    } else {
      for (const k of ['existingKeyName', 'existingKeyId', 'existingKeyVersionlessId'] as const) {
        v.require(
          enc[k] === undefined,
          `encryption.${k}`,
          enc[k],
          'only with encryption.existingKeyVaultId',
        );
      }
    }
  } else if (props.encryption === undefined) {
    v.add(
      'encryption.cosmosDbPrincipalObjectId',
      undefined,
      `the object id of the Azure Cosmos DB service principal in your tenant (az ad sp show --id ${COSMOS_DB_APP_ID} --query id -o tsv): the workspace's customer-managed key must be usable by it`,
    );
  }
  // data containers
  const dataContainers =
    props.dataContainers === undefined
      ? defaults.dataContainers
      : strList(v, 'dataContainers', props.dataContainers, {
            literal: 'each container forms a container, a datastore and role assignments',
          }) && !isUnresolved(props.dataContainers)
        ? props.dataContainers
        : [];
  dataContainers.forEach((c, i) => {
    if (
      !v.literal(
        `dataContainers[${i}]`,
        c,
        'it names a container, its datastore and their constructs',
      )
    )
      return;
    v.require(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(c),
      `dataContainers[${i}]`,
      c,
      '3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
    );
  });
  checkUnique(v, 'dataContainers', dataContainers, (c) => c, 'a container');
  // compute
  const specs = checkComputeSpecs(
    v,
    'computeClusters',
    props.computeClusters,
    'computeInstances',
    props.computeInstances,
  );
  const clusters = props.computeClusters === undefined ? defaults.computeClusters : specs.clusters;
  if (
    props.imageBuildComputeName !== undefined &&
    str(v, 'imageBuildComputeName', props.imageBuildComputeName)
  ) {
    v.require(
      clusters.some((c) => c?.name === props.imageBuildComputeName),
      'imageBuildComputeName',
      props.imageBuildComputeName,
      `one of the computeClusters: ${clusters.map((c) => c?.name).join(', ') || '(none)'}`,
    );
  }
  // outbound rules (AZ-07)
  const rules = checkArray(v, 'outboundRules', props.outboundRules)
    ? Array.from(props.outboundRules)
    : [];
  checkOutboundRules(v, rules, isolation);
  // personas, roles and SoD are validated by AzurePersonaRbac (X-01, X-02); the shapes here
  v.object('personas', props.personas);
  if (props.sodExceptions !== undefined && !Array.isArray(props.sodExceptions)) {
    v.add('sodExceptions', props.sodExceptions, 'a list of { principal, personas, reason }');
  }
  if (props.customRoles !== undefined && !Array.isArray(props.customRoles)) {
    v.add('customRoles', props.customRoles, 'a list of custom role definitions');
  }
  v.throwIfInvalid();
  const removal = props.removalPolicy;
  return {
    props,
    id,
    env,
    location,
    allowed,
    isolation,
    net,
    enc,
    byoKey: enc.existingKeyVaultId !== undefined,
    dataContainers,
    clusters,
    rules,
    removal,
    endpointAuthMode: props.endpointAuthMode ?? AzureEndpointAuthMode.AML_TOKEN,
    imageBuild: props.imageBuildComputeName ?? clusters[0]?.name,
    wsName: props.workspaceName ?? uniqueName(scope, { prefix: `mlw-${id}-${env}`, maxLength: 33 }),
    // Derived names fit their limits however long the construct id (resource groups 90).
    rgName: props.resourceGroupName ?? fitName(`rg-${id}-${env}`, 90),
    endpointAddresses: endpointAddresses(props),
    tags: props.tags,
    createResourceGroup: props.createResourceGroup ?? defaults.createResourceGroup,
    highBusinessImpact: props.highBusinessImpact ?? defaults.highBusinessImpact,
    policies: props.policies ?? defaults.policies,
    locks: props.locks ?? removal !== RemovalPolicy.DESTROY,
    activityLogExport: props.activityLogExport ?? defaults.activityLogExport,
    alerts: alertsOn(props),
    monitorPrivateLinkScope: props.monitorPrivateLinkScope ?? defaults.monitorPrivateLinkScope,
  };
}
