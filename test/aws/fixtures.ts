import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AuthMode,
  ExecutionRoleMode,
  SageMakerStudioDomain,
  SageMakerStudioDomainProps,
} from '../../lib/aws';
import { Persona } from '../../lib/core';
import { synthJson } from '../helpers';

export const ACCOUNT = '111111111111';
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** Props of a fully featured platform (every optional control on). */
export function fullProps(
  overrides: Partial<SageMakerStudioDomainProps> = {},
): SageMakerStudioDomainProps {
  return {
    environment: 'prod',
    authMode: AuthMode.IAM,
    accountId: ACCOUNT,
    network: { vpcCidr: '10.20.0.0/20', expectedUsers: 100 },
    personas: {
      [Persona.PLATFORM_ADMIN]: [role('platform-admins')],
      [Persona.DATA_SCIENTIST]: [role('data-scientists')],
      [Persona.ML_ENGINEER]: [role('ml-engineers')],
      [Persona.DATA_ENGINEER]: [role('data-engineers')],
      [Persona.MODEL_VIEWER]: [role('business-users')],
      [Persona.AUDITOR]: [role('auditors')],
      [Persona.DEPLOYMENT]: [role('ci-deployer')],
    },
    userProfiles: [
      { name: 'alice', persona: Persona.DATA_SCIENTIST },
      { name: 'bob', persona: Persona.DATA_SCIENTIST, executionRole: ExecutionRoleMode.OWN },
      { name: 'carol', persona: Persona.ML_ENGINEER },
    ],
    allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.large', 'system'],
    approvedImageArns: [
      'arn:aws:sagemaker:eu-west-1:*:image/sagemaker-distribution-*',
      `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:image/*`,
    ],
    presignedUrl: { sourceIps: ['192.0.2.0/24'], sourceVpceIds: ['vpce-0123456789abcdef0'] },
    idleTimeoutMinutes: 120,
    modelPackageGroups: [{ name: 'churn-model', consumerAccounts: ['222222222222'] }],
    tags: { owner: 'ml-platform', costCenter: 'cc-42' },
    requireNetworkIsolation: true,
    spaces: [{ name: 'team-space', ownerProfileName: 'alice' }],
    scheduledPipelines: [
      { pipelineName: 'nightly-training', scheduleExpression: 'cron(0 3 * * ? *)' },
    ],
    notebookInstances: [{ name: 'legacy-notebook' }],
    customImages: [{ appImageConfigName: 'team-image', kernelName: 'python3' }],
    lakeFormation: { databases: ['curated'] },
    efsBackup: {},
    ...overrides,
  };
}

/** Synthesizes one platform in eu-west-1 and returns the JSON and the construct. */
export function synthPlatform(
  props: SageMakerStudioDomainProps,
  region = 'eu-west-1',
): { app: App; stack: TerraformStack; platform: SageMakerStudioDomain; json: any } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'ml');
  new AwsProvider(stack, 'aws', { region });
  const platform = new SageMakerStudioDomain(stack, 'studio', props);
  const json = synthJson(stack);
  return { app, stack, platform, json };
}

/** All resources of a type, as a list. */
export function all(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The only resource of a type. */
export function one(json: any, type: string): any {
  const list = all(json, type);
  if (list.length !== 1) throw new Error(`expected one ${type}, found ${list.length}`);
  return list[0];
}

/** Resources of a type whose construct path contains `fragment`. */
export function at(json: any, type: string, fragment: string): any[] {
  return all(json, type).filter((r: any) =>
    String(r['//']?.metadata?.path ?? '').includes(fragment),
  );
}

/** Parsed statements of a policy JSON string. */
export function stmts(policy: string): any[] {
  return JSON.parse(policy).Statement;
}

/** The statement with a Sid across the given policies. */
export function sid(policies: string[], id: string): any {
  for (const p of policies) {
    const s = stmts(p).find((x: any) => x.Sid === id);
    if (s) return s;
  }
  return undefined;
}
