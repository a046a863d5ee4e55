import { App, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Validate } from '../../lib';
import { ValidationError, Validator } from '../../lib/core/errors';

describe("X-10 name validators by each cloud's rules", () => {
  test.each([
    ['s3BucketName', 'ml-platform-data-eu', true],
    ['s3BucketName', 'ML_Data', false],
    ['s3BucketName', 'ab', false],
    ['s3BucketName', 'a..b-bucket', false],
    ['s3BucketName', '192.168.1.1', false],
    ['s3BucketName', 'xn--bucket', false],
    ['s3BucketName', 'data-s3alias', false],
    ['gcsBucketName', 'vertex-pipeline-root_1', true],
    ['gcsBucketName', 'google-data', false],
    ['gcsBucketName', 'goog-data', false],
    ['gcsBucketName', 'Upper', false],
    ['azureStorageAccountName', 'mlstore01', true],
    ['azureStorageAccountName', 'ml-store', false],
    ['azureStorageAccountName', 'a'.repeat(25), false],
    ['azureKeyVaultName', 'kv-ml-prod', true],
    ['azureKeyVaultName', 'kv--ml', false],
    ['azureKeyVaultName', '1kv', false],
    ['azureKeyVaultName', 'k'.repeat(25), false],
    ['iamRoleName', 'sagemaker-execution+team@x', true],
    ['iamRoleName', 'role with space', false],
    ['iamRoleName', 'r'.repeat(65), false],
    ['gcpServiceAccountId', 'vertex-pipeline', true],
    ['gcpServiceAccountId', 'short', false],
    ['gcpServiceAccountId', 'Vertex-pipeline', false],
    ['gcpServiceAccountId', 'ends-with-', false],
    ['gcpProjectId', 'ml-platform-prod', true],
    ['gcpProjectId', 'ML', false],
    ['gcpLabelKey', 'cost-center', true],
    ['gcpLabelKey', 'Cost', false],
    ['gcpLabelKey', '1abc', false],
    ['gcpLabelValue', 'team_a-1', true],
    ['gcpLabelValue', 'Team A', false],
    ['gcpMember', 'group:ds@example.com', true],
    ['gcpMember', 'serviceAccount:pipe@p.iam.gserviceaccount.com', true],
    ['gcpMember', 'allUsers', false],
    ['gcpMember', 'ds@example.com', false],
    ['sagemakerName', 'alice-smith', true],
    ['sagemakerName', 'alice_smith', false],
    ['sagemakerName', '-alice', false],
    ['awsAccountId', '111111111111', true],
    ['awsAccountId', '1111', false],
    ['uuid', '00000000-0000-0000-0000-000000000000', true],
    ['uuid', 'not-a-uuid', false],
    ['durationSeconds', '7776000s', true],
    ['durationSeconds', '90d', false],
  ])('%s(%j) valid=%s', (fn, value, valid) => {
    const result = (Validate as any)[fn](value);
    if (valid) expect(result).toBeUndefined();
    else expect(typeof result).toBe('string');
  });
});

describe('X-10 region validators', () => {
  test.each([
    ['awsRegion', 'eu-west-1', true],
    ['awsRegion', 'us-gov-west-1', true],
    ['awsRegion', 'eu-west', false],
    ['awsRegion', 'westeurope', false],
    ['gcpRegion', 'europe-west4', true],
    ['gcpRegion', 'EU', false],
    ['gcpLocation', 'EU', true],
    ['gcpLocation', 'europe-west4', true],
    ['gcpLocation', 'mars-north1x', false],
    ['azureLocation', 'westeurope', true],
    ['azureLocation', 'West Europe', true],
    ['azureLocation', 'europe-west4', false],
  ])('%s(%j) valid=%s', (fn, value, valid) => {
    const result = (Validate as any)[fn](value);
    if (valid) expect(result).toBeUndefined();
    else expect(typeof result).toBe('string');
  });

  test('X-10 arn validator checks the service', () => {
    expect(Validate.arn('arn:aws:kms:eu-west-1:111111111111:key/abc', 'kms')).toBeUndefined();
    expect(Validate.arn('arn:aws:iam::111111111111:role/x', 'kms')).toMatch(/service kms/);
  });

  test('X-10 CIDR validator rejects host bits and non-CIDRs', () => {
    expect(Validate.cidr('10.0.0.0/16')).toBeUndefined();
    expect(Validate.cidr('10.0.0.1/16')).toMatch(/did you mean 10.0.0.0\/16/);
    expect(Validate.cidr('10.0.0.0')).toMatch(/IPv4 CIDR/);
    expect(Validate.cidr('300.0.0.0/8')).toMatch(/IPv4 CIDR/);
    expect(Validate.cidr('10.0.0.0/33')).toMatch(/IPv4 CIDR/);
  });
});

describe('X-10 unresolved tokens are skipped, not rejected', () => {
  const token = Token.asString({ Ref: 'x' } as any);
  test.each([
    's3BucketName',
    'gcsBucketName',
    'azureStorageAccountName',
    'awsRegion',
    'cidr',
    'gcpMember',
  ])('%s skips tokens', (fn) => {
    expect((Validate as any)[fn](token)).toBeUndefined();
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
      .check('bucketName', 'Bad_Bucket', Validate.s3BucketName('Bad_Bucket'))
      .check('region', 'mars-1', Validate.awsRegion('mars-1'))
      .check('ok', 'eu-west-1', Validate.awsRegion('eu-west-1'));
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
        .check('r', 'eu-west-1', Validate.awsRegion('eu-west-1'))
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
