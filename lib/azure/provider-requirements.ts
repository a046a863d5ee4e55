import { Aspects, IAspect, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { Validator } from '../core/errors';

/** Internal: a value as a list (cdktf blocks are lists; a single object is accepted too). */
function list(value: any): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Internal: the `features.storage.data_plane_available` setting of an azurerm provider's
 * features input: true, false, 'token' (unresolved) or undefined (not set, provider default true).
 */
export function dataPlaneAvailableSetting(features: any): boolean | 'token' | undefined {
  if (features !== undefined && Token.isUnresolved(features)) return 'token';
  for (const f of list(features)) {
    for (const s of list(f?.storage)) {
      const v = s?.dataPlaneAvailable ?? s?.data_plane_available;
      if (v === undefined) continue;
      if (Token.isUnresolved(v)) return 'token';
      return v === true || v === 'true';
    }
  }
  return undefined;
}

function providersOf(scope: IConstruct, type: string): TerraformProvider[] {
  return TerraformStack.of(scope)
    .node.findAll()
    .filter(
      (c) =>
        TerraformProvider.isTerraformProvider(c) &&
        (c as TerraformProvider).terraformResourceType === type,
    ) as TerraformProvider[];
}

class AzurermProviderAspect implements IAspect {
  constructor(private readonly scope: IConstruct) {}

  public visit(node: IConstruct): void {
    if (node !== this.scope) return;
    const v = new Validator(this.scope);
    for (const p of providersOf(this.scope, 'azurerm')) {
      const anyP = p as any;
      const azureAd = anyP.storageUseAzureadInput;
      if (!(azureAd !== undefined && (Token.isUnresolved(azureAd) || azureAd === true))) {
        v.add(
          `provider ${p.node.path}.storage_use_azuread`,
          azureAd,
          'true: storage accounts have shared-key access disabled (AZ-04), so the azurerm provider must reach the storage data plane with Entra ID',
        );
      }
      if (anyP.featuresInput === undefined) {
        v.add(
          `provider ${p.node.path}.features`,
          undefined,
          'a features {} block (required by azurerm 4.x)',
        );
      }
      const dataPlane = dataPlaneAvailableSetting(anyP.featuresInput);
      if (dataPlane !== false && dataPlane !== 'token') {
        v.add(
          `provider ${p.node.path}.features.storage.data_plane_available`,
          dataPlane,
          'false: the storage accounts are closed to public networks (AZ-04), and with the default (true) azurerm polls the blob and queue data plane after creating an account and fails with 403 (hashicorp/terraform-provider-azurerm#32474)',
        );
      }
    }
    v.throwIfInvalid();
  }
}

class AzapiProviderAspect implements IAspect {
  constructor(private readonly scope: IConstruct) {}

  public visit(node: IConstruct): void {
    if (node !== this.scope) return;
    if (providersOf(this.scope, 'azapi').length > 0) return;
    new Validator(this.scope)
      .add(
        `provider azapi (stack ${TerraformStack.of(this.scope).node.id})`,
        undefined,
        "an AzapiProvider in the stack (new AzapiProvider(stack, 'azapi')): the construct creates resources through ARM with azapi (required_providers source Azure/azapi)",
      )
      .throwIfInvalid();
  }
}

class AzurermPresentAspect implements IAspect {
  constructor(private readonly scope: IConstruct) {}

  public visit(node: IConstruct): void {
    if (node !== this.scope) return;
    if (providersOf(this.scope, 'azurerm').length > 0) return;
    const stack = TerraformStack.of(this.scope);
    const others = stack.node
      .findAll()
      .filter((c) => TerraformProvider.isTerraformProvider(c))
      .map((c) => (c as TerraformProvider).terraformResourceType);
    new Validator(this.scope)
      .add(
        `provider azurerm (stack ${stack.node.id})`,
        others.length > 0 ? `only ${[...new Set(others)].join(', ')}` : undefined,
        "No AzurermProvider in scope: an AzurermProvider in the stack (new AzurermProvider(stack, 'azurerm', { features: [...], storageUseAzuread: true })) for the Azure resources the construct creates",
      )
      .throwIfInvalid();
  }
}

const HOOKED = new WeakSet<IConstruct>();
const PRESENT_HOOKED = new WeakSet<IConstruct>();

/**
 * Internal: fails synth when the stack has no azurerm provider ("No AzurermProvider in scope"),
 * before any check that would read another cloud's provider (data residency).
 */
export function requireAzurermProvider(scope: IConstruct): void {
  if (PRESENT_HOOKED.has(scope)) return;
  PRESENT_HOOKED.add(scope);
  Aspects.of(scope).add(new AzurermPresentAspect(scope));
}
const AZAPI_HOOKED = new WeakSet<IConstruct>();

/**
 * Internal: fails synth when an azurerm provider in the stack lacks `storage_use_azuread = true`,
 * the `features {}` block (azurerm 4.x) or `features.storage.data_plane_available = false`.
 * Providers defined in another stack are not seen.
 */
export function requireAzureAdStorageAccess(scope: IConstruct): void {
  if (HOOKED.has(scope)) return;
  HOOKED.add(scope);
  Aspects.of(scope).add(new AzurermProviderAspect(scope));
}

/** Internal: fails synth when the stack has no azapi provider. */
export function requireAzapiProvider(scope: IConstruct): void {
  if (AZAPI_HOOKED.has(scope)) return;
  AZAPI_HOOKED.add(scope);
  Aspects.of(scope).add(new AzapiProviderAspect(scope));
}
