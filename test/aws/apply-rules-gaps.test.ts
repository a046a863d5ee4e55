import { AwsMlopsChecks } from '../../lib/aws';
import { ComplianceStatus } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

// Rules for constraints of issue 10 that the constructs fixed but no rule checked: a user's
// override or a hand-written stack must fail them at synth too. Hand-written Terraform JSON.

const pack = new AwsMlopsChecks();

function finding(json: any, ruleId: string, address: string) {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  return report.findings.find((f) => f.ruleId === ruleId && f.address === address);
}

function status(json: any, ruleId: string, address: string): ComplianceStatus | undefined {
  return finding(json, ruleId, address)?.status;
}

const { COMPLIANT, NON_COMPLIANT, UNKNOWN } = ComplianceStatus;
const policy = (...statements: any[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const provider = { aws: [{ region: 'eu-west-1' }] };

describe('X-10.backup-vault-kms-key-policy', () => {
  const id = 'X-10.backup-vault-kms-key-policy';
  const vault = 'aws_backup_vault.v';
  const admin = {
    Sid: 'Admin',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'],
    Resource: '*',
  };
  const deployer = (
    via: any,
    actions: any = [
      'kms:Decrypt',
      'kms:GenerateDataKey*',
      'kms:DescribeKey',
      'kms:RetireGrant',
      'kms:CreateGrant',
    ],
  ) => ({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:role/terraform-deployer' },
    Action: actions,
    Resource: '*',
    ...(via === undefined ? {} : { Condition: { StringEquals: { 'kms:ViaService': via } } }),
  });
  const stack = (keyPolicy: any, separate = false) => ({
    provider,
    resource: {
      aws_kms_key: { k: separate || keyPolicy === undefined ? {} : { policy: keyPolicy } },
      ...(separate
        ? { aws_kms_key_policy: { p: { key_id: '${aws_kms_key.k.id}', policy: keyPolicy } } }
        : {}),
      aws_backup_vault: { v: { name: 'vault', kms_key_arn: '${aws_kms_key.k.arn}' } },
    },
  });

  test('the deployer through backup.<region>: compliant', () => {
    expect(
      status(stack(policy(admin, deployer('backup.eu-west-1.amazonaws.com'))), id, vault),
    ).toBe(COMPLIANT);
  });

  test('the deployer without a ViaService condition, via aws_kms_key_policy: compliant', () => {
    expect(status(stack(policy(admin, deployer(undefined)), true), id, vault)).toBe(COMPLIANT);
  });

  test('a jsonencode policy is read', () => {
    const json = `\${jsonencode(${policy(admin, deployer('backup.eu-west-1.amazonaws.com'))})}`;
    expect(status(stack(json), id, vault)).toBe(COMPLIANT);
  });

  test('only admin actions delegated to the account (issue 10 defect 3): non-compliant', () => {
    const f = finding(stack(policy(admin)), id, vault);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/kms:CreateGrant, kms:RetireGrant, kms:Decrypt, kms:GenerateDataKey/);
  });

  test('the deployer only through sagemaker and s3: non-compliant', () => {
    const j = stack(
      policy(admin, deployer(['sagemaker.eu-west-1.amazonaws.com', 's3.eu-west-1.amazonaws.com'])),
    );
    expect(status(j, id, vault)).toBe(NON_COMPLIANT);
  });

  test('backup of another region: non-compliant', () => {
    expect(
      status(stack(policy(admin, deployer('backup.us-east-1.amazonaws.com'))), id, vault),
    ).toBe(NON_COMPLIANT);
  });

  test('a missing RetireGrant: non-compliant', () => {
    const j = stack(
      policy(
        admin,
        deployer(undefined, [
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ]),
      ),
    );
    expect(finding(j, id, vault)?.reason).toMatch(/kms:RetireGrant/);
  });

  test('a service principal does not count: non-compliant', () => {
    const svc = { ...deployer(undefined), Principal: { Service: 'backup.amazonaws.com' } };
    expect(status(stack(policy(admin, svc)), id, vault)).toBe(NON_COMPLIANT);
  });

  test('a bare root delegation of kms:* leaves it to IAM: unknown', () => {
    const root = { ...admin, Action: 'kms:*' };
    expect(status(stack(policy(root)), id, vault)).toBe(UNKNOWN);
  });

  test('the default key policy: unknown', () => {
    expect(status(stack(undefined), id, vault)).toBe(UNKNOWN);
  });

  test('a ViaService expression or a policy expression: unknown', () => {
    expect(status(stack(policy(admin, deployer('${var.via}'))), id, vault)).toBe(UNKNOWN);
    expect(status(stack('${var.policy}'), id, vault)).toBe(UNKNOWN);
  });

  test('a key of another stack or no key: not applicable', () => {
    const j = {
      provider,
      resource: {
        aws_backup_vault: { v: { name: 'v', kms_key_arn: 'arn:aws:kms:eu-west-1:1:key/x' } },
      },
    };
    expect(status(j, id, vault)).toBeUndefined();
  });
});
