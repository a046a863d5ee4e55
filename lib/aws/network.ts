import { Construct } from 'constructs';
import { Annotations, Fn, Lazy } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsPrefixList } from '@cdktf/provider-aws/lib/data-aws-prefix-list';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { isUnresolved, Validator } from '../core/errors';
import { applyRemovalPolicy, RemovalPolicy } from '../core/removal-policy';
import { CapacityPlanner, CapacityPlannerProps } from './capacity-planner';
import {
  ecrLayerBucketArn,
  endpointServiceName,
  flowLogGroupName,
  logGroupRemovalOverrides,
  S3_GATEWAY_BUCKET_ACTIONS,
  secureFlowLogSettings,
  secureVpcSettings,
} from './defaults';
import { awsEnv, AwsEnv } from './env';
import { ResolvedPrivateNetworkProps, resolvePrivateNetworkProps } from './network-resolve';
import { policyDocument, Statement, trustPolicy } from './policy';
import { accountId as checkAccountId } from './validation';

/** Network settings shared by {@link PrivateNetwork} and the platform constructs (create or bring your own). */
export interface NetworkProps {
  /**
   * CIDR of a VPC to create. Ignored when `vpcId` is given.
   * @default '10.20.0.0/20'
   */
  readonly vpcCidr?: string;
  /**
   * Number of Availability Zones (private subnets) of a created VPC (at least 2).
   * @default 3
   */
  readonly availabilityZoneCount?: number;
  /**
   * Availability Zone names for a created VPC.
   * @default - the first `availabilityZoneCount` available zones, by name, in which every
   * interface endpoint service of the network is offered (aws_availability_zones and
   * aws_vpc_endpoint_service data sources); with fewer such zones than subnets, zones repeat.
   * The zones are chosen when the subnets are created, and kept (`ignore_changes`) when the data
   * later says otherwise (an impaired zone, a service offered in another zone).
   */
  readonly availabilityZones?: string[];
  /**
   * Prefix length of the created private subnets.
   * @default - the capacity planner's recommendation
   */
  readonly subnetPrefixLength?: number;
  /**
   * Expected concurrent users, for capacity planning (AWS-03). Shortcut for `capacity.users`.
   * @default 100
   */
  readonly expectedUsers?: number;
  /**
   * Full capacity-planning inputs (AWS-03).
   * @default - `expectedUsers` with the planner's defaults
   */
  readonly capacity?: CapacityPlannerProps;
  /**
   * Existing VPC id (bring your own network).
   * @default - a VPC is created
   */
  readonly vpcId?: string;
  /**
   * Existing private subnet ids, in at least two AZs (with `vpcId`).
   * @default - created
   */
  readonly subnetIds?: string[];
  /**
   * CIDRs of the existing subnets, in the same order, for the capacity and overlap checks.
   * @default - not checked (a warning is added)
   */
  readonly subnetCidrs?: string[];
  /**
   * Availability Zones of the existing subnets, for the two-AZ check.
   * @default - not checked beyond the subnet count
   */
  readonly subnetAvailabilityZones?: string[];
  /**
   * Route table ids of the existing subnets, for the S3 gateway endpoint.
   * @default - no S3 gateway endpoint for an existing VPC (a warning is added)
   */
  readonly routeTableIds?: string[];
  /**
   * CIDR of the existing VPC (for NFS egress rules).
   * @default - unknown
   */
  readonly existingVpcCidr?: string;
  /**
   * Create the interface VPC endpoints (AWS-02). Set false when a shared network (e.g. a
   * PrivateNetwork in a network stack) already provides them; then pass its
   * `endpointSecurityGroupId` so the platform's security groups can reach them.
   * @default true
   */
  readonly createEndpoints?: boolean;
  /**
   * Create the S3 gateway endpoint (on the created route table, or on `routeTableIds`), with a
   * policy that admits only the buckets registered with `allowS3Bucket`. A network stack shared
   * by platforms in other stacks sets it false and lets each platform stack create the gateway
   * endpoint for its own buckets.
   * @default - the value of `createEndpoints`
   */
  readonly createS3GatewayEndpoint?: boolean;
  /**
   * Security group of existing interface endpoints (with `createEndpoints: false`): the
   * platform admits HTTPS from its security groups on it and opens egress to it.
   * @default - none (no HTTPS path to endpoints is created; a warning is added)
   */
  readonly endpointSecurityGroupId?: string;
  /**
   * AWS Organizations id: endpoint policies admit principals of the organization
   * (`aws:PrincipalOrgID`) instead of only the account (`aws:PrincipalAccount`).
   * @default - the account only
   */
  readonly organizationId?: string;
  /**
   * Interface endpoint service suffixes added to the required ones (e.g. 'sagemaker.featurestore-runtime', 'ssm').
   * @default - none
   */
  readonly additionalInterfaceEndpoints?: string[];
  /**
   * Create VPC flow logs to a KMS-encrypted log group (AWS-27).
   * @default true
   */
  readonly flowLogs?: boolean;
}

/** Props of {@link PrivateNetwork}. */
export interface PrivateNetworkProps extends NetworkProps {
  /** KMS key ARN encrypting the flow-log group (its policy must admit CloudWatch Logs). */
  readonly kmsKeyArn: string;
  /**
   * Log retention in days.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Account id.
   * @default - the aws_caller_identity data source
   */
  readonly accountId?: string;
  /**
   * Region.
   * @default - the stack's AWS provider region, else the aws_region data source
   */
  readonly region?: string;
  /**
   * What happens to the flow-log group on destroy.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Bucket ARNs the S3 gateway endpoint policy admits from the start, buckets of the network's
   * account (`accountId`): the policy binds them to it with `aws:ResourceAccount`. More can be
   * added with `allowS3Bucket`, also buckets of another account.
   * @default - none
   */
  readonly allowedS3BucketArns?: string[];
}

/**
 * A private network for SageMaker Studio in VpcOnly mode (AWS-01, AWS-02, AWS-03, AWS-27):
 * private subnets only (no internet or NAT gateway), the default security group emptied,
 * interface endpoints with private DNS for SageMaker API/runtime/Studio, STS, Logs, KMS, ECR
 * and EFS, an S3 gateway endpoint whose policy admits only the platform's buckets (bound to their
 * owning account with `aws:ResourceAccount`) and the ECR layer bucket, an endpoint
 * security group that admits 443 only from admitted (Studio) security groups, and flow logs.
 * Or the same endpoints and checks around an existing VPC.
 */
export class PrivateNetwork extends Construct {
  /** VPC id. */
  public readonly vpcId: string;
  /** Private subnet ids. */
  public readonly subnetIds: string[];
  /** The created VPC. */
  public readonly vpc?: Vpc;
  /** The created subnets. */
  public readonly subnets: Subnet[] = [];
  /** The created route table. */
  public readonly routeTable?: RouteTable;
  /** CIDR of the VPC, when known. */
  public readonly vpcCidr?: string;
  /** The capacity plan (AWS-03). */
  public readonly capacity: CapacityPlanner;
  /** Security group of the interface endpoints, when created here. */
  public readonly endpointSecurityGroup?: SecurityGroup;
  /** Id of the interface endpoints' security group (created here or given). */
  public readonly endpointSecurityGroupId?: string;
  /** Interface endpoints by service suffix. */
  public readonly interfaceEndpoints: { [suffix: string]: VpcEndpoint } = {};
  /** S3 gateway endpoint. */
  public readonly s3Endpoint?: VpcEndpoint;
  /** Flow-log group. */
  public readonly flowLogGroup?: CloudwatchLogGroup;
  /** Flow log. */
  public readonly flowLog?: FlowLog;
  /** Region used in endpoint service names. */
  public readonly region: string;
  private readonly env: AwsEnv;
  /** Bucket and object ARNs admitted by the S3 gateway endpoint, by owning account. */
  private readonly s3Resources = new Map<string, string[]>();
  private readonly organizationId?: string;
  private admitted = 0;
  private s3PrefixList?: string;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    const r = resolvePrivateNetworkProps(this, props);
    this.env = awsEnv(this, r.props.accountId, r.props.region);
    this.region = this.env.region;
    this.organizationId = r.props.organizationId;
    for (const bucketArn of r.allowedS3BucketArns) this.allowS3Bucket(bucketArn);
    this.capacity = r.capacity;
    this.vpcCidr = r.vpcCidr;
    if (r.props.vpcId !== undefined) {
      this.vpcId = r.props.vpcId;
      this.subnetIds = r.props.subnetIds ?? [];
    } else {
      const { vpc, routeTable } = this.buildVpc(r);
      this.vpc = vpc;
      this.routeTable = routeTable;
      this.vpcId = vpc.id;
      this.subnetIds = this.subnets.map((s) => s.id);
    }
    if (r.createEndpoints) {
      this.endpointSecurityGroup = this.buildInterfaceEndpoints(r);
      this.endpointSecurityGroupId = this.endpointSecurityGroup.id;
    } else {
      this.endpointSecurityGroupId = r.props.endpointSecurityGroupId;
      if (r.props.endpointSecurityGroupId === undefined) {
        Annotations.of(this).addWarning(
          'createEndpoints is false and no endpointSecurityGroupId is given: Studio security groups get no HTTPS path to the VPC endpoints (AWS-02)',
        );
      }
    }
    if (r.createS3GatewayEndpoint) this.s3Endpoint = this.buildS3GatewayEndpoint(r);
    if (r.flowLogs)
      ({ flowLogGroup: this.flowLogGroup, flowLog: this.flowLog } = this.buildFlowLogs(r));
  }

  /** A VPC without internet access: private subnets, one route table, the default SG emptied (AWS-01). */
  private buildVpc(r: ResolvedPrivateNetworkProps): { vpc: Vpc; routeTable: RouteTable } {
    const vpc = new Vpc(this, 'vpc', { cidrBlock: r.vpcCidr!, ...secureVpcSettings() });
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: vpc.id, ingress: [], egress: [] });
    const cidrs = r.subnetCidrs;
    const computedZones = r.props.availabilityZones === undefined;
    const azs = r.props.availabilityZones ?? this.endpointZones(r, cidrs.length);
    const routeTable = new RouteTable(this, 'private-rt', { vpcId: vpc.id });
    cidrs.forEach((c, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: vpc.id,
        cidrBlock: c,
        availabilityZone: azs[i],
        mapPublicIpOnLaunch: false,
        // Computed zones are read from live data at every plan (zones offered, zones
        // `available` now: an impaired zone drops out of the list and shifts the others); a
        // subnet's zone never changes in place, so a shift would replace the subnets and the
        // domain in them. The zone chosen at creation stays.
        lifecycle: computedZones ? { ignoreChanges: ['availability_zone'] } : undefined,
      });
      new RouteTableAssociation(this, `private-${i}-rt`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      this.subnets.push(subnet);
    });
    return { vpc, routeTable };
  }

  /**
   * The zones of the subnets when none are given: the first available zones (by name) in which
   * every interface endpoint service of the network is offered. An interface endpoint fails to
   * create in a subnet of a zone its service does not support, and not every service is offered
   * in every zone of a Region (nor in Local Zones, which the zone list includes when opted in).
   */
  private endpointZones(r: ResolvedPrivateNetworkProps, count: number): string[] {
    const zones = new DataAwsAvailabilityZones(this, 'azs', { state: 'available' });
    const offered = r.createEndpoints
      ? r.interfaceEndpoints.map(
          (suffix) =>
            new DataAwsVpcEndpointService(this, `service-${suffix.replace(/\./g, '-')}`, {
              serviceName: endpointServiceName(this.env.region, suffix),
              serviceType: 'Interface',
            }).availabilityZones,
        )
      : [];
    // a set of strings is ordered by value, as the zone names are: with every zone offered,
    // the zones are those of the plain list
    const names =
      offered.length > 0 ? Fn.sort(Fn.setintersection(zones.names, offered)) : zones.names;
    return Array.from({ length: count }, (_, i) => Fn.element(names, i));
  }

  /** Interface endpoints with private DNS behind their own security group (AWS-02). */
  private buildInterfaceEndpoints(r: ResolvedPrivateNetworkProps): SecurityGroup {
    const endpointSecurityGroup = new SecurityGroup(this, 'endpoint-sg', {
      vpcId: this.vpcId,
      description: 'VPC interface endpoints: HTTPS from admitted Studio security groups only',
      revokeRulesOnDelete: true,
    });
    for (const suffix of r.interfaceEndpoints) {
      this.interfaceEndpoints[suffix] = new VpcEndpoint(
        this,
        `endpoint-${suffix.replace(/\./g, '-')}`,
        {
          vpcId: this.vpcId,
          serviceName: endpointServiceName(this.env.region, suffix),
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: this.subnetIds,
          securityGroupIds: [endpointSecurityGroup.id],
          // The Studio endpoint carries the browser session (presigned URL or Identity
          // Center), not SigV4 calls with a principal; it keeps the default full-access policy.
          policy: suffix === 'studio' ? undefined : this.interfaceEndpointPolicy(),
        },
      );
    }
    return endpointSecurityGroup;
  }

  /** The S3 gateway endpoint, whose policy admits only the platform's buckets (AWS-02). */
  private buildS3GatewayEndpoint(r: ResolvedPrivateNetworkProps): VpcEndpoint | undefined {
    const routeTables = this.routeTable ? [this.routeTable.id] : r.props.routeTableIds;
    if (!routeTables || routeTables.length === 0) {
      Annotations.of(this).addWarning(
        'routeTableIds not given for an existing VPC: no S3 gateway endpoint created (AWS-02)',
      );
      return undefined;
    }
    return new VpcEndpoint(this, 'endpoint-s3', {
      vpcId: this.vpcId,
      serviceName: `com.amazonaws.${this.env.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: routeTables,
      policy: Lazy.stringValue({ produce: () => this.s3EndpointPolicy() }),
    });
  }

  /** VPC flow logs to a KMS-encrypted log group (AWS-27). */
  private buildFlowLogs(r: ResolvedPrivateNetworkProps): {
    flowLogGroup: CloudwatchLogGroup;
    flowLog: FlowLog;
  } {
    const flowLogGroup = new CloudwatchLogGroup(this, 'flow-logs', {
      name: flowLogGroupName(this.node.path),
      kmsKeyId: r.props.kmsKeyArn,
      retentionInDays: r.logRetentionDays,
    });
    applyRemovalPolicy(flowLogGroup, r.props.removalPolicy, logGroupRemovalOverrides());
    const role = new IamRole(this, 'flow-logs-role', {
      assumeRolePolicy: trustPolicy({
        services: ['vpc-flow-logs.amazonaws.com'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.env.account } },
      }),
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [flowLogGroup.arn, `${flowLogGroup.arn}:*`],
        },
        {
          Sid: 'DescribeLogGroups',
          Effect: 'Allow',
          Action: ['logs:DescribeLogGroups'],
          Resource: '*',
        },
      ]),
    });
    const flowLog = new FlowLog(this, 'flow-log', {
      vpcId: this.vpcId,
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogGroup.arn,
      iamRoleArn: role.arn,
      ...secureFlowLogSettings(),
    });
    return { flowLogGroup, flowLog };
  }

  /**
   * Admits HTTPS from a security group (e.g. Studio's) to the interface endpoints, created here
   * or given as `endpointSecurityGroupId` (the rule then lives in this stack).
   */
  public admitToEndpoints(securityGroupId: string, description?: string): void {
    if (!this.endpointSecurityGroupId) return;
    new VpcSecurityGroupIngressRule(this, `endpoint-ingress-${this.admitted++}`, {
      securityGroupId: this.endpointSecurityGroupId,
      referencedSecurityGroupId: securityGroupId,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: description ?? 'HTTPS from Studio',
    });
  }

  /**
   * Adds egress rules to a security group: HTTPS to the interface endpoints and to S3 (the
   * gateway endpoint's prefix list, or the regional S3 prefix list when the gateway endpoint
   * lives elsewhere), NFS to the VPC (EFS).
   */
  public allowEgressToEndpoints(scope: Construct, securityGroupId: string): void {
    if (this.endpointSecurityGroupId) {
      new VpcSecurityGroupEgressRule(scope, 'egress-endpoints', {
        securityGroupId,
        referencedSecurityGroupId: this.endpointSecurityGroupId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: 'HTTPS to VPC interface endpoints',
      });
    }
    new VpcSecurityGroupEgressRule(scope, 'egress-s3', {
      securityGroupId,
      prefixListId: this.s3PrefixListId(),
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      description: 'HTTPS to S3 through the gateway endpoint',
    });
    if (this.vpcCidr) {
      new VpcSecurityGroupEgressRule(scope, 'egress-nfs', {
        securityGroupId,
        cidrIpv4: this.vpcCidr,
        ipProtocol: 'tcp',
        fromPort: 2049,
        toPort: 2049,
        description: 'NFS to the domain EFS mount targets',
      });
    }
  }

  /** The S3 prefix list id: the gateway endpoint's, else the region's managed prefix list. */
  private s3PrefixListId(): string {
    if (this.s3Endpoint) return this.s3Endpoint.prefixListId;
    if (!this.s3PrefixList) {
      this.s3PrefixList = new DataAwsPrefixList(this, 's3-prefix-list', {
        name: `com.amazonaws.${this.env.region}.s3`,
      }).id;
    }
    return this.s3PrefixList;
  }

  /**
   * Admits a bucket (ARN) in the S3 gateway endpoint policy, to principals of the account (or
   * organization), and only while the bucket belongs to the account that owns it
   * (`aws:ResourceAccount`): bucket names are global, so a name alone would also admit a bucket
   * that someone else registered under it. Buckets of the network's account go to the
   * `PlatformBuckets` statement; a bucket of another account (e.g. a shared data-lake bucket)
   * goes to a statement of its own, `BucketsOfAccount<account>`, bound to that account.
   *
   * @param bucketArn The bucket's ARN.
   * @param accountId The 12-digit id of the account that owns the bucket. When omitted, the
   * network's account (`accountId` of the props, else the aws_caller_identity data source).
   */
  public allowS3Bucket(bucketArn: string, accountId?: string): void {
    const v = new Validator(this);
    checkAccountId(v, 'allowS3Bucket.accountId', accountId, true, false);
    v.throwIfInvalid();
    const owner = accountId ?? this.env.account;
    const resources = this.s3Resources.get(owner) ?? [];
    resources.push(bucketArn, `${bucketArn}/*`);
    this.s3Resources.set(owner, resources);
  }

  /** The condition that admits only principals of the account (or organization). */
  private principalPerimeter(): { [key: string]: string } {
    return this.organizationId
      ? { 'aws:PrincipalOrgID': this.organizationId }
      : { 'aws:PrincipalAccount': this.env.account };
  }

  /**
   * Interface endpoint policy (data perimeter): any action, but only by principals of the
   * account or organization. (AWS services call each other on AWS's network, not through these
   * endpoints.)
   */
  private interfaceEndpointPolicy(): string {
    return policyDocument([
      {
        Sid: 'PrincipalsOfTheAccount',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: this.principalPerimeter() },
      },
    ]);
  }

  /**
   * The S3 gateway endpoint policy (data perimeter): the admitted buckets, to principals of the
   * account (or organization), each statement bound to the account that owns its buckets with
   * `aws:ResourceAccount` (AWS data perimeter guidance: an identity perimeter and a resource
   * perimeter on the same endpoint); no bucket statement while none is admitted. The ECR layer
   * bucket is owned by AWS, so its statement carries no account condition.
   */
  private s3EndpointPolicy(): string {
    const statements: Statement[] = [];
    let other = 0;
    // the network's own buckets first, then other accounts' in the order they were admitted
    const owners = [...this.s3Resources.keys()].sort(
      (a, b) => Number(a !== this.env.account) - Number(b !== this.env.account),
    );
    for (const owner of owners) {
      const resources = this.s3Resources.get(owner)!;
      const sid =
        owner === this.env.account
          ? 'PlatformBuckets'
          : `BucketsOfAccount${isUnresolved(owner) ? ++other : owner}`;
      statements.push({
        Sid: sid,
        Effect: 'Allow',
        Principal: '*',
        Action: S3_GATEWAY_BUCKET_ACTIONS,
        Resource: resources,
        Condition: {
          StringEquals: { ...this.principalPerimeter(), 'aws:ResourceAccount': owner },
        },
      });
    }
    statements.push({
      // Amazon ECR stores image layers in this AWS-owned bucket; ECR's presigned URLs sign the
      // downloads, so neither the principal nor the bucket is of the platform's account.
      // https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
      Sid: 'EcrImageLayers',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject'],
      Resource: [`${ecrLayerBucketArn(this.env.partition, this.env.region)}/*`],
    });
    return policyDocument(statements);
  }
}
