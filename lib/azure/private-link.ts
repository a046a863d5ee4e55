import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';
import { Validator } from '../core/errors';
import { PRIVATE_DNS_ZONES } from './defaults';

/** Props of {@link PrivateLinkSet}. */
export interface PrivateLinkSetProps {
  /** Resource group of the endpoint (and of the zones it creates). */
  readonly resourceGroupName: string;
  /** Azure location of the endpoint (the subnet's). */
  readonly location: string;
  /** Subnet the endpoint's NIC lives in. */
  readonly subnetId: string;
  /** Resource the endpoint connects to. */
  readonly targetResourceId: string;
  /**
   * Name of the endpoint (its NIC is named 'nic-' + name).
   * @default - 'pe-' + construct id
   */
  readonly name?: string;
  /** Private-link sub-resource: amlworkspace, blob, file, vault, registry, ... */
  readonly subresource: string;
  /**
   * Private DNS zone names to register the endpoint in.
   * @default - the zones of the sub-resource (amlworkspace: privatelink.api.azureml.ms AND privatelink.notebooks.azure.net)
   */
  readonly dnsZoneNames?: string[];
  /**
   * Central-DNS mode: zone resource ids (e.g. from a hub subscription) by zone name. When set, no zones or VNet links are created.
   * @default - zones are created in this resource group and linked to virtualNetworkIds
   */
  readonly privateDnsZoneIds?: { [zoneName: string]: string };
  /**
   * Zones another endpoint of the same network already created, by zone name: reused instead of created (a resource group holds one zone per name).
   * @default - none
   */
  readonly sharedZoneIds?: { [zoneName: string]: string };
  /**
   * Virtual networks to link the created zones to.
   * @default - none
   */
  readonly virtualNetworkIds?: string[];
}

/**
 * One private endpoint with its DNS zone group, and the private DNS zones (created and linked
 * to the VNet, or taken from a central hub by id) (AZ-06).
 */
export class PrivateLinkSet extends Construct {
  /** The private endpoint. */
  public readonly endpoint: PrivateEndpoint;
  /** Zones created here, by name (empty in central-DNS mode). */
  public readonly zones: { [zoneName: string]: PrivateDnsZone } = {};
  /** VNet links created here. */
  public readonly links: PrivateDnsZoneVirtualNetworkLink[] = [];
  /** The zone ids the endpoint registers in, in zone-name order. */
  public readonly zoneIds: string[];

  constructor(scope: Construct, id: string, props: PrivateLinkSetProps) {
    super(scope, id);
    const zoneNames = props.dnsZoneNames ?? PRIVATE_DNS_ZONES[props.subresource] ?? [];
    const v = new Validator(this);
    v.require(
      zoneNames.length > 0,
      'dnsZoneNames',
      props.subresource,
      `a list of zones (no default for sub-resource '${props.subresource}'; known: ${Object.keys(PRIVATE_DNS_ZONES).join(', ')})`,
    );
    if (props.privateDnsZoneIds) {
      for (const z of zoneNames) {
        v.require(
          props.privateDnsZoneIds[z] !== undefined,
          `privateDnsZoneIds.${z}`,
          undefined,
          `the resource id of private DNS zone ${z} (central-DNS mode needs every zone of '${props.subresource}')`,
        );
      }
    }
    v.throwIfInvalid();

    this.zoneIds = zoneNames.map((z, i) => {
      if (props.privateDnsZoneIds) return props.privateDnsZoneIds[z];
      const shared = props.sharedZoneIds?.[z];
      if (shared !== undefined) return shared;
      const zone = new PrivateDnsZone(this, `zone-${i}`, {
        name: z,
        resourceGroupName: props.resourceGroupName,
      });
      this.zones[z] = zone;
      (props.virtualNetworkIds ?? []).forEach((vnetId, j) => {
        this.links.push(
          new PrivateDnsZoneVirtualNetworkLink(this, `link-${i}-${j}`, {
            name: `link-${props.subresource}-${i}-${j}`,
            resourceGroupName: props.resourceGroupName,
            privateDnsZoneName: zone.name,
            virtualNetworkId: vnetId,
            registrationEnabled: false,
          }),
        );
      });
      return zone.id;
    });

    const name = props.name ?? `pe-${id}`;
    this.endpoint = new PrivateEndpoint(this, 'endpoint', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      customNetworkInterfaceName: `nic-${name}`,
      privateServiceConnection: {
        name: `psc-${name}`,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: this.zoneIds },
    });
  }
}
