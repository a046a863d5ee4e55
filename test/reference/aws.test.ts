import { x15AwsAction } from '../../lib/aws/rules/x-15.aws-action';
import { x15AwsConditionKey } from '../../lib/aws/rules/x-15.aws-condition-key';
import { x15AwsManagedPolicy } from '../../lib/aws/rules/x-15.aws-managed-policy';
import { x15AwsResourceArn } from '../../lib/aws/rules/x-15.aws-resource-arn';
import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { policy, run } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const allow = (Action: any, Resource: any = '*', extra: any = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

describe('X-15 AWS reference rules', () => {
  test('X-15 the AWS reference rules are ERROR reference rules of the security profile citing their data set', () => {
    for (const rule of [x15AwsAction, x15AwsConditionKey, x15AwsResourceArn, x15AwsManagedPolicy]) {
      expect(rule.category).toBe(RuleCategory.REFERENCE);
      expect(rule.level).toBe(RuleLevel.ERROR);
      expect(rule.profile).toBe(RuleProfile.SECURITY);
      expect(rule.source).toMatch(/iam-data|iam-dataset/);
    }
  });

  describe('X-15.aws-action', () => {
    test('existing actions, matching wildcards and "*" are compliant', () => {
      const r = run(x15AwsAction, 'aws_iam_policy', {
        policy: policy(
          allow(['s3:GetObject', 'sagemaker:Create*', 'SageMaker:describedomain']),
          allow('*'),
        ),
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('a misspelt action, an unknown service, a wildcard matching nothing and a bare name fail', () => {
      const r = run(x15AwsAction, 'aws_iam_role_policy', {
        policy: policy(
          allow(['s3:GetObjekt', 's4:GetObject', 'sagemaker:Frobnicate*', 'GetObject']),
        ),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('"s3:GetObjekt" is not an action of s3');
      expect(r.detail).toContain('no AWS service has the prefix "s4"');
      expect(r.detail).toContain('"sagemaker:Frobnicate*" matches no action');
      expect(r.detail).toContain('"GetObject" is not of the form service:Action');
    });

    test('NotAction, trust policies and inline policies of a role are checked too', () => {
      const r = run(x15AwsAction, 'aws_iam_role', {
        assume_role_policy: policy({
          Effect: 'Allow',
          Action: 'sts:AssumeRoles',
          Principal: { Service: 'x' },
        }),
        inline_policy: [
          {
            name: 'a',
            policy: policy({ Effect: 'Deny', NotAction: 'iam:PassRoles', Resource: '*' }),
          },
        ],
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('sts:AssumeRoles');
      expect(r.detail).toContain('inline_policy[0].policy');
      expect(r.detail).toContain('iam:PassRoles');
    });

    test('a policy that is an expression, or an action that is one, is UNKNOWN', () => {
      expect(
        run(x15AwsAction, 'aws_iam_policy', { policy: '${data.aws_iam_policy_document.p.json}' })
          .status,
      ).toBe(UNKNOWN);
      expect(
        run(x15AwsAction, 'aws_s3_bucket_policy', { policy: policy(allow('${var.action}')) })
          .status,
      ).toBe(UNKNOWN);
    });

    test('organizations policies other than SCPs and RCPs are not IAM policy language', () => {
      const content = JSON.stringify({
        tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } },
      });
      expect(
        run(x15AwsAction, 'aws_organizations_policy', { type: 'TAG_POLICY', content }).status,
      ).toBe(NOT_APPLICABLE);
      const scp = policy({ Effect: 'Deny', Action: 'sagemaker:CreateDomian', Resource: '*' });
      expect(run(x15AwsAction, 'aws_organizations_policy', { content: scp }).status).toBe(
        NON_COMPLIANT,
      );
    });
  });

  describe('X-15.aws-condition-key', () => {
    test('keys the actions define, global keys and identity-provider keys are compliant', () => {
      const r = run(x15AwsConditionKey, 'aws_iam_policy', {
        policy: policy(
          allow('sagemaker:CreateDomain', '*', {
            Condition: {
              Null: { 'sagemaker:VolumeKmsKeyArn': 'false', 'aws:RequestTag/team': 'false' },
              Bool: { 'aws:SecureTransport': 'true' },
              StringEquals: {
                'aws:PrincipalTag/studiouserid': 'x',
                // a global key outside aws: (credentials of an EC2 instance role)
                'ec2:SourceInstanceARN': 'arn:aws:ec2:eu-west-1:111111111111:instance/i-1',
              },
            },
          }),
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: 'x' },
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } },
          },
        ),
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('a deprecated key fails and names its replacement', () => {
      const r = run(x15AwsConditionKey, 'aws_iam_policy', {
        policy: policy(
          allow('sagemaker:CreateEndpointConfig', '*', {
            Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } },
          }),
        ),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain(
        '"sagemaker:VolumeKmsKey" is deprecated: use sagemaker:VolumeKmsKeyArn',
      );
    });

    test('unknown global keys, unknown service keys and keys the actions do not define fail', () => {
      const r = run(x15AwsConditionKey, 'aws_s3_bucket_policy', {
        policy: policy(
          allow('s3:GetObject', 'arn:aws:s3:::b/*', {
            Condition: { Bool: { 'aws:SecureTransprt': 'false' } },
          }),
          allow('sagemaker:CreateDomain', '*', {
            Condition: { StringEquals: { 's3:prefix': 'x' } },
          }),
          allow('sagemaker:CreateApp', '*', {
            Condition: { StringEquals: { 'sagemaker:NoSuchKey': 'x' } },
          }),
        ),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('"aws:SecureTransprt" is not an AWS global condition key');
      expect(r.detail).toContain('"s3:prefix" is not defined for sagemaker:CreateDomain');
      expect(r.detail).toContain('"sagemaker:NoSuchKey" is not a condition key of sagemaker');
    });

    test('a condition key that is an expression is UNKNOWN', () => {
      const r = run(x15AwsConditionKey, 'aws_iam_policy', {
        policy: policy(
          allow('s3:GetObject', '*', { Condition: { StringEquals: { '${var.key}': 'x' } } }),
        ),
      });
      expect(r.status).toBe(UNKNOWN);
    });
  });

  describe('X-15.aws-resource-arn', () => {
    test('ARNs that fit the actions\' resource types, references and "*" are compliant', () => {
      const r = run(x15AwsResourceArn, 'aws_iam_policy', {
        policy: policy(
          allow(
            ['s3:GetObject', 's3:PutObject'],
            ['arn:aws:s3:::data/*', '${aws_s3_bucket.data.arn}/models/*'],
          ),
          allow('s3:ListBucket', '${aws_s3_bucket.data.arn}'),
          allow(
            'sagemaker:CreateApp',
            'arn:aws:sagemaker:eu-west-1:111111111111:app/${aws_sagemaker_domain.d.id}/*',
          ),
          allow(
            'logs:PutLogEvents',
            'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/sagemaker/*:*',
          ),
          allow('s3:GetObject', 'arn:aws:s3:::data/$${aws:username}/*'),
          allow('kms:Decrypt', '*'),
        ),
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('an object action on a bucket ARN, a foreign ARN and a non-ARN fail', () => {
      const r = run(x15AwsResourceArn, 'aws_iam_role_policy', {
        policy: policy(
          allow('s3:GetObject', 'arn:aws:s3:::data'),
          allow('sagemaker:CreateDomain', 'arn:aws:s3:::data/*'),
          allow('s3:ListBucket', 'data'),
          allow('s3:GetObject', '${aws_kms_key.k.arn}'),
        ),
      });
      expect(r.status).toBe(NON_COMPLIANT);
      expect(r.detail).toContain('"arn:aws:s3:::data" fits no resource type');
      expect(r.detail).toContain('"arn:aws:s3:::data/*" fits no resource type');
      expect(r.detail).toContain('"data" is neither an ARN nor "*"');
      expect(r.detail).toContain('"${aws_kms_key.k.arn}" fits no resource type');
    });

    test('actions without resource types are not judged', () => {
      const r = run(x15AwsResourceArn, 'aws_iam_policy', {
        policy: policy(allow('sts:GetCallerIdentity', 'arn:aws:s3:::data')),
      });
      expect(r.status).toBe(NOT_APPLICABLE);
    });

    test('a resource that is an unresolved expression is UNKNOWN', () => {
      const r = run(x15AwsResourceArn, 'aws_iam_policy', {
        policy: policy(allow('s3:GetObject', '${var.object_arn}')),
      });
      expect(r.status).toBe(UNKNOWN);
    });
  });

  describe('X-15.aws-managed-policy', () => {
    test('existing AWS managed policies with their path, and customer policies, are compliant', () => {
      const r = run(x15AwsManagedPolicy, 'aws_iam_role', {
        managed_policy_arns: [
          'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::111111111111:policy/mine',
          '${aws_iam_policy.p.arn}',
        ],
        permissions_boundary:
          'arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess',
      });
      expect(r.status).toBe(COMPLIANT);
    });

    test('a wrong path, a missing policy and a deprecated policy fail', () => {
      const wrongPath = run(x15AwsManagedPolicy, 'aws_iam_role_policy_attachment', {
        policy_arn: 'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForBackup',
      });
      expect(wrongPath.status).toBe(NON_COMPLIANT);
      expect(wrongPath.detail).toContain(
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      );
      const missing = run(x15AwsManagedPolicy, 'aws_iam_user_policy_attachment', {
        policy_arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAcess',
      });
      expect(missing.detail).toContain('"AmazonSageMakerFullAcess" is not an AWS managed policy');
      const deprecated = run(x15AwsManagedPolicy, 'aws_iam_group_policy_attachment', {
        policy_arn: 'arn:aws:iam::aws:policy/AWSLambdaFullAccess',
      });
      expect(deprecated.status).toBe(NON_COMPLIANT);
      expect(deprecated.detail).toContain('deprecated');
    });

    test('other partitions are not judged; an ARN from a variable is UNKNOWN', () => {
      expect(
        run(x15AwsManagedPolicy, 'aws_iam_role_policy_attachment', {
          policy_arn: 'arn:aws-cn:iam::aws:policy/NotInTheCommercialPartition',
        }).status,
      ).toBe(NOT_APPLICABLE);
      expect(
        run(x15AwsManagedPolicy, 'aws_iam_role_policy_attachment', {
          policy_arn: '${var.policy_arn}',
        }).status,
      ).toBe(UNKNOWN);
    });
  });
});

describe('X-15 AWS ARN matching', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { formatTokens, intersects } = require('../../lib/aws/reference/arn');
  const t = (s: string) => formatTokens(s);
  test('X-15 two ARN patterns intersect when some ARN matches both', () => {
    expect(intersects(t('domain/${Id}'), t('domain/d-123'))).toBe(true);
    expect(intersects(t('domain'), t('domain'))).toBe(true);
    expect(intersects(t('domain'), t('domains'))).toBe(false);
    expect(intersects(t('training-job/x'), t('domain/${Id}'))).toBe(false);
    expect(intersects(t('${A}/object'), t('bucket/${B}'))).toBe(true);
    expect(intersects(t('a${X}c'), t('ab${Y}'))).toBe(true);
    expect(intersects(t('a${X}c'), t('ab${Y}d'))).toBe(false);
  });
});

describe('X-15 AWS reference rules through the loader', () => {
  test('X-15.aws-action reads policies rendered from data.aws_iam_policy_document', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { evaluateStack } = require('../../lib/core/compliance/evaluate');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AwsMlopsChecks } = require('../../lib/aws');
    const json = {
      data: {
        aws_iam_policy_document: {
          p: { statement: [{ actions: ['s3:GetObjekt'], resources: ['*'] }] },
        },
      },
      resource: { aws_iam_policy: { x: { policy: '${data.aws_iam_policy_document.p.json}' } } },
    };
    const report = evaluateStack('t', json, [new AwsMlopsChecks()]);
    const finding = report.findings.find((f: any) => f.ruleId === 'X-15.aws-action');
    expect(finding?.status).toBe(ComplianceStatus.NON_COMPLIANT);
    expect(finding?.reason).toContain('"s3:GetObjekt" is not an action of s3');
  });
});
