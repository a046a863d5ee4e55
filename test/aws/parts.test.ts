import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AuditTrail,
  AuthMode,
  AwsMlopsChecks,
  GuardrailPolicies,
  ModelRegistry,
  PersonaRoles,
  PlatformKey,
  PrivateNetwork,
  SageMakerStudioDomain,
  SecureBucket,
} from '../../lib/aws';
import { Compliance, ComplianceStatus, Persona, RemovalPolicy } from '../../lib/core';
import { synthJson } from '../helpers';
import { all, at, one, role, stmts, synthPlatform } from './fixtures';

const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000';

function stack(region?: string): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'parts');
  new AwsProvider(s, 'aws', region ? { region } : {});
  return s;
}

describe('parts used alone (X-13)', () => {
  test('PrivateNetwork around an existing VPC: endpoints, S3 gateway on the given route tables, flow logs', () => {
    const s = stack('eu-west-1');
    const net = new PrivateNetwork(s, 'net', {
      kmsKeyArn: KEY,
      vpcId: 'vpc-0abc0abc',
      subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
      subnetCidrs: ['10.0.0.0/22', '10.0.4.0/22'],
      routeTableIds: ['rtb-00000001'],
      additionalInterfaceEndpoints: ['ssm'],
    });
    net.allowS3Bucket('arn:aws:s3:::my-data');
    const json = synthJson(s);
    expect(all(json, 'aws_vpc')).toHaveLength(0);
    expect(all(json, 'aws_vpc_endpoint')).toHaveLength(11);
    const s3 = all(json, 'aws_vpc_endpoint').find((e: any) => e.vpc_endpoint_type === 'Gateway');
    expect(s3.route_table_ids).toEqual(['rtb-00000001']);
    expect(stmts(s3.policy)[0].Resource).toEqual([
      'arn:aws:s3:::my-data',
      'arn:aws:s3:::my-data/*',
    ]);
    expect(one(json, 'aws_flow_log').vpc_id).toBe('vpc-0abc0abc');
  });

  test('PrivateNetwork warns when capacity cannot be checked or no route tables are given', () => {
    const s = stack('eu-west-1');
    new PrivateNetwork(s, 'net', {
      kmsKeyArn: KEY,
      vpcId: 'vpc-0abc0abc',
      subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
    });
    Testing.synth(s);
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.map((m) => String(m.data)));
    expect(warnings.join('\n')).toMatch(
      /subnetCidrs not given: subnet capacity \(AWS-03\) not checked/,
    );
    expect(warnings.join('\n')).toMatch(/routeTableIds not given/);
  });

  test('PrivateNetwork with explicit AZ names and no provider region uses the aws_region data source', () => {
    const s = stack();
    new PrivateNetwork(s, 'net', {
      kmsKeyArn: KEY,
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      expectedUsers: 10,
    });
    const json = synthJson(s);
    expect(all(json, 'aws_subnet').map((x: any) => [x.availability_zone, x.cidr_block])).toEqual([
      ['eu-west-1a', '10.20.0.0/25'],
      ['eu-west-1b', '10.20.0.128/25'],
    ]);
    // zones the user names are intent: a change of them is planned, not ignored
    for (const x of all(json, 'aws_subnet')) expect(x.lifecycle).toBeUndefined();
    expect(all(json, 'aws_vpc_endpoint')[0].service_name).toMatch(
      /^\$\{data\.aws_region\.secure-mlops-region\.region\}|com\.amazonaws\.\$\{data\.aws_region/,
    );
  });

  test('AWS-02 PrivateNetwork puts its subnets in zones every interface endpoint service is offered in', () => {
    const s = stack('eu-west-1');
    new PrivateNetwork(s, 'net', { kmsKeyArn: KEY, expectedUsers: 10 });
    const json = synthJson(s);
    const services = Object.entries<any>(json.data.aws_vpc_endpoint_service);
    const endpoints = all(json, 'aws_vpc_endpoint').filter(
      (e: any) => e.vpc_endpoint_type === 'Interface',
    );
    expect(endpoints.length).toBeGreaterThan(0);
    // one lookup per interface endpoint, of the same service
    expect(services.map(([, d]) => [d.service_name, d.service_type]).sort()).toEqual(
      endpoints.map((e: any) => [e.service_name, 'Interface']).sort(),
    );
    const zones = `data.aws_availability_zones.${Object.keys(json.data.aws_availability_zones)[0]}.names`;
    const offered = services.map(
      ([k]) => `tolist(data.aws_vpc_endpoint_service.${k}.availability_zones)`,
    );
    const subnets = all(json, 'aws_subnet');
    expect(subnets.length).toBeGreaterThan(1);
    subnets.forEach((x: any, i: number) => {
      const m = /^\$\{element\(sort\(setintersection\((.*)\)\), (\d+)\)\}$/.exec(
        x.availability_zone,
      );
      expect(m).not.toBeNull();
      expect(m![1].split(', ').sort()).toEqual([zones, ...offered].sort());
      expect(Number(m![2])).toBe(i);
      // read from live data at every plan: the zone chosen at creation stays
      expect(x.lifecycle).toEqual({ ignore_changes: ['availability_zone'] });
    });
    // without interface endpoints, the first available zones
    const bare = stack('eu-west-1');
    new PrivateNetwork(bare, 'net', { kmsKeyArn: KEY, expectedUsers: 10, createEndpoints: false });
    const bareJson = synthJson(bare);
    expect(bareJson.data.aws_vpc_endpoint_service).toBeUndefined();
    expect(all(bareJson, 'aws_subnet')[0].availability_zone).toMatch(
      /^\$\{element\(data\.aws_availability_zones\.[^.]+\.names, 0\)\}$/,
    );
  });

  test('PlatformKey grants are added to the key policy', () => {
    const s = stack('eu-west-1');
    const key = new PlatformKey(s, 'key', {
      accountId: '111111111111',
      adminPrincipalArns: [role('key-admins')],
    });
    key.grantUseVia(role('app'), 's3');
    key.grantCloudTrail();
    key.grantSnsPublishers();
    const policy = stmts(one(synthJson(s), 'aws_kms_key').policy);
    expect(policy.map((x: any) => x.Sid)).toEqual([
      'KeyAdministration',
      'CloudWatchLogs',
      'SnsPublishers',
      'CloudTrailEncryptLogs',
      'CloudTrailDescribeKey',
      'CloudTrailDecryptForBucketKey',
      'DeployerUseViaServices',
      'DeployerGrantsForAwsResources',
      'UseViaServices0',
    ]);
    expect(policy[0].Principal.AWS).toEqual([role('key-admins'), 'arn:aws:iam::111111111111:root']);
    // without deployerPrincipalArns, the principal running Terraform is named
    expect(policy[6].Principal.AWS).toEqual([
      '${data.aws_iam_session_context.secure-mlops-deployer.issuer_arn}',
    ]);
    // without a trail ARN, CloudTrail may use the key only for the trails of this account
    for (const sid of [
      'CloudTrailEncryptLogs',
      'CloudTrailDescribeKey',
      'CloudTrailDecryptForBucketKey',
    ])
      expect(policy.find((x: any) => x.Sid === sid).Condition.StringEquals).toEqual({
        'aws:SourceAccount': '111111111111',
      });
    expect(policy[8]).toMatchObject({
      Principal: { AWS: role('app') },
      Condition: { StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] } },
    });
  });

  test('SecureBucket alone with Object Lock and DESTROY opt-out recorded', () => {
    const s = stack('eu-west-1');
    const logs = new SecureBucket(s, 'logs', {
      serverAccessLogTarget: true,
      sourceAccountId: '111111111111',
    });
    new SecureBucket(s, 'data', {
      kmsKeyArn: KEY,
      accessLogBucket: logs,
      objectLockDays: 30,
      removalPolicy: RemovalPolicy.DESTROY,
      bucketName: 'my-data-bucket',
    });
    const json = synthJson(s);
    const data = all(json, 'aws_s3_bucket').find((b: any) => b.bucket === 'my-data-bucket');
    expect(data.object_lock_enabled).toBe(true);
    expect(data.force_destroy).toBe(true);
    expect(data.lifecycle.prevent_destroy).toBe(false);
    expect(data['//'].secure_mlops.suppressions[0].id).toBe('X-08');
    const logPolicy = stmts(at(json, 'aws_s3_bucket_policy', 'logs/policy')[0].policy);
    expect(logPolicy[1]).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  test('AWS-07 SecureBucket takes writes under its own key only (by ARN or the key id of a literal ARN), unless bucketKeyWritesOnly is false', () => {
    const s = stack('eu-west-1');
    const logs = new SecureBucket(s, 'logs', { serverAccessLogTarget: true });
    new SecureBucket(s, 'strict', { kmsKeyArn: KEY, accessLogBucket: logs });
    new SecureBucket(s, 'open', {
      kmsKeyArn: KEY,
      accessLogBucket: logs,
      bucketKeyWritesOnly: false,
    });
    const json = synthJson(s);
    const sids = (path: string) =>
      stmts(at(json, 'aws_s3_bucket_policy', `${path}/policy`)[0].policy).map((x: any) => x.Sid);
    expect(sids('strict')).toEqual(
      expect.arrayContaining([
        'DenyOtherEncryption',
        'DenyAwsManagedKey',
        'DenyCustomerKeys',
        'DenyOtherKmsKey',
      ]),
    );
    const other = stmts(at(json, 'aws_s3_bucket_policy', 'strict/policy')[0].policy).find(
      (x: any) => x.Sid === 'DenyOtherKmsKey',
    );
    expect(
      other.Condition.StringNotEqualsIfExists['s3:x-amz-server-side-encryption-aws-kms-key-id'],
    ).toEqual([KEY, KEY.split('/').pop()]);
    expect(sids('open').filter((x: string) => x.startsWith('DenyOther'))).toEqual([]);
  });

  test('PersonaRoles: human roles only for mapped personas, workload roles always, trust scoped', () => {
    const s = stack('eu-west-1');
    const roles = new PersonaRoles(s, 'roles', {
      accountId: '111111111111',
      personas: { [Persona.AUDITOR]: ['222222222222'] },
    });
    expect(Object.keys(roles.roles).sort()).toEqual([
      'AUDITOR',
      'DEPLOYMENT',
      'MONITORING',
      'PIPELINE',
      'TRAINING',
    ]);
    const json = synthJson(s);
    const auditor = stmts(at(json, 'aws_iam_role', 'roles/auditor')[0].assume_role_policy)[0];
    expect(auditor.Principal.AWS).toBe('arn:aws:iam::222222222222:root');
    const training = stmts(at(json, 'aws_iam_role', 'roles/execution')[0].assume_role_policy)[0];
    expect(training).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  test('GuardrailPolicies alone: system added, no image rule without a list, SCP output', () => {
    const s = stack('eu-west-1');
    const g = new GuardrailPolicies(s, 'g', {
      subnetIds: ['subnet-0000000a'],
      securityGroupIds: ['sg-00000001'],
      allowedInstanceTypes: ['ml.t3.medium'],
    });
    expect(g.allowedInstanceTypes).toEqual(['ml.t3.medium', 'system']);
    expect(stmts(g.studioAppsDocument).map((x: any) => x.Sid)).toEqual([
      'AWS12LimitInstanceTypes',
      'AWS19AppImageConfigAdminOnly',
    ]);
    const json = synthJson(s);
    expect(Object.keys(json.output)).toHaveLength(1);
  });

  test('ModelRegistry alone: groups without consumers have no resource policy', () => {
    const s = stack('eu-west-1');
    new ModelRegistry(s, 'r', {
      accountId: '111111111111',
      groups: [{ name: 'a' }, { name: 'b', consumerAccounts: ['222222222222'] }],
    });
    const json = synthJson(s);
    expect(all(json, 'aws_sagemaker_model_package_group')).toHaveLength(2);
    expect(all(json, 'aws_sagemaker_model_package_group_policy')).toHaveLength(1);
  });

  test('AuditTrail with an organization trail creates no trail (AWS-22 opt)', () => {
    const s = stack('eu-west-1');
    const logs = new SecureBucket(s, 'logs', { serverAccessLogTarget: true });
    new AuditTrail(s, 'a', {
      kmsKeyArn: KEY,
      accessLogBucket: logs,
      organizationTrailArn: 'arn:aws:cloudtrail:eu-west-1:999999999999:trail/org',
      alarms: false,
    });
    const json = synthJson(s);
    expect(all(json, 'aws_cloudtrail')).toHaveLength(0);
    expect(all(json, 'aws_sns_topic')).toHaveLength(0);
    expect(all(json, 'aws_cloudwatch_log_group')).toHaveLength(4);
  });
});

describe('replacement guard and provider pain points', () => {
  test('the domain keeps prevent_destroy without allowReplacement, even with removalPolicy DESTROY', () => {
    const { json, stack: s } = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const domain = one(json, 'aws_sagemaker_domain');
    expect(domain.lifecycle.prevent_destroy).toBe(true);
    expect(domain.retention_policy.home_efs_file_system).toBe('Retain');
    const warnings = s.node.findAll().flatMap((c) => c.node.metadata.map((m) => String(m.data)));
    expect(warnings.join('\n')).toContain('removalPolicy is DESTROY but allowReplacement is false');
  });

  test('allowReplacement with DESTROY lets Terraform replace the domain and delete the EFS, recorded in the report', () => {
    const out = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
      removalPolicy: RemovalPolicy.DESTROY,
      allowReplacement: true,
    });
    const domain = one(out.json, 'aws_sagemaker_domain');
    expect(domain.lifecycle.prevent_destroy).toBe(false);
    expect(domain.retention_policy.home_efs_file_system).toBe('Delete');
    const report = Compliance.of(out.app).addPack(new AwsMlopsChecks()).evaluate(out.stack);
    const aws26 = report.findings.find((f) => f.ruleId === 'AWS-26');
    expect(aws26?.status).toBe(ComplianceStatus.SUPPRESSED);
    expect(report.findings.filter((f) => f.status === ComplianceStatus.NON_COMPLIANT)).toEqual([]);
  });

  test('allowReplacement alone lifts prevent_destroy (the README rebuild procedure), keeps the EFS, and records it', () => {
    const out = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
      allowReplacement: true,
    });
    const domain = one(out.json, 'aws_sagemaker_domain');
    expect(domain.lifecycle.prevent_destroy).toBe(false);
    expect(domain.retention_policy.home_efs_file_system).toBe('Retain');
    const report = Compliance.of(out.app).addPack(new AwsMlopsChecks()).evaluate(out.stack);
    expect(report.findings.filter((f) => f.status === ComplianceStatus.NON_COMPLIANT)).toEqual([]);
    const x08 = report.findings.filter(
      (f) => f.ruleId.startsWith('X-08') && f.address.startsWith('aws_sagemaker_domain.'),
    );
    expect(x08.map((f) => f.status)).toContain(ComplianceStatus.SUPPRESSED);
  });

  test('the EFS retention chosen at creation stays: retention_policy forces a new domain, so a later change of the flags is ignored', () => {
    for (const props of [{}, { removalPolicy: RemovalPolicy.DESTROY, allowReplacement: true }]) {
      const { json } = synthPlatform({
        environment: 'dev',
        authMode: AuthMode.IAM,
        accountId: '111111111111',
        ...props,
      });
      expect(one(json, 'aws_sagemaker_domain').lifecycle.ignore_changes).toEqual([
        'retention_policy',
      ]);
    }
  });

  test('X-08 DESTROY leaves the audit evidence (account-wide trail, account log groups) unless auditRemovalPolicy says DESTROY too', () => {
    const trailParts = (props: any) => {
      const { json } = synthPlatform({
        environment: 'dev',
        authMode: AuthMode.IAM,
        accountId: '111111111111',
        removalPolicy: RemovalPolicy.DESTROY,
        ...props,
      });
      const trailBucket = all(json, 'aws_s3_bucket').find((b: any) =>
        String(b.bucket ?? b.bucket_prefix).includes('trail'),
      );
      const groups = all(json, 'aws_cloudwatch_log_group').filter((g: any) =>
        /^\/aws\/(sagemaker|cloudtrail)\//.test(g.name),
      );
      const key = one(json, 'aws_kms_key');
      return { trailBucket, groups, key };
    };
    const kept = trailParts({});
    expect(kept.trailBucket.lifecycle.prevent_destroy).toBe(true);
    // the key that encrypts the kept evidence is kept with it, or the logs become unreadable
    expect(kept.key.lifecycle.prevent_destroy).toBe(true);
    expect(kept.trailBucket.force_destroy).not.toBe(true);
    expect(kept.groups.length).toBeGreaterThan(1);
    for (const g of kept.groups) expect(g.lifecycle.prevent_destroy).toBe(true);
    const gone = trailParts({ auditRemovalPolicy: RemovalPolicy.DESTROY });
    expect(gone.trailBucket.force_destroy).toBe(true);
    expect(gone.key.lifecycle.prevent_destroy).toBe(false);
    for (const g of gone.groups) expect(g.lifecycle.prevent_destroy).toBe(false);
  });

  test('immutable domain settings are an output for review', () => {
    const { json } = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.SSO,
      accountId: '111111111111',
    });
    const out = Object.values<any>(json.output).find((o) =>
      String(o.description).startsWith('Settings that force a new domain'),
    );
    expect(out.value.authMode).toBe('SSO');
  });

  test('a key passed by ARN is used everywhere, in ARN form, and no key is created', () => {
    const { json, platform } = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
      encryption: { kmsKeyArn: KEY },
    });
    expect(all(json, 'aws_kms_key')).toHaveLength(0);
    expect(platform.platformKey).toBeUndefined();
    const domain = one(json, 'aws_sagemaker_domain');
    expect(domain.kms_key_id).toBe(KEY);
    expect(domain.default_user_settings.sharing_settings.s3_kms_key_id).toBe(KEY);
  });

  test('SSO profiles carry the Identity Center user name', () => {
    const { json } = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.SSO,
      accountId: '111111111111',
      userProfiles: [{ name: 'dana', persona: Persona.DATA_SCIENTIST }],
    });
    expect(one(json, 'aws_sagemaker_user_profile')).toMatchObject({
      single_sign_on_user_identifier: 'UserName',
      single_sign_on_user_value: 'dana',
    });
  });

  test('synth is deterministic', () => {
    const a = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
    }).json;
    const b = synthPlatform({
      environment: 'dev',
      authMode: AuthMode.IAM,
      accountId: '111111111111',
    }).json;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test('a 1000-user platform synthesizes (figure printed, no time limit)', () => {
    const users = Array.from({ length: 1000 }, (_, i) => ({
      name: `user-${i}`,
      persona: Persona.DATA_SCIENTIST,
    }));
    const t0 = Date.now();
    const { json } = synthPlatform({
      environment: 'prod',
      authMode: AuthMode.SSO,
      accountId: '111111111111',
      network: { vpcCidr: '10.0.0.0/16', expectedUsers: 1000 },
      userProfiles: users,
    });
    console.log(`1000-user platform synth: ${Date.now() - t0} ms`);
    expect(all(json, 'aws_sagemaker_user_profile')).toHaveLength(1000);
    expect(all(json, 'aws_subnet')[0].cidr_block).toBe('10.0.0.0/19');
  });

  test('SageMakerStudioDomain is exported with its parts', () => {
    expect(SageMakerStudioDomain).toBeDefined();
  });
});
