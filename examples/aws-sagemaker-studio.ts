// One production SageMaker Studio domain (IAM Identity Center), built with SageMakerStudioDomain.
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AuthMode, AwsMlopsChecks, ExecutionRoleMode, SageMakerStudioDomain } from '../lib/aws';
import { Compliance, Persona } from '../lib/core';

// Its own account: the examples app also holds the multi-stack platform in 111111111111 and
// eu-west-1, and two platforms in one account and Region would both create the account-level
// /aws/sagemaker/* log groups (synth fails naming both).
const ACCOUNT = '123456789012';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
// IAM Identity Center permission-set roles live under this path; trust policies need the full ARN.
const ssoRole = (permissionSet: string) =>
  role(`aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_${permissionSet}_0123456789abcdef`);

/** A production Studio domain in eu-west-1 with SSO, personas, users, registry and audit. */
export function awsSageMakerStudioExample(app: App): TerraformStack[] {
  const stack = new TerraformStack(app, 'aws-sagemaker-studio');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: [ACCOUNT] });

  new SageMakerStudioDomain(stack, 'ml-platform', {
    environment: 'prod',
    authMode: AuthMode.SSO,
    accountId: ACCOUNT,
    // The role the CI pipeline runs Terraform with (it must exist before the first apply).
    deployerPrincipalArns: [role('terraform-deployer')],
    network: { vpcCidr: '10.20.0.0/20', expectedUsers: 100 },
    personas: {
      [Persona.PLATFORM_ADMIN]: [ssoRole('MLPlatformAdmin')],
      [Persona.ML_ENGINEER]: [ssoRole('MLEngineer')],
      [Persona.DATA_SCIENTIST]: [ssoRole('DataScientist')],
      [Persona.MODEL_VIEWER]: [ssoRole('ModelViewer')],
      [Persona.AUDITOR]: [ssoRole('SecurityAuditor')],
      [Persona.DEPLOYMENT]: [role('github-actions-deployer')],
    },
    userProfiles: [
      { name: 'alice', persona: Persona.DATA_SCIENTIST, ssoUserName: 'alice@example.com' },
      {
        name: 'bruno',
        persona: Persona.DATA_SCIENTIST,
        ssoUserName: 'bruno@example.com',
        executionRole: ExecutionRoleMode.OWN,
      },
      { name: 'chen', persona: Persona.ML_ENGINEER, ssoUserName: 'chen@example.com' },
    ],
    allowedInstanceTypes: [
      'ml.t3.medium',
      'ml.t3.large',
      'ml.m5.large',
      'ml.m5.xlarge',
      'ml.g4dn.xlarge',
      'system',
    ],
    presignedUrl: { sourceIps: ['198.51.100.0/24'] },
    // AWS Deep Learning Containers of eu-west-1, for training and processing images.
    approvedEcrRepositoryArns: ['arn:aws:ecr:eu-west-1:763104351884:repository/*'],
    idleTimeoutMinutes: 60,
    modelPackageGroups: [
      {
        name: 'churn-prediction',
        description: 'Customer churn models',
        consumerAccounts: ['222222222222'],
      },
    ],
    tags: { owner: 'ml-platform-team', costCenter: 'cc-1234', dataClassification: 'confidential' },
    allowedRegions: ['eu-west-1'],
    efsBackup: { deleteAfterDays: 35 },
  });

  Compliance.of(app).addPack(new AwsMlopsChecks());
  return [stack];
}
