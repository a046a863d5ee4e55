import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import {
  NetworkSecurityRule,
  NetworkSecurityRuleConfig,
} from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { checkNetworkOptions } from './spec-checks';
import {
  checkConstructId,
  checkLocation,
  claimInResourceGroup,
  fitName,
  num,
  str,
} from './validation';

/** Props of {@link AzurePrivateNetwork}. */
export interface AzurePrivateNetworkProps {
  /** Resource group. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * Address space of the VNet to create.
   * @default '10.40.0.0/23'
   */
  readonly vnetCidr?: string;
  /**
   * CIDR of the private-endpoint subnet (inside vnetCidr).
   * @default - the first /24 of vnetCidr
   */
  readonly privateEndpointSubnetCidr?: string;
  /**
   * Ranges already used elsewhere (hub, peered VNets, on-premises); synth fails on overlap.
   * @default - none
   */
  readonly reservedCidrs?: string[];
  /**
   * Private IP addresses the endpoints in the subnet will consume (Azure reserves 5 more per subnet).
   * @default 10
   */
  readonly expectedEndpointAddresses?: number;
  /**
   * Bring your own network: the resource id of an existing VNet (used for DNS zone links). With existingPrivateEndpointSubnetId, nothing is created.
   * @default - a VNet is created
   */
  readonly existingVirtualNetworkId?: string;
  /**
   * Bring your own network: the resource id of an existing subnet for private endpoints.
   * @default - a subnet is created
   */
  readonly existingPrivateEndpointSubnetId?: string;
}

/**
 * The customer-side network of the platform (X-05, AZ-06): a VNet with a private-endpoint
 * subnet (no default outbound access, network policies on so the NSG applies to endpoints)
 * and an NSG admitting only HTTPS/SMB from inside the VNet. Or an existing VNet and subnet.
 * Compute runs in the workspace's managed VNet (AZ-07), not here.
 */
export class AzurePrivateNetwork extends Construct {
  /** The VNet (undefined when brought). */
  public readonly vnet?: VirtualNetwork;
  /** The private-endpoint subnet (undefined when brought). */
  public readonly privateEndpointSubnet?: Subnet;
  /** The NSG of the private-endpoint subnet (undefined when brought). */
  public readonly networkSecurityGroup?: NetworkSecurityGroup;
  /** VNet resource id. */
  public readonly virtualNetworkId: string;
  /** Private-endpoint subnet resource id. */
  public readonly privateEndpointSubnetId: string;

  constructor(scope: Construct, id: string, props: AzurePrivateNetworkProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const v = new Validator(this);
    str(v, 'resourceGroupName', props.resourceGroupName);
    checkLocation(v, 'location', props.location);
    num(v, 'expectedEndpointAddresses', props.expectedEndpointAddresses, {
      literal: 'the subnet size is checked against it',
      integer: true,
      min: 0,
      max: 65536,
    });
    const expected =
      typeof props.expectedEndpointAddresses === 'number' ? props.expectedEndpointAddresses : 10;
    const net = checkNetworkOptions(v, '', props, expected);
    if (net.brought) {
      v.throwIfInvalid();
      this.virtualNetworkId = props.existingVirtualNetworkId!;
      this.privateEndpointSubnetId = props.existingPrivateEndpointSubnetId!;
      return;
    }
    checkConstructId(v, this);
    const vnetCidr = net.vnetCidr!;
    const subnetCidr = net.subnetCidr!;
    v.throwIfInvalid();
    const vnetName = fitName(`vnet-${id}`, 64);
    const nsgName = fitName(`nsg-${id}-pe`, 80);
    claimInResourceGroup(
      this,
      'virtual network',
      props.resourceGroupName,
      vnetName,
      'resourceGroupName',
    );
    claimInResourceGroup(
      this,
      'network security group',
      props.resourceGroupName,
      nsgName,
      'resourceGroupName',
    );

    this.vnet = new VirtualNetwork(this, 'vnet', {
      name: vnetName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace: [vnetCidr],
    });
    this.networkSecurityGroup = new NetworkSecurityGroup(this, 'nsg', {
      name: nsgName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
    // Separate rule resources: inline security_rule blocks are attributes-as-blocks in azurerm
    // and need every attribute spelled out in JSON.
    const rule = (
      rid: string,
      r: Omit<NetworkSecurityRuleConfig, 'resourceGroupName' | 'networkSecurityGroupName'>,
    ) =>
      new NetworkSecurityRule(this, rid, {
        ...r,
        resourceGroupName: props.resourceGroupName,
        networkSecurityGroupName: this.networkSecurityGroup!.name,
      });
    rule('allow-vnet-https-smb-in', {
      name: 'AllowVnetHttpsSmbInbound',
      priority: 100,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationPortRanges: ['443', '445'],
      sourceAddressPrefix: 'VirtualNetwork',
      destinationAddressPrefix: subnetCidr!,
    });
    rule('deny-all-in', {
      name: 'DenyAllInbound',
      priority: 4096,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: '*',
    });
    rule('deny-internet-out', {
      name: 'DenyInternetOutbound',
      priority: 4096,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: '*',
      destinationAddressPrefix: 'Internet',
    });
    this.privateEndpointSubnet = new Subnet(this, 'pe-subnet', {
      name: 'snet-private-endpoints',
      resourceGroupName: props.resourceGroupName,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [subnetCidr!],
      privateEndpointNetworkPolicies: 'Enabled',
      defaultOutboundAccessEnabled: false,
    });
    new SubnetNetworkSecurityGroupAssociation(this, 'pe-subnet-nsg', {
      subnetId: this.privateEndpointSubnet.id,
      networkSecurityGroupId: this.networkSecurityGroup.id,
    });
    this.virtualNetworkId = this.vnet.id;
    this.privateEndpointSubnetId = this.privateEndpointSubnet.id;
  }
}
