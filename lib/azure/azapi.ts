// A minimal, hand-written cdktf binding for the Azure/azapi Terraform provider (no prebuilt
// cdktf package exists on npm). It covers what the Azure constructs need: the provider block,
// `azapi_resource` (an ARM resource azurerm 4.55 cannot express), `azapi_resource_action` (one
// ARM request, e.g. the create-only PUT of a Key Vault key) and `azapi_update_resource` (one
// property of a resource azurerm manages). Attribute names follow the provider's schema
// (Azure/terraform-provider-azapi docs/resources/resource.md, resource_action.md,
// update_resource.md, docs/index.md); `body` is a dynamic attribute written as a JSON object.
import {
  ITerraformDependable,
  TerraformProvider,
  TerraformResource,
  TerraformResourceConfig,
  TerraformResourceLifecycle,
  Token,
} from 'cdktf';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { bool, checkLocation, checkUuid, str, strList } from './validation';

// Versions of azapi the binding is written for: 2.x, where `body` is a dynamic attribute, from
// 2.5.0, the first release whose embedded schemas know the Machine Learning API version the
// constructs use (ML_API_VERSION, 2025-06-01); azapi validates `type` against them at plan, so
// 2.0-2.4 reject the datastores ("the argument "type"'s api-version is invalid").
const AZAPI_VERSION_CONSTRAINT = '>= 2.5, < 3.0';

/** Configuration of the azapi provider (authentication is read from ARM_* variables when unset). */
export interface AzapiProviderConfig {
  /**
   * Alias of this provider configuration.
   * @default - the default configuration
   */
  readonly alias?: string;
  /**
   * Subscription id.
   * @default - ARM_SUBSCRIPTION_ID
   */
  readonly subscriptionId?: string;
  /**
   * Entra tenant id.
   * @default - ARM_TENANT_ID
   */
  readonly tenantId?: string;
  /**
   * Client id of the service principal or managed identity.
   * @default - ARM_CLIENT_ID
   */
  readonly clientId?: string;
  /**
   * Authenticate with OIDC (workload identity federation, e.g. a hosted CI runner).
   * @default - ARM_USE_OIDC, else false
   */
  readonly useOidc?: boolean;
  /**
   * Authenticate with a managed identity.
   * @default - ARM_USE_MSI, else false
   */
  readonly useMsi?: boolean;
  /**
   * Authenticate with the Azure CLI.
   * @default - ARM_USE_CLI, else true
   */
  readonly useCli?: boolean;
}

/** The `azapi` provider block (required_providers source `Azure/azapi`). */
export class AzapiProvider extends TerraformProvider {
  /** Terraform provider type. */
  public static readonly tfResourceType = 'azapi';
  /** Terraform provider source (required_providers). */
  public static readonly providerSource = 'Azure/azapi';
  /** Provider versions the binding is written for. */
  public static readonly versionConstraint = AZAPI_VERSION_CONSTRAINT;
  private readonly config: AzapiProviderConfig;

  constructor(scope: Construct, id: string, config: AzapiProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: {
        providerName: 'azapi',
        providerVersionConstraint: AZAPI_VERSION_CONSTRAINT,
      },
      terraformProviderSource: 'Azure/azapi',
    });
    config = requireProps(this, config, false);
    const v = new Validator(this);
    str(v, 'alias', config.alias, true);
    checkUuid(v, 'subscriptionId', config.subscriptionId, true, 'a subscription id');
    checkUuid(v, 'tenantId', config.tenantId, true, 'a tenant id');
    checkUuid(v, 'clientId', config.clientId, true, 'a client (application) id');
    bool(v, 'useOidc', config.useOidc);
    bool(v, 'useMsi', config.useMsi);
    bool(v, 'useCli', config.useCli);
    v.throwIfInvalid();
    this.config = config;
    this.alias = config.alias;
  }

  /** The subscription id given to the provider, if any. */
  public get subscriptionIdInput(): string | undefined {
    return this.config.subscriptionId;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      alias: this.config.alias,
      subscription_id: this.config.subscriptionId,
      tenant_id: this.config.tenantId,
      client_id: this.config.clientId,
      use_oidc: this.config.useOidc,
      use_msi: this.config.useMsi,
      use_cli: this.config.useCli,
    };
  }
}

/** Meta-arguments shared by the azapi resources. */
export interface AzapiResourceBaseConfig {
  /**
   * Resources this one waits for.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Lifecycle meta-argument.
   * @default - none
   */
  readonly lifecycle?: TerraformResourceLifecycle;
  /**
   * Provider configuration to use.
   * @default - the default azapi provider
   */
  readonly provider?: TerraformProvider;
}

/** Configuration of {@link AzapiResourceAction}. */
export interface AzapiResourceActionConfig extends AzapiResourceBaseConfig {
  /** `<resource type>@<api version>`, e.g. `Microsoft.KeyVault/vaults/keys@2023-07-01`. */
  readonly type: string;
  /** ARM id the request goes to. */
  readonly resourceId: string;
  /**
   * Name of a resource action (POST .../{action}).
   * @default - the request goes to the resource id itself
   */
  readonly action?: string;
  /**
   * HTTP method: POST, PATCH, PUT, DELETE, GET or HEAD.
   * @default 'POST'
   */
  readonly method?: string;
  /**
   * Request body (a JSON object).
   * @default - no body
   */
  readonly body?: { [key: string]: any };
  /**
   * Paths of the response exported to `output`, e.g. `properties.keyUri`.
   * @default - none
   */
  readonly responseExportValues?: string[];
  /**
   * When the request is sent: `apply` (create and update) or `destroy`.
   * @default 'apply'
   */
  readonly when?: string;
}

const METHODS = ['POST', 'PATCH', 'PUT', 'DELETE', 'GET', 'HEAD'];

/** Internal: `<Namespace>/<type>[/<child>...]@<api version>`, e.g. `Microsoft.KeyVault/vaults/keys@2023-07-01`. */
function checkArmType(v: Validator, type: unknown): void {
  if (!str(v, 'type', type) || isUnresolved(type)) return;
  v.require(
    /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+(\/[A-Za-z0-9]+)+@\d{4}-\d{2}-\d{2}(-[a-z]+)?$/.test(
      type as string,
    ),
    'type',
    type,
    "'<resource provider namespace>/<type>@<api version>', e.g. 'Microsoft.KeyVault/vaults/keys@2023-07-01'",
  );
}

function azapiMetadata(): { providerName: string; providerVersionConstraint: string } {
  return { providerName: 'azapi', providerVersionConstraint: AZAPI_VERSION_CONSTRAINT };
}

/** The TerraformResource config of an azapi resource: its type, the provider metadata and its meta-arguments. */
function azapiResourceConfig(
  terraformResourceType: string,
  config: AzapiResourceBaseConfig | undefined,
): TerraformResourceConfig {
  return {
    terraformResourceType,
    terraformGeneratorMetadata: azapiMetadata(),
    dependsOn: config?.dependsOn,
    lifecycle: config?.lifecycle,
    provider: config?.provider,
  };
}

/** What every azapi resource's config has: its ARM type and the response paths it exports. */
interface AzapiTypedConfig extends AzapiResourceBaseConfig {
  readonly type: string;
  readonly body?: { [key: string]: any };
  readonly responseExportValues?: string[];
}

/**
 * Checks an azapi resource's config (one error for the resource): the props object, the ARM
 * type, the resource's own fields (`fields`), then the exported response paths.
 */
function checkAzapiConfig<C extends AzapiTypedConfig>(
  resource: TerraformResource,
  given: C,
  fields: (v: Validator, config: C) => void,
): C {
  const config = requireProps(resource, given, true);
  const v = new Validator(resource);
  checkArmType(v, config.type);
  fields(v, config);
  strList(v, 'responseExportValues', config.responseExportValues);
  v.throwIfInvalid();
  return config;
}

/** The synthesized attributes of an azapi resource: type, its own attributes, body, exported paths. */
function azapiAttributes(
  config: AzapiTypedConfig,
  own: { [name: string]: any },
): { [name: string]: any } {
  return {
    type: config.type,
    ...own,
    body: config.body,
    response_export_values: config.responseExportValues,
  };
}

/**
 * What the azapi resources share: the ARM id and the exported response (`output`).
 */
export abstract class AzapiResourceBase extends TerraformResource {
  protected constructor(
    scope: Construct,
    id: string,
    terraformResourceType: string,
    config: AzapiResourceBaseConfig | undefined,
  ) {
    super(scope, id, azapiResourceConfig(terraformResourceType, config));
  }

  /** The ARM id of the resource (of an action: the resource the request went to). */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  /** The value at `path` of the exported response (`output.<path>`, see `responseExportValues`). */
  public outputValue(path: string): string {
    return Token.asString(this.interpolationForAttribute(`output.${path}`));
  }
}

/**
 * `azapi_resource_action`: one ARM request made on apply (or on destroy), its response
 * exported to `output`. Destroying it sends nothing (unless `when` is `destroy`), which suits
 * create-only ARM operations such as `Microsoft.KeyVault/vaults/keys` (ARM has no DELETE for keys).
 */
export class AzapiResourceAction extends AzapiResourceBase {
  /** Terraform resource type. */
  public static readonly tfResourceType = 'azapi_resource_action';
  private readonly config: AzapiResourceActionConfig;

  constructor(scope: Construct, id: string, config: AzapiResourceActionConfig) {
    super(scope, id, 'azapi_resource_action', config);
    this.config = checkAzapiConfig(this, config, (v, c) => {
      str(v, 'resourceId', c.resourceId);
      str(v, 'action', c.action, true);
      if (!isUnresolved(c.method)) v.enumValue('method', c.method, METHODS);
      if (!isUnresolved(c.when)) v.enumValue('when', c.when, ['apply', 'destroy']);
      v.object('body', c.body);
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return azapiAttributes(this.config, {
      resource_id: this.config.resourceId,
      action: this.config.action,
      method: this.config.method,
      when: this.config.when,
    });
  }
}

/** Configuration of {@link AzapiResource}. */
export interface AzapiResourceConfig extends AzapiResourceBaseConfig {
  /** `<resource type>@<api version>`. */
  readonly type: string;
  /** Name of the resource. */
  readonly name: string;
  /** ARM id of the parent (resource group, or the parent resource of a child type). */
  readonly parentId: string;
  /** Resource body (a JSON object, usually `{ properties: {...} }`). */
  readonly body: { [key: string]: any };
  /**
   * Azure location (top-level tracked resources only).
   * @default - none
   */
  readonly location?: string;
  /**
   * Paths of the response exported to `output`.
   * @default - none
   */
  readonly responseExportValues?: string[];
}

/** `azapi_resource`: one ARM resource managed through its REST API (create, read, update, delete). */
export class AzapiResource extends AzapiResourceBase {
  /** Terraform resource type. */
  public static readonly tfResourceType = 'azapi_resource';
  private readonly config: AzapiResourceConfig;

  constructor(scope: Construct, id: string, config: AzapiResourceConfig) {
    super(scope, id, 'azapi_resource', config);
    this.config = checkAzapiConfig(this, config, (v, c) => {
      str(v, 'name', c.name);
      str(v, 'parentId', c.parentId);
      v.object('body', c.body, { optional: false });
      checkLocation(v, 'location', c.location, true);
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return azapiAttributes(this.config, {
      name: this.config.name,
      parent_id: this.config.parentId,
      location: this.config.location,
    });
  }
}

/** Configuration of {@link AzapiUpdateResource}. */
export interface AzapiUpdateResourceConfig extends AzapiResourceBaseConfig {
  /** `<resource type>@<api version>`. */
  readonly type: string;
  /** ARM id of the existing resource. */
  readonly resourceId: string;
  /** Properties to set (merged into the resource's current body). */
  readonly body: { [key: string]: any };
  /**
   * Paths of the response exported to `output`.
   * @default - none
   */
  readonly responseExportValues?: string[];
}

/**
 * `azapi_update_resource`: manages some properties of a resource another provider created
 * (GET, merge `body`, PUT); it is read back on every refresh, so drift shows in plans.
 */
export class AzapiUpdateResource extends AzapiResourceBase {
  /** Terraform resource type. */
  public static readonly tfResourceType = 'azapi_update_resource';
  private readonly config: AzapiUpdateResourceConfig;

  constructor(scope: Construct, id: string, config: AzapiUpdateResourceConfig) {
    super(scope, id, 'azapi_update_resource', config);
    this.config = checkAzapiConfig(this, config, (v, c) => {
      str(v, 'resourceId', c.resourceId);
      v.object('body', c.body, { optional: false });
    });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return azapiAttributes(this.config, { resource_id: this.config.resourceId });
  }
}
