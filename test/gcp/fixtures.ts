import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Persona } from '../../lib/core/personas';
import type { SecureVertexPipelineProps } from '../../lib/gcp';
import { ValidationError } from '../../lib/core/errors';

export const PROJECT = 'acme-ml-prod';
export const REGION = 'europe-west4';

/** A stack with google + google-beta providers in europe-west4. */
export function gcpStack(withBeta = true): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, 'gcp');
  new GoogleProvider(stack, 'google', { project: PROJECT, region: REGION });
  if (withBeta) new GoogleBetaProvider(stack, 'google-beta', { project: PROJECT, region: REGION });
  return stack;
}

/** Typical props. */
export function baseProps(
  extra: Partial<SecureVertexPipelineProps> = {},
): SecureVertexPipelineProps {
  return {
    environment: 'prod',
    projectId: PROJECT,
    region: REGION,
    personas: {
      [Persona.DATA_SCIENTIST]: ['group:data-scientists@example.com'],
      [Persona.ML_ENGINEER]: ['group:ml-engineers@example.com'],
      [Persona.DATA_ENGINEER]: ['group:data-engineers@example.com'],
      [Persona.MODEL_VIEWER]: ['group:business@example.com'],
      [Persona.AUDITOR]: ['group:auditors@example.com'],
      [Persona.PLATFORM_ADMIN]: ['group:ml-platform-admins@example.com'],
    },
    datasets: [{ datasetId: 'features' }],
    endpoints: [{ name: 'churn' }],
    workbenchInstances: [{ name: 'alice-wb', owner: 'alice@example.com' }],
    alertEmails: ['ml-oncall@example.com'],
    organizationId: '123456789012',
    ...extra,
  };
}

/** Resources of a type in synthesized JSON, as a list. */
export function all(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The single resource of `type` whose construct path ends with `suffix`. */
export function at(json: any, type: string, suffix: string): any {
  const hits = all(json, type).filter((r: any) =>
    String(r['//']?.metadata?.path ?? '').endsWith(suffix),
  );
  if (hits.length !== 1) throw new Error(`expected one ${type} at ${suffix}, found ${hits.length}`);
  return hits[0];
}

/** Logical name of the resource at path suffix. */
export function nameAt(json: any, type: string, suffix: string): string {
  const entries = Object.entries<any>(json.resource?.[type] ?? {}).filter(([, r]) =>
    String(r['//']?.metadata?.path ?? '').endsWith(suffix),
  );
  if (entries.length !== 1)
    throw new Error(`expected one ${type} at ${suffix}, found ${entries.length}`);
  return entries[0][0];
}

/** The ValidationError thrown by fn (fails the test on any other outcome). */
export function errorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw new Error(
      `expected a ValidationError, got ${(e as Error)?.name}: ${(e as Error)?.message}`,
    );
  }
  throw new Error('no ValidationError thrown');
}

/** The problem of `e` at `prop` (fails when there is none). */
export function problemAt(e: ValidationError, prop: string) {
  const p = e.problems.find((x) => x.prop === prop);
  if (!p) throw new Error(`no problem at ${prop}; problems: ${JSON.stringify(e.problems)}`);
  return p;
}
