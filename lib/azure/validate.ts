import { unresolvedString as unresolved } from '../core/validate';
import { AZURE_LOCATION_EXAMPLES, isAzureLocation } from './locations';

/**
 * Validators of Azure names and identifiers.
 *
 * Each returns `undefined` when the value is valid (or is an unresolved token, only known at
 * apply time) and otherwise a description of what is allowed.
 */
export class AzureValidate {
  /** Storage account names: 3-24 lowercase letters and digits. */
  public static storageAccountName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-z0-9]{3,24}$/.test(v) ? undefined : '3-24 lowercase letters and digits';
  }

  /** Key Vault names: 3-24 letters, digits and hyphens, starting with a letter, no "--". */
  public static keyVaultName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(v) && !v.includes('--')
      ? undefined
      : '3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens';
  }

  /** Generic resource names: letters, digits, '.', '_', '-', up to maxLength. */
  public static resourceName(v: string, maxLength: number): string | undefined {
    if (unresolved(v)) return undefined;
    const re = /^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9_])?$/;
    return re.test(v) && v.length <= maxLength
      ? undefined
      : `1-${maxLength} letters, digits, '.', '_' and '-', starting with a letter or digit and not ending with '.' or '-'`;
  }

  /** Locations, by name or display name (westeurope, 'West Europe'). */
  public static location(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return isAzureLocation(v) ? undefined : `an Azure location such as ${AZURE_LOCATION_EXAMPLES}`;
  }
}
