// One production Azure Machine Learning workspace (s003), built with AzureMLWorkspace.
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { App, AzurermBackend, TerraformStack } from 'cdktf';
import {
  AzapiProvider,
  AzureManagedNetworkIsolation,
  AzureMLWorkspace,
  AzureMlopsChecks,
} from '../lib/azure';
import { Compliance, Persona } from '../lib/core';

const SUBSCRIPTION = '11111111-1111-1111-1111-111111111111';
const TENANT = '22222222-2222-2222-2222-222222222222';
/**
 * Object id, in this tenant, of the Azure Cosmos DB service principal (differs per tenant):
 * `az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id -o tsv`.
 */
const COSMOS_DB_PRINCIPAL = '66666666-0000-0000-0000-000000000001';
/** The security operations team's action group (e-mail, ITSM), in the hub subscription. */
const SECOPS_ACTION_GROUP =
  '/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/rg-secops/providers/Microsoft.Insights/actionGroups/ag-secops';
/** Entra object ids (groups for people, a service principal for the deployment pipeline). */
const GROUPS = {
  platformAdmins: '33333333-0000-0000-0000-000000000001',
  mlEngineers: '33333333-0000-0000-0000-000000000002',
  dataScientists: '33333333-0000-0000-0000-000000000003',
  dataEngineers: '33333333-0000-0000-0000-000000000004',
  modelViewers: '33333333-0000-0000-0000-000000000005',
  auditors: '33333333-0000-0000-0000-000000000006',
  deployPipeline: '44444444-0000-0000-0000-000000000001',
  alice: '55555555-0000-0000-0000-000000000001',
};

/** A production workspace in West Europe: private, CMK, managed VNet, personas, policies, locks. */
export function azureMlExample(app: App): TerraformStack[] {
  const stack = new TerraformStack(app, 'azure-ml');
  // Remote state in an Entra-authenticated, private storage account.
  new AzurermBackend(stack, {
    resourceGroupName: 'rg-tfstate',
    storageAccountName: 'sttfstate111111',
    containerName: 'tfstate',
    key: 'azure-ml/prod.tfstate',
    subscriptionId: SUBSCRIPTION,
    tenantId: TENANT,
    useAzureadAuth: true,
  });
  // The apply runs from a hosted CI runner outside the VNet (OIDC from ARM_* variables): no
  // resource of this stack is created through a data plane the firewalls close.
  new AzurermProvider(stack, 'azurerm', {
    subscriptionId: SUBSCRIPTION,
    tenantId: TENANT,
    // Shared keys are off on every storage account (AZ-04): the provider uses Entra ID.
    storageUseAzuread: true,
    features: [
      {
        // The storage accounts are private: azurerm must not poll their data plane after create.
        storage: [{ dataPlaneAvailable: false }],
        // AZ-15: never purge on destroy implicitly; recover soft-deleted vaults and keys instead.
        keyVault: [
          {
            purgeSoftDeleteOnDestroy: false,
            purgeSoftDeletedKeysOnDestroy: false,
            recoverSoftDeletedKeyVaults: true,
            recoverSoftDeletedKeys: true,
          },
        ],
        machineLearning: [{ purgeSoftDeletedWorkspaceOnDestroy: false }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
      },
    ],
  });
  // The CMK is created through ARM (azapi), the RBAC propagation waits use the time provider.
  new AzapiProvider(stack, 'azapi', { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
  new TimeProvider(stack, 'time');

  new AzureMLWorkspace(stack, 'ml-platform', {
    environment: 'prod',
    location: 'westeurope',
    allowedRegions: ['westeurope'],
    network: { vnetCidr: '10.40.0.0/23', reservedCidrs: ['10.0.0.0/16'] },
    isolationMode: AzureManagedNetworkIsolation.ALLOW_ONLY_APPROVED_OUTBOUND,
    encryption: { cosmosDbPrincipalObjectId: COSMOS_DB_PRINCIPAL },
    outboundRules: [
      { name: 'pypi', fqdn: 'pypi.org' },
      { name: 'pypi-files', fqdn: 'files.pythonhosted.org' },
    ],
    personas: {
      [Persona.PLATFORM_ADMIN]: [GROUPS.platformAdmins],
      [Persona.ML_ENGINEER]: [GROUPS.mlEngineers],
      [Persona.DATA_SCIENTIST]: [GROUPS.dataScientists, GROUPS.alice],
      [Persona.DATA_ENGINEER]: [GROUPS.dataEngineers],
      [Persona.MODEL_VIEWER]: [GROUPS.modelViewers],
      [Persona.AUDITOR]: [GROUPS.auditors],
      [Persona.DEPLOYMENT]: [GROUPS.deployPipeline],
    },
    computeClusters: [
      { name: 'cpu-cluster', vmSize: 'Standard_DS3_v2', maxNodes: 8 },
      {
        name: 'gpu-cluster',
        vmSize: 'Standard_NC4as_T4_v3',
        maxNodes: 2,
        vmPriority: 'LowPriority',
      },
    ],
    computeInstances: [{ name: 'ci-alice-prod', ownerObjectId: GROUPS.alice }],
    // online endpoints run as a user-assigned identity that reads no data container (AZ-10)
    endpointIdentity: true,
    dataContainers: ['training-data', 'feature-data'],
    // Security-change alerts (AZ-11): role, policy, lock, diagnostics, NSG and endpoint changes
    // notify the security team's action group. (alertEmails would create an action group of
    // its own, which is global in westeurope: allowedRegions would have to list 'global'.)
    alertActionGroupIds: [SECOPS_ACTION_GROUP],
    tags: { owner: 'ml-platform-team', costCenter: 'cc-1234', dataClassification: 'confidential' },
  });

  Compliance.of(app).addPack(new AzureMlopsChecks());
  return [stack];
}
