// The Azure constructs under property test: valid baselines and how to build them. A part
// taken alone is checked against the rules that apply to it alone: the pack without the rules
// that look for companions the platform adds (locks, diagnostic settings, private endpoints,
// platform tags, the Activity Log export, policy assignments).
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { App, TerraformStack } from 'cdktf';
import {
  AzapiProvider,
  AzapiResource,
  AzapiResourceAction,
  AzapiResourceActionConfig,
  AzapiResourceConfig,
  AzureDiagnostics,
  AzureDiagnosticsProps,
  AzureMLWorkspace,
  AzureMLWorkspaceProps,
  AzureMlCompute,
  AzureMlComputeProps,
  AzureMlopsChecks,
  AzureMlPolicyAssignments,
  AzureMlPolicyAssignmentsProps,
  AzurePersonaRbac,
  AzurePersonaRbacProps,
  AzurePrivateNetwork,
  AzurePrivateNetworkProps,
  AzureResourceLocks,
  AzureResourceLocksProps,
  AzureSecureContainerRegistry,
  AzureSecureContainerRegistryProps,
  AzureSecureStorageAccount,
  AzureSecureStorageAccountProps,
  AzureSecurityAlerts,
  AzureSecurityAlertsProps,
  HardenedKeyVault,
  HardenedKeyVaultProps,
  PrivateLinkSet,
  PrivateLinkSetProps,
} from '../../lib/azure';
import { RulePack } from '../../lib';
import { PropertySubject } from './harness';

export const SUB = '11111111-1111-1111-1111-111111111111';
const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-parts`;

/** A stack with the providers the Azure constructs need. */
export function azureProviders(app: App, name = 'azure'): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AzurermProvider(stack, 'azurerm', {
    subscriptionId: SUB,
    storageUseAzuread: true,
    features: [{ storage: [{ dataPlaneAvailable: false }] }],
  });
  new AzapiProvider(stack, 'azapi', { subscriptionId: SUB });
  new TimeProvider(stack, 'time');
  return stack;
}

/** Rules that look for what the platform adds around a part; a part alone lacks it. */
const COMPANION_RULES = [
  'AZ-13', // locks
  'AZ-11.diagnostics', // diagnostic settings
  'AZ-11.activity-log',
  'AZ-12', // policy assignments
  'AZ-06', // the workspace's private endpoint
  'X-09', // platform tags (the platform's tagging aspect)
  'AZ-02.storage', // storage alone may use Microsoft-managed keys (the platform passes a CMK)
  'AZ-02.registry',
  'AZ-11.private-link',
];

/** The Azure pack without the companion rules (for parts taken alone). */
export function partPack(): RulePack {
  const all = new AzureMlopsChecks();
  return new RulePack(
    'AzureMlopsChecks (part alone)',
    all.rules.filter((r) => !COMPANION_RULES.some((id) => r.id === id)),
  );
}

/** A subject whose construct is built in a stack with the Azure providers. */
function part<P>(
  baseline: () => P,
  make: (stack: TerraformStack, props: P) => void,
): PropertySubject<P> {
  return {
    baseline,
    build: (app, props) => {
      const stack = azureProviders(app);
      make(stack, props);
      return [stack];
    },
    packs: () => [partPack()],
  };
}

export const SUBJECTS = {
  workspace: {
    baseline: (): AzureMLWorkspaceProps => ({
      environment: 'prod',
      location: 'westeurope',
      // 'global': the alerts' action group (alertEmails; westeurope has no regional ones)
      allowedRegions: ['westeurope', 'northeurope', 'global'],
      resourceGroupName: 'rg-ml-prod',
      workspaceName: 'mlw-prop-prod',
      network: { vnetCidr: '10.40.0.0/23', reservedCidrs: ['10.0.0.0/16'] },
      isolationMode: 'AllowOnlyApprovedOutbound' as any,
      outboundRules: [
        { name: 'pypi', fqdn: 'pypi.org' },
        { name: 'azure-monitor', serviceTag: 'AzureMonitor', protocol: 'TCP', portRanges: '443' },
      ],
      encryption: {
        cosmosDbPrincipalObjectId: '66666666-0000-0000-0000-000000000001',
        keyRotationDays: 90,
      },
      personas: {
        DATA_SCIENTIST: [
          '33333333-0000-0000-0000-000000000003',
          '33333333-0000-0000-0000-000000000009',
        ],
        ML_ENGINEER: [
          '33333333-0000-0000-0000-000000000002',
          '33333333-0000-0000-0000-000000000009',
        ],
        AUDITOR: ['33333333-0000-0000-0000-000000000006'],
      },
      customRoles: [
        {
          name: 'Model Reader',
          actions: ['Microsoft.MachineLearningServices/workspaces/models/read'],
          personas: ['MODEL_VIEWER' as any],
        },
      ],
      computeClusters: [{ name: 'cpu-cluster', vmSize: 'Standard_DS3_v2', maxNodes: 4 }],
      computeInstances: [
        { name: 'ci-alice', ownerObjectId: '55555555-0000-0000-0000-000000000001' },
      ],
      imageBuildComputeName: 'cpu-cluster',
      dataContainers: ['training-data', 'feature-data'],
      logRetentionDays: 90,
      policyEffect: 'Deny' as any,
      endpointAuthMode: 'AML_TOKEN' as any,
      storageReplicationType: 'ZRS',
      allowedIpRanges: ['203.0.113.0/24'],
      tags: { owner: 'ml-team', costCenter: 'cc-1', dataClassification: 'confidential' },
      removalPolicy: 'RETAIN' as any,
      createResourceGroup: true,
      highBusinessImpact: true,
      systemAssignedIdentity: false,
      policies: true,
      locks: true,
      activityLogExport: true,
      alerts: true,
      alertEmails: ['secops@acme.example'],
      alertActionGroupIds: [
        `/subscriptions/${SUB}/resourceGroups/rg-secops/providers/Microsoft.Insights/actionGroups/ag-secops`,
      ],
      monitorPrivateLinkScope: true,
      defenderForContainers: false,
      registryQuarantineScannerPrincipalId: '88888888-0000-0000-0000-000000000001',
      sodExceptions: [
        {
          principal: '33333333-0000-0000-0000-000000000009',
          personas: ['DATA_SCIENTIST' as any, 'ML_ENGINEER' as any],
          reason: 'two-person team during the pilot phase',
        },
      ],
    }),
    build: (app: App, props: AzureMLWorkspaceProps) => {
      const stack = azureProviders(app);
      new AzureMLWorkspace(stack, 'ml', props);
      return [stack];
    },
    packs: () => [new AzureMlopsChecks()],
  } as PropertySubject<AzureMLWorkspaceProps>,

  keyVault: part<HardenedKeyVaultProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      tenantId: '22222222-2222-2222-2222-222222222222',
      name: 'kv-prop-test',
      skuName: 'premium',
      softDeleteRetentionDays: 90,
      allowedIpRanges: ['203.0.113.0/24'],
      keyName: 'cmk',
      keyType: 'RSA-HSM',
      keySize: 3072,
      keyRotationDays: 90,
      deployerPrincipalId: '77777777-0000-0000-0000-000000000001',
      removalPolicy: 'RETAIN' as any,
    }),
    (stack, props) => new HardenedKeyVault(stack, 'kv', props),
  ),

  storage: part<AzureSecureStorageAccountProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      name: 'stproptest01',
      replicationType: 'ZRS',
      softDeleteDays: 30,
      allowedIpRanges: ['203.0.113.0/24', '198.51.100.7'],
      containers: ['training-data', 'scores'],
      removalPolicy: 'RETAIN' as any,
    }),
    (stack, props) => new AzureSecureStorageAccount(stack, 'st', props),
  ),

  registry: part<AzureSecureContainerRegistryProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      name: 'crproptest01',
      untaggedRetentionDays: 7,
      zoneRedundancy: true,
      quarantineScannerPrincipalId: '88888888-0000-0000-0000-000000000001',
      removalPolicy: 'RETAIN' as any,
    }),
    (stack, props) => new AzureSecureContainerRegistry(stack, 'cr', props),
  ),

  network: part<AzurePrivateNetworkProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      vnetCidr: '10.50.0.0/23',
      privateEndpointSubnetCidr: '10.50.0.0/24',
      reservedCidrs: ['10.0.0.0/16', '192.168.0.0/24'],
      expectedEndpointAddresses: 20,
    }),
    (stack, props) => new AzurePrivateNetwork(stack, 'net', props),
  ),

  privateLink: part<PrivateLinkSetProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      subnetId: `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe`,
      targetResourceId: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/stlake`,
      subresource: 'blob',
      name: 'pe-lake-blob',
      virtualNetworkIds: [`${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet`],
    }),
    (stack, props) => new PrivateLinkSet(stack, 'pl', props),
  ),

  compute: part<AzureMlComputeProps>(
    () => ({
      workspaceId: `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/mlw`,
      location: 'westeurope',
      tenantId: '22222222-2222-2222-2222-222222222222',
      clusters: [
        {
          name: 'gpu-cluster',
          vmSize: 'Standard_NC4as_T4_v3',
          minNodes: 0,
          maxNodes: 2,
          scaleDownAfterIdle: 'PT20M',
          vmPriority: 'LowPriority',
        },
      ],
      instances: [
        {
          name: 'ci-bob-dev',
          ownerObjectId: '55555555-0000-0000-0000-000000000002',
          vmSize: 'Standard_DS3_v2',
        },
      ],
    }),
    (stack, props) => new AzureMlCompute(stack, 'compute', props),
  ),

  rbac: part<AzurePersonaRbacProps>(
    () => ({
      personas: {
        DATA_SCIENTIST: ['33333333-0000-0000-0000-000000000003'],
        ML_ENGINEER: ['33333333-0000-0000-0000-000000000002'],
        DEPLOYMENT: ['44444444-0000-0000-0000-000000000001'],
      },
      workspaceId: `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/mlw`,
      resourceGroupId: RG_ID,
      dataContainerIds: [
        `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/data`,
      ],
      endpointAuthMode: 'AML_TOKEN' as any,
      customRoles: [
        {
          name: 'Model Reader',
          actions: ['Microsoft.MachineLearningServices/workspaces/models/read'],
          personas: ['DATA_SCIENTIST' as any],
        },
      ],
      roleNamePrefix: 'prop',
    }),
    (stack, props) => new AzurePersonaRbac(stack, 'rbac', props),
  ),

  policies: part<AzureMlPolicyAssignmentsProps>(
    () => ({
      resourceGroupId: RG_ID,
      effect: 'Deny' as any,
      isolationMode: 'AllowOnlyApprovedOutbound',
      namePrefix: 'prop-dev',
    }),
    (stack, props) => new AzureMlPolicyAssignments(stack, 'policies', props),
  ),

  locks: part<AzureResourceLocksProps>(
    () => ({
      resources: {
        storage: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st`,
      },
      level: 'CanNotDelete',
      notes: 'Protects platform data (X-08).',
    }),
    (stack, props) => new AzureResourceLocks(stack, 'locks', props),
  ),

  alerts: part<AzureSecurityAlertsProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      scopes: [RG_ID],
      location: 'westeurope',
      emails: ['secops@acme.example', 'ml-oncall@acme.example'],
      existingActionGroupIds: [
        `/subscriptions/${SUB}/resourceGroups/rg-secops/providers/Microsoft.Insights/actionGroups/ag-secops`,
      ],
      namePrefix: 'alert-prop-dev',
    }),
    (stack, props) => new AzureSecurityAlerts(stack, 'alerts', props),
  ),

  diagnostics: part<AzureDiagnosticsProps>(
    () => ({
      resourceGroupName: 'rg-parts',
      location: 'westeurope',
      retentionInDays: 90,
      privateLinkScope: true,
      removalPolicy: 'RETAIN' as any,
    }),
    (stack, props) => new AzureDiagnostics(stack, 'monitoring', props),
  ),

  azapi: part<{ action: AzapiResourceActionConfig; resource: AzapiResourceConfig }>(
    () => ({
      action: {
        type: 'Microsoft.Storage/storageAccounts@2023-05-01',
        resourceId: `${RG_ID}/providers/Microsoft.Storage/storageAccounts/st`,
        action: 'revokeUserDelegationKeys',
        method: 'POST',
        body: {},
        responseExportValues: ['id'],
      },
      resource: {
        type: 'Microsoft.MachineLearningServices/workspaces/datastores@2025-06-01',
        name: 'lake',
        parentId: `${RG_ID}/providers/Microsoft.MachineLearningServices/workspaces/mlw`,
        body: { properties: { datastoreType: 'AzureBlob' } },
      },
    }),
    (stack, props) => {
      new AzapiResourceAction(stack, 'action', props.action);
      new AzapiResource(stack, 'resource', props.resource);
    },
  ),
};
