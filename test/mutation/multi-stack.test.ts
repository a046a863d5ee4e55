// Mutation suite, multi-stack example: an edit in one stack of a network / platform / tenant
// split is reported in that stack, at synth and by the scanner CLI.
import { multiStackExample } from '../../examples/multi-stack';
import { describeMutations } from './harness';

describeMutations('mutations of examples/multi-stack', multiStackExample, [
  {
    name: 'shared endpoint security group opened to 0.0.0.0/0 (network stack)',
    rule: 'X-05.sg-ingress',
    stack: 'ms-aws-network',
    path: 'network/endpoint-sg',
    overrides: [
      [
        'ingress',
        [
          {
            description: 'https',
            from_port: 443,
            to_port: 443,
            protocol: 'tcp',
            cidr_blocks: ['0.0.0.0/0'],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
          },
        ],
      ],
    ],
  },
  {
    name: 'IAP SSH firewall rule opened to 0.0.0.0/0 (network stack)',
    rule: 'GCP-08.firewall',
    stack: 'ms-gcp-network',
    path: 'network/allow-iap-ssh-ingress',
    overrides: [['source_ranges', ['0.0.0.0/0']]],
  },
  {
    name: 'NSG rule source opened to * (network stack)',
    rule: 'X-05.nsg-inbound',
    stack: 'ms-azure-network',
    path: 'network/allow-vnet-https-smb-in',
    overrides: [['source_address_prefix', '*']],
  },
]);
