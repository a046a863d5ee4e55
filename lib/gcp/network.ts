import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeRoute } from '@cdktf/provider-google/lib/compute-route';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ServiceNetworkingConnection } from '@cdktf/provider-google/lib/service-networking-connection';
import { DnsManagedZone } from '@cdktf/provider-google/lib/dns-managed-zone';
import { DnsRecordSet } from '@cdktf/provider-google/lib/dns-record-set';
import { Validator, requireProps } from '../core/errors';
import { NETWORK_DEFAULTS, PRIVATE_VIP_CIDR, RESTRICTED_VIP_CIDR } from './defaults';
import {
  checkBoolean,
  checkDuplicates,
  checkGoogleProvider,
  checkKnownKeys,
  checkList,
  checkNumber,
  checkPattern,
  checkProjectId,
  checkRegion,
  checkSubnetRange,
  claim,
  literal,
  projectScope,
} from './validation';

/** The longest network name: NAME-allow-private-services-egress (a firewall) is at most 63. */
export const MAX_NETWORK_NAME = 33;

/**
 * Domains outside googleapis.com that Workbench (JupyterLab proxy, kernels) and image pulls
 * (Artifact Registry, Container Registry) use; with a perimeter they resolve to the restricted
 * VIP (zone id -> domain). Source: terraform-google-enterprise-genai
 * 3-networks-svpc/modules/ml_dns_notebooks, and the VPC-SC docs for Artifact Registry.
 */
const RESTRICTED_SERVICE_DOMAINS: { [zoneId: string]: string } = {
  notebooks: 'notebooks.cloud.google.com.',
  'notebooks-usercontent': 'notebooks.googleusercontent.com.',
  'kernels-usercontent': 'kernels.googleusercontent.com.',
  'pkg-dev': 'pkg.dev.',
  'gcr-io': 'gcr.io.',
};

/** Props of {@link GcpPrivateNetwork}. */
export interface GcpPrivateNetworkProps {
  /** Project of the network. */
  readonly projectId: string;
  /** Region of the subnet. */
  readonly region: string;
  /**
   * Network name.
   * @default 'mlops-vpc'
   */
  readonly networkName?: string;
  /**
   * Primary range of the private subnet.
   * @default '10.10.0.0/20'
   */
  readonly subnetCidr?: string;
  /**
   * Prefix length of the private service access range reserved for Vertex AI private endpoints.
   * @default 16
   */
  readonly privateServiceAccessPrefixLength?: number;
  /**
   * Route Google APIs through restricted.googleapis.com (true, use with a VPC-SC perimeter) or
   * private.googleapis.com (false), with a private DNS zone for googleapis.com.
   * @default true
   */
  readonly restrictedGoogleApis?: boolean;
  /**
   * Service accounts (emails) of the instances that IAP SSH may reach (Workbench instances). The
   * IAP SSH ingress rule targets only these; without any, the rule is created disabled.
   * @default - none (IAP SSH disabled)
   */
  readonly iapSshTargetServiceAccounts?: string[];
  /**
   * Create a Cloud Router + Cloud NAT for egress to the internet (e.g. pip installs).
   * @default false
   */
  readonly cloudNat?: boolean;
  /**
   * Flow log sampling (0-1].
   * @default 0.5
   */
  readonly flowLogSampling?: number;
  /**
   * Resources the network waits for (enabled APIs).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

const PROPS_KEYS: { [K in keyof Required<GcpPrivateNetworkProps>]: true } = {
  projectId: true,
  region: true,
  networkName: true,
  subnetCidr: true,
  privateServiceAccessPrefixLength: true,
  restrictedGoogleApis: true,
  iapSshTargetServiceAccounts: true,
  cloudNat: true,
  flowLogSampling: true,
  dependsOn: true,
};

/**
 * Private network for the platform (X-05, GCP-08): custom-mode VPC, a private subnet with
 * Private Google Access and flow logs, default-deny ingress and egress firewalls (egress open
 * only to the Google APIs VIP on 443), restricted/private googleapis.com routing and DNS (with
 * the Workbench and registry domains when restricted), IAP SSH only to the listed service accounts,
 * optional Cloud NAT, and a private service access range + peering for Vertex AI private endpoints.
 */
export class GcpPrivateNetwork extends Construct {
  /** The VPC. */
  public readonly network: ComputeNetwork;
  /** The private subnet. */
  public readonly subnetwork: ComputeSubnetwork;
  /** Firewalls by name. */
  public readonly firewalls: { [name: string]: ComputeFirewall } = {};
  /** Route to the Google APIs VIP. */
  public readonly apiRoute: ComputeRoute;
  /** Private DNS zone for googleapis.com. */
  public readonly apiZone: DnsManagedZone;
  /** DNS records of the googleapis.com zone. */
  public readonly apiRecords: DnsRecordSet[] = [];
  /**
   * Private zones that send the other Google domains Workbench and image pulls use
   * (notebooks.cloud.google.com, notebooks/kernels.googleusercontent.com, pkg.dev, gcr.io) to the
   * restricted VIP, by domain (with restrictedGoogleApis only).
   */
  public readonly serviceZones: { [domain: string]: DnsManagedZone } = {};
  /** Private service access range. */
  public readonly privateServiceRange: ComputeGlobalAddress;
  /** Service networking peering (Vertex AI private endpoints). */
  public readonly privateServiceConnection: ServiceNetworkingConnection;
  /** Cloud Router, when Cloud NAT is on. */
  public readonly router?: ComputeRouter;
  /** Cloud NAT, when on. */
  public readonly nat?: ComputeRouterNat;
  /** Default route to the internet, only with Cloud NAT. */
  public readonly internetRoute?: ComputeRoute;
  /** The network name. */
  public readonly networkName: string;

  constructor(scope: Construct, id: string, props: GcpPrivateNetworkProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const name = props.networkName ?? 'mlops-vpc';
    const cidr = props.subnetCidr ?? NETWORK_DEFAULTS.subnetCidr;
    const pscPrefix =
      props.privateServiceAccessPrefixLength ?? NETWORK_DEFAULTS.privateServiceAccessPrefix;
    const sampling = props.flowLogSampling ?? NETWORK_DEFAULTS.flowLogSampling;
    const v = new Validator(this);
    checkGoogleProvider(this, v);
    checkKnownKeys(v, '', props, PROPS_KEYS);
    checkProjectId(v, 'projectId', props.projectId);
    checkRegion(v, 'region', props.region, {
      literal: 'it forms the subnet name and places the subnet',
    });
    // the longest derived name is NAME-allow-private-services-egress (a firewall), at most 63
    checkPattern(
      v,
      'networkName',
      name,
      /^[a-z]([-a-z0-9]{0,31}[a-z0-9])?$/,
      `1-${MAX_NETWORK_NAME} lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (the names derived from it, such as NAME-allow-private-services-egress, are at most 63 characters)`,
      { literal: 'it forms the names of the network, subnet, firewalls, routes and DNS zones' },
    );
    checkSubnetRange(v, 'subnetCidr', cidr, 1, 'the platform instances');
    checkNumber(v, 'privateServiceAccessPrefixLength', pscPrefix, 8, 24, {
      unit: '(the private service access range is a /24 or larger)',
    });
    checkNumber(v, 'flowLogSampling', sampling, 0, 1, { fraction: true });
    if (typeof sampling === 'number' && sampling === 0)
      v.add('flowLogSampling', sampling, 'a number in (0, 1]: flow logs are required (GCP-08)');
    checkBoolean(v, 'restrictedGoogleApis', props.restrictedGoogleApis);
    checkBoolean(v, 'cloudNat', props.cloudNat);
    if (checkList(v, 'iapSshTargetServiceAccounts', props.iapSshTargetServiceAccounts, 'e-mails')) {
      (props.iapSshTargetServiceAccounts ?? []).forEach((e, i) =>
        checkPattern(
          v,
          `iapSshTargetServiceAccounts[${i}]`,
          e,
          /^[a-z0-9-]+@[a-z0-9-]+\.iam\.gserviceaccount\.com$|^[^@\s:]+@[^@\s]+\.gserviceaccount\.com$/,
          'a service account e-mail (NAME@PROJECT.iam.gserviceaccount.com), no prefix',
        ),
      );
      checkDuplicates(
        v,
        'iapSshTargetServiceAccounts',
        props.iapSshTargetServiceAccounts,
        (e) => literal(e)?.toLowerCase(),
        'a service account',
      );
    }
    checkList(v, 'dependsOn', props.dependsOn, 'resources');
    v.throwIfInvalid();
    const project = projectScope(props.projectId);
    const regional = projectScope(props.projectId, ` region ${props.region}`);
    claim(this, 'VPC network', project, name, 'networkName');
    claim(this, 'subnetwork', regional, `${name}-${props.region}`, 'networkName');
    const nat = props.cloudNat ?? false;
    for (const suffix of ['google-apis', ...(nat ? ['internet'] : [])])
      claim(this, 'route', project, `${name}-${suffix}`, 'networkName');
    claim(this, 'global address', project, `${name}-psa`, 'networkName');
    const zones =
      (props.restrictedGoogleApis ?? true) ? Object.keys(RESTRICTED_SERVICE_DOMAINS) : [];
    for (const zid of ['googleapis', ...zones])
      claim(this, 'Cloud DNS managed zone', project, `${name}-${zid}`, 'networkName');
    if (nat) claim(this, 'Cloud Router', regional, `${name}-router`, 'networkName');

    this.networkName = name;
    const deps = props.dependsOn ?? [];
    this.network = new ComputeNetwork(this, 'network', {
      project: props.projectId,
      name,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      deleteDefaultRoutesOnCreate: true,
      dependsOn: deps,
    });
    this.subnetwork = new ComputeSubnetwork(this, 'subnet', {
      project: props.projectId,
      name: `${name}-${props.region}`,
      region: props.region,
      network: this.network.id,
      ipCidrRange: cidr,
      privateIpGoogleAccess: true,
      logConfig: {
        aggregationInterval: NETWORK_DEFAULTS.flowLogInterval,
        flowSampling: sampling,
        metadata: 'INCLUDE_ALL_METADATA',
      },
    });
    const restricted = props.restrictedGoogleApis ?? true;
    const vip = restricted ? RESTRICTED_VIP_CIDR : PRIVATE_VIP_CIDR;
    const fw = (
      fid: string,
      cfg: Omit<ConstructorParameters<typeof ComputeFirewall>[2], 'project' | 'network' | 'name'>,
    ): void => {
      claim(this, 'firewall rule', projectScope(props.projectId), `${name}-${fid}`, 'networkName');
      this.firewalls[fid] = new ComputeFirewall(this, fid, {
        project: props.projectId,
        network: this.network.id,
        name: `${name}-${fid}`,
        logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
        ...cfg,
      });
    };
    fw('deny-all-ingress', {
      direction: 'INGRESS',
      priority: 65534,
      sourceRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    });
    fw('deny-all-egress', {
      direction: 'EGRESS',
      priority: 65534,
      destinationRanges: ['0.0.0.0/0'],
      deny: [{ protocol: 'all' }],
    });
    fw('allow-google-apis-egress', {
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [vip],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
    const sshTargets = props.iapSshTargetServiceAccounts ?? [];
    fw('allow-iap-ssh-ingress', {
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: ['35.235.240.0/20'],
      allow: [{ protocol: 'tcp', ports: ['22'] }],
      targetServiceAccounts: sshTargets.length > 0 ? sshTargets : undefined,
      disabled: sshTargets.length === 0,
    });
    fw('allow-internal-egress', {
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [cidr],
      allow: [{ protocol: 'all' }],
    });
    this.apiRoute = new ComputeRoute(this, 'google-apis-route', {
      project: props.projectId,
      name: `${name}-google-apis`,
      network: this.network.id,
      destRange: vip,
      nextHopGateway: 'default-internet-gateway',
      priority: 1000,
    });
    const host = restricted ? 'restricted.googleapis.com.' : 'private.googleapis.com.';
    const ips = restricted
      ? ['199.36.153.4', '199.36.153.5', '199.36.153.6', '199.36.153.7']
      : ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];
    this.apiZone = new DnsManagedZone(this, 'googleapis-zone', {
      project: props.projectId,
      name: `${name}-googleapis`,
      dnsName: 'googleapis.com.',
      visibility: 'private',
      description: `Routes Google APIs to ${host} (GCP-08)`,
      privateVisibilityConfig: { networks: [{ networkUrl: this.network.id }] },
      dependsOn: deps,
    });
    this.apiRecords.push(
      new DnsRecordSet(this, 'googleapis-a', {
        project: props.projectId,
        managedZone: this.apiZone.name,
        name: host,
        type: 'A',
        ttl: 300,
        rrdatas: ips,
      }),
      new DnsRecordSet(this, 'googleapis-cname', {
        project: props.projectId,
        managedZone: this.apiZone.name,
        name: '*.googleapis.com.',
        type: 'CNAME',
        ttl: 300,
        rrdatas: [host],
      }),
    );
    if (restricted) {
      // Workbench's JupyterLab proxy and kernels, and image pulls, use domains outside
      // googleapis.com; inside a perimeter they must resolve to the restricted VIP too.
      for (const [zid, domain] of Object.entries(RESTRICTED_SERVICE_DOMAINS)) {
        const zone = new DnsManagedZone(this, `${zid}-zone`, {
          project: props.projectId,
          name: `${name}-${zid}`,
          dnsName: domain,
          visibility: 'private',
          description: `Routes ${domain} to ${host} (GCP-08)`,
          privateVisibilityConfig: { networks: [{ networkUrl: this.network.id }] },
          dependsOn: deps,
        });
        this.serviceZones[domain] = zone;
        this.apiRecords.push(
          new DnsRecordSet(this, `${zid}-a`, {
            project: props.projectId,
            managedZone: zone.name,
            name: domain,
            type: 'A',
            ttl: 300,
            rrdatas: ips,
          }),
          new DnsRecordSet(this, `${zid}-cname`, {
            project: props.projectId,
            managedZone: zone.name,
            name: `*.${domain}`,
            type: 'CNAME',
            ttl: 300,
            rrdatas: [domain],
          }),
        );
      }
    }
    if (props.cloudNat ?? false) {
      this.router = new ComputeRouter(this, 'router', {
        project: props.projectId,
        name: `${name}-router`,
        region: props.region,
        network: this.network.id,
      });
      this.nat = new ComputeRouterNat(this, 'nat', {
        project: props.projectId,
        name: `${name}-nat`,
        region: props.region,
        router: this.router.name,
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
        subnetwork: [{ name: this.subnetwork.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
        logConfig: { enable: true, filter: 'ERRORS_ONLY' },
      });
      this.internetRoute = new ComputeRoute(this, 'internet-route', {
        project: props.projectId,
        name: `${name}-internet`,
        network: this.network.id,
        destRange: '0.0.0.0/0',
        nextHopGateway: 'default-internet-gateway',
        priority: 2000,
      });
      fw('allow-nat-egress', {
        direction: 'EGRESS',
        priority: 2000,
        destinationRanges: ['0.0.0.0/0'],
        allow: [{ protocol: 'tcp', ports: ['443'] }],
      });
    }
    this.privateServiceRange = new ComputeGlobalAddress(this, 'private-service-range', {
      project: props.projectId,
      name: `${name}-psa`,
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      prefixLength: pscPrefix,
      network: this.network.id,
    });
    fw('allow-private-services-egress', {
      direction: 'EGRESS',
      priority: 1000,
      destinationRanges: [`${this.privateServiceRange.address}/${pscPrefix}`],
      allow: [{ protocol: 'tcp', ports: ['443', '8080'] }],
    });
    this.privateServiceConnection = new ServiceNetworkingConnection(
      this,
      'private-service-connection',
      {
        network: this.network.id,
        service: 'servicenetworking.googleapis.com',
        reservedPeeringRanges: [this.privateServiceRange.name],
        deletionPolicy: 'ABANDON',
      },
    );
  }

  /**
   * Lets IAP SSH reach the instances running as these service accounts (adds them to the IAP
   * SSH rule's targets and enables it).
   */
  public allowIapSshTo(serviceAccountEmails: string[]): void {
    if (serviceAccountEmails.length === 0) return;
    const rule = this.firewalls['allow-iap-ssh-ingress'];
    rule.targetServiceAccounts = [
      ...(rule.targetServiceAccountsInput ?? []),
      ...serviceAccountEmails,
    ];
    rule.disabled = false;
  }
}
