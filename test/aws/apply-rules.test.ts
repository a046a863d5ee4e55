import { AwsMlopsChecks } from '../../lib/aws';
import { RuleCategory } from '../../lib/core';
import { cases, casesOf, describeRules, Row, RuleRow, Status, tf } from '../rule-harness';

// The apply contract (X-10): constraints the AWS APIs enforce at apply time that `terraform
// plan` does not check. Each rule gets a compliant, a non-compliant and an unknown case on
// hand-written Terraform JSON (the rules run on any stack, not only on what the constructs emit).

const pack = new AwsMlopsChecks();

const policy = (...statements: any[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('apply rules (X-10) cite their source', () => {
  test('every APPLY rule of the pack is an ERROR with a source', () => {
    const apply = pack.rules.filter((r) => r.category === RuleCategory.APPLY);
    expect(apply.length).toBeGreaterThanOrEqual(17);
    for (const r of apply) {
      expect(r.level).toBe('ERROR');
      expect(r.source).toMatch(/https:\/\/docs\.aws\.amazon\.com\//);
    }
  });
});

/** One resource `x` of `type`. */
const x = (type: string, attrs: any) => tf({ [type]: { x: attrs } });

describeRules(
  'X-10.ec2-sg-description',
  pack,
  casesOf(
    'X-10.ec2-sg-description',
    (
      [
        [
          'aws_security_group',
          { description: 'Studio user bob: apps of this user only' },
          'COMPLIANT',
        ],
        [
          'aws_security_group',
          { description: "Studio user bob: this user's apps" },
          'NON_COMPLIANT',
        ],
        ['aws_security_group', { description: 'x'.repeat(256) }, 'NON_COMPLIANT'],
        ['aws_security_group', { description: '${var.description}' }, 'UNKNOWN'],
        ['aws_security_group', { name: 'sg_name?' }, 'NON_COMPLIANT'],
        ['aws_security_group', { ingress: [{ description: 'ok (HTTPS)' }] }, 'COMPLIANT'],
        ['aws_security_group', { ingress: { description: 'café' } }, 'NON_COMPLIANT'],
        ['aws_security_group', { egress: '${dynamic.egress}' }, 'UNKNOWN'],
        ['aws_default_security_group', { ingress: [{ description: 'naïve' }] }, 'NON_COMPLIANT'],
        ['aws_security_group_rule', { description: 'from the "web" tier' }, 'NON_COMPLIANT'],
        ['aws_vpc_security_group_ingress_rule', { description: 'HTTPS from Studio' }, 'COMPLIANT'],
        ['aws_vpc_security_group_egress_rule', { description: "users' apps" }, 'NON_COMPLIANT'],
        ['aws_vpc_security_group_egress_rule', { description: '${local.d}' }, 'UNKNOWN'],
      ] as Array<[string, any, Status]>
    ).map(([type, attrs, expected]): Row => [
      JSON.stringify(attrs).slice(0, 60),
      x(type, attrs),
      `${type}.x`,
      expected,
    ]),
  ).concat({
    rule: 'X-10.ec2-sg-description',
    title: 'the detail names the rejected characters',
    json: x('aws_security_group', { description: "it's" }),
    at: 'aws_security_group.x',
    expect: 'NON_COMPLIANT',
    detail: /^description contains '''$/,
  }),
);

const subnets = (cidrs: { [name: string]: string }, vpcCidr = '10.0.0.0/16') =>
  tf({
    aws_vpc: { v: { cidr_block: vpcCidr } },
    aws_subnet: Object.fromEntries(
      Object.entries(cidrs).map(([n, c]) => [n, { vpc_id: '${aws_vpc.v.id}', cidr_block: c }]),
    ),
  });
describeRules(
  'X-10.ec2-subnet-cidr',
  pack,
  casesOf(
    'X-10.ec2-subnet-cidr',
    (
      [
        [
          'inside the VPC, not overlapping',
          subnets({ a: '10.0.0.0/24', b: '10.0.1.0/24' }),
          'a',
          'COMPLIANT',
        ],
        ['outside the VPC', subnets({ a: '10.1.0.0/24' }), 'a', 'NON_COMPLIANT'],
        ['overlapping', subnets({ a: '10.0.0.0/23', b: '10.0.1.0/24' }), 'b', 'NON_COMPLIANT'],
        ['not /16-/28', subnets({ a: '10.0.0.0/29' }), 'a', 'NON_COMPLIANT'],
        ['an expression', subnets({ a: '${cidrsubnet(var.cidr, 8, 0)}' }), 'a', 'UNKNOWN'],
        ['a VPC CIDR expression', subnets({ a: '10.0.0.0/24' }, '${var.cidr}'), 'a', 'UNKNOWN'],
      ] as Array<[string, any, string, Status]>
    ).map(([title, json, name, expected]): Row => [title, json, `aws_subnet.${name}`, expected]),
  ),
);

const endpointIn = (vpc: any, dns: any = true) =>
  tf({
    aws_vpc: { v: { cidr_block: '10.0.0.0/16', ...vpc } },
    aws_vpc_endpoint: {
      e: { vpc_id: '${aws_vpc.v.id}', vpc_endpoint_type: 'Interface', private_dns_enabled: dns },
    },
  });
describeRules(
  'X-10.ec2-endpoint-private-dns',
  pack,
  casesOf(
    'X-10.ec2-endpoint-private-dns',
    (
      [
        [{ enable_dns_hostnames: true, enable_dns_support: true }, true, 'COMPLIANT'],
        [{}, true, 'NON_COMPLIANT'],
        [{ enable_dns_hostnames: true, enable_dns_support: false }, true, 'NON_COMPLIANT'],
        [{ enable_dns_hostnames: '${var.dns}' }, true, 'UNKNOWN'],
        // private DNS off
        [{}, false, 'NOT_APPLICABLE'],
      ] as Array<[any, boolean, Status]>
    ).map(([vpc, dns, expected]): Row => [
      `VPC ${JSON.stringify(vpc)}, private DNS ${dns}`,
      endpointIn(vpc, dns),
      'aws_vpc_endpoint.e',
      expected,
    ]),
  ),
);

const keyAdmin = {
  Sid: 'Admin',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:root' },
  Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'],
  Resource: '*',
};
const kmsKey = (attrs: any) => tf({ aws_kms_key: { k: attrs } });
const noAdmin = policy({ ...keyAdmin, Action: 'kms:DescribeKey' });
describeRules(
  'X-10.kms-key-policy',
  pack,
  casesOf(
    'X-10.kms-key-policy',
    (
      [
        ['an administrable policy under 32 KB', { policy: policy(keyAdmin) }, 'COMPLIANT'],
        [
          'no kms:PutKeyPolicy for an AWS principal (lockout check)',
          { policy: noAdmin },
          'NON_COMPLIANT',
        ],
        [
          'no kms:PutKeyPolicy, lockout check bypassed',
          { policy: noAdmin, bypass_policy_lockout_safety_check: true },
          'COMPLIANT',
        ],
        [
          'over 32 KB',
          {
            policy: policy(keyAdmin, {
              ...keyAdmin,
              Sid: 'Pad',
              Condition: { StringLike: { 'aws:PrincipalArn': 'x'.repeat(33000) } },
            }),
          },
          'NON_COMPLIANT',
        ],
        [
          'a policy from a data source',
          { policy: '${data.aws_iam_policy_document.k.json}' },
          'UNKNOWN',
        ],
      ] as Array<[string, any, Status]>
    ).map(([title, attrs, expected]): Row => [title, kmsKey(attrs), 'aws_kms_key.k', expected]),
  ),
);

const logsStatement = {
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: [
    'kms:Encrypt*',
    'kms:Decrypt*',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
    'kms:Describe*',
  ],
  Resource: '*',
};
const logGroupWithKey = (keyPolicy: any) =>
  tf({
    aws_kms_key: { k: keyPolicy === undefined ? {} : { policy: keyPolicy } },
    aws_cloudwatch_log_group: { g: { name: '/x', kms_key_id: '${aws_kms_key.k.arn}' } },
  });
describeRules(
  'X-10.logs-kms-key-policy',
  pack,
  casesOf(
    'X-10.logs-kms-key-policy',
    (
      [
        [policy(logsStatement), 'COMPLIANT'],
        [policy({ ...logsStatement, Action: ['kms:Decrypt'] }), 'NON_COMPLIANT'],
        [undefined, 'NON_COMPLIANT'],
        ['${data.aws_iam_policy_document.k.json}', 'UNKNOWN'],
      ] as Array<[any, Status]>
    ).map(([p, expected]): Row => [
      `key policy ${String(p).slice(0, 40)}`,
      logGroupWithKey(p),
      'aws_cloudwatch_log_group.g',
      expected,
    ]),
  ),
);

const metricFilter = (filter: any) =>
  tf({
    aws_cloudwatch_log_group: { g: { name: '/aws/sagemaker/studio' } },
    aws_cloudwatch_log_metric_filter: { f: { pattern: 'ERROR', ...filter } },
  });
describeRules(
  'X-10.logs-metric-filter-order',
  pack,
  casesOf(
    'X-10.logs-metric-filter-order',
    (
      [
        [{ log_group_name: '${aws_cloudwatch_log_group.g.name}' }, 'COMPLIANT'],
        [
          { log_group_name: '/aws/sagemaker/studio', depends_on: ['aws_cloudwatch_log_group.g'] },
          'COMPLIANT',
        ],
        [
          {
            log_group_name: '/aws/sagemaker/studio',
            depends_on: ['aws_cloudwatch_log_group.g[0]'],
          },
          'COMPLIANT',
        ],
        [
          { log_group_name: '/aws/sagemaker/studio', depends_on: ['aws_cloudwatch_log_group.gg'] },
          'NON_COMPLIANT',
        ],
        [{ log_group_name: '/aws/sagemaker/studio' }, 'NON_COMPLIANT'],
        [{ log_group_name: '${var.group}' }, 'UNKNOWN'],
      ] as Array<[any, Status]>
    ).map(([filter, expected]): Row => [
      JSON.stringify(filter),
      metricFilter(filter),
      'aws_cloudwatch_log_metric_filter.f',
      expected,
    ]),
  ),
);

// CloudTrail prerequisites
const bucketPolicy = policy(
  {
    Sid: 'Acl',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:GetBucketAcl',
    Resource: '*',
  },
  {
    Sid: 'Write',
    Effect: 'Allow',
    Principal: { Service: 'cloudtrail.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: '*',
  },
);
const ct = (Action: string, extra: any = {}) => ({
  Sid: Action,
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action,
  Resource: '*',
  ...extra,
});
const trailAdmin = {
  Sid: 'Admin',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:root' },
  Action: 'kms:PutKeyPolicy',
  Resource: '*',
};
const trailStack = (opts: {
  bucketPolicy?: string;
  trail?: any;
  keyStatements?: any[];
  bucketKey?: boolean;
}): any =>
  tf({
    aws_kms_key: {
      k: {
        policy: policy(
          trailAdmin,
          ...(opts.keyStatements ?? [
            ct('kms:GenerateDataKey*'),
            ct('kms:DescribeKey'),
            ct('kms:Decrypt'),
          ]),
        ),
      },
    },
    aws_s3_bucket: { b: { bucket: 'trail-bucket' } },
    aws_s3_bucket_server_side_encryption_configuration: {
      b: {
        bucket: '${aws_s3_bucket.b.id}',
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: '${aws_kms_key.k.arn}',
            },
            bucket_key_enabled: opts.bucketKey ?? true,
          },
        ],
      },
    },
    ...(opts.bucketPolicy !== undefined
      ? {
          aws_s3_bucket_policy: {
            b: { bucket: '${aws_s3_bucket.b.id}', policy: opts.bucketPolicy },
          },
        }
      : {}),
    aws_iam_role: { r: { assume_role_policy: policy() } },
    aws_iam_role_policy: { r: { role: '${aws_iam_role.r.id}', policy: policy() } },
    aws_cloudtrail: {
      t: {
        name: 't',
        s3_bucket_name: '${aws_s3_bucket.b.bucket}',
        kms_key_id: '${aws_kms_key.k.arn}',
        depends_on: ['aws_s3_bucket_policy.b', 'aws_iam_role_policy.r'],
        ...(opts.trail ?? {}),
      },
    },
  });
// the defect: DescribeKey only under the trail encryption context
const trailContext = {
  Condition: {
    StringLike: {
      'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*',
    },
  },
};
// S3 Bucket Key with the same key needs Decrypt
const noDecrypt = [ct('kms:GenerateDataKey*'), ct('kms:DescribeKey')];
const dynamicKeyPolicy = () => {
  const json = trailStack({ bucketPolicy });
  json.resource.aws_kms_key.k.policy = '${data.aws_iam_policy_document.k.json}';
  return json;
};
const trailLogs = {
  cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111111111111:log-group:/trail:*',
  cloud_watch_logs_role_arn: '${aws_iam_role.r.arn}',
};
describeRules(
  'CloudTrail prerequisites',
  pack,
  cases(
    (
      [
        [
          'X-10.cloudtrail-bucket-policy',
          'with the bucket policy',
          trailStack({ bucketPolicy }),
          'COMPLIANT',
        ],
        ['X-10.cloudtrail-bucket-policy', 'no bucket policy', trailStack({}), 'NON_COMPLIANT'],
        [
          'X-10.cloudtrail-bucket-policy',
          'not waiting for the bucket policy',
          trailStack({ bucketPolicy, trail: { depends_on: [] } }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-bucket-policy',
          'a bucket policy from a data source',
          trailStack({ bucketPolicy: '${data.x.json}' }),
          'UNKNOWN',
        ],
        [
          'X-10.cloudtrail-kms-key-policy',
          'the documented sections',
          trailStack({ bucketPolicy }),
          'COMPLIANT',
        ],
        [
          'X-10.cloudtrail-kms-key-policy',
          'DescribeKey only under the trail encryption context',
          trailStack({
            bucketPolicy,
            keyStatements: [
              ct('kms:GenerateDataKey*', trailContext),
              ct('kms:DescribeKey', trailContext),
              ct('kms:Decrypt'),
            ],
          }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-kms-key-policy',
          'Bucket Key without Decrypt',
          trailStack({ bucketPolicy, keyStatements: noDecrypt }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-kms-key-policy',
          'no Bucket Key, no Decrypt needed',
          trailStack({ bucketPolicy, keyStatements: noDecrypt, bucketKey: false }),
          'COMPLIANT',
        ],
        [
          'X-10.cloudtrail-kms-key-policy',
          'a key policy from a data source',
          dynamicKeyPolicy,
          'UNKNOWN',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'group ARN with :*',
          trailStack({ bucketPolicy, trail: trailLogs }),
          'COMPLIANT',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'group ARN without :*',
          trailStack({
            bucketPolicy,
            trail: {
              ...trailLogs,
              cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111111111111:log-group:/trail',
            },
          }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'no role',
          trailStack({
            bucketPolicy,
            trail: { ...trailLogs, cloud_watch_logs_role_arn: undefined },
          }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'not waiting for the role policy',
          trailStack({
            bucketPolicy,
            trail: { ...trailLogs, depends_on: ['aws_s3_bucket_policy.b'] },
          }),
          'NON_COMPLIANT',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'group ARN from a variable',
          trailStack({
            bucketPolicy,
            trail: { ...trailLogs, cloud_watch_logs_group_arn: '${var.group_arn}' },
          }),
          'UNKNOWN',
        ],
        [
          'X-10.cloudtrail-cloudwatch-logs',
          'no CloudWatch Logs',
          trailStack({ bucketPolicy }),
          'NOT_APPLICABLE',
        ],
      ] as Array<[string, string, any, Status]>
    ).map(([rule, title, json, expected]): RuleRow => [
      rule,
      title,
      json,
      'aws_cloudtrail.t',
      expected,
    ]),
  ),
);

// IAM quotas
const statement = (n: number) => ({
  Sid: 'S',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/prefix/*`),
});
const managed = (doc: string) => tf({ aws_iam_policy: { p: { policy: doc } } });
// close to the limit with references whose length is known only at apply
const refs = {
  ...statement(150),
  Resource: [
    ...statement(150).Resource.slice(0, 150),
    ...Array.from({ length: 20 }, (_, i) => `\${aws_s3_bucket.b${i}.arn}`),
  ],
};
const trust = (n: number) =>
  policy({
    Effect: 'Allow',
    Principal: {
      AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::111111111111:role/r${i}`),
    },
    Action: 'sts:AssumeRole',
  });
const roleWithInline = (trustDoc: string, inline: string[] = []) =>
  tf({
    aws_iam_role: { r: { assume_role_policy: trustDoc } },
    aws_iam_role_policy: Object.fromEntries(
      inline.map((doc, i) => [`p${i}`, { role: '${aws_iam_role.r.id}', policy: doc }]),
    ),
  });
const roleWithAttachments = (n: number, managedArns: any = undefined) =>
  tf({
    aws_iam_role: { r: { assume_role_policy: policy(), managed_policy_arns: managedArns } },
    aws_iam_role_policy_attachment: Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `a${i}`,
        {
          role: '${aws_iam_role.r.name}',
          policy_arn: `arn:aws:iam::111111111111:policy/p${i}`,
        },
      ]),
    ),
  });
describeRules(
  'IAM quotas',
  pack,
  cases([
    // managed policies up to 6,144 characters
    [
      'X-10.iam-policy-size',
      '10 resources',
      managed(policy(statement(10))),
      'aws_iam_policy.p',
      'COMPLIANT',
    ],
    [
      'X-10.iam-policy-size',
      '200 resources',
      managed(policy(statement(200))),
      'aws_iam_policy.p',
      'NON_COMPLIANT',
    ],
    [
      'X-10.iam-policy-size',
      'references, under the limit whatever their length',
      managed(policy({ ...refs, Resource: refs.Resource.slice(130) })),
      'aws_iam_policy.p',
      'COMPLIANT',
    ],
    [
      'X-10.iam-policy-size',
      'references close to the limit',
      managed(
        policy(statement(150), {
          ...statement(0),
          Resource: Array.from({ length: 20 }, (_, i) => `\${aws_s3_bucket.b${i}.arn}`),
        }),
      ),
      'aws_iam_policy.p',
      'UNKNOWN',
    ],
    [
      'X-10.iam-policy-size',
      'a policy from a data source',
      managed('${data.aws_iam_policy_document.p.json}'),
      'aws_iam_policy.p',
      'UNKNOWN',
    ],
    // trust policy 2,048 and inline policies 10,240 per role
    [
      'X-10.iam-policy-size',
      'a short trust policy',
      roleWithInline(trust(5)),
      'aws_iam_role.r',
      'COMPLIANT',
    ],
    [
      'X-10.iam-policy-size',
      'a long trust policy',
      roleWithInline(trust(60)),
      'aws_iam_role.r',
      'NON_COMPLIANT',
    ],
    [
      'X-10.iam-policy-size',
      'inline policies over 10,240',
      roleWithInline(trust(5), [policy(statement(150)), policy(statement(150))]),
      'aws_iam_role.r',
      'NON_COMPLIANT',
    ],
    // at most 10 managed policies per role
    [
      'X-10.iam-role-attachments',
      '10 attachments',
      roleWithAttachments(10),
      'aws_iam_role.r',
      'COMPLIANT',
    ],
    [
      'X-10.iam-role-attachments',
      '11 attachments',
      roleWithAttachments(11),
      'aws_iam_role.r',
      'NON_COMPLIANT',
    ],
    [
      'X-10.iam-role-attachments',
      '9 attachments and 2 managed_policy_arns',
      roleWithAttachments(9, ['arn:aws:iam::aws:policy/a', 'arn:aws:iam::aws:policy/b']),
      'aws_iam_role.r',
      'NON_COMPLIANT',
    ],
    [
      'X-10.iam-role-attachments',
      'managed_policy_arns from a variable',
      roleWithAttachments(9, '${var.managed}'),
      'aws_iam_role.r',
      'UNKNOWN',
    ],
  ]),
);

// SageMaker
const ssoStack = (mode: string, profile: any) =>
  tf({
    aws_sagemaker_domain: { d: { auth_mode: mode } },
    aws_sagemaker_user_profile: {
      p: { domain_id: '${aws_sagemaker_domain.d.id}', user_profile_name: 'u', ...profile },
    },
  });
const sso = {
  single_sign_on_user_identifier: 'UserName',
  single_sign_on_user_value: 'u@example.com',
};
const notebook = (attrs: any) =>
  tf({ aws_sagemaker_notebook_instance: { n: { name: 'n', ...attrs } } });
describeRules('SageMaker', pack, [
  ...casesOf(
    'X-10.sagemaker-name',
    (
      [
        ['aws_sagemaker_user_profile', 'user_profile_name', 'alice', 'COMPLIANT'],
        ['aws_sagemaker_user_profile', 'user_profile_name', 'alice_smith', 'NON_COMPLIANT'],
        ['aws_sagemaker_domain', 'domain_name', 'ml-prod', 'COMPLIANT'],
        ['aws_sagemaker_domain', 'domain_name', 'ml prod', 'NON_COMPLIANT'],
        ['aws_sagemaker_space', 'space_name', '-team', 'NON_COMPLIANT'],
        ['aws_sagemaker_app_image_config', 'app_image_config_name', 'img.v2', 'NON_COMPLIANT'],
        [
          'aws_sagemaker_model_package_group',
          'model_package_group_name',
          'x'.repeat(64),
          'NON_COMPLIANT',
        ],
        ['aws_sagemaker_notebook_instance', 'name', 'nb-1', 'COMPLIANT'],
        ['aws_sagemaker_user_profile', 'user_profile_name', '${var.user}', 'UNKNOWN'],
      ] as Array<[string, string, string, Status]>
    ).map(([type, attribute, value, expected]): Row => [
      `${attribute} = ${value.slice(0, 20)}`,
      x(type, { [attribute]: value }),
      `${type}.x`,
      expected,
    ]),
  ),
  // SSO domains need the Identity Center user, IAM domains refuse it
  ...casesOf(
    'X-10.sagemaker-user-profile-sso',
    (
      [
        ['SSO, with the user', ssoStack('SSO', sso), 'COMPLIANT'],
        ['SSO, no user', ssoStack('SSO', {}), 'NON_COMPLIANT'],
        [
          'SSO, identifier without value',
          ssoStack('SSO', { single_sign_on_user_identifier: 'UserName' }),
          'NON_COMPLIANT',
        ],
        ['IAM, no user', ssoStack('IAM', {}), 'COMPLIANT'],
        ['IAM, with a user', ssoStack('IAM', sso), 'NON_COMPLIANT'],
        ['auth mode from a variable', ssoStack('${var.mode}', sso), 'UNKNOWN'],
      ] as Array<[string, any, Status]>
    ).map(([title, json, expected]): Row => [
      title,
      json,
      'aws_sagemaker_user_profile.p',
      expected,
    ]),
  ),
  ...casesOf(
    'X-10.sagemaker-notebook-subnet',
    (
      [
        [{ direct_internet_access: 'Disabled', subnet_id: 'subnet-1' }, 'COMPLIANT'],
        [{ direct_internet_access: 'Disabled' }, 'NON_COMPLIANT'],
        [{ direct_internet_access: '${var.access}' }, 'UNKNOWN'],
      ] as Array<[any, Status]>
    ).map(([attrs, expected]): Row => [
      JSON.stringify(attrs),
      notebook(attrs),
      'aws_sagemaker_notebook_instance.n',
      expected,
    ]),
  ),
]);

// S3
const lockStack = (bucket: any, versioning: string | undefined, dependsOn: boolean) =>
  tf({
    aws_s3_bucket: { b: { bucket: 'b-lock', ...bucket } },
    ...(versioning
      ? {
          aws_s3_bucket_versioning: {
            v: {
              bucket: '${aws_s3_bucket.b.id}',
              versioning_configuration: { status: versioning },
            },
          },
        }
      : {}),
    aws_s3_bucket_object_lock_configuration: {
      l: {
        bucket: '${aws_s3_bucket.b.id}',
        rule: { default_retention: { mode: 'GOVERNANCE', days: 1 } },
        ...(dependsOn ? { depends_on: ['aws_s3_bucket_versioning.v'] } : {}),
      },
    },
  });
describeRules('S3', pack, [
  ...casesOf(
    'X-10.s3-bucket-name',
    (
      [
        [{ bucket: 'data-111111111111-eu-west-1-abc123' }, 'COMPLIANT'],
        [{ bucket: 'Platform_Data' }, 'NON_COMPLIANT'],
        [{ bucket: 'xn--data' }, 'NON_COMPLIANT'],
        [{ bucket: '192.168.1.1' }, 'NON_COMPLIANT'],
        [{ bucket_prefix: 'data-' }, 'COMPLIANT'],
        [{ bucket_prefix: 'a'.repeat(38) }, 'NON_COMPLIANT'],
        [{ bucket: 'data-${data.aws_caller_identity.c.account_id}' }, 'UNKNOWN'],
      ] as Array<[any, Status]>
    ).map(([attrs, expected]): Row => [
      JSON.stringify(attrs).slice(0, 60),
      tf({ aws_s3_bucket: { b: attrs } }),
      'aws_s3_bucket.b',
      expected,
    ]),
  ),
  // a bucket created with Object Lock, or versioning first
  ...casesOf(
    'X-10.s3-object-lock',
    (
      [
        [
          'created with Object Lock',
          lockStack({ object_lock_enabled: true }, undefined, false),
          'COMPLIANT',
        ],
        ['versioning first', lockStack({}, 'Enabled', true), 'COMPLIANT'],
        ['versioning, not waited for', lockStack({}, 'Enabled', false), 'NON_COMPLIANT'],
        ['no versioning', lockStack({}, undefined, false), 'NON_COMPLIANT'],
        [
          'object_lock_enabled from a variable',
          lockStack({ object_lock_enabled: '${var.lock}' }, undefined, false),
          'UNKNOWN',
        ],
      ] as Array<[string, any, Status]>
    ).map(([title, json, expected]): Row => [
      title,
      json,
      'aws_s3_bucket_object_lock_configuration.l',
      expected,
    ]),
  ),
]);

const manyTags = (n: number, prefix: string) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
const withDefaultTags = (resourceTags: number) =>
  tf(
    { aws_s3_bucket: { x: { tags: manyTags(resourceTags, 'r') } } },
    { provider: { aws: [{ default_tags: [{ tags: manyTags(30, 'd') }] }] } },
  );
describeRules('X-10.tags', pack, [
  ...casesOf(
    'X-10.tags',
    (
      [
        ['aws_iam_role', { owner: 'ml-team' }, 'COMPLIANT'],
        ['aws_iam_role', { 'aws:owner': 'x' }, 'NON_COMPLIANT'],
        ['aws_s3_bucket', { ['k'.repeat(129)]: 'x' }, 'NON_COMPLIANT'],
        ['aws_s3_bucket', { k: 'v'.repeat(257) }, 'NON_COMPLIANT'],
        ['aws_iam_role', { team: 'data & ml' }, 'NON_COMPLIANT'],
        ['aws_s3_bucket', { team: 'data & ml' }, 'COMPLIANT'],
        ['aws_sagemaker_domain', { owner: '${var.owner}' }, 'UNKNOWN'],
      ] as Array<[string, any, Status]>
    ).map(([type, tags, expected]): Row => [
      `tags ${JSON.stringify(tags).slice(0, 40)}`,
      x(type, { tags }),
      `${type}.x`,
      expected,
    ]),
  ),
  {
    rule: 'X-10.tags',
    title: 'more than 50 tags with the provider default tags',
    json: withDefaultTags(21),
    at: 'aws_s3_bucket.x',
    expect: 'NON_COMPLIANT',
  },
  {
    rule: 'X-10.tags',
    title: '50 tags with the provider default tags',
    json: withDefaultTags(20),
    at: 'aws_s3_bucket.x',
    expect: 'COMPLIANT',
  },
]);

// SageMaker passes the user profile name as source identity to the roles it assumes
const trustingSageMaker = (actions: string[], identityConfig: string | undefined) =>
  tf({
    aws_sagemaker_domain: {
      d:
        identityConfig === undefined
          ? {}
          : { domain_settings: { execution_role_identity_config: identityConfig } },
    },
    aws_iam_role: {
      r: {
        assume_role_policy: policy({
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: actions,
        }),
      },
    },
  });
describeRules(
  'X-10.sagemaker-source-identity',
  pack,
  casesOf(
    'X-10.sagemaker-source-identity',
    (
      [
        [
          'AssumeRole and SetSourceIdentity',
          ['sts:AssumeRole', 'sts:SetSourceIdentity'],
          'USER_PROFILE_NAME',
          'COMPLIANT',
        ],
        ['sts:* covers SetSourceIdentity', ['sts:*'], 'USER_PROFILE_NAME', 'COMPLIANT'],
        [
          'AssumeRole only, domain propagates',
          ['sts:AssumeRole'],
          'USER_PROFILE_NAME',
          'NON_COMPLIANT',
        ],
        [
          'AssumeRole only, domain does not propagate',
          ['sts:AssumeRole'],
          'DISABLED',
          'NOT_APPLICABLE',
        ],
        ['AssumeRole only, no identity config', ['sts:AssumeRole'], undefined, 'NOT_APPLICABLE'],
        [
          'AssumeRole only, identity config an expression',
          ['sts:AssumeRole'],
          '${var.identity}',
          'UNKNOWN',
        ],
      ] as Array<[string, string[], string | undefined, Status]>
    ).map(([title, actions, config, expected]): Row => [
      title,
      trustingSageMaker(actions, config),
      'aws_iam_role.r',
      expected,
    ]),
  ),
);
