import { defineApplyRule } from '../../core/compliance/define-rule';
import { groupBy } from '../../core/rules/references';

/**
 * AZ-06 (apply): a resource group holds one private DNS zone per name; a second
 * azurerm_private_dns_zone with the same name in the same group fails at create (for example
 * the Azure Monitor endpoint's privatelink.blob.core.windows.net next to the storage one).
 */
export const az06DnsZoneUnique = defineApplyRule(__filename, {
  source:
    'hashicorp/terraform-provider-azurerm v4.55.0 internal/services/privatedns/private_dns_zone_resource.go, create: an existing zone of that name in the resource group fails with "already exists - to be managed via Terraform this resource needs to be imported"',
  description: 'Private DNS zones of the stack have distinct names within each resource group',
  fixHint: 'Create each zone once and pass its id to every private endpoint that needs it',
  resourceTypes: ['azurerm_private_dns_zone'],
  check: (r, stack) => {
    const key = (z: typeof r) =>
      `${String(z.attributes.name).toLowerCase()}|${String(z.attributes.resource_group_name)}`;
    const twin = (
      groupBy(stack, 'azurerm_private_dns_zone', 'dns-zone-unique', key).get(key(r)) ?? []
    ).find((z) => z.address !== r.address);
    return (
      twin === undefined ||
      `zone ${r.attributes.name} is also created by ${twin.address} in the same resource group`
    );
  },
});
