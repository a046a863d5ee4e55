// Helpers of the hand-written bad-input tests (X-10): build something, expect one
// ValidationError, and check the construct path, the prop, the value and what is allowed.
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { AuthMode, SageMakerStudioDomain, SageMakerStudioDomainProps } from '../../lib/aws';
import { ValidationError, ValidationProblem } from '../../lib/core/errors';
import { synthJson } from '../helpers';

export const ACCOUNT = '111111111111';
export const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f0f0f0f-0000-4000-8000-000000000000`;
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** The smallest valid domain props. */
export const MINIMAL: SageMakerStudioDomainProps = {
  environment: 'prod',
  authMode: AuthMode.IAM,
  accountId: ACCOUNT,
};

/** A stack in a fresh app with an AWS provider (eu-west-1 unless said otherwise; none for null). */
export function awsStack(
  config: AwsProviderConfig | null = { region: 'eu-west-1' },
  app: App = Testing.app(),
  id = 'ml',
): TerraformStack {
  const stack = new TerraformStack(app, id);
  if (config) new AwsProvider(stack, 'aws', config);
  return stack;
}

/** The ValidationError `build` throws (any other outcome fails the test). */
export function validationError(build: () => unknown): ValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw new Error(`expected a ValidationError, got ${(e as Error)?.stack ?? String(e)}`);
  }
  throw new Error('expected a ValidationError, but the input was accepted');
}

/** What a bad input must produce. */
export interface Expected {
  /** Construct path of the error. */
  readonly path: string;
  /** The prop named. */
  readonly prop: string;
  /** The bad value as rendered (exact), or a pattern. */
  readonly value: string | RegExp;
  /** What is allowed (a substring or a pattern). */
  readonly allowed: string | RegExp;
}

/** Asserts that `build` throws one ValidationError with a problem as expected; returns it. */
export function expectBad(build: () => unknown, expected: Expected): ValidationProblem {
  const e = validationError(build);
  expect(e.constructPath).toBe(expected.path);
  const problem = e.problems.find((p) => p.prop === expected.prop);
  if (!problem)
    throw new Error(
      `no problem for ${expected.prop}; the problems were:\n${e.problems.map((p) => `  ${p.prop}: ${p.value} -> ${p.allowed}`).join('\n')}`,
    );
  if (typeof expected.value === 'string') expect(problem.value).toBe(expected.value);
  else expect(problem.value).toMatch(expected.value);
  if (typeof expected.allowed === 'string') expect(problem.allowed).toContain(expected.allowed);
  else expect(problem.allowed).toMatch(expected.allowed);
  // the message carries the same: construct path, prop, value, what is allowed
  expect(e.message).toContain(`Invalid input for ${expected.path}:`);
  expect(e.message).toContain(
    `${problem.prop}: got '${problem.value}'; allowed: ${problem.allowed}`,
  );
  return problem;
}

/** Builds and synthesizes a domain (`ml/studio`) with MINIMAL plus `props`. */
export function domain(props: Record<string, unknown>, stack: TerraformStack = awsStack()): any {
  new SageMakerStudioDomain(stack, 'studio', { ...MINIMAL, ...props } as any);
  return synthJson(stack);
}
