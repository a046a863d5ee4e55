// AWS-* / X-10 property: the AWS platform constructs (SageMakerStudioDomain, MultiTenantStudio)
// never accept bad input silently. Random mutations of a fully featured baseline either
// synthesize with no ERROR finding of the AWS pack, or throw one ValidationError whose every
// problem names a prop; never a TypeError.
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AuthMode,
  AwsMlopsChecks,
  MultiTenantStudio,
  MultiTenantStudioProps,
  SageMakerStudioDomain,
  SageMakerStudioDomainProps,
} from '../../lib/aws';
import { Persona, RemovalPolicy } from '../../lib/core';
import { ACCOUNT, fullProps, role } from '../aws/fixtures';
import { assertNoSilentBadInput, baselineOutcome, PropertySubject } from './harness';

/** Runs per platform construct with the default seed (each run is one synth). */
const RUNS = 50;

const domain: PropertySubject<SageMakerStudioDomainProps> = {
  baseline: () => JSON.parse(JSON.stringify(fullProps())),
  build: (app, props) => {
    const stack = new TerraformStack(app, 'ml');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new SageMakerStudioDomain(stack, 'studio', props);
    return [stack];
  },
  packs: () => [new AwsMlopsChecks()],
};

const multiTenant: PropertySubject<MultiTenantStudioProps> = {
  baseline: () => ({
    environment: 'prod',
    authMode: AuthMode.IAM,
    accountId: ACCOUNT,
    deployerPrincipalArns: [role('terraform-deployer')],
    network: { vpcCidr: '10.40.0.0/20', expectedUsers: 60 },
    allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.large', 'system'],
    tags: { owner: 'ml-platform-team', costCenter: 'shared-ml' },
    allowedRegions: ['eu-central-1'],
    removalPolicy: RemovalPolicy.RETAIN,
    organizationId: 'o-a1b2c3d4e5',
    tenants: ['retail', 'risk'].map((t) => ({
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
  }),
  build: (app, props) => {
    const stack = new TerraformStack(app, 'tenants');
    new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
    new MultiTenantStudio(stack, 'ml', props);
    return [stack];
  },
  packs: () => [new AwsMlopsChecks()],
};

describe.each([
  ['SageMakerStudioDomain', domain],
  ['MultiTenantStudio', multiTenant],
] as Array<[string, PropertySubject<any>]>)(
  '%s: no silent bad input (property, X-10)',
  (_name, subject) => {
    test('the baseline synthesizes with no ERROR finding', () => {
      expect(baselineOutcome(subject)).toEqual({ kind: 'ok' });
    });

    test('random mutations give a clean synth or a ValidationError naming props', () => {
      assertNoSilentBadInput(subject, RUNS);
    });
  },
);
