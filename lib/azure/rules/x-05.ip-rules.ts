import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import { allOf, asList, isExpression, unknown, Verdict } from '../../core/rules/attributes';
import { isWorldCidr, resolve, values } from '../../core/rules/exposure';

/** Where each service keeps its IP allow-list (dot paths through blocks). */
const IP_RULE_PATHS: { [type: string]: string[] } = {
  azurerm_storage_account: ['network_rules.ip_rules'],
  azurerm_storage_account_network_rules: ['ip_rules'],
  azurerm_key_vault: ['network_acls.ip_rules'],
  azurerm_container_registry: ['network_rule_set.ip_rule.ip_range'],
  azurerm_cognitive_account: ['network_acls.ip_rules'],
  azurerm_ai_services: ['network_acls.ip_rules'],
  azurerm_servicebus_namespace: ['network_rule_set.ip_rules'],
  azurerm_eventhub_namespace: ['network_rulesets.ip_rule.ip_mask'],
  azurerm_batch_account: [
    'network_profile.account_access.ip_rule.ip_range',
    'network_profile.node_management_access.ip_rule.ip_range',
  ],
  azurerm_cosmosdb_account: ['ip_range_filter'],
  azurerm_kusto_cluster: ['allowed_ip_ranges'],
};

/** Server firewall rules written as a start and an end address. */
const FIREWALL_RULE_TYPES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
];

/** Every value at a dot path, looking through blocks and lists at each step. */
function collect(value: any, parts: string[]): any[] {
  if (parts.length === 0) return isExpression(value) ? [value] : values(value);
  if (isExpression(value)) return [value];
  return asList(value).flatMap((v) =>
    isExpression(v) ? [v] : collect(v?.[parts[0]], parts.slice(1)),
  );
}

function entryVerdict(path: string, v: any, stack: StackView): Verdict {
  const res = resolve(v, stack);
  if (!res.known) return unknown(`${path} entry is ${v}`);
  const list = values(res.value);
  if (list.some((x) => isExpression(x))) return unknown(`${path} is ${v}`);
  const open = list.filter((x) => isWorldCidr(x) || String(x).trim() === '0.0.0.0');
  if (open.length === 0) return true;
  return open
    .map((x) =>
      String(x).trim() === '0.0.0.0'
        ? `${path} has 0.0.0.0 (in Cosmos DB and SQL firewalls: every Azure datacenter, any tenant)`
        : `${path} has ${String(x).trim()} (the whole internet)`,
    )
    .join('; ');
}

/**
 * X-05 (any stack): no service firewall allow-list admits the whole internet: `0.0.0.0/0` (any
 * /0) or `0.0.0.0` in the `ip_rules` of storage accounts, Key Vaults, container registries,
 * Cognitive Services, Service Bus, Event Hubs, Batch, Cosmos DB and Data Explorer, and SQL /
 * PostgreSQL / MySQL server firewall rules from 0.0.0.0 to 255.255.255.255 or 0.0.0.0 to 0.0.0.0
 * ("Allow Azure services": any Azure tenant). Such an entry turns a default-deny network rule set
 * into public access.
 */
export const x05IpRules = defineRule(__filename, {
  level: RuleLevel.ERROR,
  description:
    'Service firewall IP rules do not admit 0.0.0.0/0, any /0 or 0.0.0.0 (all Azure tenants), and server firewall rules do not span every address',
  fixHint:
    'List the public egress addresses of the callers (or use private endpoints and virtual network rules); remove 0.0.0.0/0 and the 0.0.0.0 "Allow Azure services" rule',
  resourceTypes: [...Object.keys(IP_RULE_PATHS), ...FIREWALL_RULE_TYPES],
  source:
    'CIS Microsoft Azure Foundations Benchmark v3.0.0 5.1.2 (no Azure SQL database allows ingress from 0.0.0.0/0) and 5.2.5 (PostgreSQL "Allow access to Azure services" off); Azure SQL docs, "Allow Azure services" rule 0.0.0.0',
  check: (r, stack) => {
    const a = r.attributes;
    if (FIREWALL_RULE_TYPES.includes(r.type)) {
      const start = resolve(a.start_ip_address, stack);
      const end = resolve(a.end_ip_address, stack);
      if (!start.known || !end.known) {
        return unknown(`range is ${a.start_ip_address} - ${a.end_ip_address}`);
      }
      if (start.value === '0.0.0.0' && end.value === '255.255.255.255')
        return 'admits every IPv4 address (0.0.0.0 - 255.255.255.255)';
      if (start.value === '0.0.0.0' && end.value === '0.0.0.0')
        return 'is the "Allow Azure services" rule (0.0.0.0): any Azure tenant can connect';
      return true;
    }
    const verdicts = (IP_RULE_PATHS[r.type] ?? []).flatMap((path) =>
      collect(a, path.split('.')).map((v) => entryVerdict(path, v, stack)),
    );
    return allOf(verdicts) ?? true;
  },
});
