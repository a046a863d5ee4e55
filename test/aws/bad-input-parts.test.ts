// X-10 bad input, the exported AWS parts used on their own and MultiTenantStudio: one
// ValidationError naming the construct path, the prop, the value and what is allowed.
import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import {
  AuditTrail,
  AuthMode,
  CapacityPlanner,
  GuardrailPolicies,
  ModelRegistry,
  MultiTenantStudio,
  PersonaRoles,
  PlatformKey,
  PrivateNetwork,
  SecureBucket,
  StudioUserProfile,
} from '../../lib/aws';
import { Persona } from '../../lib/core';
import { synthJson } from '../helpers';
import { ACCOUNT, awsStack, expectBad, KEY, role, validationError } from './bad-input-helpers';

const ds = Persona.DATA_SCIENTIST;

/** A valid StudioUserProfile's props, with `over` applied. */
function profileProps(over: Record<string, unknown> = {}): any {
  return {
    spec: { name: 'ann', persona: ds },
    domainId: 'd-abcdefghijkl',
    authMode: AuthMode.IAM,
    vpcId: 'vpc-0abc0abc',
    studioSecurityGroupId: 'sg-00000001',
    teamExecutionRoleArn: role('studio-ds'),
    ownRolePolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/studio-ds`],
    accountId: ACCOUNT,
    ...over,
  };
}

/** Valid MultiTenantStudio props, with `over` applied. */
function tenantProps(over: Record<string, unknown> = {}): any {
  return {
    environment: 'prod',
    authMode: AuthMode.IAM,
    accountId: ACCOUNT,
    tenants: [{ tenantId: 'retail' }],
    ...over,
  };
}

describe('X-10 PrivateNetwork', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['no KMS key', {}, 'kmsKeyArn', 'undefined', 'a KMS key ARN (required)'],
    [
      'a VPC of /12',
      { kmsKeyArn: KEY, vpcCidr: '10.0.0.0/12' },
      'vpcCidr',
      '10.0.0.0/12',
      'a VPC CIDR block between /16 and /28',
    ],
    [
      'a subnet prefix of /29',
      { kmsKeyArn: KEY, subnetPrefixLength: 29 },
      'subnetPrefixLength',
      '29',
      'an integer from 16 to 28',
    ],
    [
      'one Availability Zone',
      { kmsKeyArn: KEY, availabilityZoneCount: 1 },
      'availabilityZoneCount',
      '1',
      'at least 2 Availability Zones',
    ],
    [
      'a subnet CIDR of /29 in an existing VPC',
      {
        kmsKeyArn: KEY,
        vpcId: 'vpc-0abc0abc',
        subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
        subnetCidrs: ['10.0.0.0/22', '10.0.4.0/29'],
      },
      'subnetCidrs[1]',
      '10.0.4.0/29',
      'a subnet CIDR block between /16 and /28',
    ],
    [
      'expectedUsers together with capacity (one of them would be ignored)',
      { kmsKeyArn: KEY, expectedUsers: 10, capacity: { users: 20 } },
      'expectedUsers',
      '10',
      'not with capacity (set capacity.users instead)',
    ],
    [
      'capacity without users',
      { kmsKeyArn: KEY, capacity: { growthPercent: 10 } },
      'capacity',
      '{"growthPercent":10}',
      'users must be an integer >= 1 (got undefined)',
    ],
    [
      'a 30-day log retention written as a string',
      { kmsKeyArn: KEY, logRetentionDays: '30' },
      'logRetentionDays',
      '30',
      'one of 1, 3, 5, 7, 14, 30',
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new PrivateNetwork(awsStack(), 'net', props as any), {
      path: 'ml/net',
      prop,
      value,
      allowed,
    });
  });

  test('no props at all', () => {
    expectBad(() => new (PrivateNetwork as any)(awsStack(), 'net'), {
      path: 'ml/net',
      prop: 'props',
      value: 'undefined',
      allowed: 'a props object (required)',
    });
  });

  test('a token Region is refused (omit it to use the provider Region)', () => {
    const stack = awsStack();
    const region = new TerraformVariable(stack, 'r', { type: 'string' }).stringValue;
    expectBad(() => new PrivateNetwork(stack, 'net', { kmsKeyArn: KEY, region }), {
      path: 'ml/net',
      prop: 'region',
      value: region,
      allowed: "omit the prop to use the provider's Region",
    });
  });
});

describe('X-10 PlatformKey', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'a deletion window below the AWS-05 30 days',
      { deletionWindowDays: 7 },
      'deletionWindowDays',
      '7',
      '30 (AWS-05 keeps a 30-day deletion window',
    ],
    [
      'a rotation period above a year (X-04)',
      { rotationPeriodDays: 400 },
      'rotationPeriodDays',
      '400',
      'an integer from 90 to 365',
    ],
    [
      "removalPolicy 'destroy'",
      { removalPolicy: 'destroy' },
      'removalPolicy',
      'destroy',
      'did you mean DESTROY?',
    ],
    [
      'an alias under the reserved aws/ prefix',
      { alias: 'aws/ml' },
      'alias',
      'aws/ml',
      "not starting with 'aws/'",
    ],
    [
      'a key administrator with a wildcard',
      { adminPrincipalArns: [role('*')] },
      'adminPrincipalArns[0]',
      role('*'),
      'with no wildcard',
    ],
    [
      'a Region that does not exist',
      { region: 'eu-north-9' },
      'region',
      'eu-north-9',
      'eu-north-1, eu-south-1',
    ],
    ['null props', null as any, 'props', 'null', 'a props object'],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new PlatformKey(awsStack(), 'key', props as any), {
      path: 'ml/key',
      prop,
      value,
      allowed,
    });
  });

  test('a derived alias over 256 characters names the prop to set', () => {
    let scope: Construct = awsStack();
    for (let i = 0; i < 5; i++) scope = new Construct(scope, `level-${i}-${'x'.repeat(50)}`);
    expectBad(() => new PlatformKey(scope, 'key', {}), {
      path: `${scope.node.path}/key`,
      prop: 'alias',
      value: `secure-mlops/${scope.node.path}/key`,
      allowed: "an alias of at most 250 characters (256 with 'alias/')",
    });
  });
});

describe('X-10 SecureBucket', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'a bucket name S3 rejects',
      { serverAccessLogTarget: true, bucketName: 'My_Bucket' },
      'bucketName',
      'My_Bucket',
      '3-63 characters of lowercase letters',
    ],
    [
      'no key and not a log target',
      { accessLogBucket: undefined },
      'kmsKeyArn',
      'undefined',
      'a KMS key ARN (SSE-S3 is only used',
    ],
    [
      'a KMS key id instead of its ARN',
      { serverAccessLogTarget: true, kmsKeyArn: '0f0f0f0f-0000-4000-8000-000000000000' },
      'kmsKeyArn',
      '0f0f0f0f-0000-4000-8000-000000000000',
      'an ARN of kms such as arn:aws:kms:',
    ],
    [
      'Object Lock for zero days',
      { serverAccessLogTarget: true, objectLockDays: 0 },
      'objectLockDays',
      '0',
      'an integer from 1 to 36500',
    ],
    [
      'a source account on a bucket that is no log target',
      { kmsKeyArn: KEY, serverAccessLogTarget: false, sourceAccountId: ACCOUNT },
      'sourceAccountId',
      ACCOUNT,
      'only for server access log targets',
    ],
    [
      'AWS-07 a key alias where the key id belongs',
      { kmsKeyArn: KEY, kmsKeyId: 'alias/ml-platform' },
      'kmsKeyId',
      'alias/ml-platform',
      "a KMS key id (a UUID, or 'mrk-' and 32 hex digits for a multi-Region key), not an alias or an ARN",
    ],
    [
      'AWS-07 a key id without the key ARN',
      { serverAccessLogTarget: true, kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      'kmsKeyId',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'only with kmsKeyArn (the id of that key)',
    ],
    [
      'an access log bucket that is not a SecureBucket',
      { kmsKeyArn: KEY, accessLogBucket: 'logs' },
      'accessLogBucket',
      'logs',
      'a SecureBucket receiving server access logs',
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new SecureBucket(awsStack(), 'b', props as any), {
      path: 'ml/b',
      prop,
      value,
      allowed,
    });
  });

  test('one bucket name in two buckets of one app: both paths named', () => {
    const stack = awsStack();
    new SecureBucket(stack, 'a', {
      serverAccessLogTarget: true,
      bucketName: 'ml-logs-111111111111',
    });
    const e = validationError(
      () =>
        new SecureBucket(stack, 'b', {
          serverAccessLogTarget: true,
          bucketName: 'ml-logs-111111111111',
        }),
    );
    expect(e.message).toContain(
      "bucketName: got 'ml-logs-111111111111'; allowed: a S3 bucket name not already created in the global S3 namespace by ml/a (bucketName)",
    );
  });
});

describe('X-10 PersonaRoles', () => {
  test('AWS-18 the perimeter-exempt workload roles trust only the named CI role, never an account', () => {
    const stack = awsStack();
    new PersonaRoles(stack, 'roles', {
      accountId: ACCOUNT,
      personas: { [Persona.DEPLOYMENT]: [role('ci-deployer')], [ds]: [ACCOUNT] },
    });
    const roles = synthJson(stack).resource.aws_iam_role;
    const deployment: any = Object.values(roles).find((r: any) =>
      String(r.name).includes('deployment'),
    );
    const principals = JSON.parse(deployment.assume_role_policy).Statement.flatMap((s: any) =>
      [].concat(s.Principal.AWS ?? []),
    );
    expect(new Set(principals)).toEqual(new Set([role('ci-deployer')]));
  });

  test.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'an unknown persona',
      { personas: { DATA_SCIENTISTS: [role('ds')] } },
      'personas',
      'DATA_SCIENTISTS',
      'persona names: PLATFORM_ADMIN',
    ],
    [
      'an e-mail instead of an IAM ARN',
      { personas: { [ds]: ['ann@example.com'] } },
      'personas.DATA_SCIENTIST[0]',
      'ann@example.com',
      'an IAM role or user ARN',
    ],
    [
      'an SoD exception without a reason',
      {
        personas: { [ds]: [role('x')] },
        sodExceptions: [{ principal: role('x'), personas: [ds, Persona.ML_ENGINEER] }],
      },
      'sodExceptions[0].reason',
      'undefined',
      'a non-empty string',
    ],
    [
      'an account id as the CI principal of the perimeter-exempt deployment role',
      { personas: { [Persona.DEPLOYMENT]: [ACCOUNT] } },
      'personas.DEPLOYMENT[0]',
      ACCOUNT,
      'a named IAM role (or user) ARN such as arn:aws:iam::111111111111:role/ci-deployer, not an account',
    ],
    [
      'an account root ARN as the CI principal of the perimeter-exempt pipeline role',
      { personas: { [Persona.PIPELINE]: [role('ci'), 'arn:aws:iam::222222222222:root'] } },
      'personas.PIPELINE[1]',
      'arn:aws:iam::222222222222:root',
      "the PIPELINE role is exempt from the data perimeter's network condition",
    ],
    [
      'a name prefix too long for the persona role names',
      { namePrefix: 'p'.repeat(41) },
      'namePrefix',
      'p'.repeat(41),
      "within IAM's 64",
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new PersonaRoles(awsStack(), 'roles', props as any), {
      path: 'ml/roles',
      prop,
      value,
      allowed,
    });
  });
});

describe('X-10 GuardrailPolicies', () => {
  const base = { subnetIds: ['subnet-0000000a'], securityGroupIds: ['sg-00000001'] };
  test.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'no subnets',
      { ...base, subnetIds: [] },
      'subnetIds',
      '[]',
      'a list of strings of at least 1',
    ],
    [
      'a string for the security groups',
      { ...base, securityGroupIds: 'sg-00000001' },
      'securityGroupIds',
      'sg-00000001',
      'got one string',
    ],
    [
      'an instance type in upper case',
      { ...base, allowedInstanceTypes: ['ML.T3.MEDIUM'] },
      'allowedInstanceTypes[0]',
      'ML.T3.MEDIUM',
      'did you mean ml.t3.medium?',
    ],
    [
      'a reserved tag key for jobs',
      { ...base, requiredJobTagKeys: ['aws:project'] },
      'requiredJobTagKeys[0]',
      'aws:project',
      "not starting with 'aws:'",
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new GuardrailPolicies(awsStack(), 'g', props as any), {
      path: 'ml/g',
      prop,
      value,
      allowed,
    });
  });
});

describe('X-10 ModelRegistry', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['groups missing', {}, 'groups', 'undefined', 'a list of objects'],
    [
      'a consumer account with 11 digits',
      { groups: [{ name: 'churn', consumerAccounts: ['22222222222'] }] },
      'groups[0].consumerAccounts[0]',
      '22222222222',
      'a 12-digit AWS account id',
    ],
    [
      'a description over 1024 characters',
      { groups: [{ name: 'churn', description: 'd'.repeat(1025) }] },
      'groups[0].description',
      'd'.repeat(1025),
      'at most 1024 characters',
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new ModelRegistry(awsStack(), 'r', props as any), {
      path: 'ml/r',
      prop,
      value,
      allowed,
    });
  });
});

describe('X-10 AuditTrail', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'no access log bucket',
      { kmsKeyArn: KEY },
      'accessLogBucket',
      'undefined',
      'a SecureBucket receiving server access logs (required)',
    ],
    [
      '0.0.0.0/0 as the presigned-URL networks',
      { kmsKeyArn: KEY, presignedUrlAllowedCidrs: ['0.0.0.0/0'] },
      'presignedUrlAllowedCidrs[0]',
      '0.0.0.0/0',
      'not 0.0.0.0/0',
    ],
    [
      'an organization trail ARN with an empty account',
      { kmsKeyArn: KEY, organizationTrailArn: 'arn:aws:cloudtrail:us-east-1::trail/org' },
      'organizationTrailArn',
      'arn:aws:cloudtrail:us-east-1::trail/org',
      '(the account is empty)',
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new AuditTrail(awsStack(), 'a', props as any), {
      path: 'ml/a',
      prop,
      value,
      allowed,
    });
  });
});

describe('X-10 StudioUserProfile (e.g. in a tenant stack)', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['no spec', { spec: undefined }, 'spec', 'undefined', 'an object'],
    [
      'a profile name with an underscore',
      { spec: { name: 'ann_b', persona: ds } },
      'spec.name',
      'ann_b',
      '1-63 letters, digits and hyphens',
    ],
    [
      'an Identity Center user in an IAM domain',
      { spec: { name: 'ann', persona: ds, ssoUserName: 'ann@example.com' } },
      'spec.ssoUserName',
      'ann@example.com',
      'only with authMode SSO',
    ],
    [
      'a domain id that is not one',
      { domainId: 'studio' },
      'domainId',
      'studio',
      'a SageMaker domain id such as d-xxxxxxxxxxxx',
    ],
    [
      'a role path without the trailing slash',
      { ownRolePath: '/studio' },
      'ownRolePath',
      '/studio',
      "an IAM path: '/' or '/a/b/'",
    ],
  ])('%s', (_case, over, prop, value, allowed) => {
    expectBad(() => new StudioUserProfile(awsStack(), 'user', profileProps(over)), {
      path: 'ml/user',
      prop,
      value,
      allowed,
    });
  });

  test('a profile in a stack with no AWS provider', () => {
    expectBad(() => new StudioUserProfile(awsStack(null), 'user', profileProps()), {
      path: 'ml/user',
      prop: 'provider',
      value: 'no AwsProvider in stack ml',
      allowed: "an AwsProvider in the construct's stack",
    });
  });
});

describe('X-10 MultiTenantStudio', () => {
  test.each<[string, Record<string, unknown>, string, string, string]>([
    ['no tenants', { tenants: [] }, 'tenants', '[]', 'a list of tenants of at least 1'],
    ['a string for the tenants', { tenants: 'retail' }, 'tenants', 'retail', 'got one string'],
    [
      'a tenant id in upper case',
      { tenants: [{ tenantId: 'Retail' }] },
      'tenants[0].tenantId',
      'Retail',
      '1-31 lowercase letters, digits and hyphens',
    ],
    [
      'one tenant twice',
      { tenants: [{ tenantId: 'risk' }, { tenantId: 'risk' }] },
      'tenants[1].tenantId',
      'risk',
      'tenant ids that appear once',
    ],
    [
      // models and job log streams are confined by the prefix '<tenant id>-' (AWS-30)
      "a tenant id that is another's followed by a hyphen",
      { tenants: [{ tenantId: 'risk-eu' }, { tenantId: 'risk' }] },
      'tenants[0].tenantId',
      'risk-eu',
      "an id that does not start with another tenant's id and a hyphen ('risk-', tenants[1].tenantId)",
    ],
    [
      'a misspelt tenant prop',
      { tenants: [{ tenantId: 'risk', userProfile: [] }] },
      'tenants[0].userProfile',
      '[]',
      'a prop of a tenant',
    ],
    [
      "removalPolicy 'Retain'",
      { removalPolicy: 'Retain' },
      'removalPolicy',
      'Retain',
      'did you mean RETAIN?',
    ],
  ])('%s', (_case, over, prop, value, allowed) => {
    expectBad(() => new MultiTenantStudio(awsStack(), 'mt', tenantProps(over)), {
      path: 'ml/mt',
      prop,
      value,
      allowed,
    });
  });

  test('one model package group name in two tenants of one account: both tenants named', () => {
    const stack = awsStack();
    const e = validationError(() => {
      new MultiTenantStudio(
        stack,
        'mt',
        tenantProps({
          tenants: [
            { tenantId: 'retail', modelPackageGroups: [{ name: 'shared-models' }] },
            { tenantId: 'risk', modelPackageGroups: [{ name: 'shared-models' }] },
          ],
        }),
      );
      synthJson(stack);
    });
    expect(e.constructPath).toBe('ml/mt/risk/registry');
    expect(e.message).toContain('by ml/mt/retail/registry (groups)');
  });
});

describe('X-10 CapacityPlanner (a plain class)', () => {
  test.each<[string, unknown, string, string, string]>([
    ['null', null, 'props', 'null', 'an object with users'],
    ['no users', {}, 'users', 'undefined', 'an integer >= 1'],
    [
      'a growth written as a string',
      { users: 10, growthPercent: '20' },
      'growthPercent',
      '20',
      'a number from 0 to 1000',
    ],
  ])('%s', (_case, props, prop, value, allowed) => {
    expectBad(() => new CapacityPlanner(props as any), {
      path: 'CapacityPlanner',
      prop,
      value,
      allowed,
    });
  });
});
