// The recommended layout for platform teams: a shared network stack, a platform stack and
// per-tenant stacks, joined by cdktf cross-stack references, each with its own remote state.
//
//   AWS:   ms-aws-network  ->  ms-aws-platform  ->  ms-aws-tenant-<id> (one per tenant)
//   GCP:   ms-gcp-network  ->  ms-gcp-platform
//   Azure: ms-azure-network -> ms-azure-platform
//
// Network changes (rare, owned by the network team) and tenant onboarding (frequent) get their
// own state, plan and blast radius; the platform stack only reads the network's outputs.
import { App, AzurermBackend, GcsBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import {
  AuthMode,
  AwsMlopsChecks,
  PlatformKey,
  PrivateNetwork,
  SageMakerStudioDomain,
  StudioUserProfile,
} from '../lib/aws';
import {
  GcpMlopsChecks,
  GcpOrgPolicies,
  GcpPrivateNetwork,
  GcpProject,
  SecureVertexPipeline,
} from '../lib/gcp';
import {
  AzapiProvider,
  AzureMLWorkspace,
  AzureMlopsChecks,
  AzurePrivateNetwork,
} from '../lib/azure';
import { Compliance, Persona, Tagging } from '../lib/core';

const ACCOUNT = '111111111111';
const AWS_REGION = 'eu-west-1';
const GCP_PROJECT = 'acme-ml-shared-prod';
const GCP_REGION = 'europe-west4';
const GCP_ORGANIZATION = '111111111111';
const GCP_ACCESS_POLICY = '123456789012';
const GCP_DEPLOYER = 'serviceAccount:terraform@acme-seed-111111.iam.gserviceaccount.com';
/** The default compute SA guard; the network stack owns it (it enables the Compute API first). */
const DEFAULT_SA_GUARD = 'iam.automaticIamGrantsForDefaultServiceAccounts';
const SUBSCRIPTION = '11111111-1111-1111-1111-111111111111';
const TENANT_ID = '22222222-2222-2222-2222-222222222222';
const AZ_LOCATION = 'westeurope';
/** The tenant's object id of the Azure Cosmos DB service principal (app a232010e-820c-4083-83bb-3ace5fc29d0b). */
const COSMOS_DB_PRINCIPAL = '66666666-0000-0000-0000-000000000001';

/** Tenants onboarded to the shared AWS domain, each in its own stack. */
const TENANTS = [
  { id: 'fraud', users: ['ana', 'ben'] },
  { id: 'pricing', users: ['carla'] },
];

/** S3 remote state with native state locking (Terraform >= 1.10 lock file) and SSE-KMS. */
function s3State(stack: TerraformStack, key: string): void {
  const backend = new S3Backend(stack, {
    bucket: `acme-tfstate-${ACCOUNT}-${AWS_REGION}`,
    key: `ml-platform/${key}.tfstate`,
    region: AWS_REGION,
    encrypt: true,
    kmsKeyId: `arn:aws:kms:${AWS_REGION}:${ACCOUNT}:alias/tfstate`,
  });
  backend.addOverride('use_lockfile', true);
}

/**
 * An IAM Identity Center permission-set role: its ARN carries the reserved path, which a trust
 * policy principal must include (the role exists once the permission set is provisioned).
 */
const ssoRole = (permissionSet: string) =>
  `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${AWS_REGION}/AWSReservedSSO_${permissionSet}_0123456789abcdef`;

/** The role the CI pipeline runs Terraform with in the AWS account (it must exist first). */
const AWS_DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/terraform-deployer`;

function awsProvider(stack: TerraformStack): void {
  new AwsProvider(stack, 'aws', { region: AWS_REGION, allowedAccountIds: [ACCOUNT] });
}

function awsStacks(app: App): TerraformStack[] {
  // Shared network: VPC, private subnets sized by the capacity planner, endpoints, flow logs.
  const networkStack = new TerraformStack(app, 'ms-aws-network');
  awsProvider(networkStack);
  s3State(networkStack, 'network');
  const networkKey = new PlatformKey(networkStack, 'network-key', {
    accountId: ACCOUNT,
    region: AWS_REGION,
    deployerPrincipalArns: [AWS_DEPLOYER],
  });
  const network = new PrivateNetwork(networkStack, 'network', {
    vpcCidr: '10.30.0.0/20',
    expectedUsers: 150,
    kmsKeyArn: networkKey.keyArn,
    accountId: ACCOUNT,
    region: AWS_REGION,
  });
  Tagging.apply(networkStack, 'prod', {
    platform: 'ml-shared-network',
    owner: 'network-team',
    costCenter: 'cc-net',
  });

  // Platform: the Studio domain on the shared network (ids come through cross-stack references).
  // It admits its security groups on the network's endpoint security group (the ingress rules
  // live in this stack) and reaches S3 through the network's gateway endpoint.
  const platformStack = new TerraformStack(app, 'ms-aws-platform');
  awsProvider(platformStack);
  s3State(platformStack, 'platform');
  const platform = new SageMakerStudioDomain(platformStack, 'studio', {
    environment: 'prod',
    authMode: AuthMode.SSO,
    accountId: ACCOUNT,
    network: {
      vpcId: network.vpcId,
      subnetIds: network.subnetIds,
      subnetCidrs: network.subnets.map((s) => s.cidrBlockInput as string),
      routeTableIds: network.routeTable ? [network.routeTable.id] : undefined,
      existingVpcCidr: '10.30.0.0/20',
      createEndpoints: false,
      endpointSecurityGroupId: network.endpointSecurityGroupId,
      // the network stack owns the VPC's flow log (AWS-27); a second one would double its cost
      flowLogs: false,
      expectedUsers: 150,
    },
    deployerPrincipalArns: [AWS_DEPLOYER],
    personas: {
      [Persona.PLATFORM_ADMIN]: [ssoRole('MLPlatformAdmin')],
      [Persona.ML_ENGINEER]: [ssoRole('MLEngineer')],
      [Persona.DATA_SCIENTIST]: [ssoRole('DataScientist')],
      [Persona.AUDITOR]: [ssoRole('SecurityAuditor')],
    },
    allowedInstanceTypes: ['system', 'ml.t3.medium', 'ml.m5.large'],
    tags: { platform: 'ml-shared-platform', owner: 'ml-platform-team', costCenter: 'cc-ml' },
    allowedRegions: [AWS_REGION],
  });
  // The network's S3 gateway endpoint admits the platform's data bucket by its name (known at
  // synth: it carries the account and region), so the network stack needs no reference to the
  // platform stack.
  network.allowS3Bucket(`arn:aws:s3:::${platform.dataBucket.staticName}`);
  // The AWS-02 rule looks for the interface endpoints in the same stack; here they live in the
  // shared network stack (createEndpoints defaults to true there), so the finding is explained.
  Compliance.suppress(
    platform.domain,
    'AWS-02.endpoints',
    'interface endpoints for the VPC are created by the shared network stack ms-aws-network',
  );

  // Tenants: user profiles on the shared domain, one stack (and state) per tenant. They are teams
  // of one organisation sharing the platform's roles and data prefixes; tenants isolated from
  // each other (AWS-30) get a domain each (MultiTenantStudio, examples/aws-multi-tenant.ts).
  const tenantStacks = TENANTS.map((tenant) => {
    const stack = new TerraformStack(app, `ms-aws-tenant-${tenant.id}`);
    awsProvider(stack);
    s3State(stack, `tenants/${tenant.id}`);
    for (const user of tenant.users) {
      new StudioUserProfile(stack, `user-${user}`, {
        spec: {
          name: `${tenant.id}-${user}`,
          persona: Persona.DATA_SCIENTIST,
          ssoUserName: `${user}@example.com`,
        },
        domainId: platform.domain.id,
        authMode: AuthMode.SSO,
        vpcId: network.vpcId,
        studioSecurityGroupId: platform.studioSecurityGroup.id,
        teamExecutionRoleArn: platform.studioExecutionRoleArn(Persona.DATA_SCIENTIST) as string,
        ownRolePolicyArns: [platform.studioExecutionPolicies[Persona.DATA_SCIENTIST].arn],
        ownRolePath: platform.userRolePath,
        accountId: ACCOUNT,
      });
    }
    Tagging.apply(stack, 'prod', {
      platform: 'ml-shared-platform',
      owner: `tenant-${tenant.id}`,
      costCenter: `cc-${tenant.id}`,
      extra: { tenant: tenant.id },
    });
    return stack;
  });

  return [networkStack, platformStack, ...tenantStacks];
}

function gcpProvider(stack: TerraformStack): void {
  new GoogleProvider(stack, 'google', { project: GCP_PROJECT, region: GCP_REGION });
}

/** The APIs the GCP network stack enables, for itself and for the platform stack after it. */
const NETWORK_APIS = [
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
  'dns.googleapis.com',
  'orgpolicy.googleapis.com',
  'servicenetworking.googleapis.com',
];

function gcpStacks(app: App): TerraformStack[] {
  const networkStack = new TerraformStack(app, 'ms-gcp-network');
  gcpProvider(networkStack);
  new GcsBackend(networkStack, { bucket: 'acme-tfstate-eu', prefix: 'ml-platform/network' });
  // The network stack is applied first, so it enables the APIs its own resources call, and the
  // default compute SA guard lands before the Compute API is enabled (GCP-01).
  const project = new GcpProject(networkStack, 'project', {
    projectId: GCP_PROJECT,
    apis: NETWORK_APIS,
  });
  const guard = new GcpOrgPolicies(networkStack, 'org-policies', {
    projectId: GCP_PROJECT,
    allowedLocations: [GCP_REGION],
    constraints: [DEFAULT_SA_GUARD],
    dependsOn: [
      ...project.api('orgpolicy.googleapis.com'),
      ...project.api('cloudresourcemanager.googleapis.com'),
    ],
  });
  // the policy settles before the Compute API creates the default compute SA (GCP-01)
  guard.guardComputeApi(networkStack, project);
  const network = new GcpPrivateNetwork(networkStack, 'network', {
    projectId: GCP_PROJECT,
    region: GCP_REGION,
    subnetCidr: '10.50.0.0/20',
    // IAP SSH reaches the platform's Workbench instance only (its SA id is wb-<instance name>)
    iapSshTargetServiceAccounts: [`wb-ana-notebook@${GCP_PROJECT}.iam.gserviceaccount.com`],
    dependsOn: project.apiDependencies,
  });
  Tagging.apply(networkStack, 'prod', {
    platform: 'ml-shared-network',
    owner: 'network-team',
    costCenter: 'cc-net',
  });

  const platformStack = new TerraformStack(app, 'ms-gcp-platform');
  gcpProvider(platformStack);
  new GcsBackend(platformStack, { bucket: 'acme-tfstate-eu', prefix: 'ml-platform/platform' });
  new SecureVertexPipeline(platformStack, 'vertex', {
    environment: 'prod',
    projectId: GCP_PROJECT,
    region: GCP_REGION,
    allowedRegions: [GCP_REGION],
    network: { existingNetworkId: network.network.id, existingSubnetworkId: network.subnetwork.id },
    organizationId: GCP_ORGANIZATION,
    // owned by ms-gcp-network, which enables the Compute API after it
    orgPolicyExclusions: [DEFAULT_SA_GUARD],
    // enabled once, by ms-gcp-network (the Compute API after the guard, GCP-01)
    existingApis: NETWORK_APIS,
    // the network stack routes Google APIs to restricted.googleapis.com (restrictedGoogleApis)
    // people reach the APIs inside the perimeter from managed devices (an access level of the
    // organization's access policy); without one, only the deployer gets in
    perimeter: {
      accessPolicyId: GCP_ACCESS_POLICY,
      deployerIdentities: [GCP_DEPLOYER],
      accessLevels: [`accessPolicies/${GCP_ACCESS_POLICY}/accessLevels/corp_devices`],
    },
    personas: {
      [Persona.DATA_SCIENTIST]: ['group:ml-data-scientists@example.com'],
      [Persona.ML_ENGINEER]: ['group:ml-engineers@example.com'],
      [Persona.AUDITOR]: ['group:security-auditors@example.com'],
    },
    // Workbench instances and private endpoints attach to the shared network.
    workbenchInstances: [{ name: 'ana-notebook', owner: 'ana@example.com' }],
    endpoints: [{ name: 'fraud-model', privateServiceConnect: true }],
    alertEmails: ['ml-oncall@example.com'],
    tags: { platform: 'ml-shared-platform', owner: 'ml-platform-team', costCenter: 'cc-ml' },
  });
  return [networkStack, platformStack];
}

function azureState(stack: TerraformStack, key: string): void {
  new AzurermBackend(stack, {
    resourceGroupName: 'rg-tfstate',
    storageAccountName: 'sttfstate111111',
    containerName: 'tfstate',
    key: `ml-platform/${key}.tfstate`,
    subscriptionId: SUBSCRIPTION,
    tenantId: TENANT_ID,
    useAzureadAuth: true,
  });
}

function azureProvider(stack: TerraformStack): void {
  new AzurermProvider(stack, 'azurerm', {
    subscriptionId: SUBSCRIPTION,
    tenantId: TENANT_ID,
    storageUseAzuread: true,
    features: [
      {
        keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
        // Private storage accounts: no data-plane polling after create (AZ-04.data-plane).
        storage: [{ dataPlaneAvailable: false }],
      },
    ],
  });
}

/** azapi (ARM-created CMK, identity-based datastores) and time (RBAC propagation waits). */
function azurePlatformProviders(stack: TerraformStack): void {
  new AzapiProvider(stack, 'azapi', { subscriptionId: SUBSCRIPTION, tenantId: TENANT_ID });
  new TimeProvider(stack, 'time');
}

function azureStacks(app: App): TerraformStack[] {
  const networkStack = new TerraformStack(app, 'ms-azure-network');
  azureProvider(networkStack);
  azureState(networkStack, 'network');
  const rg = new ResourceGroup(networkStack, 'network-rg', {
    name: 'rg-ml-network-prod',
    location: AZ_LOCATION,
    lifecycle: { preventDestroy: true },
  });
  const network = new AzurePrivateNetwork(networkStack, 'network', {
    resourceGroupName: rg.name,
    location: AZ_LOCATION,
    vnetCidr: '10.60.0.0/23',
  });
  Tagging.apply(networkStack, 'prod', {
    platform: 'ml-shared-network',
    owner: 'network-team',
    costCenter: 'cc-net',
  });

  // Apply order: ms-azure-network, then ms-azure-platform (it reads the network's outputs).
  const platformStack = new TerraformStack(app, 'ms-azure-platform');
  azureProvider(platformStack);
  azurePlatformProviders(platformStack);
  azureState(platformStack, 'platform');
  new AzureMLWorkspace(platformStack, 'aml', {
    environment: 'prod',
    location: AZ_LOCATION,
    // 'global': the alerts' action group (alertEmails below)
    allowedRegions: [AZ_LOCATION, 'global'],
    network: {
      existingVirtualNetworkId: network.virtualNetworkId,
      existingPrivateEndpointSubnetId: network.privateEndpointSubnetId,
    },
    encryption: { cosmosDbPrincipalObjectId: COSMOS_DB_PRINCIPAL },
    personas: {
      [Persona.DATA_SCIENTIST]: ['33333333-0000-0000-0000-000000000003'],
      [Persona.ML_ENGINEER]: ['33333333-0000-0000-0000-000000000002'],
    },
    // Security-change alerts (AZ-11) on the platform's resource group, e-mailed by an action
    // group of the platform: westeurope processes no action group regionally, so it is global.
    alertEmails: ['ml-oncall@example.com'],
    tags: { platform: 'ml-shared-platform', owner: 'ml-platform-team', costCenter: 'cc-ml' },
  });
  return [networkStack, platformStack];
}

/** Network / platform / tenant stacks on the three clouds, with remote state per stack. */
export function multiStackExample(app: App): TerraformStack[] {
  const stacks = [...awsStacks(app), ...gcpStacks(app), ...azureStacks(app)];
  Compliance.of(app)
    .addPack(new AwsMlopsChecks())
    .addPack(new GcpMlopsChecks())
    .addPack(new AzureMlopsChecks());
  return stacks;
}
