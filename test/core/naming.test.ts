import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { uniqueName, uniqueSuffix } from '../../lib/core/naming';

describe('AZ-15 deterministic unique naming', () => {
  const build = (stackName: string) =>
    new Construct(new TerraformStack(new App(), stackName), 'vault');

  test('the same construct path always gives the same suffix', () => {
    expect(uniqueSuffix(build('prod'))).toBe(uniqueSuffix(build('prod')));
  });

  test('different paths give different suffixes', () => {
    expect(uniqueSuffix(build('prod'))).not.toBe(uniqueSuffix(build('dev')));
  });

  test('suffix is lowercase alphanumeric of the requested length', () => {
    expect(uniqueSuffix(build('prod'), 10)).toMatch(/^[a-z0-9]{10}$/);
  });

  test('names fit maxLength, keep the suffix and follow the character set', () => {
    const scope = build('prod');
    const kv = uniqueName(scope, { prefix: 'kv-Machine_Learning--platform', maxLength: 24 });
    expect(kv.length).toBeLessThanOrEqual(24);
    expect(kv).toMatch(/^[a-z0-9-]+$/);
    expect(kv).not.toContain('--');
    expect(kv.endsWith(uniqueSuffix(scope))).toBe(true);
    const st = uniqueName(scope, {
      prefix: 'st-ml-platform-data',
      maxLength: 24,
      alphanumericOnly: true,
    });
    expect(st).toMatch(/^[a-z0-9]{3,24}$/);
  });
});
