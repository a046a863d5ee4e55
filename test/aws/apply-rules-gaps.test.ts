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

  test('s3:ListBucket next to s3:GetObject on the objects alone: non-compliant, naming ListBucket', () => {
    const f = finding(
      stack(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::data/*'])),
      id,
      address,
    );
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/s3:ListBucket is never authorized/);
    expect(f?.reason).not.toMatch(/s3:GetObject is never/);
    const both = ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'];
    expect(status(stack(allow(['s3:GetObject', 's3:ListBucket'], both)), id, address)).toBe(
      COMPLIANT,
    );
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

describe('AWS-02.studio-reachability', () => {
  const id = 'AWS-02.studio-reachability';
  const domain = 'aws_sagemaker_domain.d';
  const sg = (n: string) => `\${aws_security_group.${n}.id}`;
  const egress = (extra: any = {}) => ({
    security_group_id: sg('studio'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
    referenced_security_group_id: sg('endpoints'),
    ...extra,
  });
  const ingress = (extra: any = {}) => ({
    security_group_id: sg('endpoints'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
    referenced_security_group_id: sg('studio'),
    ...extra,
  });
  const stack = (
    opts: { egress?: any; ingress?: any; endpoints?: boolean; extra?: any; domain?: any } = {},
  ) => ({
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
      aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24' } },
      aws_security_group: {
        studio: { vpc_id: '${aws_vpc.v.id}' },
        endpoints: { vpc_id: '${aws_vpc.v.id}' },
      },
      ...(opts.egress ? { aws_vpc_security_group_egress_rule: { e: opts.egress } } : {}),
      ...(opts.ingress ? { aws_vpc_security_group_ingress_rule: { i: opts.ingress } } : {}),
      ...(opts.endpoints === false
        ? {}
        : {
            aws_vpc_endpoint: {
              api: {
                vpc_id: '${aws_vpc.v.id}',
                vpc_endpoint_type: 'Interface',
                service_name: 'com.amazonaws.eu-west-1.sagemaker.api',
                subnet_ids: ['${aws_subnet.a.id}'],
                security_group_ids: [sg('endpoints')],
              },
            },
          }),
      aws_sagemaker_domain: {
        d: {
          domain_name: 'd',
          auth_mode: 'SSO',
          app_network_access_type: 'VpcOnly',
          vpc_id: '${aws_vpc.v.id}',
          subnet_ids: ['${aws_subnet.a.id}'],
          default_user_settings: {
            execution_role: 'arn:aws:iam::1:role/r',
            security_groups: [sg('studio')],
          },
          ...opts.domain,
        },
      },
      ...opts.extra,
    },
  });

  test('443 egress to the endpoint group and 443 ingress from the Studio group: compliant', () => {
    expect(status(stack({ egress: egress(), ingress: ingress() }), id, domain)).toBe(COMPLIANT);
  });

  test('CIDR rules covering the subnets, inline and aws_security_group_rule: compliant', () => {
    const j = stack({ endpoints: true });
    j.resource.aws_security_group.studio = {
      vpc_id: '${aws_vpc.v.id}',
      egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }],
    } as any;
    (j.resource as any).aws_security_group_rule = {
      r: {
        type: 'ingress',
        security_group_id: sg('endpoints'),
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_blocks: ['${aws_vpc.v.cidr_block}'],
      },
    };
    expect(status(j, id, domain)).toBe(COMPLIANT);
  });

  test('one group for Studio and the endpoints, with self rules: compliant only with self', () => {
    const shared = (self: boolean) => {
      const j = stack();
      j.resource.aws_vpc_endpoint!.api.security_group_ids = [sg('studio')];
      const rule = (type: string) => ({
        type,
        security_group_id: sg('studio'),
        protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        self,
      });
      (j.resource as any).aws_security_group_rule = { e: rule('egress'), i: rule('ingress') };
      return j;
    };
    expect(status(shared(true), id, domain)).toBe(COMPLIANT);
    expect(status(shared(false), id, domain)).toBe(NON_COMPLIANT);
  });

  test('only NFS egress (issue 10 defect 5, studio-sg): non-compliant', () => {
    const nfs = egress({
      from_port: 2049,
      to_port: 2049,
      referenced_security_group_id: undefined,
      cidr_ipv4: '10.0.0.0/16',
    });
    const f = finding(stack({ egress: nfs, ingress: ingress() }), id, domain);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/no egress on TCP 443/);
  });

  test('no ingress on the endpoint group (issue 10 defect 5, network stack): non-compliant', () => {
    const f = finding(stack({ egress: egress() }), id, domain);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/admit no TCP 443 ingress/);
  });

  test('443 egress only to a CIDR outside the endpoint subnets: non-compliant', () => {
    const other = egress({ referenced_security_group_id: undefined, cidr_ipv4: '10.1.0.0/16' });
    expect(status(stack({ egress: other, ingress: ingress() }), id, domain)).toBe(NON_COMPLIANT);
  });

  test('a user profile with its own groups is judged too', () => {
    const extra = {
      aws_sagemaker_user_profile: {
        p: {
          domain_id: '${aws_sagemaker_domain.d.id}',
          user_profile_name: 'p',
          user_settings: { security_groups: [sg('endpoints')] },
        },
      },
    };
    // the endpoint group itself has no egress: the profile's apps reach nothing
    expect(
      status(
        stack({ egress: egress(), ingress: ingress(), extra }),
        id,
        'aws_sagemaker_user_profile.p',
      ),
    ).toBe(NON_COMPLIANT);
  });

  test('endpoints in another stack: only the 443 egress is judged', () => {
    const remote = egress({
      referenced_security_group_id: '${data.terraform_remote_state.n.outputs.sg}',
    });
    expect(status(stack({ egress: remote, endpoints: false }), id, domain)).toBe(COMPLIANT);
    expect(status(stack({ endpoints: false }), id, domain)).toBe(NON_COMPLIANT);
  });

  test('expressions: unknown', () => {
    expect(
      status(
        stack({
          egress: egress({ to_port: '${var.port}', from_port: '${var.port}' }),
          ingress: ingress(),
        }),
        id,
        domain,
      ),
    ).toBe(UNKNOWN);
    expect(
      status(
        stack({
          egress: egress(),
          ingress: ingress({ referenced_security_group_id: '${var.sg}' }),
        }),
        id,
        domain,
      ),
    ).toBe(UNKNOWN);
    expect(status(stack({ domain: { app_network_access_type: '${var.mode}' } }), id, domain)).toBe(
      UNKNOWN,
    );
  });

  test('PublicInternetOnly: not applicable', () => {
    expect(
      status(stack({ domain: { app_network_access_type: 'PublicInternetOnly' } }), id, domain),
    ).toBeUndefined();
  });
});

describe('AWS-02.s3-gateway-buckets', () => {
  const id = 'AWS-02.s3-gateway-buckets';
  const address = 'aws_vpc_endpoint.s3';
  const ecr = {
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
  };
  const admit = (names: string[], Condition?: any) => ({
    Effect: 'Allow',
    Principal: '*',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: names.flatMap((n) => [n, `${n}/*`]),
    ...(Condition ? { Condition } : {}),
  });
  const stack = (...statements: any[]) => ({
    resource: {
      aws_s3_bucket: { data: { bucket: 'acme-ml-data' } },
      aws_vpc_endpoint: {
        s3: {
          vpc_id: 'vpc-1',
          service_name: 'com.amazonaws.eu-west-1.s3',
          vpc_endpoint_type: 'Gateway',
          policy: policy(...statements),
        },
      },
    },
  });
  const principal = { StringEquals: { 'aws:PrincipalAccount': '111111111111' } };
  const bound = (account: any, key = 'aws:ResourceAccount', operator = 'StringEquals') => ({
    [operator]: { 'aws:PrincipalAccount': '111111111111', [key]: account },
  });

  test('buckets of the stack (reference or literal name) and the ECR layer bucket: compliant', () => {
    expect(status(stack(admit(['${aws_s3_bucket.data.arn}']), ecr), id, address)).toBe(COMPLIANT);
    expect(status(stack(admit(['arn:aws:s3:::acme-ml-data']), ecr), id, address)).toBe(COMPLIANT);
    expect(status(stack(ecr), id, address)).toBe(COMPLIANT);
  });

  test.each([
    ['aws:ResourceAccount, a literal account', bound('111111111111')],
    [
      'aws:ResourceAccount, another account (a shared bucket of that account)',
      bound('222222222222'),
    ],
    [
      'aws:ResourceAccount, the deployer account',
      bound('${data.aws_caller_identity.me.account_id}'),
    ],
    ['aws:ResourceAccount, a list of accounts', bound(['111111111111', '222222222222'])],
    ['s3:ResourceAccount', bound('111111111111', 's3:ResourceAccount')],
    [
      'aws:ResourceAccount after keys named like Object members',
      { StringEquals: { constructor: 'x', toString: 'y', 'aws:ResourceAccount': '111111111111' } },
    ],
    ['aws:ResourceOrgID, an organization id', bound('o-a1b2c3d4e5', 'aws:ResourceOrgID')],
    [
      'aws:ResourceOrgID, the deployer organization',
      bound('${data.aws_organizations_organization.org.id}', 'aws:ResourceOrgID'),
    ],
    [
      'StringEqualsIgnoreCase',
      bound('111111111111', 'aws:resourceaccount', 'StringEqualsIgnoreCase'),
    ],
  ])('a bucket of another stack, bound by %s: compliant', (_, condition) => {
    const named = admit(['arn:aws:s3:::shared-data'], condition);
    expect(status(stack(named, ecr), id, address)).toBe(COMPLIANT);
  });

  test('a bound statement admits a Resource expression too: compliant', () => {
    const expr = admit(['${var.bucket_arn}'], bound('111111111111'));
    expect(status(stack(expr), id, address)).toBe(COMPLIANT);
  });

  test('a placeholder bucket name (issue 10 defect 5, none-admitted): non-compliant', () => {
    const f = finding(stack(admit(['arn:aws:s3:::none-admitted'], principal), ecr), id, address);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/"none-admitted" is neither a bucket of the stack/);
  });

  test('a name carrying the principal account binds nothing: non-compliant', () => {
    // account-regional names can be registered by another account (or again, once deleted)
    const named = admit(['arn:aws:s3:::data-111111111111-eu-west-1-zyzy1y'], principal);
    const f = finding(stack(named, ecr), id, address);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/"data-111111111111-eu-west-1-zyzy1y" is neither/);
  });

  test.each([
    ['no condition', undefined],
    ['StringNotEquals', bound('111111111111', 'aws:ResourceAccount', 'StringNotEquals')],
    ['StringEqualsIfExists', bound('111111111111', 'aws:ResourceAccount', 'StringEqualsIfExists')],
    ['StringLike with a wildcard', bound('*', 'aws:ResourceAccount', 'StringLike')],
    ['a value that is no account id', bound('platform')],
    ['aws:ResourceOrgID with no organization id', bound('111111111111', 'aws:ResourceOrgID')],

    [
      'aws:ResourceOrgPaths, not judged as a binding',
      bound('o-a1b2c3d4e5/*', 'aws:ResourceOrgPaths'),
    ],
  ])('an unbound name (%s): non-compliant', (_, condition) => {
    const named = admit(['arn:aws:s3:::shared-data'], condition);
    expect(status(stack(named, ecr), id, address)).toBe(NON_COMPLIANT);
  });

  test('the binding is per statement: an unbound statement next to a bound one: non-compliant', () => {
    const ok = admit(['arn:aws:s3:::shared-data'], bound('111111111111'));
    const unbound = admit(['arn:aws:s3:::other-data'], principal);
    const f = finding(stack(ok, unbound, ecr), id, address);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/"other-data"/);
    expect(f?.reason).not.toMatch(/"shared-data"/);
  });

  test('a Resource expression in an unbound statement: unknown', () => {
    expect(status(stack(admit(['${var.bucket_arn}'])), id, address)).toBe(UNKNOWN);
  });

  test('aws:ResourceOrgID bound to an expression other than the deployer organization: unknown', () => {
    const named = admit(['arn:aws:s3:::shared-data'], bound('${var.org}', 'aws:ResourceOrgID'));
    const f = finding(stack(named, ecr), id, address);
    expect(f?.status).toBe(UNKNOWN);
    expect(f?.reason).toMatch(/aws:ResourceOrgID is \$\{var\.org\}/);
  });

  test('aws:ResourceAccount bound to an expression other than the deployer account: unknown', () => {
    const named = admit(['arn:aws:s3:::shared-data'], bound('${var.data_account}'));
    const f = finding(stack(named, ecr), id, address);
    expect(f?.status).toBe(UNKNOWN);
    expect(f?.reason).toMatch(/aws:ResourceAccount is \$\{var\.data_account\}/);
  });
});

describe('key policies written as aws_kms_key_policy', () => {
  const logs = {
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
  const admin = {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: 'kms:PutKeyPolicy',
    Resource: '*',
  };
  const stack = (keyPolicy: string, extra: any = {}) => ({
    provider,
    resource: {
      aws_kms_key: { k: { description: 'k' } },
      aws_kms_key_policy: { p: { key_id: '${aws_kms_key.k.id}', policy: keyPolicy } },
      aws_cloudwatch_log_group: { g: { name: 'g', kms_key_id: '${aws_kms_key.k.arn}' } },
      ...extra,
    },
  });

  test('X-10.logs-kms-key-policy reads the aws_kms_key_policy of the key', () => {
    const id = 'X-10.logs-kms-key-policy';
    expect(status(stack(policy(admin, logs)), id, 'aws_cloudwatch_log_group.g')).toBe(COMPLIANT);
    expect(status(stack(policy(admin)), id, 'aws_cloudwatch_log_group.g')).toBe(NON_COMPLIANT);
  });

  test('X-10.cloudtrail-kms-key-policy reads the aws_kms_key_policy of the key', () => {
    const trail = {
      aws_cloudtrail: { t: { name: 't', s3_bucket_name: 'b', kms_key_id: '${aws_kms_key.k.arn}' } },
    };
    expect(
      status(stack(policy(admin), trail), 'X-10.cloudtrail-kms-key-policy', 'aws_cloudtrail.t'),
    ).toBe(NON_COMPLIANT);
  });
});

describe('AWS-23.key-publishers', () => {
  const id = 'AWS-23.key-publishers';
  const topic = 'aws_sns_topic.t';
  const cloudwatch = {
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    Resource: '*',
  };
  const stack = (keyPolicy: any, publishers: any = {}) => ({
    resource: {
      aws_kms_key: { k: keyPolicy === undefined ? {} : { policy: keyPolicy } },
      aws_sns_topic: { t: { name: 't', kms_master_key_id: '${aws_kms_key.k.arn}' } },
      aws_cloudwatch_metric_alarm: {
        a: { alarm_name: 'a', alarm_actions: ['${aws_sns_topic.t.arn}'] },
      },
      ...publishers,
    },
  });
  const rule = {
    aws_cloudwatch_event_target: { e: { rule: 'r', arn: '${aws_sns_topic.t.arn}' } },
  };

  test('the alarms service may use the key: compliant', () => {
    expect(status(stack(policy(cloudwatch)), id, topic)).toBe(COMPLIANT);
  });

  test('an EventBridge target without events.amazonaws.com in the key policy: non-compliant', () => {
    const f = finding(stack(policy(cloudwatch), rule), id, topic);
    expect(f?.status).toBe(NON_COMPLIANT);
    expect(f?.reason).toMatch(/events\.amazonaws\.com: kms:Decrypt, kms:GenerateDataKey/);
  });

  test('the default key policy or a statement without Decrypt: non-compliant', () => {
    expect(status(stack(undefined), id, topic)).toBe(NON_COMPLIANT);
    expect(
      status(stack(policy({ ...cloudwatch, Action: 'kms:GenerateDataKey*' })), id, topic),
    ).toBe(NON_COMPLIANT);
  });

  test('a key policy expression: unknown', () => {
    expect(status(stack('${var.key_policy}'), id, topic)).toBe(UNKNOWN);
  });

  test('no publisher in the stack: not applicable', () => {
    const j = stack(policy());
    delete (j.resource as any).aws_cloudwatch_metric_alarm;
    expect(status(j, id, topic)).toBeUndefined();
  });
});
