import { TerraformVariable } from 'cdktf';
import { MultiTenantStudio, SageMakerStudioDomain } from '../../lib/aws';
import { AzureMLWorkspace } from '../../lib/azure';
import { ValidationError } from '../../lib/core/errors';
import { ENVIRONMENT_ALLOWED, ENVIRONMENT_PATTERN } from '../../lib/core/platform';
import { SecureVertexPipeline } from '../../lib/gcp';
import { awsStack, MINIMAL } from '../aws/bad-input-helpers';
import { azureStack, ENC } from '../azure/fixtures';
import { baseProps, gcpStack } from '../gcp/fixtures';

// PlatformCommonProps: every platform takes the shared props and checks them through core's
// validatePlatformCommonProps, so `environment` follows one rule on every cloud.

type Build = (extra: Record<string, unknown>) => void;

const PLATFORMS: [string, Build][] = [
  [
    'SageMakerStudioDomain',
    (extra) => new SageMakerStudioDomain(awsStack(), 'studio', { ...MINIMAL, ...extra } as any),
  ],
  [
    'MultiTenantStudio',
    (extra) =>
      new MultiTenantStudio(awsStack(), 'tenants', {
        environment: 'prod',
        authMode: MINIMAL.authMode,
        accountId: MINIMAL.accountId,
        tenants: [{ tenantId: 'fraud' }],
        ...extra,
      } as any),
  ],
  [
    'SecureVertexPipeline',
    (extra) => new SecureVertexPipeline(gcpStack(), 'vertex', { ...baseProps(), ...extra } as any),
  ],
  [
    'AzureMLWorkspace',
    (extra) =>
      new AzureMLWorkspace(azureStack().stack, 'ml', {
        encryption: ENC,
        environment: 'dev',
        location: 'westeurope',
        ...extra,
      } as any),
  ],
];

/** The problem recorded for `prop`, or undefined when the build passes or fails elsewhere. */
function problemOf(
  build: () => void,
  prop: string,
): { value: string; allowed: string } | undefined {
  try {
    build();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.problems.find((p) => p.prop === prop);
  }
  return undefined;
}

describe.each(PLATFORMS)('%s: the one environment rule', (_, build) => {
  test.each(['dev', 'prod', 'p', 'ml-prod-eu-2', 'a234567890123456'])('accepts %j', (env) => {
    expect(problemOf(() => build({ environment: env }), 'environment')).toBeUndefined();
  });

  test.each([
    'Prod', // upper case: Azure storage, GCS and S3 names and GCP labels are lower case
    '1prod', // starts with a digit
    'prod-', // ends with a hyphen
    'a2345678901234567', // 17 characters
    'prod env',
    '',
  ])('rejects %j with the same words', (env) => {
    expect(problemOf(() => build({ environment: env }), 'environment')?.allowed).toBe(
      env === '' ? `${ENVIRONMENT_ALLOWED} (required)` : ENVIRONMENT_ALLOWED,
    );
  });

  test('a missing or non-string environment names what is allowed', () => {
    for (const env of [undefined, 42])
      expect(problemOf(() => build({ environment: env }), 'environment')?.allowed).toBe(
        `${ENVIRONMENT_ALLOWED} (required)`,
      );
  });
});

test('the pattern and its words agree', () => {
  expect(ENVIRONMENT_PATTERN.test('a234567890123456')).toBe(true);
  expect(ENVIRONMENT_PATTERN.test('a2345678901234567')).toBe(false);
  expect(ENVIRONMENT_ALLOWED).toMatch(/^1-16 lowercase letters/);
});

test('a token environment is refused on every platform: it forms names', () => {
  for (const [, build] of PLATFORMS) {
    const env = new TerraformVariable(awsStack(), 'env', { type: 'string' }).stringValue;
    expect(problemOf(() => build({ environment: env }), 'environment')?.allowed).toMatch(
      /a literal value known at synth/,
    );
  }
});
