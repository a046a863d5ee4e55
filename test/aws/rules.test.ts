import { AwsMlopsChecks } from '../../lib/aws';
import { ComplianceStatus } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { describeRules } from '../rule-harness';
import { fullProps, synthPlatform } from './fixtures';

const pack = new AwsMlopsChecks();

/** Mutators that remove one control from the synthesized platform; the named rule must then fail. */
type Mutator = (json: any) => void;
const first = (json: any, type: string): any => Object.values(json.resource[type])[0];
const each = (json: any, type: string, f: (r: any) => void) =>
  Object.values(json.resource[type] ?? {}).forEach(f);
const policyOf = (json: any, sidName: string): any => {
  for (const type of ['aws_iam_policy', 'aws_iam_role_policy']) {
    for (const p of Object.values<any>(json.resource[type] ?? {})) {
      const doc = JSON.parse(p.policy);
      const s = doc.Statement.find((x: any) => x.Sid === sidName);
      if (s) return { p, doc, s };
    }
  }
  throw new Error(`no ${sidName}`);
};
const editPolicy = (json: any, sidName: string, f: (s: any) => void) => {
  const { p, doc, s } = policyOf(json, sidName);
  f(s);
  p.policy = JSON.stringify(doc);
};

const firstWhere = (json: any, type: string, f: (r: any) => boolean): any =>
  Object.values<any>(json.resource[type] ?? {}).find(f);
const editKeyPolicy = (json: any, f: (st: any[]) => any[]) => {
  const key = first(json, 'aws_kms_key');
  const doc = JSON.parse(key.policy);
  doc.Statement = f(doc.Statement);
  key.policy = JSON.stringify(doc);
};

const cases: Array<[string, Mutator]> = [
  [
    'AWS-01',
    (j) => {
      first(j, 'aws_sagemaker_domain').app_network_access_type = 'PublicInternetOnly';
    },
  ],
  [
    'AWS-01',
    (j) => {
      delete first(j, 'aws_sagemaker_domain').default_user_settings.security_groups;
    },
  ],
  [
    'AWS-02.endpoints',
    (j) => {
      for (const [k, e] of Object.entries<any>(j.resource.aws_vpc_endpoint))
        if (e.service_name.endsWith('.sts')) delete j.resource.aws_vpc_endpoint[k];
    },
  ],
  [
    'AWS-02.private-dns',
    (j) => {
      each(j, 'aws_vpc_endpoint', (e) => {
        if (e.vpc_endpoint_type === 'Interface') e.private_dns_enabled = false;
      });
    },
  ],
  [
    'AWS-02.s3-gateway-policy',
    (j) => {
      each(j, 'aws_vpc_endpoint', (e) => {
        if (e.vpc_endpoint_type === 'Gateway') delete e.policy;
      });
    },
  ],
  [
    'AWS-04',
    (j) => {
      each(j, 'aws_sagemaker_user_profile', (p) => {
        p.user_settings.security_groups = ['sg-shared'];
      });
    },
  ],
  [
    'AWS-05',
    (j) => {
      delete first(j, 'aws_sagemaker_domain').kms_key_id;
    },
  ],
  [
    'AWS-05.key',
    (j) => {
      first(j, 'aws_kms_key').enable_key_rotation = false;
    },
  ],
  [
    'AWS-06',
    (j) => {
      first(j, 'aws_sagemaker_domain').default_user_settings.sharing_settings.s3_kms_key_id =
        '${aws_kms_key.studio_key_1F57BC8C.key_id}';
    },
  ],
  [
    'AWS-07.encryption',
    (j) => {
      each(j, 'aws_s3_bucket_server_side_encryption_configuration', (c) => {
        c.rule[0].bucket_key_enabled = false;
      });
    },
  ],
  [
    'AWS-07.versioning',
    (j) => {
      each(j, 'aws_s3_bucket_versioning', (v) => {
        v.versioning_configuration.status = 'Suspended';
      });
    },
  ],
  [
    'AWS-07.public-access',
    (j) => {
      each(j, 'aws_s3_bucket_public_access_block', (b) => {
        b.restrict_public_buckets = false;
      });
    },
  ],
  [
    'AWS-07.ownership',
    (j) => {
      each(j, 'aws_s3_bucket_ownership_controls', (o) => {
        o.rule.object_ownership = 'ObjectWriter';
      });
    },
  ],
  [
    'AWS-07.tls',
    (j) => {
      each(j, 'aws_s3_bucket_policy', (p) => {
        const d = JSON.parse(p.policy);
        d.Statement = d.Statement.filter((s: any) => s.Sid !== 'DenyInsecureTransport');
        p.policy = JSON.stringify(d);
      });
    },
  ],
  [
    'AWS-07.logging',
    (j) => {
      delete j.resource.aws_s3_bucket_logging;
    },
  ],
  [
    'AWS-07.lifecycle',
    (j) => {
      delete j.resource.aws_s3_bucket_lifecycle_configuration;
    },
  ],
  [
    'AWS-08',
    (j) => {
      first(j, 'aws_sagemaker_domain').auth_mode = 'NONE';
    },
  ],
  [
    'AWS-09',
    (j) => {
      each(j, 'aws_sagemaker_user_profile', (p) => {
        delete p.tags.studiouserid;
      });
    },
  ],
  [
    'AWS-09.source-identity',
    (j) => {
      delete first(j, 'aws_sagemaker_domain').domain_settings.execution_role_identity_config;
    },
  ],
  [
    'AWS-10',
    (j) =>
      editPolicy(j, 'AWS11PresignedUrlFromSourceIp', (s) => {
        delete s.Condition.StringEquals;
      }),
  ],
  [
    'AWS-12',
    (j) =>
      editPolicy(j, 'AWS12LimitInstanceTypes', (s) => {
        s.Condition['ForAnyValue:StringNotLike']['sagemaker:InstanceTypes'] = ['ml.t3.medium'];
      }),
  ],
  [
    'AWS-16',
    (j) => {
      j.resource.aws_sagemaker_endpoint_configuration = {
        ec: { production_variants: [{ variant_name: 'a', model_name: 'm' }] },
      };
    },
  ],
  [
    'AWS-19',
    (j) => {
      first(
        j,
        'aws_sagemaker_app_image_config',
      ).kernel_gateway_image_config.file_system_config.default_uid = 0;
    },
  ],
  [
    'AWS-24',
    (j) => {
      const p = first(j, 'aws_sagemaker_model_package_group_policy');
      const d = JSON.parse(p.resource_policy);
      d.Statement[0].Principal = { AWS: '*' };
      p.resource_policy = JSON.stringify(d);
    },
  ],
  [
    'AWS-24.register-pending',
    (j) => {
      const { p, doc } = policyOf(j, 'AWS24RegisterPendingOnly');
      doc.Statement = doc.Statement.filter((s: any) => s.Sid !== 'AWS24RegisterPendingOnly');
      p.policy = JSON.stringify(doc);
    },
  ],
  [
    'AWS-20',
    (j) => {
      delete first(j, 'aws_sagemaker_domain').default_user_settings.jupyter_lab_app_settings;
    },
  ],
  [
    'AWS-21',
    (j) => {
      each(j, 'aws_cloudwatch_log_group', (g) => {
        delete g.kms_key_id;
      });
    },
  ],
  [
    'AWS-22',
    (j) => {
      first(j, 'aws_cloudtrail').enable_log_file_validation = false;
    },
  ],
  [
    'AWS-23',
    (j) => {
      delete first(j, 'aws_sns_topic').kms_master_key_id;
    },
  ],
  [
    'AWS-26',
    (j) => {
      first(j, 'aws_sagemaker_domain').retention_policy.home_efs_file_system = 'Delete';
    },
  ],
  [
    'AWS-27',
    (j) => {
      delete j.resource.aws_flow_log;
    },
  ],
  [
    'AWS-31',
    (j) => {
      first(j, 'aws_sagemaker_notebook_instance').direct_internet_access = 'Enabled';
    },
  ],
  [
    'X-03',
    (j) =>
      editPolicy(j, 'PassExecutionRoleToSageMaker', (s) => {
        delete s.Condition;
      }),
  ],
  [
    'X-03',
    (j) =>
      editPolicy(j, 'ListStudio', (s) => {
        s.Action = ['sagemaker:*'];
      }),
  ],
  [
    'X-03',
    (j) =>
      editPolicy(j, 'PlatformKeyGrants', (s) => {
        s.Resource = '*';
      }),
  ],
  [
    'X-03',
    (j) => {
      first(j, 'aws_iam_role_policy_attachment').policy_arn =
        'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';
    },
  ],
  [
    'X-10.ec2-sg-description',
    (j) => {
      first(j, 'aws_security_group').description = "Studio user bob: this user's apps only";
    },
  ],
  [
    'X-10.ec2-sg-description',
    (j) => {
      first(j, 'aws_vpc_security_group_ingress_rule').description = 'HTTPS from Studio (é)';
    },
  ],
  [
    'X-10.ec2-subnet-cidr',
    (j) => {
      first(j, 'aws_subnet').cidr_block = '10.99.0.0/22';
    },
  ],
  [
    'X-10.ec2-endpoint-private-dns',
    (j) => {
      delete first(j, 'aws_vpc').enable_dns_hostnames;
    },
  ],
  [
    'X-10.kms-key-policy',
    (j) => editKeyPolicy(j, (st) => st.filter((s) => s.Sid !== 'KeyAdministration')),
  ],
  [
    'X-10.backup-vault-kms-key-policy',
    (j) => editKeyPolicy(j, (st) => st.filter((s) => !String(s.Sid).startsWith('Deployer'))),
  ],
  [
    'AWS-02.studio-reachability',
    (j) => {
      for (const [k, r] of Object.entries<any>(j.resource.aws_vpc_security_group_ingress_rule))
        if (r.from_port === 443) delete j.resource.aws_vpc_security_group_ingress_rule[k];
    },
  ],
  [
    'AWS-02.s3-gateway-buckets',
    (j) => {
      const e = firstWhere(j, 'aws_vpc_endpoint', (x) => x.vpc_endpoint_type === 'Gateway');
      const doc = JSON.parse(e.policy);
      doc.Statement[0].Resource = ['arn:aws:s3:::none-admitted', 'arn:aws:s3:::none-admitted/*'];
      delete doc.Statement[0].Condition.StringEquals['aws:ResourceAccount'];
      e.policy = JSON.stringify(doc);
    },
  ],
  [
    'AWS-23.key-publishers',
    (j) => editKeyPolicy(j, (st) => st.filter((s) => s.Sid !== 'SnsPublishers')),
  ],
  [
    'AWS-05.service-principals',
    // the old policy: CloudTrail's S3 Bucket Key Decrypt for any trail of any account
    (j) =>
      editKeyPolicy(j, (st) =>
        st.map((s) =>
          s.Sid === 'CloudTrailDecryptForBucketKey' ? { ...s, Condition: undefined } : s,
        ),
      ),
  ],
  [
    'X-10.logs-kms-key-policy',
    (j) => editKeyPolicy(j, (st) => st.filter((s) => s.Sid !== 'CloudWatchLogs')),
  ],
  [
    'X-10.logs-metric-filter-order',
    (j) => {
      delete firstWhere(j, 'aws_cloudwatch_log_metric_filter', (f) => f.depends_on).depends_on;
    },
  ],
  [
    'X-10.cloudtrail-bucket-policy',
    (j) => {
      delete first(j, 'aws_cloudtrail').depends_on;
    },
  ],
  [
    'X-10.cloudtrail-kms-key-policy',
    (j) =>
      // the old policy: DescribeKey only under the trail's encryption context
      editKeyPolicy(j, (st) =>
        st.map((s) =>
          s.Sid === 'CloudTrailDescribeKey'
            ? {
                ...s,
                Condition: {
                  StringLike: {
                    'kms:EncryptionContext:aws:cloudtrail:arn':
                      'arn:aws:cloudtrail:*:111111111111:trail/*',
                  },
                },
              }
            : s,
        ),
      ),
  ],
  [
    'X-10.cloudtrail-kms-key-policy',
    (j) => editKeyPolicy(j, (st) => st.filter((s) => s.Sid !== 'CloudTrailDecryptForBucketKey')),
  ],
  [
    'X-10.cloudtrail-cloudwatch-logs',
    (j) => {
      const t = first(j, 'aws_cloudtrail');
      t.cloud_watch_logs_group_arn = t.cloud_watch_logs_group_arn.replace(/:\*$/, '');
    },
  ],
  [
    'X-10.iam-policy-size',
    (j) => {
      const p = first(j, 'aws_iam_policy');
      const doc = JSON.parse(p.policy);
      doc.Statement.push({
        Sid: 'Big',
        Effect: 'Deny',
        Action: 's3:GetObject',
        Resource: Array.from({ length: 200 }, (_, i) => `arn:aws:s3:::bucket-${i}/prefix/*`),
      });
      p.policy = JSON.stringify(doc);
    },
  ],
  [
    'X-10.iam-role-attachments',
    (j) => {
      const [name] = Object.keys(j.resource.aws_iam_role);
      for (let i = 0; i < 11; i++)
        j.resource.aws_iam_role_policy_attachment[`extra_${i}`] = {
          role: `\${aws_iam_role.${name}.name}`,
          policy_arn: `arn:aws:iam::111111111111:policy/extra-${i}`,
        };
    },
  ],
  [
    'X-10.sagemaker-name',
    (j) => {
      first(j, 'aws_sagemaker_user_profile').user_profile_name = 'alice_smith';
    },
  ],
  [
    'X-10.sagemaker-user-profile-sso',
    (j) => {
      first(j, 'aws_sagemaker_user_profile').single_sign_on_user_identifier = 'UserName';
    },
  ],
  [
    'X-10.sagemaker-source-identity',
    (j) => {
      const key = Object.keys(j.resource.aws_iam_role).find((k) => /_roles_pipeline_/.test(k))!;
      const role = j.resource.aws_iam_role[key];
      const trust = JSON.parse(role.assume_role_policy);
      for (const st of trust.Statement)
        if (st.Principal?.Service === 'sagemaker.amazonaws.com') st.Action = 'sts:AssumeRole';
      role.assume_role_policy = JSON.stringify(trust);
    },
  ],
  [
    'X-10.sagemaker-notebook-subnet',
    (j) => {
      delete first(j, 'aws_sagemaker_notebook_instance').subnet_id;
    },
  ],
  [
    'X-10.s3-bucket-name',
    (j) => {
      first(j, 'aws_s3_bucket').bucket = 'Platform_Data';
    },
  ],
  [
    'X-10.s3-object-lock',
    (j) => {
      delete firstWhere(j, 'aws_s3_bucket', (b) => b.object_lock_enabled).object_lock_enabled;
      delete first(j, 'aws_s3_bucket_object_lock_configuration').depends_on;
    },
  ],
  [
    'X-10.tags',
    (j) => {
      first(j, 'aws_iam_role').tags['aws:owner'] = 'me';
    },
  ],
  [
    'X-03.public-principal',
    (j) => {
      first(j, 'aws_iam_role').assume_role_policy = JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      });
    },
  ],
  [
    'X-03.public-acl',
    (j) => {
      first(j, 'aws_s3_bucket').acl = 'public-read';
    },
  ],
  [
    'X-05.sg-ingress',
    (j) => {
      first(j, 'aws_security_group').ingress = [
        { protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
      ];
    },
  ],
  [
    'X-05.sg-egress',
    (j) => {
      first(j, 'aws_security_group').egress = [
        { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] },
      ];
    },
  ],
  [
    'X-06.trail-logging',
    (j) => {
      first(j, 'aws_cloudtrail').enable_logging = false;
    },
  ],
  [
    'X-08.force-destroy',
    (j) => {
      first(j, 'aws_s3_bucket').force_destroy = true;
    },
  ],
  [
    'X-08',
    (j) => {
      delete first(j, 'aws_kms_key').lifecycle;
    },
  ],
  [
    'X-09',
    (j) => {
      delete first(j, 'aws_s3_bucket').tags;
    },
  ],
];

/** The synthesized platform, once for the file; each case mutates a fresh copy. */
let base: string;
beforeAll(() => {
  base = JSON.stringify(synthPlatform(fullProps()).json);
});
const mutated = (mutate: Mutator) => () => {
  const json = JSON.parse(base);
  mutate(json);
  return json;
};

describeRules(
  'AwsMlopsChecks: every rule fails when its control is removed',
  pack,
  cases.map(([rule, mutate]) => ({ rule, json: mutated(mutate), expect: 'NON_COMPLIANT' })),
);

describe('AwsMlopsChecks on the platform and on other stacks', () => {
  test('the unmodified platform is compliant with every rule', () => {
    const report = evaluateStack('ml', JSON.parse(base), [pack]);
    expect(report.findings.filter((f) => f.status !== ComplianceStatus.COMPLIANT)).toEqual([]);
  });

  test('every rule id of the pack is exercised by a failing case', () => {
    // the reference-data rules have their failing cases in test/reference/
    const ids = pack.rules.map((r) => r.id).filter((id) => !id.startsWith('X-15.'));
    expect(ids.filter((id) => !cases.some(([c]) => c === id))).toEqual([]);
  });

  test('rules are not applicable to unrelated resources (usable on any Terraform JSON)', () => {
    const report = evaluateStack(
      'other',
      { resource: { google_storage_bucket: { b: { name: 'x' } } } },
      [pack],
    );
    expect(report.findings).toEqual([]);
  });
});
