// Azure locations: the regions a `location` or `allowedRegions` entry may name, bundled
// (no network at synth).
//
// Sources:
// - Azure public cloud: the physical regions of the ARM Locations API
//   (GET /subscriptions/{id}/locations?api-version=2023-07-01, metadata.regionType 'Physical'),
//   as cached weekly by Azure Verified Modules (Azure/terraform-azurerm-avm-utl-regions
//   modules/cached-data/locations.tf.json, 2026-03-12), without the internal staging regions
//   (eastusstg, southcentralusstg). The EUAP canary regions are kept.
// - Restricted-access region swedensouth (not listed for every subscription).
// - Sovereign clouds (not in the public list): Azure Government usgovvirginia, usgovarizona,
//   usgovtexas; Azure operated by 21Vianet chinaeast2, chinaeast3, chinanorth2, chinanorth3.
//
// Names compare as Azure does: case-insensitively and without spaces, so 'West Europe' (the
// display name) is westeurope.

/** Public-cloud regions: name -> display name. */
const PUBLIC: { [name: string]: string } = {
  australiacentral: 'Australia Central',
  australiacentral2: 'Australia Central 2',
  australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast',
  austriaeast: 'Austria East',
  belgiumcentral: 'Belgium Central',
  brazilsouth: 'Brazil South',
  brazilsoutheast: 'Brazil Southeast',
  canadacentral: 'Canada Central',
  canadaeast: 'Canada East',
  centralindia: 'Central India',
  centralus: 'Central US',
  centraluseuap: 'Central US EUAP',
  chilecentral: 'Chile Central',
  denmarkeast: 'Denmark East',
  eastasia: 'East Asia',
  eastus: 'East US',
  eastus2: 'East US 2',
  eastus2euap: 'East US 2 EUAP',
  francecentral: 'France Central',
  francesouth: 'France South',
  germanynorth: 'Germany North',
  germanywestcentral: 'Germany West Central',
  indonesiacentral: 'Indonesia Central',
  israelcentral: 'Israel Central',
  italynorth: 'Italy North',
  japaneast: 'Japan East',
  japanwest: 'Japan West',
  jioindiacentral: 'Jio India Central',
  jioindiawest: 'Jio India West',
  koreacentral: 'Korea Central',
  koreasouth: 'Korea South',
  malaysiawest: 'Malaysia West',
  mexicocentral: 'Mexico Central',
  newzealandnorth: 'New Zealand North',
  northcentralus: 'North Central US',
  northeurope: 'North Europe',
  norwayeast: 'Norway East',
  norwaywest: 'Norway West',
  polandcentral: 'Poland Central',
  qatarcentral: 'Qatar Central',
  southafricanorth: 'South Africa North',
  southafricawest: 'South Africa West',
  southcentralus: 'South Central US',
  southeastasia: 'Southeast Asia',
  southindia: 'South India',
  spaincentral: 'Spain Central',
  swedencentral: 'Sweden Central',
  switzerlandnorth: 'Switzerland North',
  switzerlandwest: 'Switzerland West',
  uaecentral: 'UAE Central',
  uaenorth: 'UAE North',
  uksouth: 'UK South',
  ukwest: 'UK West',
  westcentralus: 'West Central US',
  westeurope: 'West Europe',
  westindia: 'West India',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
};

const OTHER = [
  'swedensouth',
  'usgovvirginia',
  'usgovarizona',
  'usgovtexas',
  'chinaeast2',
  'chinaeast3',
  'chinanorth2',
  'chinanorth3',
];

const ALL = new Set([...Object.keys(PUBLIC), ...OTHER]);

/** The location's name as Azure normalizes it: lower case, no spaces ('West Europe' -> westeurope). */
export function azureLocationName(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/** True when the location (name or display name, any case) is a known Azure region. */
export function isAzureLocation(location: string): boolean {
  return ALL.has(azureLocationName(location));
}

/**
 * Public-cloud regions with availability zones: the regions of the same ARM Locations API
 * snapshot (Azure/terraform-azurerm-avm-utl-regions modules/cached-data/locations.tf.json,
 * 2026-03-12) that carry `availabilityZoneMappings`. Zone-redundant storage (ZRS, GZRS, RAGZRS)
 * and zone-redundant registries need zones; in the other public regions their creation fails.
 */
const ZONED = new Set([
  'australiaeast',
  'austriaeast',
  'belgiumcentral',
  'brazilsouth',
  'canadacentral',
  'centralindia',
  'centralus',
  'chilecentral',
  'denmarkeast',
  'eastasia',
  'eastus',
  'eastus2',
  'eastus2euap',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'westeurope',
  'westus2',
  'westus3',
]);

/**
 * Whether a location has availability zones: true or false for the bundled public regions,
 * undefined where the bundle does not say (sovereign and restricted regions, unknown names, a
 * value that is not a string).
 */
export function hasAvailabilityZones(location: unknown): boolean | undefined {
  // an invalid location (an untyped caller's object) is reported by the location check
  if (typeof location !== 'string') return undefined;
  const name = azureLocationName(location);
  if (ZONED.has(name)) return true;
  return name in PUBLIC ? false : undefined;
}

/** A few region names, for error messages. */
export const AZURE_LOCATION_EXAMPLES = 'westeurope, northeurope, swedencentral, eastus2';

/** Every bundled location name (normalized). */
export function azureLocationNames(): string[] {
  return [...ALL];
}

/** How many locations are bundled. */
export const AZURE_LOCATION_COUNT = ALL.size;
