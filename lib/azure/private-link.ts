import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Validator } from '../core/errors';
import { PRIVATE_DNS_ZONES } from './defaults';
import {
  ARM_ID,
  checkArmId,
  checkConstructId,
  checkUnique,
  claimInResourceGroup,
  fitName,
  startPlacedProps,
  str,
  strList,
} from './validation';

/** Internal: a zone-name -> zone-id map (ARM ids of private DNS zones when `armIds`). */
function checkZoneMap(v: Validator, prop: string, value: unknown, armIds: boolean): void {
  if (value === undefined) return;
  if (!v.object(prop, value)) return;
  for (const [zone, zoneId] of Object.entries(value as object)) {
    if (armIds) checkArmId(v, `${prop}.${zone}`, zoneId, ARM_ID.privateDnsZone);
    else str(v, `${prop}.${zone}`, zoneId);
  }
}

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
    const { v } = startPlacedProps(this, props);
    str(v, 'subnetId', props.subnetId);
    str(v, 'targetResourceId', props.targetResourceId);
    const subOk =
      v.string('subresource', props.subresource, { optional: false }) &&
      v.literal('subresource', props.subresource, 'it selects the DNS zones and names the links');
    strList(v, 'virtualNetworkIds', props.virtualNetworkIds, {
      literal: 'each network gets a link to every zone',
    });
    const zonesOk = strList(v, 'dnsZoneNames', props.dnsZoneNames, {
      literal: 'each zone is a resource',
    });
    checkZoneMap(v, 'privateDnsZoneIds', props.privateDnsZoneIds, true);
    checkZoneMap(v, 'sharedZoneIds', props.sharedZoneIds, false);
    if (props.name === undefined) checkConstructId(v, this);
    else if (str(v, 'name', props.name) && !Token.isUnresolved(props.name)) {
      v.require(
        /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,62}[a-zA-Z0-9_])?$/.test(props.name) &&
          props.name.length >= 2,
        'name',
        props.name,
        "2-64 letters, digits, '.', '_' and '-', starting with a letter or digit and ending with a letter, digit or '_' (Azure private endpoint names)",
      );
    }
    const zoneNames =
      (zonesOk ? props.dnsZoneNames : undefined) ??
      (subOk ? PRIVATE_DNS_ZONES[props.subresource] : undefined) ??
      [];
    v.require(
      zoneNames.length > 0,
      'dnsZoneNames',
      props.subresource,
      `a list of zones (no default for sub-resource '${props.subresource}'; known: ${Object.keys(PRIVATE_DNS_ZONES).join(', ')})`,
    );
    checkUnique(v, 'dnsZoneNames', zoneNames, (z) => z.toLowerCase(), 'a zone');
    if (props.privateDnsZoneIds !== null && typeof props.privateDnsZoneIds === 'object') {
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
    // Derived names fit Azure's limits however long the construct id (private endpoints 2-64,
    // network interfaces and private link connections 1-80): a name that fits is kept as it is.
    const name = props.name ?? fitName(`pe-${id}`, 64);
    const nicName = fitName(`nic-${name}`, 80);
    const connectionName = fitName(`psc-${name}`, 80);
    claimInResourceGroup(this, 'private endpoint', props.resourceGroupName, name, 'name');
    claimInResourceGroup(this, 'network interface', props.resourceGroupName, nicName, 'name');

    this.zoneIds = zoneNames.map((z, i) => {
      if (props.privateDnsZoneIds) return props.privateDnsZoneIds[z];
      const shared = props.sharedZoneIds?.[z];
      if (shared !== undefined) return shared;
      claimInResourceGroup(this, 'private DNS zone', props.resourceGroupName, z, 'dnsZoneNames');
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

    this.endpoint = new PrivateEndpoint(this, 'endpoint', {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.subnetId,
      customNetworkInterfaceName: nicName,
      privateServiceConnection: {
        name: connectionName,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: this.zoneIds },
    });
  }
}
