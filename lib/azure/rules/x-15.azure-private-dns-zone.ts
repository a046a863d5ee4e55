import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { azureReference } from '../reference';

/**
 * X-15 (Azure Private Link DNS zones): a private DNS zone named privatelink.* is one of the
 * Private Link zones Azure resolves (a near miss of a known zone is an error; names the data
 * does not cover, such as sovereign-cloud zones, are not judged).
 */
export const x15AzurePrivateDnsZone = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Azure Private Endpoint private DNS zone values (https://learn.microsoft.com/azure/private-link/private-endpoint-dns; Azure Verified Modules private-link-private-dns-zones; scripts/reference-data/provenance.json)',
  description: 'Every privatelink.* private DNS zone is a Private Link zone name Azure uses',
  fixHint:
    "Name the zone as Microsoft's private endpoint DNS zone values list gives it (e.g. privatelink.vaultcore.azure.net for Key Vault); records in a misnamed zone are never resolved",
  resourceTypes: ['azurerm_private_dns_zone'],
  check: (r) => {
    const name = r.attributes.name;
    if (typeof name !== 'string') return undefined;
    if (isExpression(name)) return unknown(`name is ${name}`);
    const verdict = azureReference().privateLinkZone(name);
    if (verdict === undefined || verdict === true) return verdict;
    return `"${name}" is not a Private Link DNS zone (did you mean ${verdict.join(', ')}?)`;
  },
});
