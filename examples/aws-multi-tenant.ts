// Several tenants in one account: one SageMaker domain per tenant, tag-isolated (AWS-30).
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AuthMode, AwsMlopsChecks, MultiTenantStudio } from '../lib/aws';
import { Compliance, Persona } from '../lib/core';

const ACCOUNT = '111111111111';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Three lines of business, each with its own domain, key, bucket, roles and registry. */
export function awsMultiTenantExample(app: App): TerraformStack[] {
  const stack = new TerraformStack(app, 'aws-multi-tenant');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1', allowedAccountIds: [ACCOUNT] });

  new MultiTenantStudio(stack, 'ml-tenants', {
    environment: 'prod',
    authMode: AuthMode.IAM,
    accountId: ACCOUNT,
    deployerPrincipalArns: [role('terraform-deployer')],
    network: { vpcCidr: '10.40.0.0/20', expectedUsers: 60 },
    tags: { owner: 'ml-platform-team', costCenter: 'shared-ml' },
    allowedRegions: ['eu-central-1'],
    tenants: ['retail', 'risk', 'marketing'].map((t) => ({
      tenantId: t,
      costCenter: `cc-${t}`,
      personas: {
        [Persona.PLATFORM_ADMIN]: [role(`${t}-ml-admins`)],
        [Persona.DATA_SCIENTIST]: [role(`${t}-data-scientists`)],
        [Persona.ML_ENGINEER]: [role(`${t}-ml-engineers`)],
      },
      userProfiles: [
        { name: `${t}-ds-1`, persona: Persona.DATA_SCIENTIST },
        { name: `${t}-mle-1`, persona: Persona.ML_ENGINEER },
      ],
      modelPackageGroups: [{ name: `${t}-models` }],
    })),
  });

  Compliance.of(app).addPack(new AwsMlopsChecks());
  return [stack];
}
