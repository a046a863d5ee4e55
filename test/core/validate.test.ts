import { App, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AwsValidate, AzureValidate, GcpValidate, Validate } from '../../lib';

const CLASSES: { [name: string]: any } = { AwsValidate, AzureValidate, GcpValidate, Validate };

/** Calls a validator named 'Class.method'. */
function call(name: string, value: string): string | undefined {
  const [cls, method] = name.split('.');
  return CLASSES[cls][method](value);
}
import { ValidationError, Validator } from '../../lib/core/errors';

describe("X-10 name validators by each cloud's rules", () => {
  test.each([
    ['AwsValidate.bucketName', 'ml-platform-data-eu', true],
    ['AwsValidate.bucketName', 'ML_Data', false],
    ['AwsValidate.bucketName', 'ab', false],
    ['AwsValidate.bucketName', 'a..b-bucket', false],
    ['AwsValidate.bucketName', '192.168.1.1', false],
    ['AwsValidate.bucketName', 'xn--bucket', false],
    ['AwsValidate.bucketName', 'data-s3alias', false],
    ['GcpValidate.bucketName', 'vertex-pipeline-root_1', true],
    ['GcpValidate.bucketName', 'google-data', false],
    ['GcpValidate.bucketName', 'goog-data', false],
    ['GcpValidate.bucketName', 'Upper', false],
    ['AzureValidate.storageAccountName', 'mlstore01', true],
    ['AzureValidate.storageAccountName', 'ml-store', false],
    ['AzureValidate.storageAccountName', 'a'.repeat(25), false],
    ['AzureValidate.keyVaultName', 'kv-ml-prod', true],
    ['AzureValidate.keyVaultName', 'kv--ml', false],
    ['AzureValidate.keyVaultName', '1kv', false],
    ['AzureValidate.keyVaultName', 'k'.repeat(25), false],
    ['AwsValidate.roleName', 'sagemaker-execution+team@x', true],
    ['AwsValidate.roleName', 'role with space', false],
    ['AwsValidate.roleName', 'r'.repeat(65), false],
    ['GcpValidate.serviceAccountId', 'vertex-pipeline', true],
    ['GcpValidate.serviceAccountId', 'short', false],
    ['GcpValidate.serviceAccountId', 'Vertex-pipeline', false],
    ['GcpValidate.serviceAccountId', 'ends-with-', false],
    ['GcpValidate.projectId', 'ml-platform-prod', true],
    ['GcpValidate.projectId', 'ML', false],
    ['GcpValidate.labelKey', 'cost-center', true],
    ['GcpValidate.labelKey', 'Cost', false],
    ['GcpValidate.labelKey', '1abc', false],
    ['GcpValidate.labelValue', 'team_a-1', true],
    ['GcpValidate.labelValue', 'Team A', false],
    ['GcpValidate.member', 'group:ds@example.com', true],
    ['GcpValidate.member', 'serviceAccount:pipe@p.iam.gserviceaccount.com', true],
    ['GcpValidate.member', 'allUsers', false],
    ['GcpValidate.member', 'ds@example.com', false],
    ['AwsValidate.sagemakerName', 'alice-smith', true],
    ['AwsValidate.sagemakerName', 'alice_smith', false],
    ['AwsValidate.sagemakerName', '-alice', false],
    ['AwsValidate.accountId', '111111111111', true],
    ['AwsValidate.accountId', '1111', false],
    ['Validate.uuid', '00000000-0000-0000-0000-000000000000', true],
    ['Validate.uuid', 'not-a-uuid', false],
    ['Validate.durationSeconds', '7776000s', true],
    ['Validate.durationSeconds', '90d', false],
  ])('%s(%j) valid=%s', (fn, value, valid) => {
    const result = call(fn, value);
    if (valid) expect(result).toBeUndefined();
    else expect(typeof result).toBe('string');
  });
});

describe('X-10 region validators', () => {
  test.each([
    ['AwsValidate.region', 'eu-west-1', true],
    ['AwsValidate.region', 'us-gov-west-1', true],
    ['AwsValidate.region', 'eu-west', false],
    ['AwsValidate.region', 'westeurope', false],
    ['GcpValidate.region', 'europe-west4', true],
    ['GcpValidate.region', 'EU', false],
    ['GcpValidate.location', 'EU', true],
    ['GcpValidate.location', 'europe-west4', true],
    ['GcpValidate.location', 'mars-north1x', false],
    ['AzureValidate.location', 'westeurope', true],
    ['AzureValidate.location', 'West Europe', true],
    ['AzureValidate.location', 'europe-west4', false],
  ])('%s(%j) valid=%s', (fn, value, valid) => {
    const result = call(fn, value);
    if (valid) expect(result).toBeUndefined();
    else expect(typeof result).toBe('string');
  });

  test('X-10 arn validator checks the service', () => {
    expect(AwsValidate.arn('arn:aws:kms:eu-west-1:111111111111:key/abc', 'kms')).toBeUndefined();
    expect(AwsValidate.arn('arn:aws:iam::111111111111:role/x', 'kms')).toMatch(/service kms/);
  });

  test('X-10 CIDR validator rejects host bits and non-CIDRs', () => {
    expect(Validate.cidr('10.0.0.0/16')).toBeUndefined();
    expect(Validate.cidr('10.0.0.1/16')).toMatch(/did you mean 10.0.0.0\/16/);
    expect(Validate.cidr('10.0.0.0')).toMatch(/IPv4 CIDR/);
    expect(Validate.cidr('300.0.0.0/8')).toMatch(/IPv4 CIDR/);
    expect(Validate.cidr('10.0.0.0/33')).toMatch(/IPv4 CIDR/);
  });
});

describe('deprecated Validate members delegate to their cloud', () => {
  // old name -> the validator it now calls
  test.each([
    ['s3BucketName', 'AwsValidate.bucketName', ['ML_Data', 'ml-data-eu']],
    ['iamRoleName', 'AwsValidate.roleName', ['role with space', 'r']],
    ['awsRegion', 'AwsValidate.region', ['eu-west', 'eu-west-1']],
    ['sagemakerName', 'AwsValidate.sagemakerName', ['-a', 'a']],
    ['awsAccountId', 'AwsValidate.accountId', ['1111', '111111111111']],
    ['arn', 'AwsValidate.arn', ['arn', 'arn:aws:iam::111111111111:role/x']],
    ['gcsBucketName', 'GcpValidate.bucketName', ['google-data', 'data']],
    ['gcpServiceAccountId', 'GcpValidate.serviceAccountId', ['short', 'vertex-pipeline']],
    ['gcpProjectId', 'GcpValidate.projectId', ['ML', 'ml-platform-prod']],
    ['gcpLabelKey', 'GcpValidate.labelKey', ['Cost', 'cost']],
    ['gcpLabelValue', 'GcpValidate.labelValue', ['Team A', 'team-a']],
    ['gcpMember', 'GcpValidate.member', ['allUsers', 'group:a@b.com']],
    ['gcpRegion', 'GcpValidate.region', ['EU', 'europe-west4']],
    ['gcpLocation', 'GcpValidate.location', ['mars-north1x', 'EU']],
    ['azureStorageAccountName', 'AzureValidate.storageAccountName', ['ml-store', 'mlstore']],
    ['azureKeyVaultName', 'AzureValidate.keyVaultName', ['kv--ml', 'kv-ml']],
    ['azureLocation', 'AzureValidate.location', ['europe-west4', 'West Europe']],
  ])('Validate.%s is %s', (old, now, values) => {
    for (const value of values as string[]) {
      expect((Validate as any)[old](value)).toBe(call(now, value));
    }
  });

  test('the deprecated azureResourceName passes maxLength on', () => {
    const deprecated: any = Validate;
    expect(deprecated.azureResourceName('a'.repeat(11), 10)).toBe(
      AzureValidate.resourceName('a'.repeat(11), 10),
    );
    expect(deprecated.azureResourceName('rg-ml', 10)).toBeUndefined();
  });
});

describe('X-10 unresolved tokens are skipped, not rejected', () => {
  const token = Token.asString({ Ref: 'x' } as any);
  test.each([
    'AwsValidate.bucketName',
    'GcpValidate.bucketName',
    'AzureValidate.storageAccountName',
    'AwsValidate.region',
    'Validate.cidr',
    'GcpValidate.member',
  ])('%s skips tokens', (fn) => {
    expect(call(fn, token)).toBeUndefined();
  });

  test('Validator ignores problems on token values', () => {
    const stack = new TerraformStack(new App(), 's');
    const v = new Validator(stack).require(false, 'name', token, 'anything');
    expect(v.hasProblems).toBe(false);
  });
});

describe('X-10 one error lists every problem of a construct', () => {
  test('ValidationError names construct path, each prop, value and what is allowed', () => {
    const stack = new TerraformStack(new App(), 'ml-prod');
    const v = new Validator(stack)
      .check('bucketName', 'Bad_Bucket', AwsValidate.bucketName('Bad_Bucket'))
      .check('region', 'mars-1', AwsValidate.region('mars-1'))
      .check('ok', 'eu-west-1', AwsValidate.region('eu-west-1'));
    let error: unknown;
    try {
      v.throwIfInvalid();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const ve = error as ValidationError;
    expect(ve.constructPath).toBe('ml-prod');
    expect(ve.problems).toHaveLength(2);
    expect(ve.message).toContain('Invalid input for ml-prod');
    expect(ve.message).toContain("bucketName: got 'Bad_Bucket'; allowed: 3-63 characters");
    expect(ve.message).toContain("region: got 'mars-1'; allowed: an AWS region name");
  });

  test('no problems, no error', () => {
    const stack = new TerraformStack(new App(), 'ok');
    expect(() =>
      new Validator(stack)
        .check('r', 'eu-west-1', AwsValidate.region('eu-west-1'))
        .throwIfInvalid(),
    ).not.toThrow();
  });
});

describe('X-10 typed checks for untyped callers', () => {
  const fresh = () => new Validator(new TerraformStack(new App(), 'v'));

  test('X-10 enum values are exact; a case slip names the value meant', () => {
    const v = fresh();
    expect(v.enumValue('authMode', 'SSO', ['IAM', 'SSO'])).toBe(true);
    expect(v.enumValue('authMode', undefined, ['IAM', 'SSO'])).toBe(true);
    expect(v.enumValue('authMode', 'sso', ['IAM', 'SSO'])).toBe(false);
    expect(v.enumValue('authMode', 3, ['IAM', 'SSO'])).toBe(false);
    expect(v.enumValue('authMode', undefined, ['IAM', 'SSO'], false)).toBe(false);
    expect(() => v.throwIfInvalid()).toThrow(
      /authMode: got 'sso'; allowed: one of IAM, SSO \(values are case-sensitive: did you mean SSO\?\)[\s\S]*authMode: got '3'[\s\S]*authMode: got 'undefined'/,
    );
  });

  test('X-10 a string where a list belongs is one problem; numbers, booleans, objects, literals', () => {
    const v = fresh();
    expect(v.stringList('subnetIds', 'subnet-1')).toBe(false);
    expect(v.stringList('subnetIds', ['a', ''])).toBe(false);
    expect(v.stringList('subnetIds', ['a', 'b'])).toBe(true);
    expect(v.number('retentionDays', 0, { min: 1, integer: true })).toBe(false);
    expect(v.number('retentionDays', 1.5, { integer: true })).toBe(false);
    expect(v.number('retentionDays', '30')).toBe(false);
    expect(v.boolean('locks', 'yes')).toBe(false);
    expect(v.object('network', ['x'])).toBe(false);
    expect(v.string('environment', '  ')).toBe(false);
    expect(v.literal('environment', Token.asString({ Ref: 'x' }))).toBe(false);
    const messages = v.problems.map((p) => `${p.prop}: ${p.allowed}`);
    expect(messages).toEqual([
      'subnetIds: a list of strings (got one string: write ["subnet-1"])',
      'subnetIds[1]: a non-empty string',
      'retentionDays: an integer >= 1',
      'retentionDays: an integer',
      'retentionDays: a number',
      'locks: true or false',
      'network: an object',
      'environment: a non-empty string',
      'environment: a literal value known at synth (it forms resource names); a token is only known at apply',
    ]);
  });
});

describe('X-10 typed checks: tokens where a list belongs', () => {
  test('X-10 a string token is one string, not a list', () => {
    const v = new Validator(new TerraformStack(new App(), 'v'));
    expect(v.stringList('subnetIds', Token.asString({ Ref: 'x' }))).toBe(false);
    expect(v.stringList('subnetIds', Token.asList({ Ref: 'x' }))).toBe(true);
  });
});

test('X-10 a boolean token counts as unresolved', () => {
  const stack = new TerraformStack(new App(), 'b');
  const flag = new TerraformVariable(stack, 'flag', { type: 'bool' });
  const v = new Validator(stack);
  expect(v.literal('perimeter.dryRun', flag.booleanValue)).toBe(false);
  expect(v.boolean('locks', flag.booleanValue)).toBe(true);
});

test('X-10 a string token is not a number or a boolean', () => {
  const stack = new TerraformStack(new App(), 'n');
  const v = new Validator(stack);
  const s = Token.asString({ Ref: 'x' });
  expect(v.number('retentionDays', Token.asNumber({ Ref: 'n' }))).toBe(true);
  expect(v.number('retentionDays', s)).toBe(false);
  expect(v.boolean('locks', s)).toBe(false);
});
