import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { awsMultiTenantExample } from '../../examples/aws-multi-tenant';
import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import {
  AuthMode,
  AwsMlopsChecks,
  ExecutionRoleMode,
  PrivateNetwork,
  SageMakerStudioDomain,
  StudioAppType,
} from '../../lib/aws';
import { cidrPatterns } from '../../lib/aws/audit';
import { ComplianceStatus, Persona } from '../../lib/core';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { ValidationError } from '../../lib/core/errors';
import { synthExample, synthJson } from '../helpers';
import { ACCOUNT, all, at, fullProps, one, sid, stmts, synthPlatform } from './fixtures';

// What a first `terraform apply` on a fresh account needs, and the controls that must hold
// against a real user (issue: "first apply succeeds on a fresh account").

/** a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$*, at most 255 characters (EC2 API). */
const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

function ec2Texts(json: any): string[] {
  const out: string[] = [];
  for (const sg of all(json, 'aws_security_group')) out.push(sg.description, sg.name);
  for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'])
    for (const r of all(json, type)) out.push(r.description);
  return out.filter((t) => t !== undefined);
}

/** The multi-tenant example, synthesized once for the tests that only read it. */
let multiTenantSynth: ReturnType<typeof synthExample> | undefined;
const multiTenant = () => (multiTenantSynth ??= synthExample(awsMultiTenantExample));

const keyPolicy = (json: any) => stmts(one(json, 'aws_kms_key').policy);
const statement = (st: any[], id: string) => st.find((s: any) => s.Sid === id);

describe('first apply on a fresh account', () => {
  let json: any;
  let studio: any;
  let tenants: any;
  beforeAll(() => {
    json = synthPlatform(fullProps()).json;
    studio = synthExample(awsSageMakerStudioExample).json;
    tenants = multiTenant().json;
  });

  test("AWS-04 security group and rule descriptions use only characters EC2 accepts (no ' in the per-user group)", () => {
    for (const j of [json, studio, tenants]) {
      const texts = ec2Texts(j);
      expect(texts.length).toBeGreaterThan(10);
      expect(texts.filter((t) => !EC2_TEXT.test(t))).toEqual([]);
    }
    const bob = at(json, 'aws_security_group', 'user-bob/sg')[0];
    expect(bob.description).toBe('Studio user bob: traffic between the apps of this user only');
  });

  test('AWS-22 the key policy follows the CloudTrail documentation (encrypt with context and source, DescribeKey without context, Decrypt for the S3 Bucket Key)', () => {
    const st = keyPolicy(json);
    const trailArn = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/${one(json, 'aws_cloudtrail').name}`;
    expect(statement(st, 'CloudTrailEncryptLogs')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*`,
        },
        StringEquals: { 'aws:SourceArn': [trailArn], 'aws:SourceAccount': ACCOUNT },
      },
    });
    const describe = statement(st, 'CloudTrailDescribeKey');
    expect(describe.Action).toBe('kms:DescribeKey');
    expect(JSON.stringify(describe.Condition)).not.toContain('EncryptionContext');
    expect(describe.Condition).toEqual({
      StringEquals: { 'aws:SourceArn': [trailArn], 'aws:SourceAccount': ACCOUNT },
    });
    // the trail bucket uses an S3 Bucket Key with the same key
    const trailBucketSse = at(
      json,
      'aws_s3_bucket_server_side_encryption_configuration',
      'trail-bucket',
    )[0];
    expect(trailBucketSse.rule[0].bucket_key_enabled).toBe(true);
    expect(statement(st, 'CloudTrailDecryptForBucketKey')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:Decrypt',
    });
    // no CloudTrail statement lets the service use the key for another trail (confused deputy)
    const cloudTrail = st.filter((s: any) =>
      [].concat(s.Principal?.Service ?? []).includes('cloudtrail.amazonaws.com' as never),
    );
    expect(cloudTrail.map((s: any) => s.Sid)).toEqual([
      'CloudTrailEncryptLogs',
      'CloudTrailDescribeKey',
      'CloudTrailDecryptForBucketKey',
    ]);
    for (const s of cloudTrail)
      expect(s.Condition.StringEquals).toEqual({
        'aws:SourceArn': [trailArn],
        'aws:SourceAccount': ACCOUNT,
      });
    // auditors read the log files: under the trail's context, and through S3 under the trail
    // bucket's, the context S3 decrypts a Bucket Key with (aws:s3:arn = the bucket ARN)
    const readers = statement(st, 'CloudTrailLogReaders');
    expect(readers).toMatchObject({
      Action: 'kms:Decrypt',
      Condition: { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } },
    });
    const trailBucket = at(json, 'aws_s3_bucket', 'trail-bucket/bucket')[0].bucket;
    expect(trailBucket).toMatch(/^[a-z0-9.-]+$/);
    expect(statement(st, 'CloudTrailLogReadersBucketKey')).toEqual({
      Sid: 'CloudTrailLogReadersBucketKey',
      Effect: 'Allow',
      Principal: readers.Principal,
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 's3.eu-west-1.amazonaws.com',
          'kms:EncryptionContext:aws:s3:arn': [`arn:aws:s3:::${trailBucket}`],
        },
      },
    });
  });

  test('AWS-05 no principal can grant itself key use through the account statement; the deployer is named and limited to services and AWS-resource grants', () => {
    for (const j of [json, studio]) {
      const st = keyPolicy(j);
      const root = `arn:aws:iam::${ACCOUNT}:root`;
      const rootGrants = st.filter(
        (s: any) =>
          s.Effect === 'Allow' &&
          [].concat(s.Principal?.AWS ?? []).includes(root as never) &&
          [].concat(s.Action).includes('kms:CreateGrant' as never) &&
          !s.Condition?.ArnLike?.['aws:PrincipalArn'],
      );
      expect(rootGrants).toEqual([]);
      expect(statement(st, 'AllowGrantsForAwsResources')).toBeUndefined();
      expect(statement(st, 'KeyAdministration').Action).not.toContain('kms:CreateGrant');
    }
    const st = keyPolicy(studio);
    const deployer = 'arn:aws:iam::123456789012:role/terraform-deployer'; // the example's account
    expect(statement(st, 'DeployerUseViaServices')).toMatchObject({
      Principal: { AWS: [deployer] },
      Condition: {
        StringEquals: {
          'kms:ViaService': [
            'backup.eu-west-1.amazonaws.com',
            'elasticfilesystem.eu-west-1.amazonaws.com',
            'sagemaker.eu-west-1.amazonaws.com',
          ],
        },
      },
    });
    // AWS Backup: CreateBackupVault with a customer managed key needs these for the caller
    expect(statement(st, 'DeployerUseViaServices').Action).toEqual(
      expect.arrayContaining([
        'kms:DescribeKey',
        'kms:RetireGrant',
        'kms:Decrypt',
        'kms:GenerateDataKey',
      ]),
    );
    expect(statement(st, 'DeployerGrantsForAwsResources')).toMatchObject({
      Principal: { AWS: [deployer] },
      Action: 'kms:CreateGrant',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    });
    // AWS Backup uses the caller's and the backup role's permissions, not a service principal
    expect(JSON.stringify(st)).not.toContain('backup.amazonaws.com');
    const backupRole = st.find((s: any) => String(s.Principal?.AWS).includes('backup-role'));
    expect(backupRole.Condition.StringEquals['kms:ViaService']).toEqual([
      'backup.eu-west-1.amazonaws.com',
    ]);
  });

  test('AWS-07 global bucket names carry the account and region: unique per account, stable across synths', () => {
    const names = (account: string) =>
      all(
        synthPlatform({ environment: 'dev', authMode: AuthMode.IAM, accountId: account }).json,
        'aws_s3_bucket',
      )
        .map((b: any) => b.bucket)
        .sort();
    const a = names('111111111111');
    const b = names('222222222222');
    expect(a).toEqual(names('111111111111'));
    for (const n of a) expect(n).toMatch(/^[a-z0-9-]+-111111111111-eu-west-1-[a-z0-9]{6}$/);
    for (const n of a) expect(n.length).toBeLessThanOrEqual(63);
    expect(a.filter((n: string) => b.includes(n))).toEqual([]);
    // without an account id the name takes the account from the caller identity at apply
    const dynamic = all(
      synthPlatform({ environment: 'dev', authMode: AuthMode.IAM }).json,
      'aws_s3_bucket',
    ).map((x: any) => x.bucket);
    for (const n of dynamic)
      expect(n).toContain('${data.aws_caller_identity.secure-mlops-caller.account_id}');
  });

  test('AWS-24 the pipeline role registers model versions: a model-package ARN is granted, also when no group is declared', () => {
    const pipeline = (j: any) =>
      sid(
        at(j, 'aws_iam_role_policy', 'roles/pipeline-').map((p: any) => p.policy),
        'RegisterModels',
      );
    const declared = pipeline(json);
    expect(declared.Action).toContain('sagemaker:CreateModelPackage');
    expect(declared.Resource).toContain(
      `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/churn-model/*`,
    );
    const none = pipeline(
      synthPlatform({ environment: 'dev', authMode: AuthMode.IAM, accountId: ACCOUNT }).json,
    );
    expect(none.Resource).toEqual([
      `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package-group/*`,
      `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:model-package/*`,
    ]);
  });
});

describe('controls that hold against a real user', () => {
  let json: any;
  let sso: { json: any; platform: SageMakerStudioDomain; stack: TerraformStack };
  beforeAll(() => {
    json = synthPlatform(fullProps()).json;
    const s = synthPlatform(
      fullProps({
        authMode: AuthMode.SSO,
        userProfiles: [{ name: 'dana', persona: Persona.DATA_SCIENTIST }],
        spaces: [],
      }),
    );
    sso = { json: s.json, platform: s.platform, stack: s.stack };
  });

  const allPolicies = (j: any) =>
    [...all(j, 'aws_iam_policy'), ...all(j, 'aws_iam_role_policy')].map((p: any) => p.policy);

  test('AWS-18 role isolation: users pass only their own per-user execution role (the IAM path carries the user)', () => {
    const bob = at(json, 'aws_iam_role', 'user-bob/execution-role')[0];
    expect(bob.path).toMatch(/^\/secure-mlops\/[a-z0-9]{8}\/bob\/$/);
    const own =
      /^arn:aws:iam::111111111111:role\/secure-mlops\/[a-z0-9]{8}\/\$\$\{aws:PrincipalTag\/studiouserid\}\/\*$/;
    for (const [policies, sidName] of [
      [
        at(json, 'aws_iam_role_policy', 'roles/data-scientist-').map((p: any) => p.policy),
        'PassExecutionRoleToSageMaker',
      ],
      [
        at(json, 'aws_iam_policy', 'studio-roles/data-scientist/policy').map((p: any) => p.policy),
        'PassExecutionRoleToJobs',
      ],
    ] as Array<[string[], string]>) {
      const pass = sid(policies, sidName);
      const userRoles = pass.Resource.filter((r: string) => r.includes('secure-mlops'));
      expect(userRoles).toHaveLength(1);
      expect(userRoles[0]).toMatch(own);
    }
    // only the admin, who creates the profiles, may pass every per-user role
    const wide = allPolicies(json).flatMap((p: string) =>
      stmts(p)
        .filter((s: any) => [].concat(s.Action).includes('iam:PassRole' as never))
        .flatMap((s: any) => [].concat(s.Resource))
        .filter((r: string) => /secure-mlops\/[a-z0-9]{8}\/\*$/.test(r)),
    );
    expect(wide).toHaveLength(1);
    expect(
      sid(
        at(json, 'aws_iam_role_policy', 'roles/ml-admin-').map((p: any) => p.policy),
        'PassExecutionRoles',
      ).Resource,
    ).toEqual(expect.arrayContaining(wide));
  });

  test('AWS-18 Studio roles read the logs of SageMaker jobs (the SDK tails them while a job runs); a tenant only those of its own jobs', () => {
    const ds = at(json, 'aws_iam_policy', 'studio-roles/workspace-policy')[0].policy;
    expect(sid([ds], 'ReadJobLogs')).toEqual({
      Sid: 'ReadJobLogs',
      Effect: 'Allow',
      Action: ['logs:GetLogEvents', 'logs:FilterLogEvents'],
      Resource: [
        `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/sagemaker/*Jobs`,
        `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/sagemaker/*Jobs:*`,
      ],
    });
    // the log groups are the account's: a tenant reads the streams of jobs named after it
    const retail = all(multiTenant().json, 'aws_iam_policy').find((p: any) =>
      String(p['//'].metadata.path).endsWith('retail/studio-roles/workspace-policy'),
    );
    expect(sid([retail.policy], 'ReadJobLogs')).toEqual({
      Sid: 'ReadJobLogs',
      Effect: 'Allow',
      Action: 'logs:GetLogEvents',
      Resource:
        'arn:aws:logs:eu-central-1:111111111111:log-group:/aws/sagemaker/*Jobs:log-stream:retail-*',
    });
  });

  test("AWS-18 role isolation: apps only in the caller's own private spaces and in shared spaces", () => {
    const ds = at(json, 'aws_iam_policy', 'studio-roles/workspace-policy')[0].policy;
    const domain = '${aws_sagemaker_domain.studio_domain_F1B3BB3C.id}';
    const appActions = stmts(ds).filter((s: any) =>
      [].concat(s.Action).includes('sagemaker:CreateApp' as never),
    );
    expect(appActions.map((s: any) => s.Sid)).toEqual([
      'OwnPrivateSpaceApps',
      'SharedSpaceApps',
      'OwnProfileApps',
    ]);
    expect(sid([ds], 'OwnPrivateSpaceApps').Condition).toEqual({
      ArnLike: {
        'sagemaker:OwnerUserProfileArn': `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:user-profile/${domain}/$\${sagemaker:UserProfileName}`,
      },
      StringEquals: { 'sagemaker:SpaceSharingType': ['Private'] },
    });
    expect(sid([ds], 'SharedSpaceApps').Condition).toEqual({
      StringEquals: { 'sagemaker:SpaceSharingType': ['Shared'] },
    });
    expect(sid([ds], 'OwnProfileApps').Resource).toBe(
      `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:app/${domain}/$\${sagemaker:UserProfileName}/*`,
    );
    // no role may create apps of any profile without one of these conditions
    for (const p of allPolicies(json))
      for (const s of stmts(p).filter(
        (x: any) =>
          x.Effect === 'Allow' && [].concat(x.Action).includes('sagemaker:CreateApp' as never),
      ))
        expect(s.Condition ?? {}).not.toEqual({});
  });

  test('AWS-10 SSO domains grant no presigned-URL permission and say so at synth', () => {
    expect(allPolicies(sso.json).join('\n')).not.toContain('CreatePresignedDomainUrl');
    const infos = sso.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => /info/.test(m.type)))
      .map((m) => String(m.data));
    expect(infos.join('\n')).toContain(
      'sagemaker:CreatePresignedDomainUrl works for IAM domains only',
    );
    // IAM domains keep the AWS-10 statement
    expect(allPolicies(json).join('\n')).toContain('CreatePresignedDomainUrl');
  });

  test('AWS-10 IAM mode: the studiouserid session tag and source identity cannot be forged', () => {
    const trust = stmts(at(json, 'aws_iam_role', 'roles/data-scientist')[0].assume_role_policy);
    expect(statement(trust, 'TrustPrincipals').Action).toBe('sts:AssumeRole');
    expect(statement(trust, 'TrustPrincipalsOwnSessionTag')).toMatchObject({
      Action: 'sts:TagSession',
      Condition: {
        StringEquals: { 'aws:RequestTag/studiouserid': '$${aws:PrincipalTag/studiouserid}' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['studiouserid'] },
      },
    });
    expect(statement(trust, 'TrustPrincipalsOwnSourceIdentity')).toMatchObject({
      Action: 'sts:SetSourceIdentity',
      Condition: { StringEquals: { 'sts:SourceIdentity': '$${aws:PrincipalTag/studiouserid}' } },
    });
    // no statement allows TagSession without the condition
    for (const r of all(json, 'aws_iam_role'))
      for (const s of stmts(r.assume_role_policy))
        if ([].concat(s.Action).includes('sts:TagSession' as never))
          expect(s.Condition?.StringEquals?.['aws:RequestTag/studiouserid']).toBeDefined();
  });

  test('X-02 ML engineers do not run as the TRAINING role: each Studio persona has its own execution role', () => {
    const profiles = all(json, 'aws_sagemaker_user_profile');
    const exec = (name: string) =>
      profiles.find((p: any) => p.user_profile_name === name).user_settings.execution_role;
    expect(exec('carol')).toContain('studio-roles_ml-engineer_role');
    expect(exec('alice')).toContain('studio-roles_data-scientist_role');
    for (const p of profiles)
      expect(p.user_settings.execution_role).not.toContain('roles_execution');
    const domain = one(json, 'aws_sagemaker_domain');
    expect(domain.default_user_settings.execution_role).not.toContain('roles_execution');
    const mle = at(json, 'aws_iam_policy', 'studio-roles/ml-engineer/policy')[0].policy;
    expect(sid([mle], 'NoTrainingRights').Effect).toBe('Deny');
    // the pipeline role only: a pipeline run as the ML engineer's own role fails at its first
    // training step (NoTrainingRights), so the pipeline may not be created with it
    expect(sid([mle], 'PassPipelineRole').Resource).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role\.studio_roles_pipeline_[0-9A-F]+\.arn\}$/),
    ]);
    const human = at(json, 'aws_iam_role_policy', 'roles/ml-engineer-').map((p: any) => p.policy);
    expect(sid(human, 'PassPipelineRole').Resource).toEqual(
      sid([mle], 'PassPipelineRole').Resource,
    );
    // the TRAINING role opens no Studio apps
    const training = at(json, 'aws_iam_policy', 'execution-policy')[0].policy;
    expect(training).not.toContain('sagemaker:CreateApp');
  });

  test('X-05 data perimeter: interface endpoint policies admit only the account (or the organization)', () => {
    const endpoints = all(json, 'aws_vpc_endpoint').filter(
      (e: any) => e.vpc_endpoint_type === 'Interface' && !e.service_name.endsWith('.studio'),
    );
    expect(endpoints).toHaveLength(8);
    for (const e of endpoints)
      expect(stmts(e.policy)[0].Condition).toEqual({
        StringEquals: { 'aws:PrincipalAccount': ACCOUNT },
      });
    const org = synthPlatform(fullProps({ organizationId: 'o-a1b2c3d4e5' })).json;
    const e = all(org, 'aws_vpc_endpoint').find((x: any) => x.service_name.endsWith('.kms'));
    expect(stmts(e.policy)[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
    });
    // the S3 gateway: principals of the organization, buckets of the platform account
    const s3 = all(org, 'aws_vpc_endpoint').find((x: any) => x.service_name.endsWith('.s3'));
    expect(stmts(s3.policy)[0].Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceAccount': ACCOUNT },
    });
  });

  test('X-05 data perimeter: the data bucket and the key deny use outside the platform network unless an AWS service calls', () => {
    const bucket = stmts(at(json, 'aws_s3_bucket_policy', 'data/policy')[0].policy);
    expect(statement(bucket, 'DataPerimeterNetwork').Condition).toMatchObject({
      StringNotEqualsIfExists: {
        'aws:SourceVpce': [
          expect.stringMatching(/^\$\{aws_vpc_endpoint\.studio_network_endpoint-s3_\w+\.id\}$/),
        ],
      },
      BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
    });
    // the deployer refreshes the bucket from outside the VPC (HeadBucket needs s3:ListBucket):
    // listing is denied outside the network to everyone but it and the workload roles
    expect(statement(bucket, 'DataPerimeterNetwork').Action).not.toContain('s3:ListBucket*');
    const list = statement(bucket, 'DataPerimeterNetworkList');
    expect(list).toMatchObject({ Effect: 'Deny', Action: 's3:ListBucket*' });
    expect(list.Condition.StringNotEqualsIfExists).toEqual(
      statement(bucket, 'DataPerimeterNetwork').Condition.StringNotEqualsIfExists,
    );
    const exempt: string[] = list.Condition.ArnNotLikeIfExists['aws:PrincipalArn'];
    expect(exempt).toEqual(
      expect.arrayContaining([
        ...statement(bucket, 'DataPerimeterNetwork').Condition.ArnNotLikeIfExists[
          'aws:PrincipalArn'
        ],
        expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[\w-]+\.issuer_arn\}$/),
      ]),
    );
    expect(statement(bucket, 'DataPerimeterIdentity').Condition.StringNotEqualsIfExists).toEqual({
      'aws:PrincipalAccount': [ACCOUNT, '222222222222'],
    });
    const key = statement(keyPolicy(json), 'DataPerimeterNetwork');
    expect(key).toMatchObject({
      Effect: 'Deny',
      Condition: {
        StringNotEqualsIfExists: {
          'aws:SourceVpce': [
            expect.stringMatching(/^\$\{aws_vpc_endpoint\.studio_network_endpoint-kms_\w+\.id\}$/),
          ],
        },
        BoolIfExists: { 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false' },
      },
    });
    expect(key.Action).not.toContain('kms:DescribeKey');
    const org = synthPlatform(fullProps({ organizationId: 'o-a1b2c3d4e5' })).json;
    expect(
      statement(keyPolicy(org), 'DataPerimeterIdentity').Condition.StringNotEqualsIfExists,
    ).toEqual({
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalAccount': ['222222222222'],
    });
    const off = synthPlatform(fullProps({ dataPerimeter: false })).json;
    expect(statement(keyPolicy(off), 'DataPerimeterNetwork')).toBeUndefined();
  });

  test('X-05 ECR pulls come from the platform account and approved registries only (no "*" account)', () => {
    for (const p of allPolicies(json)) expect(p).not.toMatch(/:ecr:[^:]*:\*:repository/);
    const withDlc = synthPlatform(
      fullProps({ approvedEcrRepositoryArns: ['arn:aws:ecr:eu-west-1:763104351884:repository/*'] }),
    ).json;
    const pull = sid(allPolicies(withDlc), 'PullImages');
    expect(pull.Resource).toEqual([
      `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/*`,
      'arn:aws:ecr:eu-west-1:763104351884:repository/*',
    ]);
    expect(() =>
      synthPlatform(
        fullProps({ approvedEcrRepositoryArns: ['arn:aws:ecr:eu-west-1:*:repository/*'] }),
      ),
    ).toThrow(ValidationError);
  });

  test('AWS-23 detective controls: the trail delivers to a KMS-encrypted log group with metric filters and alarms to the encrypted topic', () => {
    const trail = one(json, 'aws_cloudtrail');
    const group = at(json, 'aws_cloudwatch_log_group', 'audit/trail-logs')[0];
    expect(group.kms_key_id).toContain('aws_kms_key');
    expect(trail.cloud_watch_logs_group_arn).toBe(
      `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${group.name}:*`,
    );
    expect(trail.cloud_watch_logs_role_arn).toContain('trail-logs-role');
    const filters = all(json, 'aws_cloudwatch_log_metric_filter').filter((f: any) =>
      String(f.log_group_name).includes('trail-logs'),
    );
    const patterns = filters.map((f: any) => f.pattern).join('\n');
    for (const needle of [
      '($.eventName = "CreatePresignedDomainUrl") && ($.sourceIPAddress != "192.0.2.*") && ($.sourceIPAddress != "10.20.0.*")',
      '($.eventName = "DeleteDomain") || ($.eventName = "DeleteUserProfile")',
      '($.eventName = "DisableKey") || ($.eventName = "ScheduleKeyDeletion")',
      '($.eventName = "PutBucketPolicy")',
      '($.requestParameters.roleName = "mlops-prod-*")',
      // customer-managed policies (guardrails, duties) have generated names: any new version
      '($.eventName = "CreatePolicyVersion") || ($.eventName = "SetDefaultPolicyVersion")',
      // the trail itself (CIS AWS 4.5)
      '($.eventSource = "cloudtrail.amazonaws.com") && (($.eventName = "StopLogging")',
    ])
      expect(patterns).toContain(needle);
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms).toHaveLength(8);
    const topic = Object.keys(json.resource.aws_sns_topic)[0];
    for (const a of alarms) expect(a.alarm_actions).toEqual([`\${aws_sns_topic.${topic}.arn}`]);
  });

  test('AWS-23 CIDRs become metric filter wildcards', () => {
    expect(cidrPatterns('198.51.100.0/24')).toEqual(['198.51.100.*']);
    expect(cidrPatterns('10.0.0.0/8')).toEqual(['10.*']);
    expect(cidrPatterns('10.20.0.0/20')).toEqual(
      Array.from({ length: 16 }, (_, i) => `10.20.${i}.*`),
    );
    expect(cidrPatterns('192.0.2.7/32')).toEqual(['192.0.2.7']);
    expect(cidrPatterns('192.0.2.0/30')).toEqual([
      '192.0.2.0',
      '192.0.2.1',
      '192.0.2.2',
      '192.0.2.3',
    ]);
    expect(cidrPatterns('10.0.0.0/9')).toBeUndefined();
  });

  test('AWS-19 custom images cover JupyterLab and Code Editor, as UID 1000 / GID 100', () => {
    const { json: j } = synthPlatform(
      fullProps({
        customImages: [
          { appImageConfigName: 'lab', appType: StudioAppType.JUPYTER_LAB },
          { appImageConfigName: 'editor', appType: StudioAppType.CODE_EDITOR },
          { appImageConfigName: 'kernel', kernelName: 'python3' },
        ],
      }),
    );
    const configs = all(j, 'aws_sagemaker_app_image_config');
    const byName = (n: string) => configs.find((c: any) => c.app_image_config_name === n);
    expect(byName('lab').jupyter_lab_image_config.file_system_config).toMatchObject({
      default_uid: 1000,
      default_gid: 100,
    });
    expect(byName('editor').code_editor_app_image_config.file_system_config).toMatchObject({
      default_uid: 1000,
      default_gid: 100,
    });
    expect(byName('kernel').kernel_gateway_image_config.kernel_spec[0].name).toBe('python3');
    expect(() =>
      synthPlatform(fullProps({ customImages: [{ appImageConfigName: 'kernel' }] })),
    ).toThrow(/customImages\[0\].kernelName/);
  });

  test('AWS-09 a per-user role may pass only itself: its path holds its name and its tag drives the policy variable', () => {
    const { json: j } = synthPlatform(
      fullProps({
        userProfiles: [
          { name: 'eve', persona: Persona.DATA_ENGINEER, executionRole: ExecutionRoleMode.OWN },
        ],
        spaces: [],
      }),
    );
    const eve = at(j, 'aws_iam_role', 'user-eve/execution-role')[0];
    expect(eve.tags.studiouserid).toBe('eve');
    expect(eve.path).toMatch(/\/eve\/$/);
    const attached = at(j, 'aws_iam_role_policy_attachment', 'user-eve/execution-policy').map(
      (a: any) => a.policy_arn,
    );
    expect(attached[0]).toContain('studio-roles_data-engineer_policy');
  });
});

describe('a network shared from another stack (multi-stack wiring)', () => {
  test('AWS-02 PrivateNetwork without admitted buckets has no placeholder bucket in its S3 endpoint policy', () => {
    const s = new TerraformStack(Testing.app(), 'net');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    new PrivateNetwork(s, 'n', {
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000',
      accountId: '111111111111',
      expectedUsers: 10,
    });
    const j = synthJson(s);
    const s3 = all(j, 'aws_vpc_endpoint').find((e: any) => e.vpc_endpoint_type === 'Gateway');
    expect(s3.policy).not.toContain('none-admitted');
    expect(stmts(s3.policy).map((x: any) => x.Sid)).toEqual(['EcrImageLayers']);
  });

  const network = (accountId?: string) => {
    const s = new TerraformStack(Testing.app(), 'net');
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
    const n = new PrivateNetwork(s, 'n', {
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000',
      accountId,
      expectedUsers: 10,
    });
    const policy = () => {
      const j = synthJson(s);
      const s3 = all(j, 'aws_vpc_endpoint').find((e: any) => e.vpc_endpoint_type === 'Gateway');
      return { json: j, statements: stmts(s3.policy) };
    };
    return { stack: s, network: n, policy };
  };
  const bucketFinding = (j: any) =>
    evaluateStack('net', j, [new AwsMlopsChecks()], { includeCompliant: true }).findings.find(
      (f) => f.ruleId === 'AWS-02.s3-gateway-buckets',
    );

  test('AWS-02 admitted buckets are bound to the account that owns them (aws:ResourceAccount); the ECR layer bucket, owned by AWS, is not', () => {
    const { network: n, policy } = network('111111111111');
    n.allowS3Bucket('arn:aws:s3:::data-111111111111-eu-west-1-abcdef');
    const { json: j, statements: st } = policy();
    expect(st.map((x: any) => x.Sid)).toEqual(['PlatformBuckets', 'EcrImageLayers']);
    expect(statement(st, 'PlatformBuckets').Condition).toEqual({
      StringEquals: {
        'aws:PrincipalAccount': '111111111111',
        'aws:ResourceAccount': '111111111111',
      },
    });
    expect(statement(st, 'EcrImageLayers').Condition).toBeUndefined();
    expect(statement(st, 'EcrImageLayers').Resource).toEqual([
      'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*',
    ]);
    // a bucket of another stack, admitted by its name: compliant because it is bound
    expect(bucketFinding(j)?.status).toBe(ComplianceStatus.COMPLIANT);
  });

  test("AWS-02 allowS3Bucket with another account: a statement of its own, bound to that account, for the network's principals", () => {
    const { network: n, policy } = network('111111111111');
    n.allowS3Bucket('arn:aws:s3:::shared-datalake', '222222222222');
    n.allowS3Bucket('arn:aws:s3:::own-data');
    n.allowS3Bucket('arn:aws:s3:::own-logs', '111111111111'); // the network's account: merged
    const { json: j, statements: st } = policy();
    expect(st.map((x: any) => x.Sid)).toEqual([
      'PlatformBuckets',
      'BucketsOfAccount222222222222',
      'EcrImageLayers',
    ]);
    expect(statement(st, 'PlatformBuckets').Resource).toEqual([
      'arn:aws:s3:::own-data',
      'arn:aws:s3:::own-data/*',
      'arn:aws:s3:::own-logs',
      'arn:aws:s3:::own-logs/*',
    ]);
    const shared = statement(st, 'BucketsOfAccount222222222222');
    expect(shared.Resource).toEqual([
      'arn:aws:s3:::shared-datalake',
      'arn:aws:s3:::shared-datalake/*',
    ]);
    expect(shared.Condition).toEqual({
      StringEquals: {
        'aws:PrincipalAccount': '111111111111',
        'aws:ResourceAccount': '222222222222',
      },
    });
    expect(bucketFinding(j)?.status).toBe(ComplianceStatus.COMPLIANT);
  });

  test('AWS-02 without a literal account: bound to the aws_caller_identity account; another account given as a token gets a numbered statement', () => {
    const { stack: s, network: n, policy } = network();
    n.allowS3Bucket('arn:aws:s3:::own-data');
    const other = new TerraformVariable(s, 'data_account', { type: 'string' });
    n.allowS3Bucket('arn:aws:s3:::shared-datalake', other.stringValue);
    const { json: j, statements: st } = policy();
    expect(st.map((x: any) => x.Sid)).toEqual([
      'PlatformBuckets',
      'BucketsOfAccount1',
      'EcrImageLayers',
    ]);
    expect(statement(st, 'PlatformBuckets').Condition.StringEquals['aws:ResourceAccount']).toMatch(
      /^\$\{data\.aws_caller_identity\.[^.]+\.account_id\}$/,
    );
    expect(statement(st, 'BucketsOfAccount1').Condition.StringEquals['aws:ResourceAccount']).toBe(
      '${var.data_account}',
    );
    // bound to the deployer's account: yes; to a variable: the rule cannot tell
    const f = bucketFinding(j);
    expect(f?.status).toBe(ComplianceStatus.UNKNOWN);
    expect(f?.reason).toMatch(/aws:ResourceAccount is \$\{var\.data_account\}/);
    expect(f?.reason).not.toMatch(/own-data/);
  });

  test('allowS3Bucket refuses an account id that is not 12 digits', () => {
    const { network: n } = network('111111111111');
    expect(() => n.allowS3Bucket('arn:aws:s3:::shared', '2222')).toThrow(ValidationError);
    expect(() => n.allowS3Bucket('arn:aws:s3:::shared', '2222')).toThrow(
      /allowS3Bucket\.accountId.*12-digit AWS account id/s,
    );
  });
});
