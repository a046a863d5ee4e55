import { Aspects, IAspect, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { Validator } from '../core/errors';

class AzurermProviderAspect implements IAspect {
  constructor(private readonly scope: IConstruct) {}

  public visit(node: IConstruct): void {
    if (node !== this.scope) return;
    const v = new Validator(this.scope);
    const providers = TerraformStack.of(this.scope)
      .node.findAll()
      .filter(
        (c) =>
          TerraformProvider.isTerraformProvider(c) &&
          (c as TerraformProvider).terraformResourceType === 'azurerm',
      );
    for (const p of providers) {
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
    }
    v.throwIfInvalid();
  }
}

const HOOKED = new WeakSet<IConstruct>();

/**
 * Internal: fails synth when an azurerm provider in the stack lacks `storage_use_azuread = true`
 * or the `features {}` block (azurerm 4.x). Providers defined in another stack are not seen.
 */
export function requireAzureAdStorageAccess(scope: IConstruct): void {
  if (HOOKED.has(scope)) return;
  HOOKED.add(scope);
  Aspects.of(scope).add(new AzurermProviderAspect(scope));
}
