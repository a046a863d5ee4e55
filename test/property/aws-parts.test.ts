// property: the exported AWS parts, used on their own, never accept bad input
// silently. Random mutations of a valid baseline of each part either synthesize with no ERROR
// finding of the AWS pack, or throw one ValidationError whose every problem names a prop; never
// a TypeError.
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AuditTrail,
  AuditTrailProps,
  AuthMode,
  AwsMlopsChecks,
  CapacityPlanner,
  CapacityPlannerProps,
  ExecutionRoleMode,
  GuardrailPolicies,
  GuardrailPoliciesProps,
  ModelRegistry,
  ModelRegistryProps,
  PersonaRoles,
  PersonaRolesProps,
  PlatformKey,
  PlatformKeyProps,
  PrivateNetwork,
  PrivateNetworkProps,
  SecureBucket,
  SecureBucketProps,
  StudioUserProfile,
  StudioUserProfileProps,
} from '../../lib/aws';
import { Persona, RemovalPolicy, Tagging } from '../../lib/core';
import { assertNoSilentBadInput, baselineOutcome, PropertySubject } from './harness';

const ACCOUNT = '111111111111';
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f0f0f0f-0000-4000-8000-000000000000`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Runs per part with the default seed (each run is one synth). */
const RUNS = 40;

/** A stack with the AWS provider and the platform tags, as a platform stack has. */
function platformStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, 'parts');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  Tagging.apply(stack, 'prod', { platform: 'parts', owner: 'ml-platform', costCenter: 'cc-1' });
  return stack;
}

/** A subject whose construct is built by `make` in a platform stack. */
function subject<P>(
  baseline: () => P,
  make: (stack: TerraformStack, props: P) => void,
  frozen?: string[],
): PropertySubject<P> {
  return {
    baseline,
    build: (app, props) => {
      const stack = platformStack(app);
      make(stack, props);
      return [stack];
    },
    packs: () => [new AwsMlopsChecks()],
    frozen,
  };
}

const subjects: Array<[string, PropertySubject<any>]> = [
  [
    'PrivateNetwork (created VPC)',
    subject<PrivateNetworkProps>(
      () => ({
        kmsKeyArn: KEY,
        vpcCidr: '10.20.0.0/20',
        expectedUsers: 100,
        availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        additionalInterfaceEndpoints: ['ssm'],
        organizationId: 'o-a1b2c3d4e5',
        accountId: ACCOUNT,
        logRetentionDays: 365,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      (s, p) => new PrivateNetwork(s, 'net', p),
    ),
  ],
  [
    'PrivateNetwork (existing VPC)',
    subject<PrivateNetworkProps>(
      () => ({
        kmsKeyArn: KEY,
        vpcId: 'vpc-0abc0abc',
        subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
        subnetCidrs: ['10.0.0.0/22', '10.0.4.0/22'],
        subnetAvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
        existingVpcCidr: '10.0.0.0/16',
        routeTableIds: ['rtb-00000001'],
        capacity: { users: 50, growthPercent: 20, appsPerUser: 2 },
        accountId: ACCOUNT,
      }),
      (s, p) => new PrivateNetwork(s, 'net', p),
    ),
  ],
  [
    'PlatformKey',
    subject<PlatformKeyProps>(
      () => ({
        alias: 'ml/platform',
        rotationPeriodDays: 180,
        deletionWindowDays: 30,
        adminPrincipalArns: [role('key-admins')],
        deployerPrincipalArns: [role('terraform-deployer')],
        accountId: ACCOUNT,
        region: 'eu-west-1',
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      (s, p) => new PlatformKey(s, 'key', p),
    ),
  ],
  [
    'SecureBucket',
    subject<SecureBucketProps>(
      () => ({
        bucketName: 'ml-data-111111111111-eu-west-1',
        kmsKeyArn: KEY,
        noncurrentVersionExpirationDays: 90,
        expirationDays: 3650,
        objectLockDays: 30,
        accountId: ACCOUNT,
        region: 'eu-west-1',
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      (s, p) => {
        const logs = new SecureBucket(s, 'logs', {
          serverAccessLogTarget: true,
          sourceAccountId: ACCOUNT,
          accountId: ACCOUNT,
        });
        new SecureBucket(s, 'data', { ...p, accessLogBucket: logs });
      },
    ),
  ],
  [
    'PersonaRoles',
    subject<PersonaRolesProps>(
      () => ({
        personas: {
          [Persona.PLATFORM_ADMIN]: [role('admins')],
          [Persona.DATA_SCIENTIST]: [role('data-scientists'), '222222222222'],
          [Persona.ML_ENGINEER]: [role('ml-engineers')],
          [Persona.AUDITOR]: [role('auditors')],
          [Persona.DEPLOYMENT]: [role('ci-deployer')],
        },
        sodExceptions: [
          {
            principal: role('break-glass'),
            personas: [Persona.PLATFORM_ADMIN, Persona.AUDITOR],
            reason: 'break-glass role reviewed quarterly by the security team',
          },
        ],
        namePrefix: 'mlops-prod',
        permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/ml-boundary`,
        accountId: ACCOUNT,
      }),
      (s, p) => new PersonaRoles(s, 'roles', p),
    ),
  ],
  [
    'GuardrailPolicies',
    subject<GuardrailPoliciesProps>(
      () => ({
        allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.large', 'system'],
        approvedImageArns: ['arn:aws:sagemaker:eu-west-1:*:image/sagemaker-distribution-*'],
        subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
        securityGroupIds: ['sg-00000001'],
        requireNetworkIsolation: true,
        requiredJobTagKeys: ['studiouserid', 'project'],
        adminPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/mlops-prod-ml-admin-*`],
        deployerPrincipalArns: [role('terraform-deployer')],
        emitScpOutputs: true,
      }),
      (s, p) => new GuardrailPolicies(s, 'guardrails', p),
    ),
  ],
  [
    'ModelRegistry',
    subject<ModelRegistryProps>(
      () => ({
        groups: [
          { name: 'churn', description: 'Churn models', consumerAccounts: ['222222222222'] },
          { name: 'fraud' },
        ],
        accountId: ACCOUNT,
        region: 'eu-west-1',
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      (s, p) => new ModelRegistry(s, 'registry', p),
    ),
  ],
  [
    'AuditTrail',
    subject<Omit<AuditTrailProps, 'accessLogBucket' | 'platformKey'>>(
      () => ({
        kmsKeyArn: KEY,
        logRetentionDays: 365,
        dataEventBucketArns: ['arn:aws:s3:::ml-data'],
        trailBucketLockDays: 365,
        alarms: true,
        errorAlarmThreshold: 10,
        presignedUrlAllowedCidrs: ['192.0.2.0/24'],
        platformRoleNamePatterns: ['mlops-prod-*'],
        logReaderArns: [role('auditors')],
        accountId: ACCOUNT,
        region: 'eu-west-1',
        removalPolicy: RemovalPolicy.RETAIN,
      }),
      (s, p) => {
        const key = new PlatformKey(s, 'key', {
          accountId: ACCOUNT,
          deployerPrincipalArns: [role('terraform-deployer')],
        });
        const logs = new SecureBucket(s, 'logs', {
          serverAccessLogTarget: true,
          accountId: ACCOUNT,
        });
        new AuditTrail(s, 'audit', { ...p, accessLogBucket: logs, platformKey: key });
      },
    ),
  ],
  [
    'StudioUserProfile',
    subject<StudioUserProfileProps>(
      () => ({
        spec: {
          name: 'alice',
          persona: Persona.DATA_SCIENTIST,
          executionRole: ExecutionRoleMode.OWN,
          ssoUserName: 'alice@example.com',
        },
        domainId: 'd-abcdefghijkl',
        authMode: AuthMode.SSO,
        vpcId: 'vpc-0abc0abc',
        studioSecurityGroupId: 'sg-00000001',
        teamExecutionRoleArn: role('studio-data-scientist'),
        ownRolePolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/studio-data-scientist`],
        ownRolePath: '/secure-mlops/users/',
        accountId: ACCOUNT,
        permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/ml-boundary`,
      }),
      (s, p) => new StudioUserProfile(s, 'user', p),
    ),
  ],
  [
    'CapacityPlanner',
    subject<CapacityPlannerProps>(
      () => ({
        users: 100,
        appsPerUser: 2,
        instanceTypesPerUser: 2,
        systemAppPerUser: true,
        trainingInstancesPerUser: 1,
        ipsPerTrainingInstance: 2,
        growthPercent: 20,
        interfaceEndpointsPerSubnet: 10,
        subnetCount: 3,
      }),
      (_s, p) => new CapacityPlanner(p),
    ),
  ],
];

describe.each(subjects)('%s: no silent bad input (property, X-10)', (_name, s) => {
  test('the baseline synthesizes with no ERROR finding', () => {
    expect(baselineOutcome(s)).toEqual({ kind: 'ok' });
  });

  test('random mutations give a clean synth or a ValidationError naming props', () => {
    assertNoSilentBadInput(s, RUNS);
  });
});
