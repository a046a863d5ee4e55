// Private-link sub-resources (group ids) of Azure resource types: the values
// `azurerm_private_endpoint.private_service_connection.subresource_names` may take for a target of
// each type. A small reviewed table, not extracted: Microsoft's "Private-link resource" table
// (https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource,
// source MicrosoftDocs/azure-docs articles/private-link/private-endpoint-overview.md at commit
// fd688f2b711fed6942412e0ddfedb5d2c56cba31). Only resource types whose sub-resources that table
// gives as group ids are listed (rows that give a display name, such as "hosting environment" or
// "managed disk", and rows whose resource type or group ids differ between versions of the page
// are left out); a type that is not listed is not judged. Recorded in
// scripts/reference-data/provenance.json ("reviewed").

/** ARM resource type (lower-cased) -> its private-link sub-resources, as Azure spells them. */
export const PRIVATE_LINK_SUBRESOURCES: { readonly [armType: string]: readonly string[] } = {
  'microsoft.batch/batchaccounts': ['batchAccount', 'nodeManagement'],
  'microsoft.cache/redis': ['redisCache'],
  'microsoft.cache/redisenterprise': ['redisEnterprise'],
  'microsoft.cognitiveservices/accounts': ['account'],
  'microsoft.containerregistry/registries': ['registry'],
  'microsoft.databricks/workspaces': ['databricks_ui_api', 'browser_authentication'],
  'microsoft.dbformariadb/servers': ['mariadbServer'],
  'microsoft.dbformysql/flexibleservers': ['mysqlServer'],
  'microsoft.dbformysql/servers': ['mysqlServer'],
  'microsoft.dbforpostgresql/servers': ['postgresqlServer'],
  'microsoft.devices/iothubs': ['iotHub'],
  'microsoft.devices/provisioningservices': ['iotDps'],
  'microsoft.eventgrid/domains': ['domain'],
  'microsoft.eventgrid/topics': ['topic'],
  'microsoft.eventhub/namespaces': ['namespace'],
  'microsoft.insights/privatelinkscopes': ['azuremonitor'],
  'microsoft.keyvault/vaults': ['vault'],
  'microsoft.kusto/clusters': ['cluster'],
  'microsoft.machinelearningservices/registries': ['amlregistry'],
  'microsoft.machinelearningservices/workspaces': ['amlworkspace'],
  'microsoft.relay/namespaces': ['namespace'],
  'microsoft.search/searchservices': ['searchService'],
  'microsoft.servicebus/namespaces': ['namespace'],
  'microsoft.signalrservice/signalr': ['signalr'],
  'microsoft.signalrservice/webpubsub': ['webpubsub'],
  'microsoft.sql/managedinstances': ['managedInstance'],
  'microsoft.sql/servers': ['sqlServer'],
  'microsoft.storage/storageaccounts': [
    'blob',
    'blob_secondary',
    'table',
    'table_secondary',
    'queue',
    'queue_secondary',
    'file',
    'file_secondary',
    'web',
    'web_secondary',
    'dfs',
    'dfs_secondary',
  ],
  'microsoft.web/staticsites': ['staticSites'],
};

/** The ARM resource type of the azurerm resources (and data sources) a private endpoint targets. */
export const AZURERM_ARM_TYPES: { readonly [terraformType: string]: string } = {
  azurerm_batch_account: 'Microsoft.Batch/batchAccounts',
  azurerm_redis_cache: 'Microsoft.Cache/Redis',
  azurerm_redis_enterprise_cluster: 'Microsoft.Cache/redisEnterprise',
  azurerm_cognitive_account: 'Microsoft.CognitiveServices/accounts',
  azurerm_container_registry: 'Microsoft.ContainerRegistry/registries',
  azurerm_databricks_workspace: 'Microsoft.Databricks/workspaces',
  azurerm_mariadb_server: 'Microsoft.DBforMariaDB/servers',
  azurerm_mysql_flexible_server: 'Microsoft.DBforMySQL/flexibleServers',
  azurerm_mysql_server: 'Microsoft.DBforMySQL/servers',
  azurerm_postgresql_server: 'Microsoft.DBforPostgreSQL/servers',
  azurerm_iothub: 'Microsoft.Devices/IotHubs',
  azurerm_iothub_dps: 'Microsoft.Devices/provisioningServices',
  azurerm_eventgrid_domain: 'Microsoft.EventGrid/domains',
  azurerm_eventgrid_topic: 'Microsoft.EventGrid/topics',
  azurerm_eventhub_namespace: 'Microsoft.EventHub/namespaces',
  azurerm_monitor_private_link_scope: 'Microsoft.Insights/privateLinkScopes',
  azurerm_key_vault: 'Microsoft.KeyVault/vaults',
  azurerm_kusto_cluster: 'Microsoft.Kusto/clusters',
  azurerm_machine_learning_workspace: 'Microsoft.MachineLearningServices/workspaces',
  azurerm_relay_namespace: 'Microsoft.Relay/namespaces',
  azurerm_search_service: 'Microsoft.Search/searchServices',
  azurerm_servicebus_namespace: 'Microsoft.ServiceBus/namespaces',
  azurerm_signalr_service: 'Microsoft.SignalRService/SignalR',
  azurerm_web_pubsub: 'Microsoft.SignalRService/webPubSub',
  azurerm_mssql_managed_instance: 'Microsoft.Sql/managedInstances',
  azurerm_mssql_server: 'Microsoft.Sql/servers',
  azurerm_sql_server: 'Microsoft.Sql/servers',
  azurerm_storage_account: 'Microsoft.Storage/storageAccounts',
  azurerm_static_web_app: 'Microsoft.Web/staticSites',
};

/**
 * The ARM resource type of a literal resource id: the provider namespace and the type segments
 * after the last `/providers/` (`Microsoft.Sql/servers/databases` for a database); undefined when
 * the string is not an ARM resource id.
 */
export function armTypeOfId(id: string): string | undefined {
  const i = id.toLowerCase().lastIndexOf('/providers/');
  if (i < 0) return undefined;
  const segments = id
    .slice(i + '/providers/'.length)
    .split('/')
    .filter((s) => s !== '');
  if (segments.length < 3 || segments.length % 2 === 0) return undefined;
  const types = [segments[0]];
  for (let k = 1; k < segments.length; k += 2) types.push(segments[k]);
  return types.join('/');
}

/** The private-link sub-resources of an ARM type (any case), or undefined when not listed. */
export function privateLinkSubresources(armType: string): readonly string[] | undefined {
  return PRIVATE_LINK_SUBRESOURCES[armType.toLowerCase()];
}
