import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AuthMode, AwsMlopsChecks, MultiTenantStudio } from '../../lib/aws';
import { Compliance, ComplianceStatus, Persona, RemovalPolicy } from '../../lib/core';
import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { awsReference } from '../../lib/aws/reference';
import { synthExample, synthJson } from '../helpers';
import { all, role } from './fixtures';

/** The multi-tenant example, synthesized once for the tests that only read it. */
let exampleSynth: ReturnType<typeof synthExample> | undefined;
const example = () => (exampleSynth ??= synthExample(awsMultiTenantExample));

/** The retail tenant: one data scientist role. */
const RETAIL = { tenantId: 'retail', personas: { [Persona.DATA_SCIENTIST]: [role('retail-ds')] } };

/** MultiTenantStudio props for the tests' account and environment. */
const studioProps = (tenantSpecs: any[]) => ({
  environment: 'prod',
  authMode: AuthMode.IAM,
  accountId: '111111111111',
  tenants: tenantSpecs,
});

describe('MultiTenantStudio (AWS-30)', () => {
  let json: any;
  let tenants: MultiTenantStudio;
  let report: any;
  beforeAll(() => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tenants');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    tenants = new MultiTenantStudio(
      stack,
      'mt',
      studioProps([
        { ...RETAIL, userProfiles: [{ name: 'r1', persona: Persona.DATA_SCIENTIST }] },
        {
          tenantId: 'risk',
          personas: { [Persona.DATA_SCIENTIST]: [role('risk-ds')] },
          userProfiles: [{ name: 'k1', persona: Persona.DATA_SCIENTIST }],
          costCenter: 'cc-risk',
        },
      ]),
    );
    json = synthJson(stack);
    report = Compliance.of(app).addPack(new AwsMlopsChecks()).evaluate(stack);
  });

  test('AWS-30 one domain per tenant, each with its own key and data bucket, sharing one VPC', () => {
    const domains = all(json, 'aws_sagemaker_domain');
    expect(domains.map((d: any) => d.domain_name).sort()).toEqual(['retail-prod', 'risk-prod']);
    expect(new Set(domains.map((d: any) => d.kms_key_id)).size).toBe(2);
    expect(all(json, 'aws_vpc')).toHaveLength(1);
    expect(all(json, 'aws_kms_key')).toHaveLength(3);
  });

  /** A one-tenant MultiTenantStudio (retail) in a stack of its own, synthesized. */
  const oneTenant = (extra: any = {}, tenant: any = {}) => {
    const st = new TerraformStack(Testing.app(), 'one-tenant');
    new AwsProvider(st, 'aws', { region: 'eu-central-1' });
    new MultiTenantStudio(st, 'mt', { ...studioProps([{ ...RETAIL, ...tenant }]), ...extra });
    return synthJson(st);
  };

  test('AWS-03 onboarding users changes no subnet: the shared network is not sized from the profiles', () => {
    const cidrs = (profiles: number) =>
      all(
        oneTenant(
          {},
          {
            userProfiles: Array.from({ length: profiles }, (_, i) => ({
              name: `u${i}`,
              persona: Persona.DATA_SCIENTIST,
            })),
          },
        ),
        'aws_subnet',
      ).map((x: any) => x.cidr_block);
    // a new CIDR replaces the subnets and every domain in them
    expect(cidrs(2)).toEqual(cidrs(40));
  });

  test('X-08 a MultiTenantStudio can be torn down: allowReplacement reaches the tenant domains', () => {
    const preventDestroy = (extra: any) =>
      all(
        oneTenant({ removalPolicy: RemovalPolicy.DESTROY, ...extra }),
        'aws_sagemaker_domain',
      ).map((d: any) => d.lifecycle.prevent_destroy);
    expect(preventDestroy({})).toEqual([true]);
    expect(preventDestroy({ allowReplacement: true })).toEqual([false]);
    // a full teardown leaves nothing protected: the tenant keys encrypt no audit evidence (the
    // shared key does), so they follow removalPolicy
    const json = oneTenant({
      removalPolicy: RemovalPolicy.DESTROY,
      auditRemovalPolicy: RemovalPolicy.DESTROY,
      allowReplacement: true,
    });
    const kept = Object.entries<any>(json.resource)
      .flatMap(([type, byName]) =>
        Object.entries<any>(byName).map(([name, r]) => [`${type}.${name}`, r] as [string, any]),
      )
      .filter(([, r]) => r.lifecycle?.prevent_destroy === true)
      .map(([a]) => a);
    expect(kept).toEqual([]);
    // with the audit evidence kept, only the shared key stays with it
    const audit = oneTenant({ removalPolicy: RemovalPolicy.DESTROY, allowReplacement: true });
    const keys = Object.entries<any>(audit.resource.aws_kms_key)
      .filter(([, k]) => k.lifecycle?.prevent_destroy === true)
      .map(([n]) => n);
    expect(keys).toEqual([expect.stringContaining('shared-key')]);
  });

  test('AWS-30 every tenant resource is tagged with its tenant id and cost center', () => {
    const risk = tenants.tenants.risk;
    expect(risk.tags.tenant).toBe('risk');
    const riskDomain = all(json, 'aws_sagemaker_domain').find(
      (d: any) => d.domain_name === 'risk-prod',
    );
    expect(riskDomain.tags).toMatchObject({ tenant: 'risk', 'cost-center': 'cc-risk' });
    for (const p of all(json, 'aws_sagemaker_user_profile'))
      expect(p.tags.tenant).toBe(p.user_profile_name === 'r1' ? 'retail' : 'risk');
  });

  test('AWS-30 tenant roles are denied resources without their tenant tag and creations without it', () => {
    const policies = all(json, 'aws_iam_policy').filter((p: any) =>
      String(p.description).startsWith('AWS-30'),
    );
    expect(policies).toHaveLength(2);
    const retail = JSON.parse(
      policies.find((p: any) => p.description.includes('retail')).policy,
    ).Statement;
    expect(retail[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { StringNotEquals: { 'aws:ResourceTag/tenant': 'retail' } },
    });
    expect(retail[1]).toMatchObject({
      Effect: 'Deny',
      Condition: { StringNotEquals: { 'aws:RequestTag/tenant': 'retail' } },
    });
    // the tenant tag cannot be changed or removed after creation (no claiming another tenant's
    // domain by retagging it); tag-on-create carries sagemaker:TaggingAction; adding it again
    // with the same value stays allowed (Pipeline.upsert adds a pipeline's tags back)
    expect(retail[2]).toEqual({
      Sid: 'AWS30TenantTagImmutable',
      Effect: 'Deny',
      Action: 'sagemaker:AddTags',
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': ['tenant'] },
        StringNotEquals: { 'aws:RequestTag/tenant': 'retail' },
        Null: { 'sagemaker:TaggingAction': 'true' },
      },
    });
    expect(retail[3]).toEqual({
      Sid: 'AWS30TenantTagNotRemoved',
      Effect: 'Deny',
      Action: 'sagemaker:DeleteTags',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['tenant'] } },
    });
    // other tags change only on the tenant's own resources (after creation)
    expect(retail[4]).toEqual({
      Sid: 'AWS30TenantTagsOnly',
      Effect: 'Deny',
      Action: ['sagemaker:AddTags', 'sagemaker:DeleteTags'],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:ResourceTag/tenant': 'retail' },
        Null: { 'sagemaker:TaggingAction': 'true' },
      },
    });
    const attachments = all(json, 'aws_iam_role_policy_attachment').filter((a: any) =>
      String(a.policy_arn).includes('tenant-isolation'),
    );
    expect(attachments.length).toBeGreaterThanOrEqual(2 * 5);
  });

  const isolation = (tenant: string) =>
    JSON.parse(
      all(json, 'aws_iam_policy').find(
        (p: any) => p.description === `AWS-30 tenant isolation for ${tenant}`,
      ).policy,
    ).Statement;
  const policyStatements = () =>
    [...all(json, 'aws_iam_policy'), ...all(json, 'aws_iam_role_policy')].flatMap(
      (p: any) => JSON.parse(p.policy).Statement,
    );

  test('AWS-30 a tenant updates, deletes and runs only its own pipelines, and reads and stops only their executions', () => {
    const retail = isolation('retail');
    const byTag = retail.find((x: any) => x.Sid === 'AWS30TenantResourcesOnly');
    // Pipeline.upsert with another tenant's pipeline name reached UpdatePipeline before
    expect(byTag.Action).toEqual(
      expect.arrayContaining([
        'sagemaker:UpdatePipeline',
        'sagemaker:DeletePipeline',
        'sagemaker:StartPipelineExecution',
        'sagemaker:ListPipelineExecutions',
      ]),
    );
    // executions carry no documented tags: pipelines are confined by name, executions by ARN
    expect(retail.find((x: any) => x.Sid === 'AWS30TenantPipelinesOnly')).toMatchObject({
      Effect: 'Deny',
      Action: 'sagemaker:CreatePipeline',
      NotResource: 'arn:aws:sagemaker:eu-central-1:111111111111:pipeline/retail-*',
    });
    expect(retail.find((x: any) => x.Sid === 'AWS30TenantPipelineTagsOnly')).toEqual({
      Sid: 'AWS30TenantPipelineTagsOnly',
      Effect: 'Deny',
      Action: 'sagemaker:ListTags',
      Resource: 'arn:aws:sagemaker:eu-central-1:111111111111:pipeline/*',
      Condition: { StringNotEquals: { 'aws:ResourceTag/tenant': 'retail' } },
    });
    const executions = retail.find((x: any) => x.Sid === 'AWS30TenantPipelineExecutionsOnly');
    expect(executions.NotResource).toBe(
      'arn:aws:sagemaker:eu-central-1:111111111111:pipeline/retail-*/execution/*',
    );
    expect(executions.Action).toEqual(
      expect.arrayContaining([
        'sagemaker:StopPipelineExecution',
        'sagemaker:DescribePipelineExecution',
      ]),
    );
  });

  test('AWS-30 model versions are confined to the tenant groups by ARN: versions take no tags, so no tag condition gates them', () => {
    const retail = isolation('retail');
    // CreateModelPackage with a group rejects Tags: requiring a tenant tag on it blocked every
    // registration, and a tag condition on UpdateModelPackage blocked every approval
    const tagOnCreate = retail.find((s: any) => s.Sid === 'AWS30TenantTagOnCreate');
    expect(tagOnCreate.Action).toContain('sagemaker:CreateModelPackageGroup');
    expect(tagOnCreate.Action).not.toContain('sagemaker:CreateModelPackage');
    const tagged = retail.find((s: any) => s.Sid === 'AWS30TenantResourcesOnly');
    expect(tagged.Action).not.toContain('sagemaker:UpdateModelPackage');
    // a tenant without model package groups has no versions of its own: it registers none
    expect(retail.find((s: any) => s.Sid === 'AWS30TenantModelVersionsOnly')).toEqual({
      Sid: 'AWS30TenantModelVersionsOnly',
      Effect: 'Deny',
      Action: ['sagemaker:CreateModelPackage', 'sagemaker:UpdateModelPackage'],
      Resource: '*',
    });
    // registering roles are not granted tagging on create for versions (the API rejects it)
    expect(policyStatements().filter((x: any) => x.Sid === 'TagModelVersionsOnCreate')).toEqual([]);
    // with groups, every tenant registers and approves in its own groups only
    const exampleJson = example().json;
    for (const tenant of ['retail', 'risk', 'marketing']) {
      const policy = all(exampleJson, 'aws_iam_policy').find(
        (p: any) => p.description === `AWS-30 tenant isolation for ${tenant}`,
      );
      const versions = JSON.parse(policy.policy).Statement.find(
        (s: any) => s.Sid === 'AWS30TenantModelVersionsOnly',
      );
      expect(versions.Resource).toBeUndefined();
      expect(versions.NotResource).toEqual([
        `arn:aws:sagemaker:eu-central-1:111111111111:model-package/${tenant}-models/*`,
      ]);
    }
  });

  test('AWS-30 tenant roles create, describe and delete Studio apps of their own domain only', () => {
    const domains = json.resource.aws_sagemaker_domain;
    const domainKey = Object.keys(domains).find((k) => domains[k].domain_name === 'retail-prod');
    expect(isolation('retail').find((s: any) => s.Sid === 'AWS30TenantDomainAppsOnly')).toEqual({
      Sid: 'AWS30TenantDomainAppsOnly',
      Effect: 'Deny',
      Action: ['sagemaker:CreateApp', 'sagemaker:DeleteApp', 'sagemaker:DescribeApp'],
      NotResource: `arn:aws:sagemaker:eu-central-1:111111111111:app/\${aws_sagemaker_domain.${domainKey}.id}/*`,
    });
  });

  test("AWS-30 new profiles and spaces go in the tenant's own domain; endpoints deploy its own configs", () => {
    const domains = json.resource.aws_sagemaker_domain;
    const domainKey = Object.keys(domains).find((k) => domains[k].domain_name === 'retail-prod');
    const st = isolation('retail');
    expect(st.find((s: any) => s.Sid === 'AWS30TenantDomainProfilesOnly')).toEqual({
      Sid: 'AWS30TenantDomainProfilesOnly',
      Effect: 'Deny',
      Action: ['sagemaker:CreateUserProfile', 'sagemaker:CreateSpace'],
      NotResource: [
        `arn:aws:sagemaker:eu-central-1:111111111111:user-profile/\${aws_sagemaker_domain.${domainKey}.id}/*`,
        `arn:aws:sagemaker:eu-central-1:111111111111:space/\${aws_sagemaker_domain.${domainKey}.id}/*`,
      ],
    });
    // the models an endpoint config names are not authorized (their tags unread): by name
    expect(st.find((s: any) => s.Sid === 'AWS30TenantModelsOnly')).toEqual({
      Sid: 'AWS30TenantModelsOnly',
      Effect: 'Deny',
      Action: 'sagemaker:CreateModel',
      NotResource: 'arn:aws:sagemaker:eu-central-1:111111111111:model/retail-*',
    });
    expect(st.find((s: any) => s.Sid === 'AWS30TenantEndpointModelsOnly')).toEqual({
      Sid: 'AWS30TenantEndpointModelsOnly',
      Effect: 'Deny',
      Action: 'sagemaker:CreateEndpointConfig',
      Resource: '*',
      Condition: {
        'ForAnyValue:ArnNotLike': {
          'sagemaker:ModelArn': 'arn:aws:sagemaker:eu-central-1:111111111111:model/retail-*',
        },
      },
    });
    const ref = awsReference();
    expect(
      ref
        .actionsMatching('sagemaker:CreateEndpointConfig')[0]
        .conditionKeys.has('sagemaker:ModelArn'),
    ).toBe(true);
    expect(st.find((s: any) => s.Sid === 'AWS30TenantEndpointConfigsOnly')).toEqual({
      Sid: 'AWS30TenantEndpointConfigsOnly',
      Effect: 'Deny',
      Action: 'sagemaker:CreateEndpoint',
      Resource: 'arn:aws:sagemaker:eu-central-1:111111111111:endpoint-config/*',
      Condition: { StringNotEquals: { 'aws:ResourceTag/tenant': 'retail' } },
    });
  });

  test('AWS-30 the SDK configuration of a tenant domain tags what the SDK creates with the tenant, for every create the tag-on-create rule covers', () => {
    const ex = example().json;
    const out = Object.entries(ex.output).find(([k]) => k.includes('retail_sagemaker-sdk-config'));
    const sm = (out![1] as any).value.SageMaker;
    const tenantTag = [{ Key: 'tenant', Value: 'retail' }];
    const byAction: { [action: string]: any } = {
      'sagemaker:CreateTrainingJob': sm.TrainingJob,
      'sagemaker:CreateProcessingJob': sm.ProcessingJob,
      'sagemaker:CreateTransformJob': sm.TransformJob,
      'sagemaker:CreateModel': sm.Model,
      'sagemaker:CreateEndpointConfig': sm.EndpointConfig,
      'sagemaker:CreateEndpoint': sm.Endpoint,
      'sagemaker:CreateMonitoringSchedule': sm.MonitoringSchedule,
      'sagemaker:CreatePipeline': sm.Pipeline,
    };
    const onCreate = JSON.parse(
      all(ex, 'aws_iam_policy').find(
        (p: any) => p.description === 'AWS-30 tenant isolation for retail',
      ).policy,
    ).Statement.find((x: any) => x.Sid === 'AWS30TenantTagOnCreate');
    const covered = Object.keys(byAction).filter((a) => onCreate.Action.includes(a));
    expect(covered.length).toBeGreaterThanOrEqual(6);
    for (const action of covered)
      expect([action, byAction[action]?.Tags]).toEqual([action, tenantTag]);
  });

  test('AWS-30 every taggable resource a tenant role may create is tagged with its tenant on create', () => {
    const ref = awsReference();
    const ex = example().json;
    // confined by ARN instead: apps to the tenant's domain, model versions to its groups (a
    // version takes no tags); an image version and a presigned URL carry no tags
    const byArn = [
      'sagemaker:CreateApp',
      'sagemaker:CreateModelPackage',
      'sagemaker:CreateImageVersion',
      'sagemaker:CreatePresignedDomainUrl',
    ];
    const tenantPolicies = [...all(ex, 'aws_iam_role_policy'), ...all(ex, 'aws_iam_policy')]
      .filter((p: any) => String(p['//']?.metadata?.path).includes('/retail/'))
      .flatMap((p: any) => JSON.parse(p.policy).Statement);
    const creates = [
      ...new Set<string>(
        tenantPolicies
          .filter((s: any) => s.Effect === 'Allow')
          .flatMap((s: any) => [].concat(s.Action))
          .filter((a: string) => /^sagemaker:Create/.test(a) && !byArn.includes(a)),
      ),
    ];
    expect(creates.sort()).toEqual(
      expect.arrayContaining([
        'sagemaker:CreateHyperParameterTuningJob',
        'sagemaker:CreateEndpoint',
        'sagemaker:CreateUserProfile',
        'sagemaker:CreateDomain',
      ]),
    );
    const onCreate = JSON.parse(
      all(ex, 'aws_iam_policy').find(
        (p: any) => p.description === 'AWS-30 tenant isolation for retail',
      ).policy,
    ).Statement.find((s: any) => s.Sid === 'AWS30TenantTagOnCreate');
    for (const a of creates) {
      expect([a, ref.actionsMatching(a)[0].conditionKeys.has('aws:RequestTag/tenant')]).toEqual([
        a,
        true,
      ]);
      expect([a, onCreate.Action.includes(a)]).toEqual([a, true]);
    }
  });

  test('AWS-30 account-level log groups and the trail are created once and shared', () => {
    expect(all(json, 'aws_cloudtrail')).toHaveLength(1);
    expect(
      all(json, 'aws_cloudwatch_log_group').filter((g: any) => g.name === '/aws/sagemaker/studio'),
    ).toHaveLength(1);
  });

  test('AWS-07 the shared access-log and trail buckets and the tenants access-log and data buckets deny configuration changes to all but the deployer', () => {
    const bucketPolicies = all(json, 'aws_s3_bucket_policy');
    // the shared access-log and trail buckets, and each tenant's access-log and data buckets
    expect(bucketPolicies).toHaveLength(2 + 2 * 2);
    for (const p of bucketPolicies) {
      const deny = JSON.parse(p.policy).Statement.find(
        (s: any) => s.Sid === 'BucketConfigurationDeployerOnly',
      );
      expect(deny.Effect).toBe('Deny');
      expect(deny.Action).toContain('s3:PutBucketPolicy');
      expect(deny.Condition.ArnNotLike['aws:PrincipalArn']).toHaveLength(1);
    }
  });

  test('passes AwsMlopsChecks without findings', () => {
    expect(report.findings.filter((f: any) => f.status !== ComplianceStatus.COMPLIANT)).toEqual([]);
  });
});

describe('MultiTenantStudio tenant admins (AWS-30)', () => {
  test("AWS-30 a tenant admin changes, deletes and creates only its own tenant's images, app image configs and lifecycle configs", () => {
    const { json } = example();
    const isolations = all(json, 'aws_iam_policy')
      .filter((p: any) => String(p.description).startsWith('AWS-30 tenant isolation for '))
      .map((p: any) => [p.description.split(' ').pop(), JSON.parse(p.policy).Statement]);
    expect(isolations).toHaveLength(3);
    const manage = all(json, 'aws_iam_role_policy')
      .flatMap((p: any) => JSON.parse(p.policy).Statement)
      .filter((s: any) => s.Sid === 'ManageStudio');
    expect(manage.length).toBeGreaterThanOrEqual(3);
    const writes = [
      ...new Set<string>(
        manage
          .flatMap((s: any) => [].concat(s.Action))
          .filter((a: string) => /Image|StudioLifecycleConfig/.test(a))
          .filter((a: string) => !/^sagemaker:(Describe|List)/.test(a)),
      ),
    ];
    const creates = writes.filter((a) => /^sagemaker:Create/.test(a) && !/ImageVersion$/.test(a));
    expect(creates.sort()).toEqual([
      'sagemaker:CreateAppImageConfig',
      'sagemaker:CreateImage',
      'sagemaker:CreateStudioLifecycleConfig',
    ]);
    // image versions carry no tags: no tenant deletes one (DeleteImage removes its versions)
    const untagged = ['sagemaker:DeleteImageVersion'];
    const onExisting = writes.filter((a) => !creates.includes(a) && !untagged.includes(a));
    expect(onExisting).toHaveLength(6);
    const ref = awsReference();
    const action = (a: string) => ref.actionsMatching(a)[0];
    // resource types that take tags (sagemaker:AddTags names them)
    const taggable = action('sagemaker:AddTags').arnFormats;
    expect(taggable.some((f) => f.includes(':image-version/'))).toBe(false);
    for (const [tenant, st] of isolations) {
      expect(st.find((s: any) => s.Sid === 'AWS30NoImageVersionDeletion')).toEqual({
        Sid: 'AWS30NoImageVersionDeletion',
        Effect: 'Deny',
        Action: 'sagemaker:DeleteImageVersion',
        Resource: '*',
      });
      const own = st.find((s: any) => s.Sid === 'AWS30TenantResourcesOnly');
      expect(own.Action).toEqual(expect.arrayContaining(onExisting));
      // every resource an existing-resource deny keys on can carry the tenant tag
      for (const a of own.Action)
        for (const f of action(a).arnFormats)
          expect([a, f, taggable.includes(f)]).toEqual([a, f, true]);
      expect(own.Condition).toEqual({ StringNotEquals: { 'aws:ResourceTag/tenant': tenant } });
      const onCreate = st.find((s: any) => s.Sid === 'AWS30TenantTagOnCreate');
      expect(onCreate.Action).toEqual(expect.arrayContaining(creates));
      expect(onCreate.Condition).toEqual({ StringNotEquals: { 'aws:RequestTag/tenant': tenant } });
      // each denied action takes the key it is denied on (Service Authorization Reference),
      // else the deny would never match
      for (const a of own.Action)
        expect([a, action(a).conditionKeys.has('aws:ResourceTag/tenant')]).toEqual([a, true]);
      for (const a of onCreate.Action)
        expect([a, action(a).conditionKeys.has('aws:RequestTag/tenant')]).toEqual([a, true]);
    }
  });
});

describe('MultiTenantStudio service control policies (AWS-30)', () => {
  test('AWS-30 the tenants SCPs compose: attached together they still exempt every tenant admin role', () => {
    const { json } = example();
    const scps = Object.values<any>(json.output)
      .filter((o) => String(o.description).startsWith('Service control policy'))
      .map((o) => JSON.parse(o.value));
    expect(scps).toHaveLength(3);
    const adminNames = all(json, 'aws_iam_role')
      .filter((r: any) => r.tags?.persona === Persona.PLATFORM_ADMIN)
      .map((r: any) => `arn:aws:iam::111111111111:role/${r.name}`);
    expect(adminNames).toHaveLength(3);
    const glob = (p: string) =>
      new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const scp of scps) {
      const deny = scp.Statement.find((s: any) => s.Sid === 'AWS19AppImageConfigAdminOnly');
      const exempt: string[] = [].concat(deny.Condition.ArnNotLike['aws:PrincipalArn']);
      // every admin of every tenant escapes this SCP's deny
      for (const admin of adminNames) expect(exempt.some((p) => glob(p).test(admin))).toBe(true);
    }
  });
});
