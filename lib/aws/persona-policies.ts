// Identity policy documents of the persona roles (AWS-10, AWS-11, AWS-18, AWS-24), as plain
// JSON. Resource "*" appears only for actions listed in WILDCARD_RESOURCE_ACTIONS: the actions
// for which AWS offers no resource-level permission (X-03; listed in the README, AWS section).
import { Persona } from '../core/personas';
import { STUDIO_USER_TAG } from './defaults';
import { AwsEnv } from './env';
import {
  denyOnAnyResource,
  denyAppImageConfigChanges,
  iamVar,
  modelVersionArns,
  policyDocument,
  Statement,
} from './policy';

/** The EC2 reads of the network (no resource-level permission). */
const NETWORK_READ_ACTIONS = [
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeRouteTables',
  'ec2:DescribeDhcpOptions',
];

/** Actions that have no resource-level permission, so `Resource: "*"` is the only option. */
export const WILDCARD_RESOURCE_ACTIONS = [
  'sagemaker:ListDomains',
  'sagemaker:ListUserProfiles',
  'sagemaker:ListApps',
  'sagemaker:ListSpaces',
  'sagemaker:ListPipelines',
  'sagemaker:ListModelPackageGroups',
  'sagemaker:ListModelPackages',
  'sagemaker:ListTrainingJobs',
  'sagemaker:ListProcessingJobs',
  'sagemaker:ListEndpoints',
  'sagemaker:ListModels',
  'sagemaker:ListImages',
  'sagemaker:ListAppImageConfigs',
  'sagemaker:ListStudioLifecycleConfigs',
  'ecr:GetAuthorizationToken',
  ...NETWORK_READ_ACTIONS,
  'cloudwatch:PutMetricData',
  'logs:DescribeLogGroups',
  'cloudtrail:LookupEvents',
  'cloudtrail:DescribeTrails',
];

/** What the persona policies refer to. */
export interface PolicyContext {
  readonly env: AwsEnv;
  readonly domainId: string;
  readonly keyArn: string;
  readonly dataBucketArn: string;
  /** Studio execution role of each human persona (team mode), by persona. */
  readonly studioRoleArns: { [persona: string]: string };
  /**
   * ARN prefix of the per-user execution roles, `arn:...:role/secure-mlops/<suffix>/`; a user's
   * role lives under `<prefix><studiouserid>/`.
   */
  readonly userRolePrefix: string;
  readonly pipelineRoleArn: string;
  readonly trainingRoleArn: string;
  readonly deploymentRoleArn: string;
  readonly monitoringRoleArn: string;
  readonly modelPackageGroupArns: string[];
  readonly logGroupArns: string[];
  /** ECR repository ARNs outside the platform account that workloads may pull from. */
  readonly approvedEcrRepositoryArns: string[];
  /** True when users open Studio through presigned URLs (AuthMode.IAM). */
  readonly presignedUrls: boolean;
  readonly auditBucketArn?: string;
  readonly presignedSourceIps?: string[];
  readonly presignedSourceVpces?: string[];
  /** The tenant of the platform (AWS-30), when it is one of several in the account. */
  readonly tenantId?: string;
}

/** The caller's own per-user execution role: its IAM path carries the caller's `studiouserid`. */
function ownUserRole(ctx: PolicyContext): string {
  return `${ctx.userRolePrefix}${iamVar(`aws:PrincipalTag/${STUDIO_USER_TAG}`)}/*`;
}

/** Every per-user execution role (for the platform admin, who creates profiles). */
function allUserRoles(ctx: PolicyContext): string {
  return `${ctx.userRolePrefix}*`;
}

function sm(ctx: PolicyContext, resource: string): string {
  return `arn:${ctx.env.partition}:sagemaker:${ctx.env.region}:${ctx.env.account}:${resource}`;
}

/** A kind of Studio resource of the domain. */
type StudioKind = 'domain' | 'user-profile' | 'space' | 'app';

/** The action that describes each kind of Studio resource. */
const DESCRIBE_ACTIONS: { readonly [kind in StudioKind]: string } = {
  domain: 'sagemaker:DescribeDomain',
  'user-profile': 'sagemaker:DescribeUserProfile',
  space: 'sagemaker:DescribeSpace',
  app: 'sagemaker:DescribeApp',
};

/** The domain itself, or every resource of the kind in the domain. */
function domainResource(ctx: PolicyContext, kind: StudioKind): string {
  return sm(ctx, kind === 'domain' ? `domain/${ctx.domainId}` : `${kind}/${ctx.domainId}/*`);
}

/** An Allow statement to describe the given kinds of Studio resources of the domain, in order. */
function describeStudio(ctx: PolicyContext, sid: string, kinds: StudioKind[]): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: kinds.map((k) => DESCRIBE_ACTIONS[k]),
    Resource: kinds.map((k) => domainResource(ctx, k)),
  };
}

/**
 * An Allow statement with `Resource: "*"`, for actions that have no resource-level permission.
 * Any other action is a programming error (X-03), caught at synth.
 */
function noResourceLevel(sid: string, actions: string | string[]): Statement {
  for (const a of Array.isArray(actions) ? actions : [actions]) {
    if (!WILDCARD_RESOURCE_ACTIONS.includes(a)) {
      throw new Error(`${sid}: ${a} has resource-level permissions; scope it instead of "*"`);
    }
  }
  return { Sid: sid, Effect: 'Allow', Action: actions, Resource: '*' };
}

function passRole(sid: string, roles: string[]): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Action: 'iam:PassRole',
    Resource: roles,
    Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
  };
}

/**
 * The registry resources a grant applies to: the declared model package groups and their
 * versioned packages (`model-package/<group>/<version>`), or, when no group is declared (the
 * groups are created elsewhere), every group and package of the account and region.
 */
function groupResources(ctx: PolicyContext): string[] {
  if (ctx.modelPackageGroupArns.length === 0)
    return [sm(ctx, 'model-package-group/*'), sm(ctx, 'model-package/*')];
  const packages = ctx.modelPackageGroupArns.map(modelVersionArns);
  return [...ctx.modelPackageGroupArns, ...packages];
}

/** The model registry actions that read a model package and its group. */
const READ_MODEL_ACTIONS = [
  'sagemaker:DescribeModelPackage',
  'sagemaker:DescribeModelPackageGroup',
];
/** The model registry actions that register a model version (AWS-24), reads included. */
const REGISTER_MODEL_ACTIONS = ['sagemaker:CreateModelPackage', ...READ_MODEL_ACTIONS];

/** An Allow statement for the actions on the registry resources ({@link groupResources}). */
function registryGrant(ctx: PolicyContext, sid: string, actions: string[]): Statement {
  return { Sid: sid, Effect: 'Allow', Action: actions, Resource: groupResources(ctx) };
}

/**
 * Tags on the model packages the caller registers, at creation only: Studio adds the domain's
 * custom tags to what it creates (tag propagation) and `model.register(tags=...)` sends tags,
 * and either needs AddTags on the new package.
 */
function tagPackagesOnCreate(ctx: PolicyContext, sid: string): Statement {
  return {
    ...registryGrant(ctx, sid, ['sagemaker:AddTags']),
    Condition: { Null: { 'sagemaker:TaggingAction': 'false' } },
  };
}

/**
 * AWS-10 / AWS-11: presigned-URL access to the caller's own profile only. Presigned URLs exist
 * only in IAM auth mode; SSO domains get no such statement (Identity Center signs users in).
 */
export function presignedUrlStatements(ctx: PolicyContext): Statement[] {
  if (!ctx.presignedUrls) return [];
  const base: Statement = {
    Sid: 'AWS10PresignedUrlOwnProfile',
    Effect: 'Allow',
    Action: 'sagemaker:CreatePresignedDomainUrl',
    Resource: domainResource(ctx, 'user-profile'),
    Condition: {
      StringEquals: {
        [`sagemaker:ResourceTag/${STUDIO_USER_TAG}`]: iamVar(`aws:PrincipalTag/${STUDIO_USER_TAG}`),
      },
    },
  };
  const ips = ctx.presignedSourceIps ?? [];
  const vpces = ctx.presignedSourceVpces ?? [];
  const out: Statement[] = [];
  if (ips.length === 0 && vpces.length === 0) return [base];
  if (ips.length > 0) {
    out.push({
      ...base,
      Sid: 'AWS11PresignedUrlFromSourceIp',
      Condition: { ...base.Condition, IpAddress: { 'aws:SourceIp': ips } },
    });
  }
  if (vpces.length > 0) {
    out.push({
      ...base,
      Sid: 'AWS11PresignedUrlFromVpce',
      Condition: { StringEquals: { ...base.Condition!.StringEquals, 'aws:sourceVpce': vpces } },
    });
  }
  return out;
}

function studioUser(ctx: PolicyContext): Statement[] {
  return [
    ...presignedUrlStatements(ctx),
    describeStudio(ctx, 'DescribeOwnDomain', ['domain', 'user-profile', 'space', 'app']),
    noResourceLevel('ListStudio', [
      'sagemaker:ListDomains',
      'sagemaker:ListUserProfiles',
      'sagemaker:ListApps',
      'sagemaker:ListSpaces',
    ]),
  ];
}

const DENY_APP_IMAGE_CONFIG = denyAppImageConfigChanges('AWS19NoAppImageConfigChanges');
/**
 * AWS-24: a persona that may not approve neither approves a registered version
 * (UpdateModelPackage) nor registers a version already decided: CreateModelPackage accepts
 * `ModelApprovalStatus` (Approved, Rejected, PendingManualApproval), so a registering persona
 * could otherwise approve its own model. A version is registered pending (the API's default when
 * the status is omitted, when `sagemaker:ModelApprovalStatus` is absent and the deny does not
 * match) and the approvers decide; Rejected is denied too, as rejecting is the approvers' call.
 */
const DENY_APPROVAL: Statement[] = [
  denyOnAnyResource('AWS24NoModelApproval', 'sagemaker:UpdateModelPackage'),
  denyOnAnyResource('AWS24RegisterPendingOnly', 'sagemaker:CreateModelPackage', {
    StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' },
    Null: { 'sagemaker:ModelApprovalStatus': 'false' },
  }),
];
const DENY_TRAINING = denyOnAnyResource('NoTrainingRights', [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:CreateAutoMLJob',
  'sagemaker:CreateAutoMLJobV2',
]);
const DENY_DEPLOY = denyOnAnyResource('NoDeploymentRights', [
  'sagemaker:CreateEndpoint',
  'sagemaker:UpdateEndpoint',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:DeleteEndpoint',
]);

/** AWS-18 ML admin: domains, profiles, spaces, images, lifecycle configs, KMS grants, bucket reads, ECR; no training. */
export function adminPolicy(ctx: PolicyContext, bucketArns: string[]): string {
  const { partition, region, account } = ctx.env;
  return policyDocument([
    {
      Sid: 'ManageStudio',
      Effect: 'Allow',
      Action: [
        'sagemaker:CreateDomain',
        'sagemaker:UpdateDomain',
        'sagemaker:DeleteDomain',
        'sagemaker:DescribeDomain',
        'sagemaker:CreateUserProfile',
        'sagemaker:UpdateUserProfile',
        'sagemaker:DeleteUserProfile',
        'sagemaker:DescribeUserProfile',
        'sagemaker:CreateSpace',
        'sagemaker:UpdateSpace',
        'sagemaker:DeleteSpace',
        'sagemaker:DescribeSpace',
        'sagemaker:DeleteApp',
        'sagemaker:DescribeApp',
        'sagemaker:CreateAppImageConfig',
        'sagemaker:UpdateAppImageConfig',
        'sagemaker:DeleteAppImageConfig',
        'sagemaker:DescribeAppImageConfig',
        'sagemaker:CreateImage',
        'sagemaker:UpdateImage',
        'sagemaker:DeleteImage',
        'sagemaker:DescribeImage',
        'sagemaker:CreateImageVersion',
        'sagemaker:DeleteImageVersion',
        'sagemaker:DescribeImageVersion',
        'sagemaker:CreateStudioLifecycleConfig',
        'sagemaker:DeleteStudioLifecycleConfig',
        'sagemaker:DescribeStudioLifecycleConfig',
        'sagemaker:AddTags',
        'sagemaker:DeleteTags',
        'sagemaker:ListTags',
      ],
      Resource: [
        sm(ctx, 'domain/*'),
        sm(ctx, 'user-profile/*'),
        sm(ctx, 'space/*'),
        sm(ctx, 'app/*'),
        sm(ctx, 'app-image-config/*'),
        sm(ctx, 'image/*'),
        sm(ctx, 'image-version/*'),
        sm(ctx, 'studio-lifecycle-config/*'),
      ],
    },
    noResourceLevel('ListStudio', [
      'sagemaker:ListDomains',
      'sagemaker:ListUserProfiles',
      'sagemaker:ListApps',
      'sagemaker:ListSpaces',
      'sagemaker:ListImages',
      'sagemaker:ListAppImageConfigs',
      'sagemaker:ListStudioLifecycleConfigs',
    ]),
    passRole('PassExecutionRoles', [...Object.values(ctx.studioRoleArns), allUserRoles(ctx)]),
    {
      Sid: 'SageMakerServiceLinkedRole',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: `arn:${partition}:iam::${account}:role/aws-service-role/sagemaker.amazonaws.com/*`,
      Condition: { StringEquals: { 'iam:AWSServiceName': 'sagemaker.amazonaws.com' } },
    },
    {
      Sid: 'PlatformKeyGrants',
      Effect: 'Allow',
      Action: ['kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: ctx.keyArn,
    },
    {
      // Reads only: the buckets' configuration (policy, encryption, versioning, lifecycle, public
      // access block, logging) is the Terraform deployer's, and the bucket policies deny its
      // changes to anyone else (SecureBucket.restrictConfigurationChanges).
      Sid: 'PlatformBuckets',
      Effect: 'Allow',
      Action: [
        's3:GetBucketPolicy',
        's3:GetEncryptionConfiguration',
        's3:GetBucketVersioning',
        's3:GetLifecycleConfiguration',
        's3:GetBucketPublicAccessBlock',
        's3:GetBucketLogging',
        's3:ListBucket',
      ],
      Resource: bucketArns,
    },
    {
      Sid: 'EcrRepositories',
      Effect: 'Allow',
      Action: [
        'ecr:CreateRepository',
        'ecr:DescribeRepositories',
        'ecr:PutLifecyclePolicy',
        'ecr:SetRepositoryPolicy',
        'ecr:PutImageScanningConfiguration',
        'ecr:TagResource',
      ],
      Resource: `arn:${partition}:ecr:${region}:${account}:repository/*`,
    },
    noResourceLevel('NetworkRead', [...NETWORK_READ_ACTIONS, 'ecr:GetAuthorizationToken']),
    DENY_TRAINING,
    DENY_DEPLOY,
  ]);
}

/** The Studio execution role of a human persona (team mode), if any. */
function studioRole(ctx: PolicyContext, persona: Persona): string[] {
  const arn = ctx.studioRoleArns[persona];
  return arn ? [arn] : [];
}

/**
 * Studio for a human persona: the Studio user statements, and passing only the persona's
 * Studio execution role or the caller's own per-user role to SageMaker.
 */
function studioPersonaUser(ctx: PolicyContext, persona: Persona): Statement[] {
  return [
    ...studioUser(ctx),
    passRole('PassExecutionRoleToSageMaker', [...studioRole(ctx, persona), ownUserRole(ctx)]),
  ];
}

/**
 * The model registry of a persona that may not approve: its registry grant, listing the models,
 * and the denials of approval and of app image config changes.
 */
function nonApproverRegistryStatements(grant: Statement): Statement[] {
  return [
    grant,
    noResourceLevel('ListModels', [
      'sagemaker:ListModelPackages',
      'sagemaker:ListModelPackageGroups',
    ]),
    ...DENY_APPROVAL,
    DENY_APP_IMAGE_CONFIG,
  ];
}

/**
 * AWS-18 data scientist user role: open own Studio profile, pass only the data scientists'
 * Studio execution role or the caller's own per-user role, register (not approve) models.
 */
export function dataScientistPolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...studioPersonaUser(ctx, Persona.DATA_SCIENTIST),
    ...nonApproverRegistryStatements(
      registryGrant(ctx, 'AWS24RegisterModels', REGISTER_MODEL_ACTIONS),
    ),
    tagPackagesOnCreate(ctx, 'TagRegisteredModels'),
  ]);
}

function pipelineManagement(ctx: PolicyContext): Statement {
  return {
    Sid: 'ManagePipelines',
    Effect: 'Allow',
    Action: [
      'sagemaker:CreatePipeline',
      'sagemaker:UpdatePipeline',
      'sagemaker:DeletePipeline',
      'sagemaker:DescribePipeline',
      'sagemaker:StartPipelineExecution',
      'sagemaker:StopPipelineExecution',
      'sagemaker:RetryPipelineExecution',
      'sagemaker:DescribePipelineExecution',
      'sagemaker:ListPipelineExecutions',
      'sagemaker:ListPipelineExecutionSteps',
      'sagemaker:DescribePipelineDefinitionForExecution',
      // Pipeline.upsert on an existing pipeline lists its tags, merges them with the new ones
      // and adds them back
      'sagemaker:ListTags',
      'sagemaker:AddTags',
    ],
    Resource: sm(ctx, 'pipeline/*'),
  };
}

function approveModels(ctx: PolicyContext): Statement {
  return registryGrant(ctx, 'AWS24ApproveModels', [
    'sagemaker:UpdateModelPackage',
    ...READ_MODEL_ACTIONS,
  ]);
}

/** AWS-18 ML engineer: pipelines and the model registry, including approval; no training role. */
export function mlEngineerPolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...studioUser(ctx),
    pipelineManagement(ctx),
    approveModels(ctx),
    noResourceLevel('ListPipelinesAndModels', [
      'sagemaker:ListPipelines',
      'sagemaker:ListModelPackages',
      'sagemaker:ListModelPackageGroups',
    ]),
    // the pipeline role only: a pipeline run as an ML engineer's own role would fail at its
    // first training or processing step (ML engineers never train, NoTrainingRights)
    passRole('PassPipelineRole', [ctx.pipelineRoleArn]),
    DENY_APP_IMAGE_CONFIG,
  ]);
}

/** Data engineer: Studio plus read/write on the data prefixes. */
export function dataEngineerPolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...studioPersonaUser(ctx, Persona.DATA_ENGINEER),
    {
      Sid: 'DataPrefixes',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${ctx.dataBucketArn}/data/*`,
    },
    {
      Sid: 'ListDataBucket',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: ctx.dataBucketArn,
      Condition: { StringLike: { 's3:prefix': ['data/*'] } },
    },
    ...DENY_APPROVAL,
    DENY_APP_IMAGE_CONFIG,
  ]);
}

/** Model viewer: read-only model registry. */
export function modelViewerPolicy(ctx: PolicyContext): string {
  return policyDocument(
    nonApproverRegistryStatements(registryGrant(ctx, 'ReadModelRegistry', READ_MODEL_ACTIONS)),
  );
}

/** Auditor: read-only audit trail and platform logs. */
export function auditorPolicy(ctx: PolicyContext): string {
  const statements: Statement[] = [
    noResourceLevel('CloudTrailRead', [
      'cloudtrail:LookupEvents',
      'cloudtrail:DescribeTrails',
      'logs:DescribeLogGroups',
    ]),
    {
      Sid: 'PlatformLogsRead',
      Effect: 'Allow',
      Action: ['logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:DescribeLogStreams'],
      Resource: ctx.logGroupArns.flatMap((a) => [a, `${a}:*`]),
    },
    describeStudio(ctx, 'DescribeStudio', ['domain', 'user-profile', 'space']),
    DENY_APP_IMAGE_CONFIG,
  ];
  if (ctx.auditBucketArn) {
    statements.push(
      {
        Sid: 'AuditBucketRead',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [ctx.auditBucketArn, `${ctx.auditBucketArn}/*`],
      },
      {
        Sid: 'AuditKeyDecrypt',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: ctx.keyArn,
        Condition: { StringEquals: { 'kms:ViaService': `s3.${ctx.env.region}.amazonaws.com` } },
      },
    );
  }
  return policyDocument(statements);
}

function dataAccess(
  ctx: PolicyContext,
  s3Prefixes: string[],
  write: boolean,
  readPrefixes: string[],
): Statement[] {
  const data: Statement[] = [
    {
      Sid: 'PlatformData',
      Effect: 'Allow',
      Action: write
        ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']
        : ['s3:GetObject'],
      Resource: s3Prefixes.map((p) => `${ctx.dataBucketArn}/${p}`),
    },
  ];
  if (readPrefixes.length > 0) {
    data.push({
      Sid: 'PlatformDataRead',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: readPrefixes.map((p) => `${ctx.dataBucketArn}/${p}`),
    });
  }
  return data;
}

/** What every SageMaker workload needs: bucket listing, the key, images, logs, VPC interfaces. */
function workloadCommon(ctx: PolicyContext): Statement[] {
  const { partition, region, account } = ctx.env;
  return [
    {
      Sid: 'ListPlatformBucket',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetBucketLocation'],
      Resource: ctx.dataBucketArn,
    },
    {
      Sid: 'PlatformKey',
      Effect: 'Allow',
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:DescribeKey',
      ],
      Resource: ctx.keyArn,
    },
    {
      Sid: 'PlatformKeyGrants',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: ctx.keyArn,
      Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
    },
    {
      // ECR pulls only from the platform account and approved registries: no `*` account.
      Sid: 'PullImages',
      Effect: 'Allow',
      Action: [
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchCheckLayerAvailability',
      ],
      Resource: [
        `arn:${partition}:ecr:${region}:${account}:repository/*`,
        ...ctx.approvedEcrRepositoryArns,
      ],
    },
    {
      Sid: 'SageMakerLogs',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
      ],
      Resource: [
        `arn:${partition}:logs:${region}:${account}:log-group:/aws/sagemaker/*`,
        `arn:${partition}:logs:${region}:${account}:log-group:/aws/sagemaker/*:*`,
      ],
    },
    {
      Sid: 'VpcNetworkInterfaces',
      Effect: 'Allow',
      Action: [
        'ec2:CreateNetworkInterface',
        'ec2:CreateNetworkInterfacePermission',
        'ec2:DeleteNetworkInterface',
        'ec2:DeleteNetworkInterfacePermission',
      ],
      Resource: [
        `arn:${partition}:ec2:${region}:${account}:network-interface/*`,
        `arn:${partition}:ec2:${region}:${account}:subnet/*`,
        `arn:${partition}:ec2:${region}:${account}:security-group/*`,
      ],
    },
    noResourceLevel('NoResourceLevelPermission', [
      'ecr:GetAuthorizationToken',
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeDhcpOptions',
      'cloudwatch:PutMetricData',
    ]),
  ];
}

function workloadBase(
  ctx: PolicyContext,
  s3Prefixes: string[],
  write: boolean,
  readPrefixes: string[] = [],
): Statement[] {
  return [...dataAccess(ctx, s3Prefixes, write, readPrefixes), ...workloadCommon(ctx)];
}

/**
 * Studio apps and spaces of the caller's own user profile (role isolation), following the
 * SageMaker documentation "Give your users access to spaces": apps of the caller's private
 * spaces (`sagemaker:OwnerUserProfileArn` = the caller's profile, via the
 * `sagemaker:UserProfileName` and `sagemaker:DomainId` policy variables), apps of shared
 * spaces, and spaces the caller owns. Apps in another user's private space are out of reach.
 */
function studioApps(ctx: PolicyContext): Statement[] {
  const ownProfile = sm(ctx, `user-profile/${ctx.domainId}/${iamVar('sagemaker:UserProfileName')}`);
  return [
    {
      Sid: 'OwnPrivateSpaceApps',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: domainResource(ctx, 'app'),
      Condition: {
        ArnLike: { 'sagemaker:OwnerUserProfileArn': ownProfile },
        StringEquals: { 'sagemaker:SpaceSharingType': ['Private'] },
      },
    },
    {
      Sid: 'SharedSpaceApps',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: domainResource(ctx, 'app'),
      Condition: { StringEquals: { 'sagemaker:SpaceSharingType': ['Shared'] } },
    },
    {
      Sid: 'OwnProfileApps',
      Effect: 'Allow',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp'],
      Resource: sm(ctx, `app/${ctx.domainId}/${iamVar('sagemaker:UserProfileName')}/*`),
      Condition: { Null: { 'sagemaker:OwnerUserProfileArn': 'true' } },
    },
    {
      Sid: 'OwnSpaces',
      Effect: 'Allow',
      Action: ['sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace'],
      Resource: domainResource(ctx, 'space'),
      Condition: {
        ArnLike: { 'sagemaker:OwnerUserProfileArn': ownProfile },
        StringEquals: { 'sagemaker:SpaceSharingType': ['Private', 'Shared'] },
      },
    },
    describeStudio(ctx, 'DescribeStudio', ['app', 'domain', 'user-profile', 'space']),
    {
      // Studio tags the apps and spaces it creates; tagging is allowed only on creation.
      Sid: 'TagOnCreate',
      Effect: 'Allow',
      Action: 'sagemaker:AddTags',
      Resource: [domainResource(ctx, 'app'), domainResource(ctx, 'space')],
      Condition: { Null: { 'sagemaker:TaggingAction': 'false' } },
    },
  ];
}

/** Running training and processing jobs: create, describe, stop. */
const TRAINING_PROCESSING_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:DescribeTrainingJob',
  'sagemaker:StopTrainingJob',
  'sagemaker:CreateProcessingJob',
  'sagemaker:DescribeProcessingJob',
  'sagemaker:StopProcessingJob',
];

const JOB_ACTIONS = [
  ...TRAINING_PROCESSING_ACTIONS,
  'sagemaker:CreateHyperParameterTuningJob',
  'sagemaker:DescribeHyperParameterTuningJob',
  'sagemaker:StopHyperParameterTuningJob',
  'sagemaker:AddTags',
];

function jobs(ctx: PolicyContext): Statement {
  return {
    Sid: 'Jobs',
    Effect: 'Allow',
    Action: JOB_ACTIONS,
    Resource: [
      sm(ctx, 'training-job/*'),
      sm(ctx, 'processing-job/*'),
      sm(ctx, 'hyper-parameter-tuning-job/*'),
    ],
  };
}

/**
 * What every Studio execution role (team or per-user, any persona) needs to work in Studio: the
 * caller's own apps and spaces, the platform key, images, logs and VPC interfaces. Attached
 * next to the persona's duties ({@link studioExecutionPolicy}); two managed policies keep each
 * under IAM's 6,144-character limit.
 */
/**
 * Reading the logs of SageMaker jobs (the `/aws/sagemaker/*Jobs` log groups), which the
 * SageMaker Python SDK tails while a job runs (`GetLogEvents`) and Studio shows. The log groups
 * are the account's: on a tenant's platform (AWS-30) only the streams of jobs named
 * `<tenant>-…` (a stream is named after its job).
 */
function jobLogReads(ctx: PolicyContext): Statement {
  const { partition, region, account } = ctx.env;
  // TrainingJobs, ProcessingJobs, TransformJobs
  const groups = `arn:${partition}:logs:${region}:${account}:log-group:/aws/sagemaker/*Jobs`;
  return ctx.tenantId !== undefined
    ? {
        Sid: 'ReadJobLogs',
        Effect: 'Allow',
        Action: 'logs:GetLogEvents',
        Resource: `${groups}:log-stream:${ctx.tenantId}-*`,
      }
    : {
        Sid: 'ReadJobLogs',
        Effect: 'Allow',
        Action: ['logs:GetLogEvents', 'logs:FilterLogEvents'],
        Resource: [groups, `${groups}:*`],
      };
}

export function studioWorkspacePolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...studioApps(ctx),
    ...workloadCommon(ctx),
    jobLogReads(ctx),
    noResourceLevel('ListStudio', [
      'sagemaker:ListApps',
      'sagemaker:ListSpaces',
      'sagemaker:ListTrainingJobs',
      'sagemaker:ListProcessingJobs',
      'sagemaker:ListModelPackages',
      'sagemaker:ListModelPackageGroups',
      'sagemaker:ListPipelines',
    ]),
  ]);
}

/**
 * AWS-18 duties of one human persona's Studio execution roles (its team role and the per-user
 * roles of its users), next to {@link studioWorkspacePolicy}: the persona's data prefixes and
 * only the persona's duties. Data scientists train (as themselves or as the TRAINING workload
 * role) and register models; ML engineers run pipelines (PIPELINE role) and approve models but
 * never train directly; data engineers prepare data; any other persona gets the sharing prefix
 * only.
 */
export function studioExecutionPolicy(ctx: PolicyContext, persona: Persona): string {
  const own = [...studioRole(ctx, persona), ownUserRole(ctx)];
  switch (persona) {
    case Persona.DATA_SCIENTIST:
      return policyDocument([
        ...dataAccess(ctx, ['data/*', 'models/*', 'sharing/*', 'jobs/*'], true, []),
        jobs(ctx),
        registryGrant(ctx, 'RegisterModels', REGISTER_MODEL_ACTIONS),
        tagPackagesOnCreate(ctx, 'TagRegisteredModels'),
        passRole('PassExecutionRoleToJobs', [...own, ctx.trainingRoleArn]),
        ...DENY_APPROVAL,
        DENY_DEPLOY,
      ]);
    case Persona.ML_ENGINEER:
      return policyDocument([
        ...dataAccess(ctx, ['models/*', 'sharing/*', 'pipelines/*'], true, ['data/*']),
        pipelineManagement(ctx),
        approveModels(ctx),
        passRole('PassPipelineRole', [ctx.pipelineRoleArn]),
        DENY_TRAINING,
        DENY_DEPLOY,
      ]);
    default:
      // data engineers prepare data; any other persona gets the sharing prefix only
      return policyDocument([
        ...dataAccess(
          ctx,
          persona === Persona.DATA_ENGINEER ? ['data/*', 'sharing/*'] : ['sharing/*'],
          true,
          [],
        ),
        passRole('PassExecutionRoleToSageMaker', own),
        DENY_TRAINING,
        DENY_DEPLOY,
        ...DENY_APPROVAL,
      ]);
  }
}

/**
 * AWS-18 TRAINING workload role: the role training, processing and tuning jobs run as, on the
 * platform prefixes. It opens no Studio apps: each human persona has its own Studio execution
 * role (segregation of duties).
 */
export function executionPolicy(ctx: PolicyContext): string {
  return policyDocument([
    // pipelines/*: the step code ML engineers stage for the pipeline's training steps
    ...workloadBase(ctx, ['data/*', 'models/*', 'jobs/*'], true, ['pipelines/*']),
    jobs(ctx),
    noResourceLevel('ListJobs', ['sagemaker:ListTrainingJobs', 'sagemaker:ListProcessingJobs']),
    passRole('PassTrainingRoleToJobs', [ctx.trainingRoleArn]),
    ...DENY_APPROVAL,
    DENY_DEPLOY,
  ]);
}

/** AWS-18 training-pipeline role (PIPELINE persona): runs pipelines, trains, registers; never deploys. */
export function pipelinePolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...workloadBase(ctx, ['data/*', 'models/*', 'pipelines/*', 'jobs/*'], true),
    {
      Sid: 'PipelineSteps',
      Effect: 'Allow',
      Action: [
        'sagemaker:DescribePipeline',
        'sagemaker:DescribePipelineExecution',
        'sagemaker:ListPipelineExecutionSteps',
        ...TRAINING_PROCESSING_ACTIONS,
        'sagemaker:AddTags',
      ],
      Resource: [sm(ctx, 'pipeline/*'), sm(ctx, 'training-job/*'), sm(ctx, 'processing-job/*')],
    },
    // AWS-24: the pipeline registers model versions in the platform's model package groups.
    registryGrant(ctx, 'RegisterModels', [...REGISTER_MODEL_ACTIONS, 'sagemaker:AddTags']),
    passRole('PassTrainingRoles', [ctx.pipelineRoleArn, ctx.trainingRoleArn]),
    DENY_DEPLOY,
    ...DENY_APPROVAL,
  ]);
}

/** DEPLOYMENT workload: models and endpoints from approved packages; no training. */
export function deploymentPolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...workloadBase(ctx, ['models/*'], false),
    {
      Sid: 'Endpoints',
      Effect: 'Allow',
      Action: [
        'sagemaker:CreateModel',
        'sagemaker:DescribeModel',
        'sagemaker:DeleteModel',
        'sagemaker:CreateEndpointConfig',
        'sagemaker:DescribeEndpointConfig',
        'sagemaker:DeleteEndpointConfig',
        'sagemaker:CreateEndpoint',
        'sagemaker:UpdateEndpoint',
        'sagemaker:DescribeEndpoint',
        'sagemaker:DeleteEndpoint',
        'sagemaker:AddTags',
      ],
      Resource: [sm(ctx, 'model/*'), sm(ctx, 'endpoint-config/*'), sm(ctx, 'endpoint/*')],
    },
    registryGrant(ctx, 'ReadApprovedPackages', READ_MODEL_ACTIONS),
    passRole('PassDeploymentRole', [ctx.deploymentRoleArn]),
    // AWS-18: the release that deploys an endpoint puts its model monitor in place; the schedules
    // run as the MONITORING role, which only SageMaker assumes
    {
      Sid: 'ManageModelMonitors',
      Effect: 'Allow',
      Action: MONITOR_SETUP_ACTIONS,
      Resource: MONITOR_RESOURCES.map((r) => sm(ctx, r)),
    },
    passRole('PassMonitoringRole', [ctx.monitoringRoleArn]),
    DENY_TRAINING,
    ...DENY_APPROVAL,
  ]);
}

/** Setting up model monitors: schedules and the four kinds of job definitions. */
export const MONITOR_SETUP_ACTIONS = [
  'sagemaker:CreateMonitoringSchedule',
  'sagemaker:UpdateMonitoringSchedule',
  'sagemaker:DescribeMonitoringSchedule',
  'sagemaker:DeleteMonitoringSchedule',
  'sagemaker:StartMonitoringSchedule',
  'sagemaker:StopMonitoringSchedule',
  ...['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'].flatMap((k) => [
    `sagemaker:Create${k}JobDefinition`,
    `sagemaker:Describe${k}JobDefinition`,
    `sagemaker:Delete${k}JobDefinition`,
  ]),
  'sagemaker:AddTags',
];
const MONITOR_RESOURCES = [
  'monitoring-schedule/*',
  'data-quality-job-definition/*',
  'model-quality-job-definition/*',
  'model-bias-job-definition/*',
  'model-explainability-job-definition/*',
];

/** MONITORING workload: model monitor schedules and their outputs. */
export function monitoringPolicy(ctx: PolicyContext): string {
  return policyDocument([
    ...workloadBase(ctx, ['monitoring/*', 'models/*'], true),
    {
      Sid: 'ModelMonitor',
      Effect: 'Allow',
      Action: [
        'sagemaker:CreateMonitoringSchedule',
        'sagemaker:UpdateMonitoringSchedule',
        'sagemaker:DescribeMonitoringSchedule',
        'sagemaker:CreateDataQualityJobDefinition',
        'sagemaker:DescribeDataQualityJobDefinition',
        'sagemaker:CreateModelQualityJobDefinition',
        'sagemaker:DescribeModelQualityJobDefinition',
        'sagemaker:DescribeProcessingJob',
        'sagemaker:DescribeEndpoint',
        'sagemaker:AddTags',
      ],
      Resource: [
        sm(ctx, 'monitoring-schedule/*'),
        sm(ctx, 'data-quality-job-definition/*'),
        sm(ctx, 'model-quality-job-definition/*'),
        sm(ctx, 'processing-job/*'),
        sm(ctx, 'endpoint/*'),
      ],
    },
    passRole('PassMonitoringRole', [ctx.monitoringRoleArn]),
    DENY_TRAINING,
    DENY_DEPLOY,
    ...DENY_APPROVAL,
  ]);
}

/**
 * The inline policy of each persona role, in attachment order (the workload TRAINING role carries
 * a managed policy instead, {@link executionPolicy}). `adminBucketArns` are the buckets the
 * platform admin manages.
 */
export function personaPolicies(
  ctx: PolicyContext,
  adminBucketArns: string[],
): [Persona, string][] {
  return [
    [Persona.PLATFORM_ADMIN, adminPolicy(ctx, adminBucketArns)],
    [Persona.DATA_SCIENTIST, dataScientistPolicy(ctx)],
    [Persona.ML_ENGINEER, mlEngineerPolicy(ctx)],
    [Persona.DATA_ENGINEER, dataEngineerPolicy(ctx)],
    [Persona.MODEL_VIEWER, modelViewerPolicy(ctx)],
    [Persona.AUDITOR, auditorPolicy(ctx)],
    [Persona.PIPELINE, pipelinePolicy(ctx)],
    [Persona.DEPLOYMENT, deploymentPolicy(ctx)],
    [Persona.MONITORING, monitoringPolicy(ctx)],
  ];
}
