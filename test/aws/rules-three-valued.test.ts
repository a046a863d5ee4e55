import { AwsMlopsChecks } from '../../lib/aws';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { casesOf, describeRules, reshapeBlocks, tf } from '../rule-harness';
import { fullProps, synthPlatform } from './fixtures';

// Every AWS rule is three-valued: an attribute that is an unresolved expression (a variable, a
// data source, a `dynamic` block) gives UNKNOWN, never a pass or a failure; and nested blocks
// give the same verdicts whether they synthesize as one object or as a list of objects.

const pack = new AwsMlopsChecks();

const policy = (...statements: any[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const bucket = (companion: string, attrs: any) => ({
  resource: {
    aws_s3_bucket: { b: { bucket: 'b-data' } },
    [companion]: { c: { bucket: '${aws_s3_bucket.b.id}', ...attrs } },
  },
});
const domain = (attrs: any) => ({
  resource: {
    aws_sagemaker_domain: {
      d: {
        auth_mode: 'IAM',
        app_network_access_type: 'VpcOnly',
        subnet_ids: ['subnet-a', 'subnet-b'],
        kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/k',
        domain_settings: {
          security_group_ids: ['sg-1'],
          execution_role_identity_config: 'USER_PROFILE_NAME',
        },
        default_user_settings: {
          execution_role: 'arn:aws:iam::111111111111:role/r',
          security_groups: ['sg-1'],
          sharing_settings: {
            notebook_output_option: 'Allowed',
            s3_output_path: 's3://b/sharing/',
            s3_kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/k',
          },
          jupyter_lab_app_settings: {
            app_lifecycle_management: {
              idle_settings: { lifecycle_management: 'ENABLED', idle_timeout_in_minutes: 60 },
            },
          },
        },
        retention_policy: { home_efs_file_system: 'Retain' },
        ...attrs,
      },
    },
  },
});

/** [rule id, Terraform JSON with one expression-valued attribute, address of the resource]. */
const expressionCases: Array<[string, any, string]> = [
  ['AWS-01', domain({ app_network_access_type: '${var.access}' }), 'aws_sagemaker_domain.d'],
  [
    'AWS-01',
    domain({ default_user_settings: '${dynamic.default_user_settings}' }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-02.endpoints',
    {
      resource: {
        ...domain({}).resource,
        aws_vpc_endpoint: { e: { vpc_endpoint_type: 'Interface', service_name: '${var.service}' } },
      },
    },
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-02.private-dns',
    {
      resource: {
        aws_vpc_endpoint: {
          e: { vpc_endpoint_type: 'Interface', private_dns_enabled: '${var.dns}' },
        },
      },
    },
    'aws_vpc_endpoint.e',
  ],
  [
    'AWS-02.studio-reachability',
    domain({
      app_network_access_type: 'VpcOnly',
      default_user_settings: { security_groups: '${var.sgs}' },
    }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-02.s3-gateway-buckets',
    {
      resource: {
        aws_vpc_endpoint: {
          e: {
            vpc_endpoint_type: 'Gateway',
            service_name: 'com.amazonaws.eu-west-1.s3',
            policy: JSON.stringify({
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 's3:GetObject',
                  Resource: '${var.bucket}/*',
                },
              ],
            }),
          },
        },
      },
    },
    'aws_vpc_endpoint.e',
  ],
  [
    'AWS-05.service-principals',
    { resource: { aws_kms_key: { k: { policy: '${var.key_policy}' } } } },
    'aws_kms_key.k',
  ],
  [
    'AWS-23.key-publishers',
    {
      resource: {
        aws_kms_key: { k: { policy: '${var.key_policy}' } },
        aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.k.arn}' } },
        aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } },
      },
    },
    'aws_sns_topic.t',
  ],
  [
    'AWS-02.s3-gateway-policy',
    {
      resource: {
        aws_vpc_endpoint: {
          e: {
            vpc_endpoint_type: 'Gateway',
            service_name: 'com.amazonaws.eu-west-1.s3',
            policy: '${data.aws_iam_policy_document.e.json}',
          },
        },
      },
    },
    'aws_vpc_endpoint.e',
  ],
  [
    'AWS-04',
    {
      resource: {
        aws_sagemaker_user_profile: { p: { user_settings: { security_groups: '${var.sgs}' } } },
      },
    },
    'aws_sagemaker_user_profile.p',
  ],
  ['AWS-05', domain({ kms_key_id: '${var.key}' }), 'aws_sagemaker_domain.d'],
  [
    'AWS-05.key',
    { resource: { aws_kms_key: { k: { enable_key_rotation: '${var.rotate}' } } } },
    'aws_kms_key.k',
  ],
  [
    'AWS-06',
    domain({
      default_user_settings: {
        execution_role: 'r',
        security_groups: ['sg-1'],
        sharing_settings: {
          notebook_output_option: 'Allowed',
          s3_output_path: 's3://b/s/',
          s3_kms_key_id: '${var.key}',
        },
      },
    }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-07.encryption',
    bucket('aws_s3_bucket_server_side_encryption_configuration', {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: '${var.algorithm}' } }],
    }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.versioning',
    bucket('aws_s3_bucket_versioning', { versioning_configuration: { status: '${var.status}' } }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.public-access',
    bucket('aws_s3_bucket_public_access_block', {
      block_public_acls: '${var.block}',
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.ownership',
    bucket('aws_s3_bucket_ownership_controls', { rule: { object_ownership: '${var.ownership}' } }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.tls',
    bucket('aws_s3_bucket_policy', { policy: '${data.aws_iam_policy_document.b.json}' }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.logging',
    bucket('aws_s3_bucket_logging', { target_bucket: '${var.log_bucket}' }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.lifecycle',
    bucket('aws_s3_bucket_lifecycle_configuration', {
      rule: [{ id: 'r', status: '${var.status}' }],
    }),
    'aws_s3_bucket.b',
  ],
  [
    'AWS-07.lifecycle',
    bucket('aws_s3_bucket_lifecycle_configuration', { rule: '${dynamic.rule}' }),
    'aws_s3_bucket.b',
  ],
  ['AWS-08', domain({ auth_mode: '${var.auth_mode}' }), 'aws_sagemaker_domain.d'],
  [
    'AWS-09',
    { resource: { aws_sagemaker_user_profile: { p: { tags: { studiouserid: '${var.user}' } } } } },
    'aws_sagemaker_user_profile.p',
  ],
  [
    'AWS-09.source-identity',
    domain({
      domain_settings: {
        security_group_ids: ['sg-1'],
        execution_role_identity_config: '${var.identity}',
      },
    }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-10',
    {
      resource: {
        aws_iam_policy: {
          p: {
            policy: policy({
              Effect: 'Allow',
              Action: 'sagemaker:CreatePresignedDomainUrl',
              Resource: '*',
              Condition: { StringEquals: { 'sagemaker:ResourceTag/studiouserid': '${var.user}' } },
            }),
          },
        },
      },
    },
    'aws_iam_policy.p',
  ],
  [
    'AWS-12',
    {
      resource: {
        aws_iam_policy: {
          p: {
            policy: policy({
              Effect: 'Deny',
              Action: 'sagemaker:CreateApp',
              Resource: '*',
              Condition: {
                'ForAnyValue:StringNotLike': { 'sagemaker:InstanceTypes': ['${var.types}'] },
              },
            }),
          },
        },
      },
    },
    'aws_iam_policy.p',
  ],
  [
    'AWS-16',
    { resource: { aws_sagemaker_endpoint_configuration: { c: { kms_key_arn: '${var.key}' } } } },
    'aws_sagemaker_endpoint_configuration.c',
  ],
  [
    'AWS-19',
    {
      resource: {
        aws_sagemaker_app_image_config: {
          c: {
            jupyter_lab_image_config: {
              file_system_config: { default_uid: '${var.uid}', default_gid: 100 },
            },
          },
        },
      },
    },
    'aws_sagemaker_app_image_config.c',
  ],
  [
    'AWS-20',
    domain({
      default_user_settings: {
        jupyter_lab_app_settings: {
          app_lifecycle_management: { idle_settings: { lifecycle_management: '${var.lm}' } },
        },
      },
    }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-21',
    {
      resource: {
        aws_cloudwatch_log_group: { g: { kms_key_id: '${var.key}', retention_in_days: 30 } },
      },
    },
    'aws_cloudwatch_log_group.g',
  ],
  [
    'AWS-22',
    {
      resource: {
        aws_cloudtrail: {
          t: {
            kms_key_id: 'k',
            enable_log_file_validation: '${var.v}',
            is_multi_region_trail: true,
          },
        },
      },
    },
    'aws_cloudtrail.t',
  ],
  [
    'AWS-23',
    { resource: { aws_sns_topic: { t: { kms_master_key_id: '${var.key}' } } } },
    'aws_sns_topic.t',
  ],
  [
    'AWS-24',
    {
      resource: {
        aws_sagemaker_model_package_group_policy: {
          p: { resource_policy: '${data.aws_iam_policy_document.p.json}' },
        },
      },
    },
    'aws_sagemaker_model_package_group_policy.p',
  ],
  [
    'AWS-24.register-pending',
    { resource: { aws_iam_role_policy: { p: { role: 'r', policy: '${var.policy}' } } } },
    'aws_iam_role_policy.p',
  ],
  [
    'AWS-26',
    domain({ retention_policy: { home_efs_file_system: '${var.retention}' } }),
    'aws_sagemaker_domain.d',
  ],
  [
    'AWS-27',
    {
      resource: {
        aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
        aws_flow_log: { f: { vpc_id: '${var.vpc_id}' } },
      },
    },
    'aws_vpc.v',
  ],
  [
    'AWS-31',
    {
      resource: {
        aws_sagemaker_notebook_instance: {
          n: {
            direct_internet_access: '${var.access}',
            root_access: 'Disabled',
            subnet_id: 's',
            kms_key_id: 'k',
          },
        },
      },
    },
    'aws_sagemaker_notebook_instance.n',
  ],
  [
    'X-03',
    {
      resource: {
        aws_iam_role_policy_attachment: { a: { role: 'r', policy_arn: '${var.policy_arn}' } },
      },
    },
    'aws_iam_role_policy_attachment.a',
  ],
  [
    'X-03',
    { resource: { aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.p.json}' } } } },
    'aws_iam_policy.p',
  ],
];

describeRules(
  'AWS rules are three-valued: an expression gives UNKNOWN',
  pack,
  expressionCases.map(([rule, json, at]) => ({ rule, json, at, expect: 'UNKNOWN' })),
);

test('every AWS control rule (AWS-*, X-03) of the pack has an expression case', () => {
  const ids = pack.rules.map((r) => r.id).filter((id) => id.startsWith('AWS-') || id === 'X-03');
  expect(ids.filter((id) => !expressionCases.some(([c]) => c === id))).toEqual([]);
});

/** Terraform JSON block attributes the AWS constructs synthesize (not maps such as tags). */
const BLOCKS = new Set([
  'domain_settings',
  'default_user_settings',
  'default_space_settings',
  'sharing_settings',
  'jupyter_lab_app_settings',
  'code_editor_app_settings',
  'app_lifecycle_management',
  'idle_settings',
  'retention_policy',
  'user_settings',
  'rule',
  'apply_server_side_encryption_by_default',
  'versioning_configuration',
  'filter',
  'noncurrent_version_expiration',
  'abort_incomplete_multipart_upload',
  'expiration',
  'default_retention',
  'kernel_gateway_image_config',
  'jupyter_lab_image_config',
  'code_editor_app_image_config',
  'file_system_config',
  'kernel_spec',
  'ownership_settings',
  'space_sharing_settings',
  'space_settings',
  'instance_metadata_service_configuration',
  'event_selector',
  'data_resource',
  'metric_transformation',
  'sagemaker_pipeline_target',
  'database',
  'ingress',
  'egress',
]);

/** Rewrites every block: `wrap` turns objects into one-element lists, else lists into objects. */
const reshape = (value: any, wrap: boolean) => reshapeBlocks(value, wrap, (k) => BLOCKS.has(k));

describe('nested blocks: object form and array form give the same verdicts', () => {
  let json: any;
  beforeAll(() => {
    json = synthPlatform(fullProps()).json;
  });

  const verdicts = (j: any) =>
    evaluateStack('t', j, [pack], { includeCompliant: true })
      .findings.map((f) => `${f.ruleId} ${f.address} ${f.status}`)
      .sort();

  test('every block as a list equals every block as an object, and the synthesized form', () => {
    const resource = json.resource;
    const asArrays = { ...json, resource: reshape(resource, true) };
    const asObjects = { ...json, resource: reshape(resource, false) };
    // the rewrite changed something in both directions
    expect(JSON.stringify(asArrays.resource)).not.toBe(JSON.stringify(resource));
    expect(JSON.stringify(asObjects.resource)).not.toBe(JSON.stringify(resource));
    const base = verdicts(json);
    expect(verdicts(asArrays)).toEqual(base);
    expect(verdicts(asObjects)).toEqual(base);
    expect(base.filter((v) => !v.endsWith(' COMPLIANT'))).toEqual([]);
  });

  test('a failing block fails in both forms', () => {
    const bad = JSON.parse(JSON.stringify(json));
    for (const c of Object.values<any>(bad.resource.aws_s3_bucket_versioning))
      c.versioning_configuration.status = 'Suspended';
    const a = verdicts({ ...bad, resource: reshape(bad.resource, true) });
    const o = verdicts({ ...bad, resource: reshape(bad.resource, false) });
    expect(a).toEqual(o);
    expect(
      a.filter((v) => v.startsWith('AWS-07.versioning') && v.endsWith('NON_COMPLIANT')),
    ).toHaveLength(3);
  });
});

const fromDataSource = (actions: string[]) =>
  tf(
    { aws_iam_policy: { p: { policy: '${data.aws_iam_policy_document.d.json}' } } },
    {
      data: {
        aws_iam_policy_document: {
          d: { statement: [{ effect: 'Allow', actions, resources: ['arn:aws:s3:::b/*'] }] },
        },
      },
    },
  );
describeRules(
  'policies from an aws_iam_policy_document data source of the stack are read: X-03 judges the rendered document instead of leaving it UNKNOWN',
  pack,
  casesOf('X-03', [
    ['s3:GetObject', fromDataSource(['s3:GetObject']), 'aws_iam_policy.p', 'COMPLIANT'],
    ['s3:*', fromDataSource(['s3:*']), 'aws_iam_policy.p', 'NON_COMPLIANT'],
  ]),
);
