import { Persona, SodException } from '../core/personas';

/** How online endpoints authenticate callers (AZ-10, s003 key vs token). */
export enum AzureEndpointAuthMode {
  /** Azure ML tokens that expire (preferred; the default). */
  AML_TOKEN = 'AML_TOKEN',
  /** Microsoft Entra ID tokens. */
  AAD_TOKEN = 'AAD_TOKEN',
  /** Static keys (never expire; regenerate manually). Not recommended. */
  KEY = 'KEY',
}

/** A custom Azure RBAC role definition created at the resource-group scope. */
export interface AzureCustomRoleDefinition {
  /** Short name (letters, digits, spaces, hyphens), made unique per platform. */
  readonly name: string;
  /**
   * Description of the role.
   * @default - the name
   */
  readonly description?: string;
  /** Control-plane actions (no bare '*', no Microsoft.Authorization writes). */
  readonly actions: string[];
  /**
   * Control-plane actions excluded.
   * @default - none
   */
  readonly notActions?: string[];
  /**
   * Data-plane actions.
   * @default - none
   */
  readonly dataActions?: string[];
  /**
   * Data-plane actions excluded.
   * @default - none
   */
  readonly notDataActions?: string[];
  /**
   * Personas that receive this role at workspace scope.
   * @default - none (assign it yourself through roleDefinitions)
   */
  readonly personas?: Persona[];
}

/** Props of {@link AzurePersonaRbac}. */
export interface AzurePersonaRbacProps {
  /** Persona -> Entra object ids (users, groups, service principals, managed identities). */
  readonly personas: { [persona: string]: string[] };
  /**
   * Reasoned exceptions to segregation of duties.
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /** Resource id of the ML workspace (scope of workspace roles). */
  readonly workspaceId: string;
  /** Resource id of the resource group (scope of custom role definitions and of the admin role). */
  readonly resourceGroupId: string;
  /**
   * ARM ids of the data containers (scope of data-plane roles).
   * @default - no data-plane roles
   */
  readonly dataContainerIds?: string[];
  /**
   * The workspace's own storage account. With shared keys off, Azure ML's system datastores
   * (job code, outputs, MLflow artifacts, notebooks on the file share) are reached with the
   * caller's identity: data scientists get Storage Blob Data Contributor on its containers
   * (except `dataContainerNames`) and Storage File Data Privileged Contributor on its file
   * shares, ML engineers and the training identity the blob role.
   * @default - no roles on the system containers and file shares
   */
  readonly workspaceStorageAccountId?: string;
  /**
   * Names of the data containers of `workspaceStorageAccountId`, which its system-container
   * grants leave out (the data containers are granted per persona through `dataContainerIds`).
   * @default - none
   */
  readonly dataContainerNames?: string[];
  /**
   * Log Analytics workspace (auditors and monitoring read logs there).
   * @default - no log roles
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Container registry (training identities pull images).
   * @default - no registry roles
   */
  readonly containerRegistryId?: string;
  /**
   * Online endpoint authentication: with token modes, no persona can list or regenerate endpoint keys.
   * @default AzureEndpointAuthMode.AML_TOKEN
   */
  readonly endpointAuthMode?: AzureEndpointAuthMode;
  /**
   * Additional custom roles.
   * @default - none
   */
  readonly customRoles?: AzureCustomRoleDefinition[];
  /**
   * Object ids of managed identities created in the same apply (principal type ServicePrincipal, Entra check skipped).
   * @default - none
   */
  readonly managedIdentityPrincipalIds?: string[];
  /**
   * Prefix of the custom role names (role names are unique per tenant).
   * @default - the construct id
   */
  readonly roleNamePrefix?: string;
}
