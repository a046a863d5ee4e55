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
import { requireProps } from '../core/errors';
import {
  FirewallRuleDefaults,
  NETWORK_DEFAULTS,
  googleApisVip,
  natEgressFirewall,
  privateNetworkFirewalls,
  privateServicesEgressFirewall,
} from './defaults';
import {
  checkBoolean,
  checkDuplicates,
  checkList,
  checkNumber,
  checkPattern,
  checkRegion,
  checkSubnetRange,
  claim,
  literal,
  openProjectValidation,
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

/** The resolved configuration of a {@link GcpPrivateNetwork}. */
interface ResolvedNetwork {
  readonly projectId: string;
  readonly region: string;
  readonly name: string;
  readonly cidr: string;
  readonly pscPrefix: number;
  readonly sampling: number;
  readonly restricted: boolean;
  readonly nat: boolean;
  readonly sshTargets: string[];
  readonly deps: ITerraformDependable[];
}

/** Validates the props of a GcpPrivateNetwork (one ValidationError) and resolves their defaults. */
function resolveNetworkProps(scope: Construct, props: GcpPrivateNetworkProps): ResolvedNetwork {
  const name = props.networkName ?? NETWORK_DEFAULTS.networkName;
  const cidr = props.subnetCidr ?? NETWORK_DEFAULTS.subnetCidr;
  const pscPrefix =
    props.privateServiceAccessPrefixLength ?? NETWORK_DEFAULTS.privateServiceAccessPrefix;
  const sampling = props.flowLogSampling ?? NETWORK_DEFAULTS.flowLogSampling;
  const v = openProjectValidation(scope, props, PROPS_KEYS);
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
  return {
    projectId: props.projectId,
    region: props.region,
    name,
    cidr,
    pscPrefix,
    sampling,
    restricted: props.restrictedGoogleApis ?? true,
    nat: props.cloudNat ?? false,
    sshTargets: props.iapSshTargetServiceAccounts ?? [],
    deps: props.dependsOn ?? [],
  };
}

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
    const r = resolveNetworkProps(this, props);
    this.claimNames(r);
    this.networkName = r.name;
    this.network = new ComputeNetwork(this, 'network', {
      project: r.projectId,
      name: r.name,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      deleteDefaultRoutesOnCreate: true,
      dependsOn: r.deps,
    });
    this.subnetwork = new ComputeSubnetwork(this, 'subnet', {
      project: r.projectId,
      name: `${r.name}-${r.region}`,
      region: r.region,
      network: this.network.id,
      ipCidrRange: r.cidr,
      privateIpGoogleAccess: true,
      logConfig: {
        aggregationInterval: NETWORK_DEFAULTS.flowLogInterval,
        flowSampling: r.sampling,
        metadata: 'INCLUDE_ALL_METADATA',
      },
    });
    const vip = googleApisVip(r.restricted);
    const firewalls = privateNetworkFirewalls({
      vipCidr: vip.cidr,
      subnetCidr: r.cidr,
      sshTargets: r.sshTargets,
    });
    for (const [fid, rule] of Object.entries(firewalls)) this.firewall(r, fid, rule);
    this.apiRoute = this.route(r, 'google-apis-route', 'google-apis', vip.cidr, 1000);
    this.apiZone = this.privateZone(r, 'googleapis', 'googleapis.com.', vip, 'googleapis');
    if (r.restricted) {
      // Workbench's JupyterLab proxy and kernels, and image pulls, use domains outside
      // googleapis.com; inside a perimeter they must resolve to the restricted VIP too.
      for (const [zid, domain] of Object.entries(RESTRICTED_SERVICE_DOMAINS))
        this.serviceZones[domain] = this.privateZone(r, zid, domain, vip);
    }
    if (r.nat) {
      ({ router: this.router, nat: this.nat } = this.buildNat(r));
      this.internetRoute = this.route(r, 'internet-route', 'internet', '0.0.0.0/0', 2000);
      this.firewall(r, 'allow-nat-egress', natEgressFirewall());
    }
    this.privateServiceRange = new ComputeGlobalAddress(this, 'private-service-range', {
      project: r.projectId,
      name: `${r.name}-psa`,
      purpose: 'VPC_PEERING',
      addressType: 'INTERNAL',
      prefixLength: r.pscPrefix,
      network: this.network.id,
    });
    const psaRange = `${this.privateServiceRange.address}/${r.pscPrefix}`;
    this.firewall(r, 'allow-private-services-egress', privateServicesEgressFirewall(psaRange));
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

  /** Claims the names the network creates (two networks in one project need different names). */
  private claimNames(r: ResolvedNetwork): void {
    const project = projectScope(r.projectId);
    const regional = projectScope(r.projectId, ` region ${r.region}`);
    claim(this, 'VPC network', project, r.name, 'networkName');
    claim(this, 'subnetwork', regional, `${r.name}-${r.region}`, 'networkName');
    for (const suffix of ['google-apis', ...(r.nat ? ['internet'] : [])])
      claim(this, 'route', project, `${r.name}-${suffix}`, 'networkName');
    claim(this, 'global address', project, `${r.name}-psa`, 'networkName');
    const zones = r.restricted ? Object.keys(RESTRICTED_SERVICE_DOMAINS) : [];
    for (const zid of ['googleapis', ...zones])
      claim(this, 'Cloud DNS managed zone', project, `${r.name}-${zid}`, 'networkName');
    if (r.nat) claim(this, 'Cloud Router', regional, `${r.name}-router`, 'networkName');
  }

  /** A firewall rule NAME-ID, with logging. */
  private firewall(r: ResolvedNetwork, fid: string, rule: FirewallRuleDefaults): void {
    claim(this, 'firewall rule', projectScope(r.projectId), `${r.name}-${fid}`, 'networkName');
    this.firewalls[fid] = new ComputeFirewall(this, fid, {
      project: r.projectId,
      network: this.network.id,
      name: `${r.name}-${fid}`,
      logConfig: { metadata: 'INCLUDE_ALL_METADATA' },
      ...rule,
    });
  }

  /** A route NAME-SUFFIX to the default internet gateway. */
  private route(
    r: ResolvedNetwork,
    cid: string,
    suffix: string,
    destRange: string,
    priority: number,
  ): ComputeRoute {
    return new ComputeRoute(this, cid, {
      project: r.projectId,
      name: `${r.name}-${suffix}`,
      network: this.network.id,
      destRange,
      nextHopGateway: 'default-internet-gateway',
      priority,
    });
  }

  /**
   * A private zone NAME-ZID for a domain, with an A record to the VIP and a wildcard CNAME (to
   * the VIP host for googleapis.com, to the domain otherwise).
   */
  private privateZone(
    r: ResolvedNetwork,
    zid: string,
    domain: string,
    vip: { host: string; ips: string[] },
    recordPrefix?: string,
  ): DnsManagedZone {
    const googleApis = recordPrefix !== undefined;
    const zone = new DnsManagedZone(this, `${zid}-zone`, {
      project: r.projectId,
      name: `${r.name}-${zid}`,
      dnsName: domain,
      visibility: 'private',
      description: `Routes ${googleApis ? 'Google APIs' : domain} to ${vip.host} (GCP-08)`,
      privateVisibilityConfig: { networks: [{ networkUrl: this.network.id }] },
      dependsOn: r.deps,
    });
    const record = (suffix: string, type: string, name: string, rrdatas: string[]) =>
      new DnsRecordSet(this, `${zid}-${suffix}`, {
        project: r.projectId,
        managedZone: zone.name,
        name,
        type,
        ttl: 300,
        rrdatas,
      });
    this.apiRecords.push(
      record('a', 'A', googleApis ? vip.host : domain, vip.ips),
      record('cname', 'CNAME', `*.${domain}`, [googleApis ? vip.host : domain]),
    );
    return zone;
  }

  /** Cloud Router and Cloud NAT (with cloudNat). */
  private buildNat(r: ResolvedNetwork): { router: ComputeRouter; nat: ComputeRouterNat } {
    const router = new ComputeRouter(this, 'router', {
      project: r.projectId,
      name: `${r.name}-router`,
      region: r.region,
      network: this.network.id,
    });
    const nat = new ComputeRouterNat(this, 'nat', {
      project: r.projectId,
      name: `${r.name}-nat`,
      region: r.region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      subnetwork: [{ name: this.subnetwork.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
    return { router, nat };
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
