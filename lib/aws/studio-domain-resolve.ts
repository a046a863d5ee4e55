// Validation and defaults of SageMakerStudioDomain: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { SagemakerAppImageConfigConfig } from '@cdktf/provider-aws/lib/sagemaker-app-image-config';
import { uniqueSuffix } from '../core/naming';
import { Persona, PersonaModel } from '../core/personas';
import { RemovalPolicy } from '../core/removal-policy';
import { PlatformTags } from '../core/tags';
import {
  AWS_BACKUP_SERVICE,
  DEFAULT_EFS_BACKUP_DELETE_AFTER_DAYS,
  DEFAULT_EFS_BACKUP_SCHEDULE,
  DEFAULT_IDLE_TIMEOUT_MINUTES,
  DEFAULT_LAKE_FORMATION_PERMISSIONS,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_NOTEBOOK_INSTANCE_TYPE,
  DEFAULT_STUDIO_PERSONAS,
  EFS_RETENTION_DELETE,
  EFS_RETENTION_RETAIN,
  defaultDomainName,
  defaultRoleNamePrefix,
  defaultUserRolePath,
  nonRootImageFileSystemConfig,
  TENANT_TAG,
  USER_ROLE_PATH_SUFFIX_LENGTH,
} from './defaults';
import { providerRegion } from './env';
import { PrivateNetwork } from './network';
import { checkModelPackageGroupSpec, ModelPackageGroupSpec } from './registry';
import { humanPersona, validateNetworkProps, startPlatformValidation } from './props-validation';
import {
  CustomImageSpec,
  NotebookInstanceSpec,
  SageMakerStudioDomainProps,
  StudioAppType,
} from './studio-domain-props';
import { AuthMode, ExecutionRoleMode } from './user-profiles';
import {
  accountId,
  approvedImageArnList,
  bool,
  checkedProps,
  cidr,
  DEPLOYER_NOT_ROOT,
  ec2Id,
  iamPolicyArn,
  iamPrincipalList,
  integer,
  kmsKeyArn,
  LAKE_FORMATION_DATABASE_PERMISSIONS,
  logRetentionDays,
  matchingStringList,
  notebookInstanceType,
  objectListOf,
  organizationId,
  organizationTrailArn,
  sagemakerName,
  scheduleExpression,
  stringListOf,
  studioInstanceTypeList,
  UniqueNames,
} from './validation';
import { isUnresolved } from '../core/errors';

/** A tenant id: 1-31 lowercase letters, digits and hyphens (AWS-30). */
const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** The configuration of a SageMakerStudioDomain: its validated props with every default applied. */
export interface ResolvedStudioDomainProps {
  /** The validated props, as given. */
  readonly props: SageMakerStudioDomainProps;
  readonly domainName: string;
  /** Prefix of the platform's role names. */
  readonly namePrefix: string;
  /** IAM path of the per-user execution roles. */
  readonly userRolePath: string;
  /** Platform tags, with the tenant tag (AWS-30). */
  readonly tags: PlatformTags;
  /** Regions the platform may use, when known. */
  readonly allowedRegions?: string[];
  readonly removalPolicy?: RemovalPolicy;
  /** What happens to the home EFS when the domain is deleted (AWS-26). */
  readonly efsRetention: string;
  readonly idleTimeoutMinutes: number;
  readonly logRetentionDays: number;
  readonly dataPerimeter: boolean;
  /** Human personas that get a Studio execution role. */
  readonly studioPersonas: Persona[];
  readonly modelPackageGroups: ModelPackageGroupSpec[];
  readonly notebookInstances: Required<NotebookInstanceSpec>[];
  readonly customImages: ResolvedCustomImage[];
  readonly lakeFormationPermissions: string[];
  readonly efsBackup?: { readonly schedule: string; readonly deleteAfterDays: number };
  /** Services through which the deployers use a created platform key, besides SageMaker and EFS. */
  readonly deployerKeyServices: string[];
}

/** A custom image with its app image config block. */
export interface ResolvedCustomImage {
  readonly appImageConfigName: string;
  readonly config: Pick<
    SagemakerAppImageConfigConfig,
    'jupyterLabImageConfig' | 'codeEditorAppImageConfig' | 'kernelGatewayImageConfig'
  >;
}

/** Validates the props of a SageMakerStudioDomain (one error for every problem) and applies the defaults. */
export function resolveStudioDomainProps(
  scope: Construct,
  id: string,
  props: SageMakerStudioDomainProps,
): ResolvedStudioDomainProps {
  props = checkedProps(scope, props, true, (s, p) => validateStudioDomainProps(s, p, id));
  const extra = {
    ...(props.tags?.extra ?? {}),
    ...(props.tenantId ? { [TENANT_TAG]: props.tenantId } : {}),
  };
  const literalRegion = providerRegion(scope);
  const profilePersonas = new Set((props.userProfiles ?? []).map((u) => u.persona));
  return {
    props,
    domainName: props.domainName ?? defaultDomainName(id, props.environment),
    namePrefix: defaultRoleNamePrefix(props.environment),
    userRolePath: defaultUserRolePath(uniqueSuffix(scope, USER_ROLE_PATH_SUFFIX_LENGTH)),
    tags: { ...(props.tags ?? {}), extra },
    allowedRegions: props.allowedRegions ?? (literalRegion ? [literalRegion] : undefined),
    removalPolicy: props.removalPolicy,
    efsRetention:
      props.removalPolicy === RemovalPolicy.DESTROY && props.allowReplacement
        ? EFS_RETENTION_DELETE
        : EFS_RETENTION_RETAIN,
    idleTimeoutMinutes: props.idleTimeoutMinutes ?? DEFAULT_IDLE_TIMEOUT_MINUTES,
    logRetentionDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    dataPerimeter: props.dataPerimeter ?? true,
    studioPersonas: PersonaModel.HUMAN.filter(
      (p) => DEFAULT_STUDIO_PERSONAS.includes(p) || profilePersonas.has(p),
    ),
    modelPackageGroups: props.modelPackageGroups ?? [],
    notebookInstances: (props.notebookInstances ?? []).map((nb) => ({
      name: nb.name,
      instanceType: nb.instanceType ?? DEFAULT_NOTEBOOK_INSTANCE_TYPE,
    })),
    customImages: (props.customImages ?? []).map((img) => ({
      appImageConfigName: img.appImageConfigName,
      config: customImageConfig(img),
    })),
    lakeFormationPermissions:
      props.lakeFormation?.permissions ?? DEFAULT_LAKE_FORMATION_PERMISSIONS,
    deployerKeyServices: props.efsBackup ? [AWS_BACKUP_SERVICE] : [],
    efsBackup: props.efsBackup && {
      schedule: props.efsBackup.schedule ?? DEFAULT_EFS_BACKUP_SCHEDULE,
      deleteAfterDays: props.efsBackup.deleteAfterDays ?? DEFAULT_EFS_BACKUP_DELETE_AFTER_DAYS,
    },
  };
}

/** The image config block of a custom image: non-root UID 1000 / GID 100 for every app type. */
function customImageConfig(img: CustomImageSpec): ResolvedCustomImage['config'] {
  const fileSystemConfig = nonRootImageFileSystemConfig();
  switch (img.appType ?? StudioAppType.KERNEL_GATEWAY) {
    case StudioAppType.JUPYTER_LAB:
      return { jupyterLabImageConfig: { fileSystemConfig } };
    case StudioAppType.CODE_EDITOR:
      return { codeEditorAppImageConfig: { fileSystemConfig } };
    default:
      return {
        kernelGatewayImageConfig: {
          kernelSpec: [
            { name: img.kernelName!, displayName: img.kernelDisplayName ?? img.kernelName },
          ],
          fileSystemConfig,
        },
      };
  }
}

/** The props SageMakerStudioDomain knows (a misspelt prop is an error, not silently ignored). */
const DOMAIN_PROPS = [
  'environment',
  'authMode',
  'domainName',
  'network',
  'sharedNetwork',
  'encryption',
  'personas',
  'sodExceptions',
  'userProfiles',
  'allowedInstanceTypes',
  'approvedImageArns',
  'presignedUrl',
  'idleTimeoutMinutes',
  'modelPackageGroups',
  'tags',
  'allowedRegions',
  'removalPolicy',
  'allowReplacement',
  'auditRemovalPolicy',
  'accountId',
  'tenantId',
  'organizationTrailArn',
  'createAccountLogGroups',
  'alarms',
  'logRetentionDays',
  'requireNetworkIsolation',
  'spaces',
  'scheduledPipelines',
  'notebookInstances',
  'customImages',
  'lakeFormation',
  'efsBackup',
  'permissionsBoundaryArn',
  'deployerPrincipalArns',
  'organizationId',
  'approvedEcrRepositoryArns',
  'dataPerimeter',
];

/** KernelSpec Name of CreateAppImageConfig. */
const KERNEL_NAME = /^[a-zA-Z0-9_-]{1,1024}$/;

/** Validates the props of a SageMakerStudioDomain: throws one ValidationError listing every problem. */
export function validateStudioDomainProps(
  scope: Construct,
  props: SageMakerStudioDomainProps,
  id: string,
): void {
  // identity of the platform (environment, authMode): literals, they form names
  const { v, region } = startPlatformValidation(
    scope,
    props,
    'SageMakerStudioDomain',
    DOMAIN_PROPS,
    {
      personas: true,
    },
  );
  const p = props as any;
  if (p.domainName !== undefined) sagemakerName(v, 'domainName', p.domainName);
  else if (typeof p.environment === 'string' && !isUnresolved(p.environment)) {
    const derived = defaultDomainName(id, p.environment);
    if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(derived))
      v.add(
        'domainName',
        derived,
        `a domain name of 1-63 letters, digits and hyphens, starting and ending with a letter or digit: the one derived from the construct id '${id}' and the environment is not; set domainName`,
      );
  }
  accountId(v, 'accountId', p.accountId);
  if (
    p.tenantId !== undefined &&
    v.literal('tenantId', p.tenantId, "it tags and names the tenant's resources")
  )
    v.require(
      typeof p.tenantId === 'string' && TENANT_ID_PATTERN.test(p.tenantId),
      'tenantId',
      p.tenantId,
      '1-31 lowercase letters, digits and hyphens',
    );
  for (const k of ['createAccountLogGroups', 'alarms', 'requireNetworkIsolation', 'dataPerimeter'])
    bool(v, k, p[k]);

  // network and encryption
  if (p.sharedNetwork !== undefined) {
    v.require(
      p.sharedNetwork instanceof PrivateNetwork,
      'sharedNetwork',
      typeof p.sharedNetwork === 'object'
        ? 'an object that is not a PrivateNetwork'
        : p.sharedNetwork,
      'a PrivateNetwork construct',
    );
    if (p.network !== undefined)
      v.add('network', p.network, 'not with sharedNetwork (the shared network is used as it is)');
  } else validateNetworkProps(v, 'network', p.network, region);
  if (p.encryption !== undefined && v.object('encryption', p.encryption)) {
    const e = p.encryption;
    if (e.kmsKeyArn !== undefined) {
      kmsKeyArn(v, 'encryption.kmsKeyArn', e.kmsKeyArn);
      if (e.rotationPeriodDays !== undefined)
        v.add(
          'encryption.rotationPeriodDays',
          e.rotationPeriodDays,
          'only for a created key (the rotation of a key given by kmsKeyArn is set on that key)',
        );
    }
    integer(v, 'encryption.rotationPeriodDays', e.rotationPeriodDays, { min: 90, max: 365 });
  }

  // identities
  iamPrincipalList(v, 'deployerPrincipalArns', p.deployerPrincipalArns, {
    minLength: 1,
    notRoot: DEPLOYER_NOT_ROOT,
  });
  iamPolicyArn(v, 'permissionsBoundaryArn', p.permissionsBoundaryArn);
  organizationId(v, 'organizationId', p.organizationId);
  organizationTrailArn(v, 'organizationTrailArn', p.organizationTrailArn);

  // Studio
  const profiles = new UniqueNames(v, 'profile names', true);
  const profileNames = new Set<string>(); // as written: spaces name their owner exactly
  const ssoUsers = new UniqueNames(
    v,
    'Identity Center users (one profile per user and domain)',
    true,
  );
  for (const { value: u, at } of objectListOf(v, 'userProfiles', p.userProfiles)) {
    if (sagemakerName(v, `${at}.name`, u.name, { literal: true })) {
      profiles.add(`${at}.name`, u.name);
      profileNames.add(u.name);
    }
    humanPersona(v, `${at}.persona`, u.persona);
    v.enumValue(`${at}.executionRole`, u.executionRole, Object.values(ExecutionRoleMode));
    if (u.ssoUserName !== undefined) {
      if (v.string(`${at}.ssoUserName`, u.ssoUserName))
        v.require(
          p.authMode === AuthMode.SSO,
          `${at}.ssoUserName`,
          u.ssoUserName,
          'only with authMode SSO',
        );
      if (typeof u.ssoUserName === 'string' && u.ssoUserName.length > 256)
        v.add(
          `${at}.ssoUserName`,
          u.ssoUserName,
          'an Identity Center user name of at most 256 characters',
        );
    }
    if (p.authMode === AuthMode.SSO) {
      const user = u.ssoUserName ?? u.name;
      if (typeof user === 'string')
        ssoUsers.add(u.ssoUserName !== undefined ? `${at}.ssoUserName` : `${at}.name`, user);
    }
  }
  if (p.allowedInstanceTypes !== undefined) {
    const types = studioInstanceTypeList(v, 'allowedInstanceTypes', p.allowedInstanceTypes);
    if (Array.isArray(p.allowedInstanceTypes) && types.length === p.allowedInstanceTypes.length)
      v.require(
        p.allowedInstanceTypes.includes('system'),
        'allowedInstanceTypes',
        p.allowedInstanceTypes,
        "a list that includes 'system' (the default Jupyter Server and system apps run on it; without it nobody can open Studio)",
      );
  }
  approvedImageArnList(v, 'approvedImageArns', p.approvedImageArns);
  if (p.presignedUrl !== undefined && v.object('presignedUrl', p.presignedUrl)) {
    for (const c of stringListOf(v, 'presignedUrl.sourceIps', p.presignedUrl.sourceIps, {
      unique: true,
    }))
      cidr(v, c.at, c.value, { allowList: true });
    for (const e of stringListOf(v, 'presignedUrl.sourceVpceIds', p.presignedUrl.sourceVpceIds, {
      unique: true,
    }))
      ec2Id(v, e.at, e.value, 'vpce');
  }
  integer(v, 'idleTimeoutMinutes', p.idleTimeoutMinutes, { min: 60, max: 525600 });
  logRetentionDays(v, 'logRetentionDays', p.logRetentionDays);
  const groups = new UniqueNames(v, 'group names', true);
  for (const { value: g, at } of objectListOf(v, 'modelPackageGroups', p.modelPackageGroups)) {
    checkModelPackageGroupSpec(v, at, g, groups);
  }
  const spaces = new UniqueNames(v, 'space names', true);
  for (const { value: s, at } of objectListOf(v, 'spaces', p.spaces)) {
    if (sagemakerName(v, `${at}.name`, s.name, { literal: true })) spaces.add(`${at}.name`, s.name);
    if (
      v.literal(
        `${at}.ownerProfileName`,
        s.ownerProfileName,
        'it names a profile of userProfiles',
      ) &&
      !(typeof s.ownerProfileName === 'string' && profileNames.has(s.ownerProfileName))
    )
      v.add(`${at}.ownerProfileName`, s.ownerProfileName, 'the name of a profile in userProfiles');
  }
  const pipelines = new UniqueNames(v, 'pipeline names', true);
  for (const { value: sp, at } of objectListOf(v, 'scheduledPipelines', p.scheduledPipelines)) {
    if (sagemakerName(v, `${at}.pipelineName`, sp.pipelineName, { literal: true, maxLength: 256 }))
      pipelines.add(`${at}.pipelineName`, sp.pipelineName);
    // a tenant's pipelines are named `<tenant id>-…` (AWS-30); the scheduler role carries no
    // tenant isolation, so it would start another tenant's pipeline otherwise
    if (
      typeof p.tenantId === 'string' &&
      TENANT_ID_PATTERN.test(p.tenantId) &&
      typeof sp.pipelineName === 'string' &&
      !sp.pipelineName.toLowerCase().startsWith(`${p.tenantId}-`)
    )
      v.add(
        `${at}.pipelineName`,
        sp.pipelineName,
        `a pipeline of tenant ${p.tenantId}, named ${p.tenantId}-… (AWS-30: a tenant creates and runs only pipelines with its prefix)`,
      );
    scheduleExpression(v, `${at}.scheduleExpression`, sp.scheduleExpression, { rate: true });
  }
  const notebooks = new UniqueNames(v, 'notebook instance names', true);
  for (const { value: nb, at } of objectListOf(v, 'notebookInstances', p.notebookInstances)) {
    if (sagemakerName(v, `${at}.name`, nb.name, { literal: true }))
      notebooks.add(`${at}.name`, nb.name);
    if (nb.instanceType !== undefined)
      notebookInstanceType(v, `${at}.instanceType`, nb.instanceType);
  }
  const images = new UniqueNames(v, 'app image config names', true);
  for (const { value: c, at } of objectListOf(v, 'customImages', p.customImages)) {
    if (sagemakerName(v, `${at}.appImageConfigName`, c.appImageConfigName, { literal: true }))
      images.add(`${at}.appImageConfigName`, c.appImageConfigName);
    if (v.enumValue(`${at}.appType`, c.appType, Object.values(StudioAppType))) {
      const kernelGateway =
        (c.appType ?? StudioAppType.KERNEL_GATEWAY) === StudioAppType.KERNEL_GATEWAY;
      if (kernelGateway)
        v.require(
          typeof c.kernelName === 'string' && KERNEL_NAME.test(c.kernelName),
          `${at}.kernelName`,
          c.kernelName,
          'a kernel name of 1-1024 letters, digits, hyphens and underscores (required for kernel gateway images)',
        );
      else
        for (const k of ['kernelName', 'kernelDisplayName'])
          if (c[k] !== undefined)
            v.add(`${at}.${k}`, c[k], 'only for kernel gateway images (appType KernelGateway)');
    }
    if (
      c.kernelDisplayName !== undefined &&
      v.string(`${at}.kernelDisplayName`, c.kernelDisplayName)
    )
      v.require(
        c.kernelDisplayName.length <= 1024,
        `${at}.kernelDisplayName`,
        c.kernelDisplayName,
        'at most 1024 characters',
      );
  }
  if (p.lakeFormation !== undefined && v.object('lakeFormation', p.lakeFormation)) {
    stringListOf(v, 'lakeFormation.databases', p.lakeFormation.databases, {
      optional: false,
      unique: true,
      minLength: 1,
    }).forEach((d) =>
      v.require(
        d.value.length <= 255,
        d.at,
        d.value,
        'a Glue database name of at most 255 characters',
      ),
    );
    stringListOf(v, 'lakeFormation.permissions', p.lakeFormation.permissions, {
      unique: true,
      minLength: 1,
    }).forEach((x) => v.enumValue(x.at, x.value, LAKE_FORMATION_DATABASE_PERMISSIONS, false));
  }
  if (p.efsBackup !== undefined && v.object('efsBackup', p.efsBackup)) {
    if (p.efsBackup.schedule !== undefined)
      scheduleExpression(v, 'efsBackup.schedule', p.efsBackup.schedule, { rate: false });
    integer(v, 'efsBackup.deleteAfterDays', p.efsBackup.deleteAfterDays, { min: 1 });
  }
  matchingStringList(
    v,
    'approvedEcrRepositoryArns',
    p.approvedEcrRepositoryArns,
    /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/.+$/,
    'an ECR repository ARN (or pattern) in a named account, e.g. arn:aws:ecr:eu-west-1:763104351884:repository/* (no "*" account)',
  );
  v.throwIfInvalid();
}
