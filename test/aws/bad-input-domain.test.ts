// X-10 bad input, SageMakerStudioDomain: every class of bad input gets one ValidationError that
// names the construct path, the prop, the value and what is allowed; never a TypeError, never a
// silent fallback. One case per test.each row.
import { TerraformVariable } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AuthMode, SageMakerStudioDomain } from '../../lib/aws';
import { Persona } from '../../lib/core';
import { ValidationError } from '../../lib/core/errors';
import { synthJson } from '../helpers';
import {
  ACCOUNT,
  awsStack,
  domain,
  Expected,
  expectBad,
  KEY,
  MINIMAL,
  role,
  validationError,
} from './bad-input-helpers';

const PATH = 'ml/studio';

/** [case, props added to MINIMAL, prop, value, allowed] */
type Row = [string, Record<string, unknown>, string, string | RegExp, string | RegExp];

function check(props: Record<string, unknown>, prop: string, value: any, allowed: any): void {
  expectBad(() => domain(props), { path: PATH, prop, value, allowed } as Expected);
}

describe('X-10 enums: exact values, never a fallback', () => {
  test.each<Row>([
    [
      'authMode in lower case',
      { authMode: 'iam' },
      'authMode',
      'iam',
      'AuthMode.IAM or AuthMode.SSO (chosen explicitly; it cannot change after creation) (values are case-sensitive: did you mean IAM?)',
    ],
    ['authMode unknown', { authMode: 'OIDC' }, 'authMode', 'OIDC', 'AuthMode.IAM or AuthMode.SSO'],
    [
      "removalPolicy 'retain' is not RETAIN (and never DESTROY)",
      { removalPolicy: 'retain' },
      'removalPolicy',
      'retain',
      'RemovalPolicy.RETAIN or RemovalPolicy.DESTROY (RETAIN when omitted) (values are case-sensitive: did you mean RETAIN?)',
    ],
    [
      "auditRemovalPolicy 'destroy' is not DESTROY",
      { auditRemovalPolicy: 'destroy' },
      'auditRemovalPolicy',
      'destroy',
      'RemovalPolicy.RETAIN or RemovalPolicy.DESTROY (RETAIN when omitted) (values are case-sensitive: did you mean DESTROY?)',
    ],
    [
      'a workload persona for a user profile',
      { userProfiles: [{ name: 'ann', persona: Persona.TRAINING }] },
      'userProfiles[0].persona',
      'TRAINING',
      `one of ${['PLATFORM_ADMIN', 'ML_ENGINEER', 'DATA_SCIENTIST', 'DATA_ENGINEER', 'MODEL_VIEWER', 'AUDITOR'].join(', ')}`,
    ],
    [
      'executionRole in lower case',
      { userProfiles: [{ name: 'ann', persona: Persona.DATA_SCIENTIST, executionRole: 'own' }] },
      'userProfiles[0].executionRole',
      'own',
      'one of TEAM, OWN (values are case-sensitive: did you mean OWN?)',
    ],
    [
      'custom image appType in lower case',
      { customImages: [{ appImageConfigName: 'img', appType: 'jupyterlab' }] },
      'customImages[0].appType',
      'jupyterlab',
      'did you mean JupyterLab?',
    ],
    [
      'a Lake Formation permission that does not apply to databases',
      { lakeFormation: { databases: ['curated'], permissions: ['SELECT'] } },
      'lakeFormation.permissions[0]',
      'SELECT',
      'one of ALL, ALTER, CREATE_TABLE, DESCRIBE, DROP',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));

  test("removalPolicy 'retain' leaves nothing destroyable behind: synth stops before any resource", () => {
    const stack = awsStack();
    expect(
      () =>
        new SageMakerStudioDomain(stack, 'studio', { ...MINIMAL, removalPolicy: 'retain' as any }),
    ).toThrow(ValidationError);
    expect(stack.node.findAll().some((c) => c.node.path.includes('/data/'))).toBe(false);
  });
});

describe('X-10 missing or mistyped props from untyped callers', () => {
  test.each<[string, unknown, string]>([
    ['no props at all', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a string', 'prod', 'prod'],
  ])('%s: one problem on props', (_case, props, value) => {
    expectBad(() => new SageMakerStudioDomain(awsStack(), 'studio', props as any), {
      path: PATH,
      prop: 'props',
      value,
      allowed: 'a props object (required)',
    });
  });

  test.each<Row>([
    [
      'environment missing',
      { environment: undefined },
      'environment',
      'undefined',
      '1-16 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (required)',
    ],
    [
      'a number for environment',
      { environment: 42 },
      'environment',
      '42',
      '1-16 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (required)',
    ],
    [
      'a string where a list belongs is one problem, not one per character',
      { allowedInstanceTypes: 'ml.t3.medium' },
      'allowedInstanceTypes',
      'ml.t3.medium',
      'a list of strings (got one string: write ["ml.t3.medium"])',
    ],
    [
      'an object where a list belongs',
      { userProfiles: { name: 'ann', persona: Persona.DATA_SCIENTIST } },
      'userProfiles',
      '{"name":"ann","persona":"DATA_SCIENTIST"}',
      'a list of objects',
    ],
    [
      'a string for the principals of a persona',
      { personas: { [Persona.DATA_SCIENTIST]: role('ds') } },
      'personas.DATA_SCIENTIST',
      role('ds'),
      'a list of strings (got one string',
    ],
    [
      'a hole in a list (sparse array from YAML)',
      { notebookInstances: [, { name: 'nb' }] },
      'notebookInstances[0]',
      'undefined',
      'an object',
    ],
    [
      'NaN idle timeout',
      { idleTimeoutMinutes: Number.NaN },
      'idleTimeoutMinutes',
      'null',
      'an integer from 60 to 525600',
    ],
    [
      "a string '120' for a number",
      { idleTimeoutMinutes: '120' },
      'idleTimeoutMinutes',
      '120',
      'an integer from 60 to 525600',
    ],
    ["the string 'false' for a boolean", { alarms: 'false' }, 'alarms', 'false', 'true or false'],
    [
      'a misspelt prop is an error, not ignored',
      { userProfile: [] },
      'userProfile',
      '[]',
      /^a prop of SageMakerStudioDomain \(environment, authMode, /,
    ],
    [
      'an account id given as a number',
      { accountId: 111111111111 },
      'accountId',
      '111111111111',
      'a 12-digit AWS account id as a string (quote it: a number loses leading zeros)',
    ],
    [
      'network given with a shared network',
      { network: { vpcCidr: '10.20.0.0/20' }, sharedNetwork: 'net-1' },
      'sharedNetwork',
      'net-1',
      'a PrivateNetwork construct',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));
});

describe('X-02 identity canonicalization for segregation of duties', () => {
  test.each<[string, string, string]>([
    ['an account id and its root ARN', ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`],
    ['IAM role names without regard to case', role('DataTeam'), role('datateam')],
    ['a role with and without its path', role('team/ds'), role('ds')],
  ])('%s are one principal: maker and checker in one hand is refused', (_case, a, b) => {
    const e = expectBad(
      () =>
        domain({
          personas: { [Persona.DATA_SCIENTIST]: [a], [Persona.ML_ENGINEER]: [b] },
        }),
      {
        path: PATH,
        prop: 'personas',
        value: `${a} = ${b} as DATA_SCIENTIST and ML_ENGINEER`,
        allowed: 'model registration and model approval are maker and checker',
      },
    );
    expect(e.value).toContain(' = ');
  });

  test('an SoD exception written with the root ARN covers the account id spelling', () => {
    expect(() =>
      domain({
        personas: {
          [Persona.PLATFORM_ADMIN]: ['222222222222'],
          [Persona.AUDITOR]: ['arn:aws:iam::222222222222:root'],
        },
        sodExceptions: [
          {
            principal: 'arn:aws:iam::222222222222:root',
            personas: [Persona.PLATFORM_ADMIN, Persona.AUDITOR],
            reason: 'a separate audit account, reviewed by the CISO each quarter',
          },
        ],
      }),
    ).not.toThrow();
  });
});

describe('X-10 tokens: skipped where safe, refused where they form names, never mangled', () => {
  test('environment from a variable is refused naming the prop; the token is shown as it is', () => {
    const stack = awsStack();
    const env = new TerraformVariable(stack, 'env', { type: 'string' }).stringValue;
    const p = expectBad(() => domain({ environment: env }, stack), {
      path: PATH,
      prop: 'environment',
      value: env,
      allowed:
        'a literal value known at synth (it is part of every resource name); a token is only known at apply',
    });
    expect(p.value).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test.each<[string, (v: string) => Record<string, unknown>, string]>([
    ['tenantId', (t) => ({ tenantId: t }), 'tenantId'],
    [
      'a profile name',
      (t) => ({ userProfiles: [{ name: t, persona: Persona.DATA_SCIENTIST }] }),
      'userProfiles[0].name',
    ],
    ['the authMode', (t) => ({ authMode: t }), 'authMode'],
    ['the account id (built into names)', (t) => ({ accountId: t }), 'accountId'],
    ['a tag value', (t) => ({ tags: { owner: t } }), 'tags.owner'],
    ['the VPC CIDR (split at synth)', (t) => ({ network: { vpcCidr: t } }), 'network.vpcCidr'],
    ['a boolean switch', (t) => ({ alarms: t }), 'alarms'],
  ])('a token for %s is refused naming the prop', (_case, props, prop) => {
    const stack = awsStack();
    const token = new TerraformVariable(stack, 'v', { type: 'string' }).stringValue;
    expectBad(() => domain(props(token), stack), {
      path: PATH,
      prop,
      value: token,
      allowed: /token is only known at apply/,
    });
  });

  test('a domain name from a variable is used as it is (not mangled into another name)', () => {
    const stack = awsStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' });
    const json = domain({ domainName: name.stringValue }, stack);
    const d: any = Object.values(json.resource.aws_sagemaker_domain)[0];
    expect(d.domain_name).toBe('${var.name}');
  });

  test('a message keeps the value as written (no lower-casing)', () => {
    check(
      { environment: 'PROD ENV' },
      'environment',
      'PROD ENV',
      '1-16 lowercase letters, digits and hyphens, starting with a letter',
    );
  });
});

describe('X-10 duplicates are reported as the list prop', () => {
  const ds = Persona.DATA_SCIENTIST;
  test.each<Row>([
    [
      'user profile names',
      {
        userProfiles: [
          { name: 'ann', persona: ds },
          { name: 'ann', persona: ds },
        ],
      },
      'userProfiles[1].name',
      'ann',
      'profile names that appear once (the same as userProfiles[0].name)',
    ],
    [
      'Identity Center users, without regard to case (one profile per user and domain)',
      {
        authMode: AuthMode.SSO,
        userProfiles: [
          { name: 'ann', persona: ds, ssoUserName: 'Ann@example.com' },
          { name: 'ann2', persona: ds, ssoUserName: 'ann@example.com' },
        ],
      },
      'userProfiles[1].ssoUserName',
      'ann@example.com',
      'Identity Center users (one profile per user and domain) that appear once',
    ],
    [
      'shared space names',
      {
        userProfiles: [{ name: 'ann', persona: ds }],
        spaces: [
          { name: 'team', ownerProfileName: 'ann' },
          { name: 'team', ownerProfileName: 'ann' },
        ],
      },
      'spaces[1].name',
      'team',
      'space names that appear once',
    ],
    [
      'model package groups, without regard to case',
      { modelPackageGroups: [{ name: 'Churn' }, { name: 'churn' }] },
      'modelPackageGroups[1].name',
      'churn',
      'group names that appear once (the same as modelPackageGroups[0].name)',
    ],
    [
      'notebook instances',
      { notebookInstances: [{ name: 'nb' }, { name: 'nb' }] },
      'notebookInstances[1].name',
      'nb',
      'notebook instance names that appear once',
    ],
    [
      'instance types',
      { allowedInstanceTypes: ['system', 'ml.t3.medium', 'ml.t3.medium'] },
      'allowedInstanceTypes[2]',
      'ml.t3.medium',
      'entries that appear once (the same as allowedInstanceTypes[1])',
    ],
    [
      'subnet ids of an existing VPC',
      {
        network: {
          vpcId: 'vpc-0abc0abc',
          subnetIds: ['subnet-0000000a', 'subnet-0000000a'],
        },
      },
      'network.subnetIds[1]',
      'subnet-0000000a',
      'entries that appear once (the same as network.subnetIds[0])',
    ],
    [
      'an interface endpoint that is always created',
      { network: { additionalInterfaceEndpoints: ['sts'] } },
      'network.additionalInterfaceEndpoints[0]',
      'sts',
      'an endpoint not already created',
    ],
    [
      'scheduled pipelines',
      {
        scheduledPipelines: [
          { pipelineName: 'train', scheduleExpression: 'rate(1 day)' },
          { pipelineName: 'TRAIN', scheduleExpression: 'rate(2 days)' },
        ],
      },
      'scheduledPipelines[1].pipelineName',
      'TRAIN',
      'pipeline names that appear once',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));
});

describe('X-10 networks', () => {
  test.each<Row>([
    [
      'a VPC larger than /16',
      { network: { vpcCidr: '10.0.0.0/8' } },
      'network.vpcCidr',
      '10.0.0.0/8',
      'a VPC CIDR block between /16 and /28',
    ],
    [
      'a VPC smaller than /28',
      { network: { vpcCidr: '10.0.0.0/29' } },
      'network.vpcCidr',
      '10.0.0.0/29',
      'between /16 and /28',
    ],
    [
      'the whole internet as a VPC',
      { network: { vpcCidr: '0.0.0.0/0' } },
      'network.vpcCidr',
      '0.0.0.0/0',
      'between /16 and /28',
    ],
    [
      'an existing VPC CIDR of /12',
      {
        network: {
          vpcId: 'vpc-0abc0abc',
          subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
          existingVpcCidr: '172.16.0.0/12',
        },
      },
      'network.existingVpcCidr',
      '172.16.0.0/12',
      'between /16 and /28',
    ],
    [
      '0.0.0.0/0 as the presigned-URL allow-list',
      { presignedUrl: { sourceIps: ['0.0.0.0/0'] } },
      'presignedUrl.sourceIps[0]',
      '0.0.0.0/0',
      'not 0.0.0.0/0 (the whole internet is no restriction; omit the prop instead)',
    ],
    [
      'subnets without a VPC id (a VPC would be created instead)',
      { network: { subnetIds: ['subnet-0000000a', 'subnet-0000000b'] } },
      'network.subnetIds',
      '["subnet-0000000a","subnet-0000000b"]',
      'only with network.vpcId (an existing VPC); without it a VPC is created',
    ],
    [
      'an Availability Zone of another Region',
      { network: { availabilityZones: ['eu-west-1a', 'us-east-1b'] } },
      'network.availabilityZones[1]',
      'us-east-1b',
      'an Availability Zone of the provider Region eu-west-1',
    ],
    [
      'a malformed VPC id',
      { network: { vpcId: 'my-vpc', subnetIds: ['subnet-0000000a', 'subnet-0000000b'] } },
      'network.vpcId',
      'my-vpc',
      'an EC2 id such as vpc-0123456789abcdef0',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));
});

describe('X-10 IAM: principals IAM accepts, quotas', () => {
  test.each<Row>([
    [
      'an ARN with an empty account',
      { personas: { [Persona.AUDITOR]: ['arn:aws:iam:::role/auditors'] } },
      'personas.AUDITOR[0]',
      'arn:aws:iam:::role/auditors',
      'the account is empty: IAM needs the 12-digit account id',
    ],
    [
      'a wildcard role name',
      { personas: { [Persona.AUDITOR]: [role('audit-*')] } },
      'personas.AUDITOR[0]',
      role('audit-*'),
      'with no wildcard: IAM accepts no * or ? in a principal ARN',
    ],
    [
      'a wildcard account',
      { deployerPrincipalArns: ['arn:aws:iam::*:role/terraform'] },
      'deployerPrincipalArns[0]',
      'arn:aws:iam::*:role/terraform',
      'the account must be 12 digits',
    ],
    [
      'an assumed-role session instead of the role',
      { deployerPrincipalArns: [`arn:aws:sts::${ACCOUNT}:assumed-role/terraform/ci`] },
      'deployerPrincipalArns[0]',
      `arn:aws:sts::${ACCOUNT}:assumed-role/terraform/ci`,
      'an IAM role or user ARN',
    ],
    [
      'a permissions boundary that is not a policy ARN',
      { permissionsBoundaryArn: role('boundary') },
      'permissionsBoundaryArn',
      role('boundary'),
      'an IAM policy ARN such as arn:aws:iam::111111111111:policy/ml-boundary',
    ],
    [
      'an ECR repository in any account',
      { approvedEcrRepositoryArns: ['arn:aws:ecr:eu-west-1:*:repository/*'] },
      'approvedEcrRepositoryArns[0]',
      'arn:aws:ecr:eu-west-1:*:repository/*',
      'in a named account',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));

  test('a trust policy over the 2048-character IAM quota is refused with the quota named', () => {
    const sso = (n: number) =>
      role(
        `aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataScientists${n}_0123456789abcdef`,
      );
    expectBad(
      () =>
        domain({
          personas: { [Persona.DATA_SCIENTIST]: Array.from({ length: 8 }, (_, i) => sso(i)) },
        }),
      {
        path: 'ml/studio/roles',
        prop: 'personas.DATA_SCIENTIST',
        value: /^8 principals \(a trust policy of \d{4} characters\)$/,
        allowed:
          "fits IAM's quota of 2048 characters (role trust policy length, adjustable to 4096 in Service Quotas)",
      },
    );
  });
});

describe('X-07 regions: the bundled AWS Region list', () => {
  test.each<Row>([
    [
      'an allowed Region that does not exist',
      { allowedRegions: ['eu-west-1', 'eu-west-9'] },
      'allowedRegions[1]',
      'eu-west-9',
      /^an AWS Region: eu-central-1, eu-central-2, .*, eu-west-3 or eu-isoe-west-1$/,
    ],
    [
      'an allowed Region in upper case',
      { allowedRegions: ['EU-WEST-1'] },
      'allowedRegions[0]',
      'EU-WEST-1',
      'did you mean eu-west-1?',
    ],
    [
      'a KMS key ARN in a Region that does not exist',
      {
        encryption: {
          kmsKeyArn: 'arn:aws:kms:eu-west-7:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000',
        },
      },
      'encryption.kmsKeyArn (Region)',
      'eu-west-7',
      'an AWS Region',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));

  test.each<[string, string, string]>([
    ['a provider Region that does not exist', 'eu-westt-1', 'an AWS Region: '],
    ['a provider Region in upper case', 'EU-WEST-1', 'did you mean eu-west-1?'],
  ])('%s', (_case, region, allowed) => {
    expectBad(() => domain({}, awsStack({ region })), {
      path: PATH,
      prop: 'provider.region',
      value: region,
      allowed,
    });
  });

  test('a Region of the European Sovereign Cloud partition is known', () => {
    expect(() =>
      domain({ allowedRegions: ['eusc-de-east-1'] }, awsStack({ region: 'eusc-de-east-1' })),
    ).not.toThrow();
  });
});

describe('X-10 free-form values that reach the AWS APIs', () => {
  test.each<Row>([
    [
      'a log retention CloudWatch Logs does not offer',
      { logRetentionDays: 100 },
      'logRetentionDays',
      '100',
      'one of 1, 3, 5, 7, 14, 30, 60, 90, 120',
    ],
    [
      'an idle timeout below an hour',
      { idleTimeoutMinutes: 59 },
      'idleTimeoutMinutes',
      '59',
      'an integer from 60 to 525600',
    ],
    [
      'a five-field cron',
      { scheduledPipelines: [{ pipelineName: 'train', scheduleExpression: 'cron(0 3 * * *)' }] },
      'scheduledPipelines[0].scheduleExpression',
      'cron(0 3 * * *)',
      'six fields (minutes hours day-of-month month day-of-week year), got 5',
    ],
    [
      "a cron without '?'",
      { scheduledPipelines: [{ pipelineName: 'train', scheduleExpression: 'cron(0 3 * * * *)' }] },
      'scheduledPipelines[0].scheduleExpression',
      'cron(0 3 * * * *)',
      "'?' in exactly one of day-of-month and day-of-week",
    ],
    [
      'a plural unit for one',
      { scheduledPipelines: [{ pipelineName: 'train', scheduleExpression: 'rate(1 days)' }] },
      'scheduledPipelines[0].scheduleExpression',
      'rate(1 days)',
      'a singular unit for 1 and a plural one above',
    ],
    [
      'a rate for AWS Backup (cron only)',
      { efsBackup: { schedule: 'rate(1 day)' } },
      'efsBackup.schedule',
      'rate(1 day)',
      'AWS Backup takes cron only',
    ],
    [
      'backups kept zero days',
      { efsBackup: { deleteAfterDays: 0 } },
      'efsBackup.deleteAfterDays',
      '0',
      'an integer of at least 1',
    ],
    [
      'an instance type that does not exist',
      { allowedInstanceTypes: ['system', 'ml.t3.mediun'] },
      'allowedInstanceTypes[1]',
      'ml.t3.mediun',
      'a Studio app instance type of SageMaker: ml.t3.micro, ml.t3.small, ml.t3.medium, ml.t3.large, ml.t3.xlarge or ml.t3.2xlarge',
    ],
    [
      'an instance type without the ml. prefix',
      { allowedInstanceTypes: ['system', 't3.medium'] },
      'allowedInstanceTypes[1]',
      't3.medium',
      'did you mean ml.t3.medium?',
    ],
    [
      'a notebook instance type notebooks do not offer',
      { notebookInstances: [{ name: 'nb', instanceType: 'ml.t3.micro' }] },
      'notebookInstances[0].instanceType',
      'ml.t3.micro',
      'a notebook instance type of SageMaker: ml.t3.medium, ml.t3.large, ml.t3.xlarge or ml.t3.2xlarge',
    ],
    [
      'an app image config name SageMaker rejects',
      { customImages: [{ appImageConfigName: 'team_image', kernelName: 'python3' }] },
      'customImages[0].appImageConfigName',
      'team_image',
      '1-63 letters, digits and hyphens',
    ],
    [
      'a kernel name for a JupyterLab image (ignored by that app type)',
      {
        customImages: [{ appImageConfigName: 'img', appType: 'JupyterLab', kernelName: 'python3' }],
      },
      'customImages[0].kernelName',
      'python3',
      'only for kernel gateway images (appType KernelGateway)',
    ],
    [
      'a rotation period for a key given by ARN (ignored)',
      { encryption: { kmsKeyArn: KEY, rotationPeriodDays: 180 } },
      'encryption.rotationPeriodDays',
      '180',
      'only for a created key',
    ],
  ])('%s', (_case, props, prop, value, allowed) => check(props, prop, value, allowed));

  test('a domain name derived from an id SageMaker rejects names the prop to set', () => {
    expectBad(
      () => {
        const stack = awsStack();
        new SageMakerStudioDomain(stack, '_studio', MINIMAL);
      },
      {
        path: 'ml/_studio',
        prop: 'domainName',
        value: '-studio-prod',
        allowed:
          "the one derived from the construct id '_studio' and the environment is not; set domainName",
      },
    );
  });
});

describe('X-10 wrong or missing provider', () => {
  test('a stack with only a Google provider: no AwsProvider, before any residency check', () => {
    const stack = awsStack(null);
    new GoogleProvider(stack, 'google', { project: 'p-123456', region: 'europe-west4' });
    const e = validationError(() => domain({ allowedRegions: ['eu-west-1'] }, stack));
    expect(e.problems.map((p) => p.prop)).toEqual(['provider']);
    expect(e.message).toContain(
      "provider: got 'no AwsProvider in stack ml'; allowed: an AwsProvider in the construct's stack",
    );
  });

  test('only aliased AWS providers: the default provider is named', () => {
    const stack = awsStack(null);
    new AwsProvider(stack, 'aws-ire', { region: 'eu-west-1', alias: 'ireland' });
    expectBad(() => domain({}, stack), {
      path: PATH,
      prop: 'provider',
      value: 'only aliased AwsProviders in stack ml (ireland)',
      allowed: 'a default AwsProvider (without alias)',
    });
  });
});

describe('X-10 names claimed twice in one account and Region', () => {
  test('two platforms creating the /aws/sagemaker/* log groups in one stack: both paths named', () => {
    const stack = awsStack();
    new SageMakerStudioDomain(stack, 'team-a', MINIMAL);
    const e = validationError(() => new SageMakerStudioDomain(stack, 'team-b', MINIMAL));
    expect(e.constructPath).toBe('ml/team-b/audit');
    expect(e.message).toContain(
      "createLogGroups: got '/aws/sagemaker/studio'; allowed: a CloudWatch log group name not already created in account 111111111111, Region eu-west-1 by ml/team-a/audit (createLogGroups)",
    );
  });

  test('the same in two stacks of one app (same account and Region)', () => {
    const a = awsStack();
    new SageMakerStudioDomain(a, 'studio', MINIMAL);
    const b = awsStack({ region: 'eu-west-1' }, a.node.root as any, 'ml2');
    const e = validationError(() => new SageMakerStudioDomain(b, 'studio', MINIMAL));
    expect(e.message).toContain('by ml/studio/audit (createLogGroups)');
  });

  test('the second platform that leaves the account log groups to the first is accepted', () => {
    const stack = awsStack();
    new SageMakerStudioDomain(stack, 'team-a', MINIMAL);
    new SageMakerStudioDomain(stack, 'team-b', { ...MINIMAL, createAccountLogGroups: false });
    expect(() => synthJson(stack)).not.toThrow();
  });

  test('one model package group name in two platforms of one account', () => {
    const stack = awsStack();
    new SageMakerStudioDomain(stack, 'team-a', {
      ...MINIMAL,
      modelPackageGroups: [{ name: 'churn' }],
    });
    const e = validationError(
      () =>
        new SageMakerStudioDomain(stack, 'team-b', {
          ...MINIMAL,
          createAccountLogGroups: false,
          modelPackageGroups: [{ name: 'Churn' }],
        }),
    );
    expect(e.constructPath).toBe('ml/team-b/registry');
    expect(e.message).toContain(
      "groups: got 'churn'; allowed: a SageMaker model package group name not already created in account 111111111111, Region eu-west-1 by ml/team-a/registry (groups)",
    );
  });
});

describe('AWS-30 a tenant domain schedules only its own pipelines', () => {
  test("a scheduled pipeline without the tenant's prefix", () => {
    check(
      {
        tenantId: 'retail',
        scheduledPipelines: [{ pipelineName: 'risk-train', scheduleExpression: 'rate(1 day)' }],
      },
      'scheduledPipelines[0].pipelineName',
      'risk-train',
      /^a pipeline of tenant retail, named retail-… \(AWS-30/,
    );
  });
});

describe('X-10 deployer principals', () => {
  test('an account root as deployer is refused: the deployer exemptions compare aws:PrincipalArn', () => {
    check(
      { deployerPrincipalArns: ['arn:aws:iam::111111111111:root'] },
      'deployerPrincipalArns[0]',
      'arn:aws:iam::111111111111:root',
      /^an IAM role or user ARN, not an account root: the deployer exemptions compare aws:PrincipalArn/,
    );
  });
});
