import { AwsMlopsChecks, SageMakerStudioDomain } from '../../lib/aws';
import { Compliance, ComplianceStatus, Persona } from '../../lib/core';
import { awsReference } from '../../lib/aws/reference';
import { ACCOUNT, all, at, fullProps, one, sid, stmts, synthPlatform } from './fixtures';

describe('SageMakerStudioDomain controls (full platform, IAM auth, every option on)', () => {
  let json: any;
  let platform: SageMakerStudioDomain;
  let policies: string[];
  let domain: any;
  const rolePolicy = (slug: string) =>
    at(json, 'aws_iam_role_policy', `roles/${slug}-`).map((p: any) => p.policy);

  beforeAll(() => {
    const out = synthPlatform(fullProps());
    json = out.json;
    platform = out.platform;
    domain = one(json, 'aws_sagemaker_domain');
    policies = [...all(json, 'aws_iam_policy'), ...all(json, 'aws_iam_role_policy')].map(
      (p: any) => p.policy,
    );
  });

  test('AWS-01 domain is VpcOnly in private subnets of >= 2 AZs with security groups in domain, user and space settings', () => {
    expect(domain.app_network_access_type).toBe('VpcOnly');
    expect(domain.subnet_ids).toHaveLength(3);
    const sg = '${aws_security_group.studio_studio-sg_59488E38.id}';
    expect(domain.domain_settings.security_group_ids).toEqual([sg]);
    expect(domain.default_user_settings.security_groups).toEqual([sg]);
    expect(domain.default_space_settings.security_groups).toEqual([sg]);
    for (const s of all(json, 'aws_subnet')) expect(s.map_public_ip_on_launch).toBe(false);
    expect(all(json, 'aws_internet_gateway')).toHaveLength(0);
    expect(all(json, 'aws_nat_gateway')).toHaveLength(0);
  });

  test('AWS-02 interface endpoints with private DNS for every required service, S3 gateway limited to platform buckets, 443 only from Studio SGs', () => {
    const endpoints = all(json, 'aws_vpc_endpoint');
    const names = endpoints.map((e: any) => e.service_name);
    for (const s of [
      'sagemaker.api',
      'sagemaker.runtime',
      'sts',
      'logs',
      'kms',
      'ecr.api',
      'ecr.dkr',
      'elasticfilesystem',
    ]) {
      expect(names).toContain(`com.amazonaws.eu-west-1.${s}`);
    }
    expect(names).toContain('aws.sagemaker.eu-west-1.studio');
    for (const e of endpoints.filter((x: any) => x.vpc_endpoint_type === 'Interface'))
      expect(e.private_dns_enabled).toBe(true);
    const s3 = endpoints.find((e: any) => e.service_name === 'com.amazonaws.eu-west-1.s3');
    expect(s3.vpc_endpoint_type).toBe('Gateway');
    const resources = stmts(s3.policy).flatMap((x: any) => x.Resource);
    expect(resources).toContain('${aws_s3_bucket.studio_data_bucket_69EDAA45.arn}');
    expect(resources).not.toContain('*');
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule').filter((r: any) =>
      String(r.security_group_id).includes('endpoint-sg'),
    );
    expect(ingress.length).toBeGreaterThanOrEqual(2);
    for (const r of ingress) {
      expect(r.from_port).toBe(443);
      expect(r.to_port).toBe(443);
      expect(r.referenced_security_group_id).toMatch(/studio-sg|jobs-sg/);
      expect(r.cidr_ipv4).toBeUndefined();
    }
  });

  test('AWS-03 subnets are sized by the capacity planner (/22 for 100 users)', () => {
    expect(platform.network.capacity.recommendedPrefixLength).toBe(22);
    expect(all(json, 'aws_subnet').map((s: any) => s.cidr_block)).toEqual([
      '10.20.0.0/22',
      '10.20.4.0/22',
      '10.20.8.0/22',
    ]);
  });

  test('AWS-04 every user profile has its own security group', () => {
    const profiles = all(json, 'aws_sagemaker_user_profile');
    const own = profiles.map((p: any) => p.user_settings.security_groups[1]);
    expect(new Set(own).size).toBe(profiles.length);
    for (const p of profiles) expect(p.user_settings.security_groups[0]).toContain('studio-sg');
  });

  test('AWS-05 platform CMK: rotation 90 days, 30-day window, scoped key policy, encrypts the domain EFS/EBS', () => {
    const key = one(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.rotation_period_in_days).toBe(90);
    expect(key.deletion_window_in_days).toBe(30);
    expect(domain.kms_key_id).toBe('${aws_kms_key.studio_key_1F57BC8C.arn}');
    const st = stmts(key.policy);
    expect(st.flatMap((s: any) => s.Action)).not.toContain('kms:*');
    const use = st.filter((s: any) => String(s.Sid).startsWith('UseViaServices'));
    expect(use.length).toBeGreaterThan(0);
    for (const s of use)
      expect(s.Condition.StringEquals['kms:ViaService'].length).toBeGreaterThan(0);
    expect(use.flatMap((s: any) => s.Condition.StringEquals['kms:ViaService'])).toEqual(
      expect.arrayContaining(['s3.eu-west-1.amazonaws.com', 'backup.eu-west-1.amazonaws.com']),
    );
    expect(
      st.find((s: any) => s.Sid === 'PerUserExecutionRoles').Condition.ArnLike['aws:PrincipalArn'],
    ).toMatch(/^arn:aws:iam::111111111111:role\/secure-mlops\/[a-z0-9]+\/\*$/);
  });

  test('AWS-06 notebook sharing goes to the platform bucket with the key ARN', () => {
    expect(domain.default_user_settings.sharing_settings).toEqual({
      notebook_output_option: 'Allowed',
      s3_output_path: 's3://${aws_s3_bucket.studio_data_bucket_69EDAA45.bucket}/sharing/',
      s3_kms_key_id: '${aws_kms_key.studio_key_1F57BC8C.arn}',
    });
  });

  test('AWS-07 every bucket: SSE-KMS + bucket key, versioning, public access blocks, BucketOwnerEnforced, TLS-only, access logs, lifecycle', () => {
    const buckets = all(json, 'aws_s3_bucket');
    expect(buckets).toHaveLength(3);
    const sse = all(json, 'aws_s3_bucket_server_side_encryption_configuration');
    const kms = sse.filter(
      (c: any) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm === 'aws:kms',
    );
    expect(kms).toHaveLength(2);
    for (const c of kms) expect(c.rule[0].bucket_key_enabled).toBe(true);
    for (const v of all(json, 'aws_s3_bucket_versioning'))
      expect(v.versioning_configuration.status).toBe('Enabled');
    for (const p of all(json, 'aws_s3_bucket_public_access_block')) {
      expect([
        p.block_public_acls,
        p.block_public_policy,
        p.ignore_public_acls,
        p.restrict_public_buckets,
      ]).toEqual([true, true, true, true]);
    }
    for (const o of all(json, 'aws_s3_bucket_ownership_controls'))
      expect(o.rule.object_ownership).toBe('BucketOwnerEnforced');
    for (const p of all(json, 'aws_s3_bucket_policy')) {
      const deny = stmts(p.policy).find((s: any) => s.Sid === 'DenyInsecureTransport');
      expect(deny.Condition.Bool['aws:SecureTransport']).toBe('false');
    }
    expect(all(json, 'aws_s3_bucket_logging')).toHaveLength(2);
    expect(all(json, 'aws_s3_bucket_lifecycle_configuration')).toHaveLength(3);
    for (const b of buckets) expect(b.force_destroy).toBe(false);
  });

  test('AWS-07 the data bucket refuses writes that name another encryption: SSE-S3, another key, or aws:kms without a key id (the AWS managed key)', () => {
    const data = all(json, 'aws_s3_bucket_policy').find((p: any) =>
      String(p.bucket).includes('data_bucket'),
    );
    const st = stmts(data.policy);
    const byId = (id: string) => st.find((s: any) => s.Sid === id);
    for (const id of [
      'DenyOtherEncryption',
      'DenyAwsManagedKey',
      'DenyCustomerKeys',
      'DenyOtherKmsKey',
    ]) {
      expect(byId(id)).toEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Resource: expect.stringMatching(
            /^\$\{aws_s3_bucket\.studio_data_bucket_[0-9A-F]+\.arn\}\/\*$/,
          ),
        }),
      );
    }
    expect(byId('DenyOtherEncryption').Condition).toEqual({
      StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] },
    });
    expect(byId('DenyCustomerKeys').Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
    });
    expect(byId('DenyAwsManagedKey').Condition).toEqual({
      Null: {
        's3:x-amz-server-side-encryption': 'false',
        's3:x-amz-server-side-encryption-aws-kms-key-id': 'true',
      },
    });
    expect(
      byId('DenyOtherKmsKey').Condition.StringNotEqualsIfExists[
        's3:x-amz-server-side-encryption-aws-kms-key-id'
      ],
    ).toEqual([
      expect.stringMatching(/^\$\{aws_kms_key\.studio_key_[0-9A-F]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_kms_key\.studio_key_[0-9A-F]+\.key_id\}$/),
    ]);
    // the log buckets take S3 server access logs and CloudTrail (with its own headers): no such denies
    for (const p of all(json, 'aws_s3_bucket_policy').filter((x: any) => x !== data))
      expect(stmts(p.policy).some((s: any) => s.Sid === 'DenyOtherKmsKey')).toBe(false);
  });

  test('AWS-18 the DEPLOYMENT role puts model monitors in place for the endpoints it deploys, passing only the MONITORING role (which only SageMaker assumes)', () => {
    const monitors = sid(rolePolicy('deployment'), 'ManageModelMonitors');
    expect(monitors.Action).toEqual(
      expect.arrayContaining([
        'sagemaker:CreateMonitoringSchedule',
        'sagemaker:CreateDataQualityJobDefinition',
        'sagemaker:CreateModelQualityJobDefinition',
        'sagemaker:CreateModelBiasJobDefinition',
        'sagemaker:CreateModelExplainabilityJobDefinition',
      ]),
    );
    const pass = sid(rolePolicy('deployment'), 'PassMonitoringRole');
    expect(pass.Resource).toEqual([
      expect.stringMatching(/aws_iam_role\.studio_roles_monitoring_/),
    ]);
    expect(pass.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    });
  });

  test('AWS-16/AWS-17 the SageMaker SDK configuration output carries what the guardrails require, at the paths of the SDK schema', () => {
    const out = Object.entries(json.output).find(([k]) => k.includes('sagemaker-sdk-config'))!;
    const cfg = (out[1] as any).value;
    const nameOf = (type: string, fragment = ''): string =>
      `${type}.${Object.keys(json.resource[type]).find((k) => k.includes(fragment))}`;
    const sm = cfg.SageMaker;
    const key = `\${${nameOf('aws_kms_key')}.arn}`;
    const subnets = sid(policies, 'AWS17JobsPlatformSubnets').Condition[
      'ForAnyValue:StringNotEquals'
    ]['sagemaker:VpcSubnets'];
    const groups = sid(policies, 'AWS17JobsPlatformSecurityGroups').Condition[
      'ForAnyValue:StringNotEquals'
    ]['sagemaker:VpcSecurityGroupIds'];
    const vpc = { SecurityGroupIds: groups, Subnets: subnets };
    expect(cfg.SchemaVersion).toBe('1.0');
    expect(sm.PythonSDK.Modules.Session).toEqual({
      DefaultS3Bucket: `\${${nameOf('aws_s3_bucket', 'data')}.bucket}`,
      DefaultS3ObjectKeyPrefix: 'jobs',
    });
    // every option is on in this platform: network isolation is required
    const network = {
      EnableInterContainerTrafficEncryption: true,
      EnableNetworkIsolation: true,
      VpcConfig: vpc,
    };
    expect(sm.TrainingJob).toEqual({ ...network, OutputDataConfig: { KmsKeyId: key } });
    expect(sm.PythonSDK.Modules.RemoteFunction).toEqual({
      EnableInterContainerTrafficEncryption: true,
      S3KmsKeyId: key,
      VpcConfig: vpc,
    });
    expect(sm.ProcessingJob).toEqual({
      NetworkConfig: network,
      ProcessingOutputConfig: { KmsKeyId: key },
    });
    expect(sm.EndpointConfig.KmsKeyId).toBe(key);
    expect(
      sm.MonitoringSchedule.MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources,
    ).toEqual({ ClusterConfig: { VolumeKmsKeyId: key } });
    // no volume key where instance types with local storage reject it
    expect(JSON.stringify([sm.TrainingJob, sm.ProcessingJob, sm.TransformJob])).not.toContain(
      'VolumeKmsKeyId',
    );
  });

  test('AWS-08 auth mode is the explicit prop', () => {
    expect(domain.auth_mode).toBe('IAM');
  });

  test('AWS-09 profiles tagged studiouserid, own or team execution role, sourceIdentity = USER_PROFILE_NAME', () => {
    expect(domain.domain_settings.execution_role_identity_config).toBe('USER_PROFILE_NAME');
    const profiles = all(json, 'aws_sagemaker_user_profile');
    for (const p of profiles) expect(p.tags.studiouserid).toBe(p.user_profile_name);
    const bob = profiles.find((p: any) => p.user_profile_name === 'bob');
    const alice = profiles.find((p: any) => p.user_profile_name === 'alice');
    expect(bob.user_settings.execution_role).toContain('user-bob_execution-role');
    expect(alice.user_settings.execution_role).toContain('studio-roles_data-scientist_role');
    const trust = stmts(at(json, 'aws_iam_role', 'roles/execution')[0].assume_role_policy)[0];
    expect(trust.Action).toContain('sts:SetSourceIdentity');
    // every role SageMaker assumes for the user (training, pipeline, deployment, monitoring)
    // accepts the source identity the domain passes on, or the create call fails
    for (const slug of ['execution', 'pipeline', 'deployment', 'monitoring']) {
      const roles = at(json, 'aws_iam_role', `roles/${slug}`);
      expect(roles.length).toBeGreaterThan(0);
      for (const r of roles) {
        const service = stmts(r.assume_role_policy).find((t: any) => t.Sid === 'TrustService');
        expect(service.Principal).toEqual({ Service: 'sagemaker.amazonaws.com' });
        expect(service.Action).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity']);
      }
    }
  });

  test("X-02 ML engineers can re-run Pipeline.upsert: it lists a pipeline's tags and adds them back", () => {
    const s = sid(rolePolicy('ml-engineer'), 'ManagePipelines');
    expect(s.Action).toEqual(expect.arrayContaining(['sagemaker:ListTags', 'sagemaker:AddTags']));
    expect(s.Resource).toMatch(/:pipeline\/\*$/);
  });

  test('AWS-10 presigned URLs only for the profile whose studiouserid tag matches the principal tag', () => {
    const s = sid(rolePolicy('data-scientist'), 'AWS11PresignedUrlFromSourceIp');
    expect(s.Condition.StringEquals['sagemaker:ResourceTag/studiouserid']).toBe(
      '$${aws:PrincipalTag/studiouserid}',
    );
    expect(s.Resource).toMatch(/user-profile\/\$\{aws_sagemaker_domain\..*\.id\}\/\*$/);
  });

  test('AWS-11 presigned URLs limited by aws:SourceIp and aws:sourceVpce', () => {
    expect(
      sid(rolePolicy('data-scientist'), 'AWS11PresignedUrlFromSourceIp').Condition.IpAddress[
        'aws:SourceIp'
      ],
    ).toEqual(['192.0.2.0/24']);
    expect(
      sid(rolePolicy('data-scientist'), 'AWS11PresignedUrlFromVpce').Condition.StringEquals[
        'aws:sourceVpce'
      ],
    ).toEqual(['vpce-0123456789abcdef0']);
  });

  test('AWS-12 CreateApp denied outside the allowed instance types, system included', () => {
    const s = sid(policies, 'AWS12LimitInstanceTypes');
    expect(s.Effect).toBe('Deny');
    // a space's settings name its apps' default instance type and images
    expect(s.Action).toEqual([
      'sagemaker:CreateApp',
      'sagemaker:CreateSpace',
      'sagemaker:UpdateSpace',
    ]);
    expect(sid(policies, 'AWS13ApprovedImagesOnly').Action).toEqual(s.Action);
    expect(s.Condition['ForAnyValue:StringNotLike']['sagemaker:InstanceTypes']).toEqual([
      'ml.t3.medium',
      'ml.m5.large',
      'system',
    ]);
  });

  test('AWS-13 CreateApp denied for unapproved images', () => {
    const s = sid(policies, 'AWS13ApprovedImagesOnly');
    expect(s.Condition['ForAnyValue:StringNotLike']['sagemaker:ImageArns']).toHaveLength(2);
  });

  test('AWS-14 CreateDomain denied unless VpcOnly with subnets and security groups, as identity policy and SCP output', () => {
    for (const id of ['AWS14DomainVpcOnly', 'AWS14DomainSubnets', 'AWS14DomainSecurityGroups'])
      expect(sid(policies, id).Effect).toBe('Deny');
    const scp = Object.values(json.output).find((o: any) =>
      String(o.description).startsWith('Service control policy'),
    ) as any;
    expect(stmts(scp.value).map((s: any) => s.Sid)).toEqual(
      expect.arrayContaining([
        'AWS14DomainVpcOnly',
        'AWS14DomainSubnets',
        'AWS14DomainSecurityGroups',
      ]),
    );
  });

  test('AWS-15 tags required on CreateUserProfile and on training, processing and tuning jobs', () => {
    expect(
      sid(policies, 'AWS15UserProfileTagged').Condition.Null['aws:RequestTag/studiouserid'],
    ).toBe('true');
    // a tuning job's training jobs carry the tuning job's tags, so an untagged tuning job
    // would start untagged training jobs
    expect(sid(policies, 'AWS15JobsTagged0').Action).toEqual([
      'sagemaker:CreateTrainingJob',
      'sagemaker:CreateProcessingJob',
      'sagemaker:CreateHyperParameterTuningJob',
    ]);
  });

  test('AWS-16 encryption required on endpoint configs, monitoring schedules and domains, with the ...Arn condition keys (the others are deprecated)', () => {
    expect(
      sid(policies, 'AWS16EndpointConfigKms').Condition.Null['sagemaker:VolumeKmsKeyArn'],
    ).toBe('true');
    // the platform key itself in the identity policy (the job fails at create, not when its
    // artifacts reach the data bucket), any key in the SCP that several platforms share
    const platformKey = sid(policies, 'AWS16TrainingPlatformKey');
    expect(platformKey.Condition).toEqual({
      ArnNotEquals: {
        'sagemaker:OutputKmsKeyArn': expect.stringMatching(
          /^\$\{aws_kms_key\.studio_key_[0-9A-F]+\.arn\}$/,
        ),
      },
    });
    expect(platform.guardrails.scpDocument).not.toContain('AWS16TrainingPlatformKey');
    // training output goes to S3 under the output key, else under the AWS managed aws/s3 key
    expect(sid(policies, 'AWS16TrainingOutputKms')).toEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'],
        Condition: { Null: { 'sagemaker:OutputKmsKeyArn': 'true' } },
      }),
    );
    // the keys are required where a monitoring job is defined: in a job definition, or inline
    // in a schedule (which then carries its cluster's instance types); a schedule that names a
    // job definition (the SDK monitors, aws_sagemaker_monitoring_schedule) carries neither
    const monitoringJobs = [
      'sagemaker:CreateMonitoringSchedule',
      'sagemaker:UpdateMonitoringSchedule',
      'sagemaker:CreateDataQualityJobDefinition',
      'sagemaker:CreateModelQualityJobDefinition',
      'sagemaker:CreateModelBiasJobDefinition',
      'sagemaker:CreateModelExplainabilityJobDefinition',
    ];
    for (const [id, key] of [
      ['AWS16MonitoringVolumeKms', 'sagemaker:VolumeKmsKeyArn'],
      ['AWS16MonitoringOutputKms', 'sagemaker:OutputKmsKeyArn'],
    ]) {
      expect(sid(policies, id).Action).toEqual(monitoringJobs);
      expect(sid(policies, id).Condition).toEqual({
        Null: { [key]: 'true', 'sagemaker:InstanceTypes': 'false' },
      });
      // every action carries both keys (Service Authorization Reference), else the deny could
      // never, or always, fire
      const ref = awsReference();
      for (const a of monitoringJobs)
        for (const k of [key, 'sagemaker:InstanceTypes'])
          expect([a, k, ref.actionsMatching(a)[0].conditionKeys.has(k)]).toEqual([a, k, true]);
    }
    expect(sid(policies, 'AWS16DomainVolumeKms').Condition.Null['sagemaker:VolumeKmsKeyArn']).toBe(
      'true',
    );
    expect(sid(policies, 'AWS16DomainVolumeKms').Action).toBe('sagemaker:CreateDomain');
    expect(
      sid(policies, 'AWS16DomainSharingKms').Condition.Null[
        'sagemaker:DomainSharingOutputKmsKeyArn'
      ],
    ).toBe('true');
    const deprecated = /"sagemaker:(VolumeKmsKey|OutputKmsKey|DomainSharingOutputKmsKey)"/;
    for (const p of policies) expect(p).not.toMatch(deprecated);
  });

  test('AWS-17 jobs must run in the platform subnets and SGs with inter-container encryption and network isolation', () => {
    expect(sid(policies, 'AWS17JobsInVpc').Action).toEqual([
      'sagemaker:CreateTrainingJob',
      'sagemaker:CreateProcessingJob',
      'sagemaker:CreateHyperParameterTuningJob',
    ]);
    expect(
      sid(policies, 'AWS17JobsPlatformSubnets').Condition['ForAnyValue:StringNotEquals'][
        'sagemaker:VpcSubnets'
      ],
    ).toHaveLength(3);
    expect(
      sid(policies, 'AWS17JobsPlatformSecurityGroups').Condition['ForAnyValue:StringNotEquals'][
        'sagemaker:VpcSecurityGroupIds'
      ][0],
    ).toContain('jobs-sg');
    // IfExists: a request that leaves the setting out (off by default) is denied as well
    expect(sid(policies, 'AWS17InterContainerEncryption').Condition).toEqual({
      BoolIfExists: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
    });
    expect(sid(policies, 'AWS17NetworkIsolation').Condition).toEqual({
      BoolIfExists: { 'sagemaker:NetworkIsolation': 'false' },
    });
  });

  test('AWS-18 persona roles: admin without training, DS passes only execution roles to SageMaker, execution scoped to platform prefixes', () => {
    const admin = rolePolicy('ml-admin');
    expect(sid(admin, 'NoTrainingRights').Effect).toBe('Deny');
    expect(sid(admin, 'ManageStudio').Action).toContain('sagemaker:CreateDomain');
    const pass = sid(rolePolicy('data-scientist'), 'PassExecutionRoleToSageMaker');
    expect(pass.Condition.StringEquals['iam:PassedToService']).toBe('sagemaker.amazonaws.com');
    expect(pass.Resource).toHaveLength(2);
    const exec = stmts(at(json, 'aws_iam_policy', 'execution-policy')[0].policy);
    expect(exec.find((s: any) => s.Sid === 'PlatformData').Resource).toEqual(
      ['data/*', 'models/*', 'jobs/*'].map(
        (p) => `\${aws_s3_bucket.studio_data_bucket_69EDAA45.arn}/${p}`,
      ),
    );
    // the step code ML engineers stage for pipeline training steps, read-only
    expect(exec.find((s: any) => s.Sid === 'PlatformDataRead').Resource).toEqual([
      '${aws_s3_bucket.studio_data_bucket_69EDAA45.arn}/pipelines/*',
    ]);
    const ds = stmts(at(json, 'aws_iam_policy', 'studio-roles/data-scientist/policy')[0].policy);
    expect(ds.find((s: any) => s.Sid === 'PlatformData').Resource).toEqual(
      ['data/*', 'models/*', 'sharing/*', 'jobs/*'].map(
        (p) => `\${aws_s3_bucket.studio_data_bucket_69EDAA45.arn}/${p}`,
      ),
    );
    const roles = all(json, 'aws_iam_role').map((r: any) => r['//'].metadata.path as string);
    for (const slug of [
      'ml-admin',
      'data-scientist',
      'ml-engineer',
      'data-engineer',
      'model-viewer',
      'auditor',
      'pipeline',
      'execution',
      'deployment',
      'monitoring',
    ]) {
      expect(roles.some((p) => p.endsWith(`roles/${slug}`))).toBe(true);
    }
    const adminTrust = stmts(at(json, 'aws_iam_role', 'roles/ml-admin')[0].assume_role_policy)[0];
    expect(adminTrust.Principal.AWS).toBe(`arn:aws:iam::${ACCOUNT}:role/platform-admins`);
  });

  test('AWS-19 the SCP lets the ML admins and the deployers change app image configs (the stack manages those of customImages)', () => {
    const exempt = (doc: any): string[] =>
      stmts(
        (
          Object.values(doc.output).find((o: any) =>
            String(o.description).startsWith('Service control policy'),
          ) as any
        ).value,
      ).find((s: any) => s.Sid === 'AWS19AppImageConfigAdminOnly').Condition.ArnNotLike[
        'aws:PrincipalArn'
      ];
    expect(json.resource.aws_sagemaker_app_image_config).toBeDefined();
    // without deployerPrincipalArns, the principal running Terraform
    expect(exempt(json)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/mlops-prod-ml-admin-*`,
      '${data.aws_iam_session_context.secure-mlops-deployer.issuer_arn}',
    ]);
    const named = synthPlatform(
      fullProps({ deployerPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/ci/terraform`] }),
    ).json;
    expect(exempt(named)).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/mlops-prod-ml-admin-*`,
      `arn:aws:iam::${ACCOUNT}:role/ci/terraform`,
    ]);
  });

  test('AWS-19 only the ML admin may change app image configs; custom images run as UID 1000 / GID 100', () => {
    expect(sid(rolePolicy('data-scientist'), 'AWS19NoAppImageConfigChanges').Effect).toBe('Deny');
    const apps = stmts(at(json, 'aws_iam_policy', 'guardrails/studio-apps')[0].policy);
    expect(apps.find((s: any) => s.Sid === 'AWS19AppImageConfigAdminOnly')).toBeDefined();
    const adminApps = stmts(at(json, 'aws_iam_policy', 'guardrails/admin-studio-apps')[0].policy);
    expect(adminApps.find((s: any) => s.Sid === 'AWS19AppImageConfigAdminOnly')).toBeUndefined();
    const cfg = one(json, 'aws_sagemaker_app_image_config');
    expect(cfg.kernel_gateway_image_config.file_system_config).toMatchObject({
      default_uid: 1000,
      default_gid: 100,
    });
  });

  test('AWS-20 idle shutdown on JupyterLab and Code Editor apps', () => {
    for (const path of [
      domain.default_user_settings.jupyter_lab_app_settings,
      domain.default_user_settings.code_editor_app_settings,
      domain.default_space_settings.jupyter_lab_app_settings,
    ]) {
      expect(path.app_lifecycle_management.idle_settings).toMatchObject({
        lifecycle_management: 'ENABLED',
        idle_timeout_in_minutes: 120,
      });
    }
  });

  test('AWS-21 /aws/sagemaker/studio and job log groups KMS-encrypted with retention; key admits logs with the encryption context', () => {
    const groups = all(json, 'aws_cloudwatch_log_group');
    const studio = groups.find((g: any) => g.name === '/aws/sagemaker/studio');
    expect(studio.kms_key_id).toContain('aws_kms_key');
    expect(studio.retention_in_days).toBe(365);
    expect(groups.map((g: any) => g.name)).toEqual(
      expect.arrayContaining(['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs']),
    );
    const logs = stmts(one(json, 'aws_kms_key').policy).find(
      (s: any) => s.Sid === 'CloudWatchLogs',
    );
    expect(logs.Principal.Service).toBe('logs.eu-west-1.amazonaws.com');
    expect(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBe(
      `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*`,
    );
  });

  test('AWS-22 CloudTrail: KMS, log file validation, multi-region, Object-Lock bucket', () => {
    const trail = one(json, 'aws_cloudtrail');
    expect(trail.kms_key_id).toContain('aws_kms_key');
    expect(trail.enable_log_file_validation).toBe(true);
    expect(trail.is_multi_region_trail).toBe(true);
    expect(one(json, 'aws_s3_bucket_object_lock_configuration').rule.default_retention).toEqual({
      mode: 'GOVERNANCE',
      days: 365,
    });
  });

  test('AWS-23 KMS-encrypted SNS topic with an alarm and platform-change events', () => {
    const topic = one(json, 'aws_sns_topic');
    expect(topic.kms_master_key_id).toContain('aws_kms_key');
    for (const alarm of all(json, 'aws_cloudwatch_metric_alarm'))
      expect(alarm.alarm_actions[0]).toContain('aws_sns_topic');
    const rules = all(json, 'aws_cloudwatch_event_rule').filter((r: any) => r.event_pattern);
    expect(JSON.parse(rules[0].event_pattern).detail.eventName).toContain('DeleteDomain');
  });

  test('AWS-24 registry: consumer accounts in the group policy; only ML engineers approve, data scientists register', () => {
    const gp = stmts(one(json, 'aws_sagemaker_model_package_group_policy').resource_policy)[0];
    expect(gp.Principal.AWS).toEqual(['arn:aws:iam::222222222222:root']);
    expect(sid(rolePolicy('ml-engineer'), 'AWS24ApproveModels').Action).toContain(
      'sagemaker:UpdateModelPackage',
    );
    expect(sid(rolePolicy('data-scientist'), 'AWS24RegisterModels').Action).toContain(
      'sagemaker:CreateModelPackage',
    );
    expect(sid(rolePolicy('data-scientist'), 'AWS24NoModelApproval').Effect).toBe('Deny');
  });

  test('AWS-24 data scientists tag the model versions they register, at creation only (tag propagation, register(tags=...))', () => {
    const studio = stmts(
      at(json, 'aws_iam_policy', 'studio-roles/data-scientist/policy')[0].policy,
    );
    for (const tag of [
      sid(rolePolicy('data-scientist'), 'TagRegisteredModels'),
      studio.find((x: any) => x.Sid === 'TagRegisteredModels'),
    ]) {
      expect(tag.Action).toEqual(['sagemaker:AddTags']);
      expect(tag.Resource).toEqual(
        sid(rolePolicy('data-scientist'), 'AWS24RegisterModels').Resource,
      );
      expect(tag.Condition).toEqual({ Null: { 'sagemaker:TaggingAction': 'false' } });
    }
  });

  test('AWS-24 who registers model versions may not register them approved or rejected (only the approvers decide)', () => {
    const registering = policies
      .map((p) => stmts(p))
      .filter((st: any[]) =>
        st.some(
          (s: any) =>
            s.Effect === 'Allow' &&
            [].concat(s.Action).includes('sagemaker:CreateModelPackage' as never),
        ),
      );
    // data scientist role and Studio execution policy, pipeline role
    expect(registering.length).toBeGreaterThanOrEqual(3);
    for (const st of registering) {
      expect(st.find((s: any) => s.Sid === 'AWS24RegisterPendingOnly')).toEqual({
        Sid: 'AWS24RegisterPendingOnly',
        Effect: 'Deny',
        Action: 'sagemaker:CreateModelPackage',
        Resource: '*',
        // absent status (the API's default, PendingManualApproval): no match
        Condition: {
          StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' },
          Null: { 'sagemaker:ModelApprovalStatus': 'false' },
        },
      });
    }
    // the approvers register nothing and keep approving
    expect(
      rolePolicy('ml-engineer').some((p: string) => p.includes('AWS24RegisterPendingOnly')),
    ).toBe(false);
  });

  test('AWS-18 the ML admin reads the platform buckets configuration; only the deployer changes it (bucket policy deny on the data, access-log and trail buckets)', () => {
    const admin = sid(rolePolicy('ml-admin'), 'PlatformBuckets');
    expect(admin.Effect).toBe('Allow');
    expect(admin.Action.filter((a: string) => !/^s3:(Get|List)/.test(a))).toEqual([]);
    // no Allow in any persona or Studio policy touches bucket configuration
    const writes = /^s3:(Put|Delete)(Bucket|Encryption|Lifecycle|Replication|Inventory)/;
    for (const p of policies)
      for (const s of stmts(p).filter((x: any) => x.Effect === 'Allow'))
        expect([s.Sid, [].concat(s.Action).filter((a: string) => writes.test(a))]).toEqual([
          s.Sid,
          [],
        ]);
    for (const path of ['data/policy', 'access-logs/policy', 'trail-bucket/policy']) {
      const bucketPolicy = at(json, 'aws_s3_bucket_policy', path);
      expect(bucketPolicy).toHaveLength(1);
      const deny = stmts(bucketPolicy[0].policy).find(
        (s: any) => s.Sid === 'BucketConfigurationDeployerOnly',
      );
      expect(deny).toMatchObject({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/),
        // the principal running Terraform keeps applying
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': [
              expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[\w-]+\.issuer_arn\}$/),
            ],
          },
        },
      });
      expect(deny.Action).toEqual(
        expect.arrayContaining([
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutEncryptionConfiguration',
          's3:PutBucketVersioning',
          's3:PutLifecycleConfiguration',
          's3:PutBucketLogging',
          's3:PutBucketPublicAccessBlock',
        ]),
      );
    }
    // named deployers replace the caller
    const named = synthPlatform(
      fullProps({ deployerPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/ci/terraform`] }),
    ).json;
    const deny = stmts(at(named, 'aws_s3_bucket_policy', 'data/policy')[0].policy).find(
      (s: any) => s.Sid === 'BucketConfigurationDeployerOnly',
    );
    expect(deny.Condition).toEqual({
      ArnNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/ci/terraform`] },
    });
  });

  test('AWS-24 registry consumers may only decrypt model objects of the data bucket through S3', () => {
    const key = stmts(one(json, 'aws_kms_key').policy);
    const consumer = 'arn:aws:iam::222222222222:root';
    const grants = key.filter(
      (s: any) =>
        s.Effect === 'Allow' && [].concat(s.Principal?.AWS ?? []).includes(consumer as never),
    );
    expect(grants).toHaveLength(1);
    const data = at(json, 'aws_s3_bucket', '/data/bucket');
    expect(data).toHaveLength(1);
    const name = data[0].bucket;
    expect(name).toMatch(/^[a-z0-9.-]+$/);
    expect(grants[0]).toEqual({
      Sid: 'RegistryConsumersDecryptModels',
      Effect: 'Allow',
      Principal: { AWS: consumer },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
        // with an S3 Bucket Key the context is the bucket ARN, without one the object ARN
        StringLike: {
          'kms:EncryptionContext:aws:s3:arn': [
            `arn:aws:s3:::${name}`,
            `arn:aws:s3:::${name}/models/*`,
          ],
        },
      },
    });
  });

  test('AWS-25 scheduled training: EventBridge rule and role start the pipeline', () => {
    const rule = all(json, 'aws_cloudwatch_event_rule').find((r: any) => r.schedule_expression);
    expect(rule.schedule_expression).toBe('cron(0 3 * * ? *)');
    const target = all(json, 'aws_cloudwatch_event_target').find(
      (t: any) => t.sagemaker_pipeline_target,
    );
    expect(target.arn).toBe(`arn:aws:sagemaker:eu-west-1:${ACCOUNT}:pipeline/nightly-training`);
    expect(
      stmts(at(json, 'aws_iam_role', 'pipeline-scheduler-role')[0].assume_role_policy)[0].Principal
        .Service,
    ).toBe('events.amazonaws.com');
  });

  test('AWS-26 home EFS retained on domain deletion; AWS Backup plan for the EFS', () => {
    expect(domain.retention_policy.home_efs_file_system).toBe('Retain');
    expect(one(json, 'aws_backup_selection').resources[0]).toBe(
      `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/\${aws_sagemaker_domain.studio_domain_F1B3BB3C.home_efs_file_system_id}`,
    );
    expect(one(json, 'aws_backup_vault').kms_key_arn).toContain('aws_kms_key');
  });

  test('AWS-27 VPC flow logs to an encrypted log group', () => {
    const flow = one(json, 'aws_flow_log');
    expect(flow.vpc_id).toContain('aws_vpc.');
    expect(flow.log_destination).toContain('aws_cloudwatch_log_group.studio_network_flow-logs');
    const group = all(json, 'aws_cloudwatch_log_group').find((g: any) =>
      String(g.name).startsWith('/aws/vpc/flow-logs/'),
    );
    expect(group.kms_key_id).toContain('aws_kms_key');
  });

  test('AWS-28 default space settings carry execution role and SGs; shared spaces', () => {
    expect(domain.default_space_settings.execution_role).toContain(
      'studio-roles_data-scientist_role',
    );
    const space = one(json, 'aws_sagemaker_space');
    expect(space.space_sharing_settings.sharing_type).toBe('Shared');
    expect(space.ownership_settings.owner_user_profile_name).toContain('user-alice_profile');
  });

  test('AWS-29 Lake Formation permissions for the execution roles', () => {
    const perms = all(json, 'aws_lakeformation_permissions');
    expect(perms.map((p: any) => p.principal)).toEqual([
      expect.stringContaining('roles_execution'),
      expect.stringContaining('roles_pipeline'),
      expect.stringContaining('studio-roles_data-scientist_role'),
      expect.stringContaining('studio-roles_data-engineer_role'),
    ]);
    expect(perms[0]).toMatchObject({ permissions: ['DESCRIBE'], database: { name: 'curated' } });
  });

  test('AWS-31 notebook instances: no internet, no root, in the VPC, CMK', () => {
    const nb = one(json, 'aws_sagemaker_notebook_instance');
    expect(nb).toMatchObject({ direct_internet_access: 'Disabled', root_access: 'Disabled' });
    expect(nb.subnet_id).toContain('aws_subnet');
    expect(nb.kms_key_id).toContain('aws_kms_key');
  });

  test('X-03 no wildcard actions, "*" resources only for listed actions, PassRole always scoped, no broad managed policies', () => {
    for (const p of policies) {
      for (const s of stmts(p).filter((x: any) => x.Effect === 'Allow')) {
        const actions = [].concat(s.Action);
        expect(actions.filter((a: string) => a === '*' || a.endsWith(':*'))).toEqual([]);
        if (actions.includes('iam:PassRole' as never))
          expect(s.Condition.StringEquals['iam:PassedToService']).toBe('sagemaker.amazonaws.com');
      }
    }
    const attached = all(json, 'aws_iam_role_policy_attachment').map((a: any) => a.policy_arn);
    expect(
      attached.filter((a: string) => /AmazonSageMakerFullAccess|AdministratorAccess/.test(a)),
    ).toEqual([]);
  });

  test('X-08 stateful resources carry prevent_destroy; the domain also without allowReplacement', () => {
    for (const type of [
      'aws_kms_key',
      'aws_s3_bucket',
      'aws_sagemaker_domain',
      'aws_cloudwatch_log_group',
      'aws_sagemaker_model_package_group',
      'aws_backup_vault',
      'aws_sagemaker_notebook_instance',
    ]) {
      for (const r of all(json, type)) expect(r.lifecycle?.prevent_destroy).toBe(true);
    }
    for (const g of all(json, 'aws_cloudwatch_log_group'))
      expect(g.deletion_protection_enabled).toBe(true);
  });

  test('X-09 platform tags on taggable resources', () => {
    for (const type of [
      'aws_kms_key',
      'aws_s3_bucket',
      'aws_vpc',
      'aws_sagemaker_domain',
      'aws_iam_role',
    ]) {
      for (const r of all(json, type))
        expect(r.tags).toMatchObject({
          platform: 'studio',
          environment: 'prod',
          owner: 'ml-platform',
          'cost-center': 'cc-42',
          'data-classification': 'confidential',
        });
    }
  });

  test('X-11 the platform passes AwsMlopsChecks with no finding and no suppression', () => {
    const out = synthPlatform(fullProps());
    const report = Compliance.of(out.app).addPack(new AwsMlopsChecks()).evaluate(out.stack);
    expect(report.findings.filter((f) => f.status !== ComplianceStatus.COMPLIANT)).toEqual([]);
    expect(report.summary.compliant).toBeGreaterThan(100);
  });

  test('X-13 parts are public properties', () => {
    expect(platform.domain.terraformResourceType).toBe('aws_sagemaker_domain');
    expect(platform.personaRoles.role(Persona.DATA_SCIENTIST)).toBeDefined();
    expect(platform.userProfiles.bob.executionRole).toBeDefined();
    expect(platform.dataBucket.bucket.terraformResourceType).toBe('aws_s3_bucket');
  });
});
