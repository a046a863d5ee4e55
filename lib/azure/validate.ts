import { unresolvedString as unresolved } from '../core/validate';

/** Known Azure locations (normalized: lowercase, no spaces). */
export const AZURE_LOCATIONS: ReadonlySet<string> = new Set([
  'australiacentral',
  'australiacentral2',
  'australiaeast',
  'australiasoutheast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'brazilsoutheast',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'francesouth',
  'germanynorth',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'jioindiacentral',
  'jioindiawest',
  'koreacentral',
  'koreasouth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'norwaywest',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southafricawest',
  'southcentralus',
  'southindia',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'swedensouth',
  'switzerlandnorth',
  'switzerlandwest',
  'uaecentral',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
  'usgovarizona',
  'usgovtexas',
  'usgovvirginia',
  'chinaeast2',
  'chinaeast3',
  'chinanorth2',
  'chinanorth3',
]);

/** Normalizes an Azure location display name ('West Europe') to its name ('westeurope'). */
export function normalizeAzureLocation(v: string): string {
  return v.toLowerCase().replace(/\s+/g, '');
}

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
    return AZURE_LOCATIONS.has(normalizeAzureLocation(v))
      ? undefined
      : 'an Azure location such as westeurope, northeurope, eastus2 or swedencentral';
  }
}
