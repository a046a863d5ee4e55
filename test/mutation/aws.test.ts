// Mutation suite, AWS: one escape-hatch edit at a time on the synthesized AWS examples; the pack
// at synth and the scanner CLI must both report an ERROR of the rule, naming the edited resource.
import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import { describeMutations, Mutation, policy } from './harness';

const S = 'aws-sagemaker-studio';
const anyone = { Effect: 'Allow', Principal: { AWS: '*' } };

const studio: Mutation[] = [
  // baseline exposure rules (any stack)
  {
    name: 'inline ingress block open to 0.0.0.0/0 on SSH',
    rule: 'X-05.sg-ingress',
    stack: S,
    path: 'ml-platform/studio-sg',
    overrides: [
      [
        'ingress',
        [
          {
            description: 'ssh',
            from_port: 22,
            to_port: 22,
            protocol: 'tcp',
            cidr_blocks: ['0.0.0.0/0'],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
          },
        ],
      ],
    ],
  },
  {
    name: 'endpoint ingress rule from 0.0.0.0/0 instead of the Studio security group',
    rule: 'X-05.sg-ingress',
    stack: S,
    path: 'ml-platform/network/endpoint-ingress-0',
    overrides: [
      ['referenced_security_group_id', undefined],
      ['cidr_ipv4', '0.0.0.0/0'],
    ],
  },
  {
    name: 'user self-ingress rule from ::/0',
    rule: 'X-05.sg-ingress',
    stack: S,
    path: 'ml-platform/user-alice/self-ingress',
    overrides: [
      ['referenced_security_group_id', undefined],
      ['cidr_ipv6', '::/0'],
    ],
  },
  {
    name: 'default security group admits all traffic from the internet',
    rule: 'X-05.sg-ingress',
    stack: S,
    path: 'ml-platform/network/default-sg',
    overrides: [
      [
        'ingress',
        [
          {
            protocol: '-1',
            from_port: 0,
            to_port: 0,
            cidr_blocks: ['0.0.0.0/0'],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
            description: 'all',
          },
        ],
      ],
    ],
  },
  {
    name: 'persona role trust policy with Principal {"AWS": "*"}',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/roles/data-scientist',
    overrides: [['assume_role_policy', policy({ ...anyone, Action: 'sts:AssumeRole' })]],
  },
  {
    name: 'trust policy narrowed only by sts:ExternalId',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/roles/execution',
    overrides: [
      [
        'assume_role_policy',
        policy({
          ...anyone,
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret' } },
        }),
      ],
    ],
  },
  {
    name: 'data bucket policy readable by everyone',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/data/policy',
    overrides: [
      [
        'policy',
        policy({
          ...anyone,
          Sid: 'Public',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::data/*',
        }),
      ],
    ],
  },
  {
    name: 'platform key policy lets anyone decrypt',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/key/key',
    overrides: [['policy', policy({ ...anyone, Action: 'kms:Decrypt', Resource: '*' })]],
  },
  {
    name: 'platform key lets CloudTrail decrypt for any trail of any account',
    rule: 'AWS-05.service-principals',
    stack: S,
    path: 'ml-platform/key/key',
    overrides: [
      [
        'policy',
        policy({
          Sid: 'CloudTrailDecryptForBucketKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:Decrypt',
          Resource: '*',
        }),
      ],
    ],
  },
  {
    name: 'model package group policy shared with everyone',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/registry/churn-prediction-policy',
    overrides: [
      [
        'resource_policy',
        policy({ ...anyone, Action: 'sagemaker:DescribeModelPackage', Resource: '*' }),
      ],
    ],
  },
  {
    name: 'the pipeline role trusts SageMaker without sts:SetSourceIdentity',
    rule: 'X-10.sagemaker-source-identity',
    stack: S,
    path: 'ml-platform/roles/pipeline',
    overrides: [
      [
        'assume_role_policy',
        policy({
          Sid: 'TrustService',
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      ],
    ],
  },
  {
    name: 'data scientists Studio policy registers model versions without the approval-status deny',
    rule: 'AWS-24.register-pending',
    stack: S,
    path: 'ml-platform/studio-roles/data-scientist/policy',
    overrides: [
      [
        'policy',
        policy({
          Sid: 'RegisterModels',
          Effect: 'Allow',
          Action: 'sagemaker:CreateModelPackage',
          Resource: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/*',
        }),
      ],
    ],
  },
  {
    name: 'alarm topic publishable by anyone through *IfExists',
    rule: 'X-03.public-principal',
    stack: S,
    path: 'ml-platform/audit/alarms-policy',
    overrides: [
      [
        'policy',
        policy({
          ...anyone,
          Action: 'sns:Publish',
          Resource: '*',
          Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } },
        }),
      ],
    ],
  },
  {
    name: 'legacy public-read ACL on the data bucket',
    rule: 'X-03.public-acl',
    stack: S,
    path: 'ml-platform/data/bucket',
    overrides: [['acl', 'public-read']],
  },
  {
    name: 'trail logging off',
    rule: 'X-06.trail-logging',
    stack: S,
    path: 'ml-platform/audit/trail',
    overrides: [['enable_logging', false]],
  },
  {
    name: 'force_destroy on the data bucket',
    rule: 'X-08.force-destroy',
    stack: S,
    path: 'ml-platform/data/bucket',
    overrides: [['force_destroy', true]],
  },
  {
    name: 'force_destroy on the backup vault',
    rule: 'X-08.force-destroy',
    stack: S,
    path: 'ml-platform/backup-vault',
    overrides: [['force_destroy', true]],
  },
  {
    name: 'AdministratorAccess attached to a persona role',
    rule: 'X-03',
    stack: S,
    path: 'ml-platform/roles/auditor-guardrails-apps',
    overrides: [['policy_arn', 'arn:aws:iam::aws:policy/AdministratorAccess']],
  },
  {
    name: 'IAMFullAccess through managed_policy_arns',
    rule: 'X-03',
    stack: S,
    path: 'ml-platform/roles/model-viewer',
    overrides: [['managed_policy_arns', ['arn:aws:iam::aws:policy/IAMFullAccess']]],
  },
  // existing key controls
  {
    name: 'domain reachable from the internet',
    rule: 'AWS-01',
    stack: S,
    path: 'ml-platform/domain',
    overrides: [['app_network_access_type', 'PublicInternetOnly']],
  },
  {
    name: 'KMS encryption removed from the data bucket (S3-managed keys)',
    rule: 'AWS-07.encryption',
    stack: S,
    path: 'ml-platform/data/encryption',
    overrides: [
      ['rule.0.apply_server_side_encryption_by_default.sse_algorithm', 'AES256'],
      ['rule.0.apply_server_side_encryption_by_default.kms_master_key_id', undefined],
    ],
    reported: 'ml-platform/data/bucket',
  },
  {
    name: 'public bucket policies allowed on the data bucket',
    rule: 'AWS-07.public-access',
    stack: S,
    path: 'ml-platform/data/public-access',
    overrides: [
      ['block_public_policy', false],
      ['restrict_public_buckets', false],
    ],
    reported: 'ml-platform/data/bucket',
  },
  {
    name: 'key rotation off',
    rule: 'AWS-05.key',
    stack: S,
    path: 'ml-platform/key/key',
    overrides: [['enable_key_rotation', false]],
  },
  {
    name: 'trail in one region only',
    rule: 'AWS-22',
    stack: S,
    path: 'ml-platform/audit/trail',
    overrides: [['is_multi_region_trail', false]],
  },
  {
    name: 'alarm topic unencrypted',
    rule: 'AWS-23',
    stack: S,
    path: 'ml-platform/audit/alarms',
    overrides: [['kms_master_key_id', undefined]],
  },
  {
    name: 'prevent_destroy removed from the platform key',
    rule: 'X-08',
    stack: S,
    path: 'ml-platform/key/key',
    overrides: [['lifecycle.prevent_destroy', false]],
  },
];

describeMutations('mutations of examples/aws-sagemaker-studio', awsSageMakerStudioExample, studio);

const T = 'aws-multi-tenant';
describeMutations('mutations of examples/aws-multi-tenant', awsMultiTenantExample, [
  {
    name: "a tenant's user self-ingress rule from 0.0.0.0/0",
    rule: 'X-05.sg-ingress',
    stack: T,
    path: 'ml-tenants/marketing/user-marketing-ds-1/self-ingress',
    overrides: [
      ['referenced_security_group_id', undefined],
      ['cidr_ipv4', '0.0.0.0/0'],
    ],
  },
  {
    name: "a tenant's data scientist role trusted by anyone",
    rule: 'X-03.public-principal',
    stack: T,
    path: 'ml-tenants/marketing/roles/data-scientist',
    overrides: [['assume_role_policy', policy({ ...anyone, Action: 'sts:AssumeRole' })]],
  },
]);
