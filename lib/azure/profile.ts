// The Azure profile: what core's tagging, residency and deprecated validators need to know about
// Azure. Registered with core when this module loads (the Azure entry point and constructs load
// it).
import { CloudProfile, registerCloudProfile } from '../core/cloud-profile';
import { azureLocationNames } from './locations';
import { AzureValidate } from './validate';

/** The Azure profile. */
export const AZURE_PROFILE: CloudProfile = registerCloudProfile({
  name: 'azure',
  resourceTypePrefixes: ['azurerm_'],
  labelAttributeOf: () => 'tags',
  locationAttributes: ['location'],
  // Activity log alert rules and action groups (AzureMLWorkspace alerts) run in global outside
  // westeurope and northeurope.
  residencyHint: (location) =>
    location.toLowerCase() === 'global'
      ? "on Azure, AzureMLWorkspace's activity log alert rules run in global outside westeurope and northeurope, its action group (alertEmails) outside the regions that process action groups regionally (e.g. swedencentral, germanywestcentral, eastus): list 'global' in allowedRegions to accept it, use alertActionGroupIds instead of alertEmails, or set alerts: false"
      : undefined,
  regions: azureLocationNames(),
  validators: {
    storageAccountName: AzureValidate.storageAccountName,
    keyVaultName: AzureValidate.keyVaultName,
    resourceName: AzureValidate.resourceName,
    location: AzureValidate.location,
  },
});
