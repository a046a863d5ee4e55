import { AwsMlopsChecks } from '../../lib/aws';
import { ComplianceStatus, RuleCategory } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

// The apply contract (X-10): constraints the AWS APIs enforce at apply time that `terraform
// plan` does not check. Each rule gets a compliant, a non-compliant and an unknown case on
// hand-written Terraform JSON (the rules run on any stack, not only on what the constructs emit).

const pack = new AwsMlopsChecks();

/** The status of one rule on one resource address. */
function status(json: any, ruleId: string, address: string): ComplianceStatus | undefined {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  return report.findings.find((f) => f.ruleId === ruleId && f.address === address)?.status;
}

function reason(json: any, ruleId: string, address: string): string | undefined {
  const report = evaluateStack('t', json, [pack], { includeCompliant: true });
  return report.findings.find((f) => f.ruleId === ruleId && f.address === address)?.reason;
}

const { COMPLIANT, NON_COMPLIANT, UNKNOWN } = ComplianceStatus;
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

describe('X-10.ec2-sg-description', () => {
  const id = 'X-10.ec2-sg-description';
  test.each([
    ['aws_security_group', { description: 'Studio user bob: apps of this user only' }, COMPLIANT],
    ['aws_security_group', { description: "Studio user bob: this user's apps" }, NON_COMPLIANT],
    ['aws_security_group', { description: 'x'.repeat(256) }, NON_COMPLIANT],
    ['aws_security_group', { description: '${var.description}' }, UNKNOWN],
    ['aws_security_group', { name: 'sg_name?' }, NON_COMPLIANT],
    ['aws_security_group', { ingress: [{ description: 'ok (HTTPS)' }] }, COMPLIANT],
    ['aws_security_group', { ingress: { description: 'café' } }, NON_COMPLIANT],
    ['aws_security_group', { egress: '${dynamic.egress}' }, UNKNOWN],
    ['aws_default_security_group', { ingress: [{ description: 'naïve' }] }, NON_COMPLIANT],
    ['aws_security_group_rule', { description: 'from the "web" tier' }, NON_COMPLIANT],
    ['aws_vpc_security_group_ingress_rule', { description: 'HTTPS from Studio' }, COMPLIANT],
    ['aws_vpc_security_group_egress_rule', { description: "users' apps" }, NON_COMPLIANT],
    ['aws_vpc_security_group_egress_rule', { description: '${local.d}' }, UNKNOWN],
  ] as Array<[string, any, ComplianceStatus]>)('%s %j is %s', (type, attrs, expected) => {
    expect(status({ resource: { [type]: { x: attrs } } }, id, `${type}.x`)).toBe(expected);
  });

  test('the detail names the rejected characters', () => {
    expect(
      reason(
        { resource: { aws_security_group: { x: { description: "it's" } } } },
        id,
        'aws_security_group.x',
      ),
    ).toBe("description contains '''");
  });
});

describe('X-10.ec2-subnet-cidr', () => {
  const id = 'X-10.ec2-subnet-cidr';
  const stack = (subnets: { [name: string]: string }, vpcCidr = '10.0.0.0/16') => ({
    resource: {
      aws_vpc: { v: { cidr_block: vpcCidr } },
      aws_subnet: Object.fromEntries(
        Object.entries(subnets).map(([n, c]) => [n, { vpc_id: '${aws_vpc.v.id}', cidr_block: c }]),
      ),
    },
  });
  test('inside the VPC, not overlapping: compliant', () => {
    const j = stack({ a: '10.0.0.0/24', b: '10.0.1.0/24' });
    expect(status(j, id, 'aws_subnet.a')).toBe(COMPLIANT);
  });
  test('outside the VPC, overlapping, or not /16-/28: non-compliant', () => {
    expect(status(stack({ a: '10.1.0.0/24' }), id, 'aws_subnet.a')).toBe(NON_COMPLIANT);
    expect(status(stack({ a: '10.0.0.0/23', b: '10.0.1.0/24' }), id, 'aws_subnet.b')).toBe(
      NON_COMPLIANT,
    );
    expect(status(stack({ a: '10.0.0.0/29' }), id, 'aws_subnet.a')).toBe(NON_COMPLIANT);
  });
  test('an expression: unknown', () => {
    expect(status(stack({ a: '${cidrsubnet(var.cidr, 8, 0)}' }), id, 'aws_subnet.a')).toBe(UNKNOWN);
    expect(status(stack({ a: '10.0.0.0/24' }, '${var.cidr}'), id, 'aws_subnet.a')).toBe(UNKNOWN);
  });
});

describe('X-10.ec2-endpoint-private-dns', () => {
  const id = 'X-10.ec2-endpoint-private-dns';
  const stack = (vpc: any, dns: any = true) => ({
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16', ...vpc } },
      aws_vpc_endpoint: {
        e: { vpc_id: '${aws_vpc.v.id}', vpc_endpoint_type: 'Interface', private_dns_enabled: dns },
      },
    },
  });
  test.each([
    [{ enable_dns_hostnames: true, enable_dns_support: true }, COMPLIANT],
    [{}, NON_COMPLIANT],
    [{ enable_dns_hostnames: true, enable_dns_support: false }, NON_COMPLIANT],
    [{ enable_dns_hostnames: '${var.dns}' }, UNKNOWN],
  ] as Array<[any, ComplianceStatus]>)('VPC %j: %s', (vpc, expected) => {
    expect(status(stack(vpc), id, 'aws_vpc_endpoint.e')).toBe(expected);
  });
  test('private DNS off: not applicable', () => {
    expect(status(stack({}, false), id, 'aws_vpc_endpoint.e')).toBeUndefined();
  });
});

describe('X-10.kms-key-policy', () => {
  const id = 'X-10.kms-key-policy';
  const admin = {
    Sid: 'Admin',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    Action: ['kms:PutKeyPolicy', 'kms:DescribeKey'],
    Resource: '*',
  };
  const key = (attrs: any) => ({ resource: { aws_kms_key: { k: attrs } } });
  test('an administrable policy under 32 KB: compliant', () => {
    expect(status(key({ policy: policy(admin) }), id, 'aws_kms_key.k')).toBe(COMPLIANT);
  });
  test('no kms:PutKeyPolicy for an AWS principal (lockout check): non-compliant, unless bypassed', () => {
    const noAdmin = policy({ ...admin, Action: 'kms:DescribeKey' });
    expect(status(key({ policy: noAdmin }), id, 'aws_kms_key.k')).toBe(NON_COMPLIANT);
    expect(
      status(
        key({ policy: noAdmin, bypass_policy_lockout_safety_check: true }),
        id,
        'aws_kms_key.k',
      ),
    ).toBe(COMPLIANT);
  });
  test('over 32 KB: non-compliant', () => {
    const big = policy(admin, {
      ...admin,
      Sid: 'Pad',
      Condition: { StringLike: { 'aws:PrincipalArn': 'x'.repeat(33000) } },
    });
    expect(status(key({ policy: big }), id, 'aws_kms_key.k')).toBe(NON_COMPLIANT);
  });
  test('a policy from a data source: unknown', () => {
    expect(
      status(key({ policy: '${data.aws_iam_policy_document.k.json}' }), id, 'aws_kms_key.k'),
    ).toBe(UNKNOWN);
  });
});

describe('X-10.logs-kms-key-policy', () => {
  const id = 'X-10.logs-kms-key-policy';
  const logs = {
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
  const stack = (keyPolicy: any) => ({
    resource: {
      aws_kms_key: { k: keyPolicy === undefined ? {} : { policy: keyPolicy } },
      aws_cloudwatch_log_group: { g: { name: '/x', kms_key_id: '${aws_kms_key.k.arn}' } },
    },
  });
  test.each([
    [policy(logs), COMPLIANT],
    [policy({ ...logs, Action: ['kms:Decrypt'] }), NON_COMPLIANT],
    [undefined, NON_COMPLIANT],
    ['${data.aws_iam_policy_document.k.json}', UNKNOWN],
  ] as Array<[any, ComplianceStatus]>)('key policy %s: %s', (p, expected) => {
    expect(status(stack(p), id, 'aws_cloudwatch_log_group.g')).toBe(expected);
  });
});

describe('X-10.logs-metric-filter-order', () => {
  const id = 'X-10.logs-metric-filter-order';
  const stack = (filter: any) => ({
    resource: {
      aws_cloudwatch_log_group: { g: { name: '/aws/sagemaker/studio' } },
      aws_cloudwatch_log_metric_filter: { f: { pattern: 'ERROR', ...filter } },
    },
  });
  test.each([
    [{ log_group_name: '${aws_cloudwatch_log_group.g.name}' }, COMPLIANT],
    [
      { log_group_name: '/aws/sagemaker/studio', depends_on: ['aws_cloudwatch_log_group.g'] },
      COMPLIANT,
    ],
    [{ log_group_name: '/aws/sagemaker/studio' }, NON_COMPLIANT],
    [{ log_group_name: '${var.group}' }, UNKNOWN],
  ] as Array<[any, ComplianceStatus]>)('%j: %s', (filter, expected) => {
    expect(status(stack(filter), id, 'aws_cloudwatch_log_metric_filter.f')).toBe(expected);
  });
});

describe('CloudTrail prerequisites', () => {
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
  const admin = {
    Sid: 'Admin',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  };
  const stack = (opts: {
    bucketPolicy?: string;
    trail?: any;
    keyStatements?: any[];
    bucketKey?: boolean;
  }) => ({
    resource: {
      aws_kms_key: {
        k: {
          policy: policy(
            admin,
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
    },
  });

  test('X-10.cloudtrail-bucket-policy', () => {
    const id = 'X-10.cloudtrail-bucket-policy';
    expect(status(stack({ bucketPolicy }), id, 'aws_cloudtrail.t')).toBe(COMPLIANT);
    expect(status(stack({}), id, 'aws_cloudtrail.t')).toBe(NON_COMPLIANT);
    expect(status(stack({ bucketPolicy, trail: { depends_on: [] } }), id, 'aws_cloudtrail.t')).toBe(
      NON_COMPLIANT,
    );
    expect(status(stack({ bucketPolicy: '${data.x.json}' }), id, 'aws_cloudtrail.t')).toBe(UNKNOWN);
  });

  test('X-10.cloudtrail-kms-key-policy: the documented sections, DescribeKey without an encryption context', () => {
    const id = 'X-10.cloudtrail-kms-key-policy';
    expect(status(stack({ bucketPolicy }), id, 'aws_cloudtrail.t')).toBe(COMPLIANT);
    // the defect: DescribeKey only under the trail encryption context
    const context = {
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*',
        },
      },
    };
    expect(
      status(
        stack({
          bucketPolicy,
          keyStatements: [
            ct('kms:GenerateDataKey*', context),
            ct('kms:DescribeKey', context),
            ct('kms:Decrypt'),
          ],
        }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(NON_COMPLIANT);
    // S3 Bucket Key with the same key needs Decrypt
    const noDecrypt = [ct('kms:GenerateDataKey*'), ct('kms:DescribeKey')];
    expect(status(stack({ bucketPolicy, keyStatements: noDecrypt }), id, 'aws_cloudtrail.t')).toBe(
      NON_COMPLIANT,
    );
    expect(
      status(
        stack({ bucketPolicy, keyStatements: noDecrypt, bucketKey: false }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(COMPLIANT);
    const dynamic = stack({ bucketPolicy });
    dynamic.resource.aws_kms_key.k.policy = '${data.aws_iam_policy_document.k.json}';
    expect(status(dynamic, id, 'aws_cloudtrail.t')).toBe(UNKNOWN);
  });

  test('X-10.cloudtrail-cloudwatch-logs', () => {
    const id = 'X-10.cloudtrail-cloudwatch-logs';
    const logs = {
      cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111111111111:log-group:/trail:*',
      cloud_watch_logs_role_arn: '${aws_iam_role.r.arn}',
    };
    expect(status(stack({ bucketPolicy, trail: logs }), id, 'aws_cloudtrail.t')).toBe(COMPLIANT);
    expect(
      status(
        stack({
          bucketPolicy,
          trail: {
            ...logs,
            cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111111111111:log-group:/trail',
          },
        }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      status(
        stack({ bucketPolicy, trail: { ...logs, cloud_watch_logs_role_arn: undefined } }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      status(
        stack({ bucketPolicy, trail: { ...logs, depends_on: ['aws_s3_bucket_policy.b'] } }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      status(
        stack({ bucketPolicy, trail: { ...logs, cloud_watch_logs_group_arn: '${var.group_arn}' } }),
        id,
        'aws_cloudtrail.t',
      ),
    ).toBe(UNKNOWN);
    expect(status(stack({ bucketPolicy }), id, 'aws_cloudtrail.t')).toBeUndefined();
  });
});

describe('IAM quotas', () => {
  const statement = (n: number) => ({
    Sid: 'S',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${i}/prefix/*`),
  });
  test('X-10.iam-policy-size: managed policies up to 6,144 characters', () => {
    const id = 'X-10.iam-policy-size';
    const p = (doc: string) => ({ resource: { aws_iam_policy: { p: { policy: doc } } } });
    expect(status(p(policy(statement(10))), id, 'aws_iam_policy.p')).toBe(COMPLIANT);
    expect(status(p(policy(statement(200))), id, 'aws_iam_policy.p')).toBe(NON_COMPLIANT);
    // close to the limit with references whose length is known only at apply
    const refs = {
      ...statement(150),
      Resource: [
        ...statement(150).Resource.slice(0, 150),
        ...Array.from({ length: 20 }, (_, i) => `\${aws_s3_bucket.b${i}.arn}`),
      ],
    };
    expect(
      status(p(policy({ ...refs, Resource: refs.Resource.slice(130) })), id, 'aws_iam_policy.p'),
    ).toBe(COMPLIANT);
    expect(
      status(
        p(
          policy(statement(150), {
            ...statement(0),
            Resource: Array.from({ length: 20 }, (_, i) => `\${aws_s3_bucket.b${i}.arn}`),
          }),
        ),
        id,
        'aws_iam_policy.p',
      ),
    ).toBe(UNKNOWN);
    expect(status(p('${data.aws_iam_policy_document.p.json}'), id, 'aws_iam_policy.p')).toBe(
      UNKNOWN,
    );
  });
  test('X-10.iam-policy-size: trust policy 2,048 and inline policies 10,240 per role', () => {
    const id = 'X-10.iam-policy-size';
    const trust = (n: number) =>
      policy({
        Effect: 'Allow',
        Principal: {
          AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::111111111111:role/r${i}`),
        },
        Action: 'sts:AssumeRole',
      });
    const role = (trustDoc: string, inline: string[] = []) => ({
      resource: {
        aws_iam_role: { r: { assume_role_policy: trustDoc } },
        aws_iam_role_policy: Object.fromEntries(
          inline.map((doc, i) => [`p${i}`, { role: '${aws_iam_role.r.id}', policy: doc }]),
        ),
      },
    });
    expect(status(role(trust(5)), id, 'aws_iam_role.r')).toBe(COMPLIANT);
    expect(status(role(trust(60)), id, 'aws_iam_role.r')).toBe(NON_COMPLIANT);
    expect(
      status(
        role(trust(5), [policy(statement(150)), policy(statement(150))]),
        id,
        'aws_iam_role.r',
      ),
    ).toBe(NON_COMPLIANT);
  });
  test('X-10.iam-role-attachments: at most 10 managed policies per role', () => {
    const id = 'X-10.iam-role-attachments';
    const role = (n: number, managed: any = undefined) => ({
      resource: {
        aws_iam_role: { r: { assume_role_policy: policy(), managed_policy_arns: managed } },
        aws_iam_role_policy_attachment: Object.fromEntries(
          Array.from({ length: n }, (_, i) => [
            `a${i}`,
            {
              role: '${aws_iam_role.r.name}',
              policy_arn: `arn:aws:iam::111111111111:policy/p${i}`,
            },
          ]),
        ),
      },
    });
    expect(status(role(10), id, 'aws_iam_role.r')).toBe(COMPLIANT);
    expect(status(role(11), id, 'aws_iam_role.r')).toBe(NON_COMPLIANT);
    expect(
      status(
        role(9, ['arn:aws:iam::aws:policy/a', 'arn:aws:iam::aws:policy/b']),
        id,
        'aws_iam_role.r',
      ),
    ).toBe(NON_COMPLIANT);
    expect(status(role(9, '${var.managed}'), id, 'aws_iam_role.r')).toBe(UNKNOWN);
  });
});

describe('SageMaker', () => {
  test.each([
    ['aws_sagemaker_user_profile', 'user_profile_name', 'alice', COMPLIANT],
    ['aws_sagemaker_user_profile', 'user_profile_name', 'alice_smith', NON_COMPLIANT],
    ['aws_sagemaker_domain', 'domain_name', 'ml-prod', COMPLIANT],
    ['aws_sagemaker_domain', 'domain_name', 'ml prod', NON_COMPLIANT],
    ['aws_sagemaker_space', 'space_name', '-team', NON_COMPLIANT],
    ['aws_sagemaker_app_image_config', 'app_image_config_name', 'img.v2', NON_COMPLIANT],
    [
      'aws_sagemaker_model_package_group',
      'model_package_group_name',
      'x'.repeat(64),
      NON_COMPLIANT,
    ],
    ['aws_sagemaker_notebook_instance', 'name', 'nb-1', COMPLIANT],
    ['aws_sagemaker_user_profile', 'user_profile_name', '${var.user}', UNKNOWN],
  ] as Array<[string, string, string, ComplianceStatus]>)(
    'X-10.sagemaker-name %s.%s = %s: %s',
    (type, attribute, value, expected) => {
      expect(
        status(
          { resource: { [type]: { x: { [attribute]: value } } } },
          'X-10.sagemaker-name',
          `${type}.x`,
        ),
      ).toBe(expected);
    },
  );

  test('X-10.sagemaker-user-profile-sso: SSO domains need the Identity Center user, IAM domains refuse it', () => {
    const id = 'X-10.sagemaker-user-profile-sso';
    const stack = (mode: string, profile: any) => ({
      resource: {
        aws_sagemaker_domain: { d: { auth_mode: mode } },
        aws_sagemaker_user_profile: {
          p: { domain_id: '${aws_sagemaker_domain.d.id}', user_profile_name: 'u', ...profile },
        },
      },
    });
    const sso = {
      single_sign_on_user_identifier: 'UserName',
      single_sign_on_user_value: 'u@example.com',
    };
    expect(status(stack('SSO', sso), id, 'aws_sagemaker_user_profile.p')).toBe(COMPLIANT);
    expect(status(stack('SSO', {}), id, 'aws_sagemaker_user_profile.p')).toBe(NON_COMPLIANT);
    expect(
      status(
        stack('SSO', { single_sign_on_user_identifier: 'UserName' }),
        id,
        'aws_sagemaker_user_profile.p',
      ),
    ).toBe(NON_COMPLIANT);
    expect(status(stack('IAM', {}), id, 'aws_sagemaker_user_profile.p')).toBe(COMPLIANT);
    expect(status(stack('IAM', sso), id, 'aws_sagemaker_user_profile.p')).toBe(NON_COMPLIANT);
    expect(status(stack('${var.mode}', sso), id, 'aws_sagemaker_user_profile.p')).toBe(UNKNOWN);
  });

  test('X-10.sagemaker-notebook-subnet', () => {
    const id = 'X-10.sagemaker-notebook-subnet';
    const nb = (attrs: any) => ({
      resource: { aws_sagemaker_notebook_instance: { n: { name: 'n', ...attrs } } },
    });
    expect(
      status(
        nb({ direct_internet_access: 'Disabled', subnet_id: 'subnet-1' }),
        id,
        'aws_sagemaker_notebook_instance.n',
      ),
    ).toBe(COMPLIANT);
    expect(
      status(nb({ direct_internet_access: 'Disabled' }), id, 'aws_sagemaker_notebook_instance.n'),
    ).toBe(NON_COMPLIANT);
    expect(
      status(
        nb({ direct_internet_access: '${var.access}' }),
        id,
        'aws_sagemaker_notebook_instance.n',
      ),
    ).toBe(UNKNOWN);
  });
});

describe('S3', () => {
  test.each([
    [{ bucket: 'data-111111111111-eu-west-1-abc123' }, COMPLIANT],
    [{ bucket: 'Platform_Data' }, NON_COMPLIANT],
    [{ bucket: 'xn--data' }, NON_COMPLIANT],
    [{ bucket: '192.168.1.1' }, NON_COMPLIANT],
    [{ bucket_prefix: 'data-' }, COMPLIANT],
    [{ bucket_prefix: 'a'.repeat(38) }, NON_COMPLIANT],
    [{ bucket: 'data-${data.aws_caller_identity.c.account_id}' }, UNKNOWN],
  ] as Array<[any, ComplianceStatus]>)('X-10.s3-bucket-name %j: %s', (attrs, expected) => {
    expect(
      status(
        { resource: { aws_s3_bucket: { b: attrs } } },
        'X-10.s3-bucket-name',
        'aws_s3_bucket.b',
      ),
    ).toBe(expected);
  });

  test('X-10.s3-object-lock: a bucket created with Object Lock, or versioning first', () => {
    const id = 'X-10.s3-object-lock';
    const stack = (bucket: any, versioning: string | undefined, dependsOn: boolean) => ({
      resource: {
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
      },
    });
    const addr = 'aws_s3_bucket_object_lock_configuration.l';
    expect(status(stack({ object_lock_enabled: true }, undefined, false), id, addr)).toBe(
      COMPLIANT,
    );
    expect(status(stack({}, 'Enabled', true), id, addr)).toBe(COMPLIANT);
    expect(status(stack({}, 'Enabled', false), id, addr)).toBe(NON_COMPLIANT);
    expect(status(stack({}, undefined, false), id, addr)).toBe(NON_COMPLIANT);
    expect(status(stack({ object_lock_enabled: '${var.lock}' }, undefined, false), id, addr)).toBe(
      UNKNOWN,
    );
  });
});

describe('X-10.tags', () => {
  const id = 'X-10.tags';
  test.each([
    ['aws_iam_role', { owner: 'ml-team' }, COMPLIANT],
    ['aws_iam_role', { 'aws:owner': 'x' }, NON_COMPLIANT],
    ['aws_s3_bucket', { ['k'.repeat(129)]: 'x' }, NON_COMPLIANT],
    ['aws_s3_bucket', { k: 'v'.repeat(257) }, NON_COMPLIANT],
    ['aws_iam_role', { team: 'data & ml' }, NON_COMPLIANT],
    ['aws_s3_bucket', { team: 'data & ml' }, COMPLIANT],
    ['aws_sagemaker_domain', { owner: '${var.owner}' }, UNKNOWN],
  ] as Array<[string, any, ComplianceStatus]>)('%s tags %j: %s', (type, tags, expected) => {
    expect(status({ resource: { [type]: { x: { tags } } } }, id, `${type}.x`)).toBe(expected);
  });
  test('more than 50 tags with the provider default tags: non-compliant', () => {
    const many = (n: number, prefix: string) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v']));
    const json = {
      provider: { aws: [{ default_tags: [{ tags: many(30, 'd') }] }] },
      resource: { aws_s3_bucket: { x: { tags: many(21, 'r') } } },
    };
    expect(status(json, id, 'aws_s3_bucket.x')).toBe(NON_COMPLIANT);
    json.resource.aws_s3_bucket.x.tags = many(20, 'r');
    expect(status(json, id, 'aws_s3_bucket.x')).toBe(COMPLIANT);
  });
});
