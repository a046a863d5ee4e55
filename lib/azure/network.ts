import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { privateEndpointNsgRules, privateNetworkDefaults } from './defaults';
import { checkNetworkOptions } from './spec-checks';
import {
  checkConstructId,
  claimInResourceGroup,
  fitName,
  num,
  startPlacedProps,
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

/** The validated configuration of an {@link AzurePrivateNetwork}. */
interface ResolvedAzurePrivateNetwork {
  readonly props: AzurePrivateNetworkProps;
  /** True when the VNet and subnet are brought (nothing is created). */
  readonly brought: boolean;
  readonly vnetCidr: string;
  readonly subnetCidr: string;
  readonly vnetName: string;
  readonly nsgName: string;
}

/**
 * Validates the props of an {@link AzurePrivateNetwork} (one error for the construct) and returns
 * its configuration, defaults applied. Creates no resource.
 */
function resolveAzurePrivateNetworkProps(
  scope: Construct,
  id: string,
  given: AzurePrivateNetworkProps,
): ResolvedAzurePrivateNetwork {
  const { props, v } = startPlacedProps(scope, given);
  num(v, 'expectedEndpointAddresses', props.expectedEndpointAddresses, {
    literal: 'the subnet size is checked against it',
    integer: true,
    min: 0,
    max: 65536,
  });
  const expected =
    typeof props.expectedEndpointAddresses === 'number'
      ? props.expectedEndpointAddresses
      : privateNetworkDefaults().expectedEndpointAddresses;
  const net = checkNetworkOptions(v, '', props, expected);
  if (!net.brought) checkConstructId(v, scope);
  v.throwIfInvalid();
  return {
    props,
    brought: net.brought,
    vnetCidr: net.vnetCidr!,
    subnetCidr: net.subnetCidr!,
    vnetName: fitName(`vnet-${id}`, 64),
    nsgName: fitName(`nsg-${id}-pe`, 80),
  };
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
    const c = resolveAzurePrivateNetworkProps(this, id, props);
    if (c.brought) {
      this.virtualNetworkId = c.props.existingVirtualNetworkId!;
      this.privateEndpointSubnetId = c.props.existingPrivateEndpointSubnetId!;
      return;
    }
    const rg = c.props.resourceGroupName;
    claimInResourceGroup(this, 'virtual network', rg, c.vnetName, 'resourceGroupName');
    claimInResourceGroup(this, 'network security group', rg, c.nsgName, 'resourceGroupName');
    this.vnet = new VirtualNetwork(this, 'vnet', {
      name: c.vnetName,
      resourceGroupName: rg,
      location: c.props.location,
      addressSpace: [c.vnetCidr],
    });
    this.networkSecurityGroup = this.securityGroupParts(c);
    this.privateEndpointSubnet = new Subnet(this, 'pe-subnet', {
      ...privateNetworkDefaults().subnet,
      resourceGroupName: rg,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [c.subnetCidr],
    });
    new SubnetNetworkSecurityGroupAssociation(this, 'pe-subnet-nsg', {
      subnetId: this.privateEndpointSubnet.id,
      networkSecurityGroupId: this.networkSecurityGroup.id,
    });
    this.virtualNetworkId = this.vnet.id;
    this.privateEndpointSubnetId = this.privateEndpointSubnet.id;
  }

  /**
   * The NSG of the private-endpoint subnet and its rules, as separate rule resources: inline
   * security_rule blocks are attributes-as-blocks in azurerm and need every attribute spelled
   * out in JSON.
   */
  private securityGroupParts(c: ResolvedAzurePrivateNetwork): NetworkSecurityGroup {
    const nsg = new NetworkSecurityGroup(this, 'nsg', {
      name: c.nsgName,
      resourceGroupName: c.props.resourceGroupName,
      location: c.props.location,
    });
    for (const [rid, rule] of Object.entries(privateEndpointNsgRules(c.subnetCidr))) {
      new NetworkSecurityRule(this, rid, {
        ...rule,
        resourceGroupName: c.props.resourceGroupName,
        networkSecurityGroupName: nsg.name,
      });
    }
    return nsg;
  }
}
