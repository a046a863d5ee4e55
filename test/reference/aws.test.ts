import { AwsMlopsChecks } from '../../lib/aws';
import { ComplianceStatus, RuleCategory, RuleLevel, RuleProfile } from '../../lib/core';
import { describeRules, ruleOf } from '../rule-harness';
import { onSubject, policy } from './helpers';

const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;
const pack = new AwsMlopsChecks();
const IDS = [
  'X-15.aws-action',
  'X-15.aws-condition-key',
  'X-15.aws-resource-arn',
  'X-15.aws-managed-policy',
];
const allow = (Action: any, Resource: any = '*', extra: any = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

test('X-15 the AWS reference rules are ERROR reference rules of the security profile citing their data set', () => {
  for (const rule of IDS.map((id) => ruleOf(pack, id))) {
    expect(rule.category).toBe(RuleCategory.REFERENCE);
    expect(rule.level).toBe(RuleLevel.ERROR);
    expect(rule.profile).toBe(RuleProfile.SECURITY);
    expect(rule.source).toMatch(/iam-data|iam-dataset/);
  }
});

describeRules('X-15 AWS reference rules', pack, [
  ...onSubject(
    'X-15.aws-action',
    'existing actions, matching wildcards and "*"',
    'aws_iam_policy',
    {
      policy: policy(
        allow(['s3:GetObject', 'sagemaker:Create*', 'SageMaker:describedomain']),
        allow('*'),
      ),
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.aws-action',
    'a misspelt action, an unknown service, a wildcard matching nothing and a bare name fail',
    'aws_iam_role_policy',
    {
      policy: policy(allow(['s3:GetObjekt', 's4:GetObject', 'sagemaker:Frobnicate*', 'GetObject'])),
    },
    NON_COMPLIANT,
    [
      '"s3:GetObjekt" is not an action of s3',
      'no AWS service has the prefix "s4"',
      '"sagemaker:Frobnicate*" matches no action',
      '"GetObject" is not of the form service:Action',
    ],
  ),
  ...onSubject(
    'X-15.aws-action',
    'NotAction, trust policies and inline policies of a role are checked too',
    'aws_iam_role',
    {
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
    },
    NON_COMPLIANT,
    ['sts:AssumeRoles', 'inline_policy[0].policy', 'iam:PassRoles'],
  ),
  ...onSubject(
    'X-15.aws-action',
    'a policy that is an expression',
    'aws_iam_policy',
    { policy: '${data.aws_iam_policy_document.p.json}' },
    UNKNOWN,
  ),
  ...onSubject(
    'X-15.aws-action',
    'an action that is an expression',
    'aws_s3_bucket_policy',
    { policy: policy(allow('${var.action}')) },
    UNKNOWN,
  ),
  ...onSubject(
    'X-15.aws-action',
    'organizations policies other than SCPs and RCPs are not IAM policy language',
    'aws_organizations_policy',
    {
      type: 'TAG_POLICY',
      content: JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } }),
    },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.aws-action',
    'an SCP is checked',
    'aws_organizations_policy',
    { content: policy({ Effect: 'Deny', Action: 'sagemaker:CreateDomian', Resource: '*' }) },
    NON_COMPLIANT,
  ),

  ...onSubject(
    'X-15.aws-condition-key',
    'keys the actions define, global keys and identity-provider keys',
    'aws_iam_policy',
    {
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
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.aws-condition-key',
    'a deprecated key fails and names its replacement',
    'aws_iam_policy',
    {
      policy: policy(
        allow('sagemaker:CreateEndpointConfig', '*', {
          Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } },
        }),
      ),
    },
    NON_COMPLIANT,
    ['"sagemaker:VolumeKmsKey" is deprecated: use sagemaker:VolumeKmsKeyArn'],
  ),
  ...onSubject(
    'X-15.aws-condition-key',
    'unknown global keys, unknown service keys and keys the actions do not define fail',
    'aws_s3_bucket_policy',
    {
      policy: policy(
        allow('s3:GetObject', 'arn:aws:s3:::b/*', {
          Condition: { Bool: { 'aws:SecureTransprt': 'false' } },
        }),
        allow('sagemaker:CreateDomain', '*', { Condition: { StringEquals: { 's3:prefix': 'x' } } }),
        allow('sagemaker:CreateApp', '*', {
          Condition: { StringEquals: { 'sagemaker:NoSuchKey': 'x' } },
        }),
      ),
    },
    NON_COMPLIANT,
    [
      '"aws:SecureTransprt" is not an AWS global condition key',
      '"s3:prefix" is not defined for sagemaker:CreateDomain',
      '"sagemaker:NoSuchKey" is not a condition key of sagemaker',
    ],
  ),
  ...onSubject(
    'X-15.aws-condition-key',
    'a condition key that is an expression',
    'aws_iam_policy',
    {
      policy: policy(
        allow('s3:GetObject', '*', { Condition: { StringEquals: { '${var.key}': 'x' } } }),
      ),
    },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.aws-resource-arn',
    'ARNs that fit the actions\' resource types, references and "*"',
    'aws_iam_policy',
    {
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
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'an object action on a bucket ARN, a foreign ARN and a non-ARN fail',
    'aws_iam_role_policy',
    {
      policy: policy(
        allow('s3:GetObject', 'arn:aws:s3:::data'),
        allow('sagemaker:CreateDomain', 'arn:aws:s3:::data/*'),
        allow('s3:ListBucket', 'data'),
        allow('s3:GetObject', '${aws_kms_key.k.arn}'),
      ),
    },
    NON_COMPLIANT,
    [
      '"arn:aws:s3:::data" fits no resource type',
      '"arn:aws:s3:::data/*" fits no resource type',
      '"data" is neither an ARN nor "*"',
      '"${aws_kms_key.k.arn}" fits no resource type',
    ],
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'a bucket action on the objects of a bucket fails: a bucket name holds no "/"',
    'aws_iam_policy',
    {
      policy: policy(
        allow('s3:ListBucket', 'arn:aws:s3:::data/*'),
        allow('s3:ListBucket', '${aws_s3_bucket.data.arn}/*'),
      ),
    },
    NON_COMPLIANT,
    ['"arn:aws:s3:::data/*" fits no resource type', '"${aws_s3_bucket.data.arn}/*" fits no'],
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'a region or account field left empty fits no format that has one',
    'aws_iam_policy',
    {
      policy: policy(
        allow('s3:ListBucket', 'arn:aws:s3:::*'),
        allow('s3:ListBucket', 'arn:aws:s3:*:*:accesspoint/*'),
        allow('kms:Decrypt', 'arn:aws:kms:*:*:key/*'),
      ),
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'a KMS key id holds no "/"',
    'aws_iam_policy',
    { policy: policy(allow('kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:key/a/b')) },
    NON_COMPLIANT,
    ['"arn:aws:kms:eu-west-1:111111111111:key/a/b" fits no resource type'],
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'actions without resource types are not judged',
    'aws_iam_policy',
    { policy: policy(allow('sts:GetCallerIdentity', 'arn:aws:s3:::data')) },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.aws-resource-arn',
    'a resource that is an unresolved expression',
    'aws_iam_policy',
    { policy: policy(allow('s3:GetObject', '${var.object_arn}')) },
    UNKNOWN,
  ),

  ...onSubject(
    'X-15.aws-managed-policy',
    'existing AWS managed policies with their path, and customer policies',
    'aws_iam_role',
    {
      managed_policy_arns: [
        'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'arn:aws:iam::111111111111:policy/mine',
        '${aws_iam_policy.p.arn}',
      ],
      permissions_boundary:
        'arn:${data.aws_partition.current.partition}:iam::aws:policy/PowerUserAccess',
    },
    COMPLIANT,
  ),
  ...onSubject(
    'X-15.aws-managed-policy',
    'a wrong path fails and names the right one',
    'aws_iam_role_policy_attachment',
    { policy_arn: 'arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForBackup' },
    NON_COMPLIANT,
    ['arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
  ),
  ...onSubject(
    'X-15.aws-managed-policy',
    'a missing policy fails',
    'aws_iam_user_policy_attachment',
    { policy_arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAcess' },
    NON_COMPLIANT,
    ['"AmazonSageMakerFullAcess" is not an AWS managed policy'],
  ),
  ...onSubject(
    'X-15.aws-managed-policy',
    'a deprecated policy fails',
    'aws_iam_group_policy_attachment',
    { policy_arn: 'arn:aws:iam::aws:policy/AWSLambdaFullAccess' },
    NON_COMPLIANT,
    ['deprecated'],
  ),
  ...onSubject(
    'X-15.aws-managed-policy',
    'other partitions are not judged',
    'aws_iam_role_policy_attachment',
    { policy_arn: 'arn:aws-cn:iam::aws:policy/NotInTheCommercialPartition' },
    NOT_APPLICABLE,
  ),
  ...onSubject(
    'X-15.aws-managed-policy',
    'an ARN from a variable',
    'aws_iam_role_policy_attachment',
    { policy_arn: '${var.policy_arn}' },
    UNKNOWN,
  ),
]);

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
