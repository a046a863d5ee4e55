// Mutation suite, Azure: one escape-hatch edit at a time on the synthesized Azure example; the
// pack at synth and the scanner CLI must both report an ERROR of the rule, naming the edited
// resource.
import { azureMlExample } from '../../examples/azure-ml';
import { describeMutations, Mutation } from './harness';

const S = 'azure-ml';
const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111';

const workspace: Mutation[] = [
  // baseline exposure rules (any stack)
  {
    name: 'NSG rule source opened to the Internet service tag',
    rule: 'X-05.nsg-inbound',
    stack: S,
    path: 'ml-platform/network/allow-vnet-https-smb-in',
    overrides: [['source_address_prefix', 'Internet']],
  },
  {
    name: 'inline NSG rule allowing RDP from *',
    rule: 'X-05.nsg-inbound',
    stack: S,
    path: 'ml-platform/network/nsg',
    overrides: [
      [
        'security_rule',
        [
          {
            name: 'AllowRdp',
            priority: 110,
            direction: 'Inbound',
            access: 'Allow',
            protocol: 'Tcp',
            source_port_range: '*',
            destination_port_range: '3389',
            source_address_prefix: '*',
            destination_address_prefix: '*',
          },
        ],
      ],
    ],
  },
  {
    name: 'storage account IP rule 0.0.0.0/0',
    rule: 'X-05.ip-rules',
    stack: S,
    path: 'ml-platform/storage/account',
    overrides: [['network_rules.ip_rules', ['0.0.0.0/0']]],
  },
  {
    name: 'Key Vault IP rule 0.0.0.0/0',
    rule: 'X-05.ip-rules',
    stack: S,
    path: 'ml-platform/key-vault/vault',
    overrides: [['network_acls.ip_rules', ['0.0.0.0/0']]],
  },
  {
    name: "custom role with '*/action' made assignable at subscription scope",
    rule: 'X-03.custom-role-wildcards',
    stack: S,
    path: 'ml-platform/rbac/role-training',
    overrides: [
      ['scope', SUB],
      ['assignable_scopes', [SUB]],
      ['permissions.0.actions', ['*/action']],
    ],
  },
  {
    name: 'provider features purge the workspace on destroy',
    rule: 'X-08.force-destroy',
    stack: S,
    path: 'azurerm',
    overrides: [['features.0.machine_learning.0.purge_soft_deleted_workspace_on_destroy', true]],
    reported: 'ml-platform/workspace',
  },
  // existing key controls
  {
    name: 'workspace public network access on',
    rule: 'AZ-01',
    stack: S,
    path: 'ml-platform/workspace',
    overrides: [['public_network_access_enabled', true]],
  },
  {
    name: 'Key Vault purge protection off',
    rule: 'AZ-03',
    stack: S,
    path: 'ml-platform/key-vault/vault',
    overrides: [['purge_protection_enabled', false]],
  },
  {
    name: 'storage account allows public blobs',
    rule: 'AZ-04',
    stack: S,
    path: 'ml-platform/storage/account',
    overrides: [['allow_nested_items_to_be_public', true]],
  },
  {
    name: 'registry admin account on',
    rule: 'AZ-05',
    stack: S,
    path: 'ml-platform/registry/registry',
    overrides: [['admin_enabled', true]],
  },
  {
    name: 'the Key Vault public-network Deny assignment pointed at another built-in definition',
    rule: 'AZ-12',
    stack: S,
    path: 'ml-platform/policies/key-vault-network',
    overrides: [
      [
        'policy_definition_id',
        '/providers/Microsoft.Authorization/policyDefinitions/a6abeaec-4d90-4a02-805f-6b26c4d3fbe9',
      ],
      ['parameters', undefined],
    ],
    reported: 'ml-platform/workspace',
  },
  {
    name: 'compute cluster nodes with public IPs',
    rule: 'AZ-08.cluster',
    stack: S,
    path: 'ml-platform/compute/cluster-cpu-cluster',
    overrides: [['node_public_ip_enabled', true]],
  },
  {
    name: 'Owner assigned at subscription scope',
    rule: 'AZ-09',
    stack: S,
    path: 'ml-platform/key-vault/deployer-crypto-officer',
    overrides: [
      ['scope', SUB],
      ['role_definition_name', 'Owner'],
      ['role_definition_id', undefined],
    ],
  },
  {
    name: "the platform admin's RBAC Administrator delegation without its principal constraint",
    rule: 'AZ-09.delegation',
    stack: S,
    path: 'ml-platform/rbac/platform_admin-33333333-0000-0000-0000-000000000001-role-based-access-control-administrator-0',
    overrides: [
      [
        'condition',
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))",
      ],
    ],
  },
  {
    name: 'prevent_destroy removed from the storage account',
    rule: 'X-08',
    stack: S,
    path: 'ml-platform/storage/account',
    overrides: [['lifecycle.prevent_destroy', false]],
  },
];

describeMutations('mutations of examples/azure-ml', azureMlExample, workspace);
