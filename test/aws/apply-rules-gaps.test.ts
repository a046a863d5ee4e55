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

describe('X-15.aws-action-resource', () => {
  const id = 'X-15.aws-action-resource';
  const address = 'aws_iam_policy.p';
  const group = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package-group/fraud';
  const packages = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/fraud/*';
  const register = [
    'sagemaker:CreateModelPackage',
    'sagemaker:DescribeModelPackage',
    'sagemaker:DescribeModelPackageGroup',
  ];
  const stack = (statement: any) => ({
    resource: { aws_iam_policy: { p: { name: 'p', policy: policy(statement) } } },
  });
  const allow = (Action: any, Resource: any) => ({ Effect: 'Allow', Action, Resource });

  test('the group and its model packages: compliant', () => {
    expect(status(stack(allow(register, [group, packages])), id, address)).toBe(COMPLIANT);
  });

  test('"*" fits every action: not judged', () => {
    expect(status(stack(allow(register, '*')), id, address)).toBeUndefined();
  });

  test('the group ARN alone (issue 10 defect 7): non-compliant, naming each void action', () => {
    const f = finding(stack(allow(register, [group])), id, address);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/sagemaker:CreateModelPackage is never authorized/);
    expect(f?.reason).toMatch(/sagemaker:DescribeModelPackage is never authorized/);
    expect(f?.reason).not.toMatch(/DescribeModelPackageGroup is never/);
  });

  test('s3:GetObject on the bucket ARN only: non-compliant; with the objects: compliant', () => {
    const j = stack(allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::data'));
    expect(finding(j, id, address)?.reason).toMatch(/s3:GetObject is never authorized/);
    const ok = stack(
      allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::data', 'arn:aws:s3:::data/*']),
    );
    expect(status(ok, id, address)).toBe(COMPLIANT);
  });

  test('a reference of the right type is read: compliant; a reference of another type: non-compliant', () => {
    const typed = (arn: string) => ({
      resource: {
        aws_sagemaker_model_package_group: { g: { model_package_group_name: 'g' } },
        aws_iam_policy: {
          p: { name: 'p', policy: policy(allow('sagemaker:DescribeModelPackageGroup', arn)) },
        },
      },
    });
    expect(status(typed('${aws_sagemaker_model_package_group.g.arn}'), id, address)).toBe(
      COMPLIANT,
    );
    const wrong = {
      resource: {
        aws_iam_policy: {
          p: {
            name: 'p',
            policy: policy(
              allow('sagemaker:CreateModelPackage', '${aws_sagemaker_model_package_group.g.arn}'),
            ),
          },
        },
      },
    };
    expect(status(wrong, id, address)).toBe(NON_COMPLIANT);
  });

  test('a resource whose service is an expression: unknown', () => {
    expect(status(stack(allow('sagemaker:CreateModelPackage', '${var.arn}')), id, address)).toBe(
      UNKNOWN,
    );
  });

  test('wildcard actions, Deny and NotResource are not judged', () => {
    expect(status(stack(allow('sagemaker:*ModelPackage', [group])), id, address)).toBe(undefined);
    expect(status(stack({ ...allow(register, [group]), Effect: 'Deny' }), id, address)).toBe(
      undefined,
    );
  });
});
