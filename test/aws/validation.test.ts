import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AuditTrail,
  AuthMode,
  CapacityPlanner,
  GuardrailPolicies,
  ModelRegistry,
  MultiTenantStudio,
  PersonaRoles,
  PlatformKey,
  PrivateNetwork,
  SageMakerStudioDomain,
  SageMakerStudioDomainProps,
  SecureBucket,
} from '../../lib/aws';
import { Persona } from '../../lib/core';
import { ValidationError } from '../../lib/core/errors';
import { synthJson } from '../helpers';
import { role } from './fixtures';

function stack(region = 'eu-west-1'): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'ml');
  new AwsProvider(s, 'aws', { region });
  return s;
}

const base: SageMakerStudioDomainProps = {
  environment: 'prod',
  authMode: AuthMode.SSO,
  accountId: '111111111111',
};
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000';

function domainError(props: Partial<SageMakerStudioDomainProps>, region?: string): ValidationError {
  try {
    const s = stack(region);
    new SageMakerStudioDomain(s, 'studio', { ...base, ...props });
    synthJson(s);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('SageMakerStudioDomain input validation (X-10)', () => {
  test('auth mode must be IAM or SSO (AWS-08)', () => {
    expect(domainError({ authMode: 'OIDC' as AuthMode }).message).toContain(
      "authMode: got 'OIDC'; allowed: AuthMode.IAM or AuthMode.SSO (chosen explicitly; it cannot change after creation)",
    );
  });

  test('an account as a principal of a perimeter-exempt workload role is reported with the other problems, in one error', () => {
    const e = domainError({
      personas: { [Persona.DEPLOYMENT]: ['111111111111'] },
      allowedInstanceTypes: ['ml.t3.medium'],
    });
    expect(e.problems.map((p) => p.prop)).toEqual(
      expect.arrayContaining(['personas.DEPLOYMENT[0]', 'allowedInstanceTypes']),
    );
    expect(e.message).toContain('not an account');
  });

  test('an instance-type list without system is rejected (AWS-12)', () => {
    const e = domainError({ allowedInstanceTypes: ['ml.t3.medium'] });
    expect(e.message).toContain(
      "Invalid input for ml/studio:\n  - allowedInstanceTypes: got '[\"ml.t3.medium\"]'; allowed: a list that includes 'system'",
    );
  });

  test('a profile name SageMaker rejects, duplicates, workload personas and SSO names in IAM mode are rejected', () => {
    const e = domainError({
      authMode: AuthMode.IAM,
      userProfiles: [
        { name: 'alice_smith', persona: Persona.DATA_SCIENTIST },
        { name: 'bob', persona: Persona.DATA_SCIENTIST, ssoUserName: 'bob@example.com' },
        { name: 'bob', persona: Persona.TRAINING },
      ],
    });
    expect(e.problems.map((p) => p.prop)).toEqual([
      'userProfiles[0].name',
      'userProfiles[1].ssoUserName',
      'userProfiles[2].name',
      'userProfiles[2].persona',
    ]);
    expect(e.message).toContain(
      "userProfiles[0].name: got 'alice_smith'; allowed: 1-63 letters, digits and hyphens",
    );
  });

  test('a region outside the allowed set is rejected (X-07)', () => {
    expect(
      domainError({ allowedRegions: ['eu-west-1', 'eu-central-1'] }, 'us-east-1').message,
    ).toContain(
      "allowedRegions: got 'us-east-1 (provider region)'; allowed: the provider region must be one of [eu-west-1, eu-central-1]",
    );
  });

  test('a key location outside the allowed regions fails synth (X-07)', () => {
    const e = domainError({
      encryption: {
        kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/0f0f0f0f-0000-4000-8000-000000000000',
      },
    });
    expect(e.message).toMatch(
      /got 'us-east-1'; allowed: a location in allowedRegions \[eu-west-1\]/,
    );
  });

  test('a KMS key id instead of an ARN is rejected (the sharing settings need the ARN)', () => {
    expect(
      domainError({ encryption: { kmsKeyArn: '0f0f0f0f-0000-4000-8000-000000000000' } }).message,
    ).toContain(
      "encryption.kmsKeyArn: got '0f0f0f0f-0000-4000-8000-000000000000'; allowed: an ARN of kms such as arn:aws:kms:eu-west-1:111111111111:key/",
    );
  });

  test('other props: environment, idle timeout, presigned IPs and endpoint ids, spaces, schedules, tenant id', () => {
    const e = domainError({
      environment: 'prod env',
      idleTimeoutMinutes: 30,
      presignedUrl: { sourceIps: ['10.0.0.1/8'], sourceVpceIds: ['endpoint-1'] },
      spaces: [{ name: 'team', ownerProfileName: 'nobody' }],
      scheduledPipelines: [{ pipelineName: 'train', scheduleExpression: 'every day' }],
      tenantId: 'Retail',
    });
    expect(e.problems.map((p) => p.prop)).toEqual([
      'environment',
      'tenantId',
      'presignedUrl.sourceIps[0]',
      'presignedUrl.sourceVpceIds[0]',
      'idleTimeoutMinutes',
      'spaces[0].ownerProfileName',
      'scheduledPipelines[0].scheduleExpression',
    ]);
    expect(e.message).toContain(
      "idleTimeoutMinutes: got '30'; allowed: an integer from 60 to 525600",
    );
  });

  test('deployer principals, organization id, ECR registries and custom images', () => {
    const e = domainError({
      deployerPrincipalArns: ['terraform-deployer'],
      organizationId: 'org-1',
      approvedEcrRepositoryArns: ['arn:aws:ecr:eu-west-1:*:repository/*'],
      customImages: [{ appImageConfigName: 'team_image' }],
    });
    expect(e.problems.map((p) => p.prop)).toEqual([
      'deployerPrincipalArns[0]',
      'organizationId',
      'customImages[0].appImageConfigName',
      'customImages[0].kernelName',
      'approvedEcrRepositoryArns[0]',
    ]);
    expect(e.message).toContain(
      "approvedEcrRepositoryArns[0]: got 'arn:aws:ecr:eu-west-1:*:repository/*'; allowed: an ECR repository ARN (or pattern) in a named account",
    );
  });

  test('a persona mapped to a principal that also holds a conflicting persona is rejected (X-02)', () => {
    const e = domainError({
      personas: { [Persona.DATA_SCIENTIST]: [role('team')], [Persona.ML_ENGINEER]: [role('team')] },
    });
    expect(e.message).toContain(
      `personas: got '${role('team')} as DATA_SCIENTIST and ML_ENGINEER'`,
    );
    expect(e.message).toContain('model registration and model approval are maker and checker');
  });

  test('a persona principal that is not an IAM ARN or account id is rejected', () => {
    expect(
      domainError({ personas: { [Persona.AUDITOR]: ['auditors@example.com'] } }).message,
    ).toContain(
      "personas.AUDITOR[0]: got 'auditors@example.com'; allowed: an IAM role or user ARN such as arn:aws:iam::111111111111:role/data-scientists, or a 12-digit account id",
    );
  });

  test('fewer than two AZs is rejected (created VPC and existing subnets)', () => {
    expect(domainError({ network: { availabilityZoneCount: 1 } }).message).toContain(
      "availabilityZoneCount: got '1'; allowed: at least 2 Availability Zones",
    );
    expect(
      domainError({ network: { vpcId: 'vpc-0abc0abc', subnetIds: ['subnet-0000000a'] } }).message,
    ).toContain(
      'subnetIds: got \'["subnet-0000000a"]\'; allowed: private subnets in at least two Availability Zones',
    );
    expect(
      domainError({
        network: {
          vpcId: 'vpc-0abc0abc',
          subnetIds: ['subnet-0000000a', 'subnet-0000000b'],
          subnetAvailabilityZones: ['eu-west-1a', 'eu-west-1a'],
        },
      }).message,
    ).toContain('allowed: at least two distinct Availability Zones');
  });

  test('overlapping, out-of-VPC and too-small subnets are rejected with the capacity plan (AWS-03)', () => {
    const e = domainError({
      network: {
        vpcId: 'vpc-0abc0abc',
        existingVpcCidr: '10.0.0.0/16',
        subnetIds: ['subnet-0000000a', 'subnet-0000000b', 'subnet-0000000c'],
        subnetCidrs: ['10.0.0.0/24', '10.0.0.128/25', '10.1.0.0/22'],
      },
    });
    expect(e.message).toContain(
      "subnetCidrs: got '10.0.0.0/24 and 10.0.0.128/25'; allowed: non-overlapping subnet CIDRs",
    );
    expect(e.message).toContain(
      "subnetCidrs: got '10.1.0.0/22'; allowed: a subnet inside the VPC CIDR 10.0.0.0/16",
    );
    expect(e.message).toContain(
      "subnetCidrs: got '10.0.0.0/24 has 251 usable IPs, 10.0.0.128/25 has 123 usable IPs'; allowed: subnets with at least 510 usable IPs each (AWS-03 capacity plan: 500 user-level + 10 domain-level IPs per subnet); use /22 or larger",
    );
  });

  test('a VPC CIDR too small for the planned subnets is rejected (AWS-03)', () => {
    expect(
      domainError({ network: { vpcCidr: '10.0.0.0/22', expectedUsers: 100 } }).message,
    ).toContain(
      "vpcCidr: got '10.0.0.0/22'; allowed: a VPC CIDR that holds 3 subnets of /22 (510 IPs each for 100 users), i.e. /20 or larger",
    );
  });
});

describe('parts: input validation', () => {
  test('PlatformKey rotation and deletion window', () => {
    expect(
      () => new PlatformKey(stack(), 'key', { rotationPeriodDays: 400, deletionWindowDays: 3 }),
    ).toThrow(
      /rotationPeriodDays: got '400'; allowed: an integer from 90 to 365\n {2}- deletionWindowDays: got '3'; allowed: 30 \(AWS-05 keeps a 30-day deletion window/,
    );
  });

  test('PlatformKey deployer principals are IAM ARNs, and at least one when given', () => {
    expect(() => new PlatformKey(stack(), 'key', { deployerPrincipalArns: [] })).toThrow(
      /deployerPrincipalArns: got '\[\]'; allowed: at least one IAM role or user ARN/,
    );
    expect(
      () => new PlatformKey(stack(), 'key', { deployerPrincipalArns: ['arn:aws:s3:::bucket'] }),
    ).toThrow(/deployerPrincipalArns\[0\]/);
  });

  test('SecureBucket configuration changes stay with at least one named IAM principal (else nobody, the deployer included, could apply)', () => {
    const b = new SecureBucket(stack(), 'b', { serverAccessLogTarget: true });
    expect(() => b.restrictConfigurationChanges([])).toThrow(ValidationError);
    expect(() => b.restrictConfigurationChanges([])).toThrow(
      /restrictConfigurationChanges\.principalArns: got '\[\]'; allowed: at least one IAM role or user ARN/,
    );
    expect(() => b.restrictConfigurationChanges(['arn:aws:s3:::bucket'])).toThrow(
      /restrictConfigurationChanges\.principalArns\[0\]/,
    );
    // a JavaScript, Python or Java caller can pass nothing: a deny with no exemption is refused
    expect(() => b.restrictConfigurationChanges(undefined as any)).toThrow(
      /restrictConfigurationChanges\.principalArns: got 'undefined'/,
    );
    // one deny per bucket: a second call would add a second statement with the same Sid
    b.restrictConfigurationChanges(['arn:aws:iam::111111111111:role/deployer']);
    expect(() => b.restrictConfigurationChanges(['arn:aws:iam::111111111111:role/other'])).toThrow(
      /one call per bucket/,
    );
  });

  test('SecureBucket needs a KMS key and a log bucket unless it is a log target', () => {
    expect(() => new SecureBucket(stack(), 'b', { bucketName: 'Bad_Name' })).toThrow(
      /bucketName: got 'Bad_Name'.*\n.*kmsKeyArn: got 'undefined'.*\n.*accessLogBucket/,
    );
  });

  test('GuardrailPolicies instance types and image ARNs', () => {
    expect(
      () =>
        new GuardrailPolicies(stack(), 'g', {
          subnetIds: [],
          securityGroupIds: [],
          allowedInstanceTypes: ['t3.medium'],
          approvedImageArns: ['my-image'],
        }),
    ).toThrow(
      /allowedInstanceTypes\[0\]: got 't3.medium'.*\n.*approvedImageArns\[0\]: got 'my-image'/,
    );
  });

  test('ModelRegistry names and consumer accounts', () => {
    expect(
      () =>
        new ModelRegistry(stack(), 'r', {
          groups: [{ name: 'churn_model', consumerAccounts: ['12345'] }],
        }),
    ).toThrow(
      /groups\[0\].name: got 'churn_model'.*\n.*groups\[0\].consumerAccounts\[0\]: got '12345'; allowed: a 12-digit AWS account id/,
    );
  });

  test('AuditTrail retention', () => {
    const s = stack();
    const logs = new SecureBucket(s, 'logs', { serverAccessLogTarget: true });
    expect(
      () =>
        new AuditTrail(s, 'a', { kmsKeyArn: KEY, accessLogBucket: logs, logRetentionDays: 100 }),
    ).toThrow(/logRetentionDays: got '100'; allowed: one of 1, 3, 5/);
  });

  test('PersonaRoles SoD exceptions need a reason', () => {
    expect(
      () =>
        new PersonaRoles(stack(), 'r', {
          personas: { [Persona.PLATFORM_ADMIN]: [role('x')], [Persona.AUDITOR]: [role('x')] },
          sodExceptions: [
            {
              principal: role('x'),
              personas: [Persona.PLATFORM_ADMIN, Persona.AUDITOR],
              reason: 'tiny',
            },
          ],
        }),
    ).toThrow(/sodExceptions\[0\].reason: got 'tiny'; allowed: a reason of at least 10 characters/);
  });

  test('PrivateNetwork capacity inputs', () => {
    expect(
      () => new PrivateNetwork(stack(), 'n', { kmsKeyArn: KEY, capacity: { users: 0 } }),
    ).toThrow(/capacity: .*users must be an integer >= 1 \(got 0\)/);
  });

  test('MultiTenantStudio tenant ids', () => {
    expect(
      () =>
        new MultiTenantStudio(stack(), 'm', {
          environment: 'prod',
          authMode: AuthMode.IAM,
          tenants: [{ tenantId: 'a' }, { tenantId: 'a' }, { tenantId: 'B_1' }],
        }),
    ).toThrow(
      /tenants\[1\].tenantId: got 'a'; allowed: tenant ids that appear once \(the same as tenants\[0\].tenantId\)\n.*tenants\[2\].tenantId: got 'B_1'/,
    );
  });

  test('CapacityPlanner rejects bad inputs', () => {
    expect(CapacityPlanner.validate({ users: 10, subnetCount: 0 })).toEqual([
      'subnetCount must be an integer >= 1 (got 0)',
    ]);
  });
});
