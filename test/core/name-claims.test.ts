import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { claimName } from '../../lib/core/name-claims';

describe('X-10 names unique within their scope', () => {
  test('X-10 a second claim of one name in one scope names both construct paths', () => {
    const stack = new TerraformStack(new App(), 's');
    const a = new Construct(stack, 'a');
    const b = new Construct(stack, 'b');
    claimName(a, 'log group', 'account 1 eu-west-1', '/aws/sagemaker/studio', 'environment');
    claimName(a, 'log group', 'account 1 eu-west-1', '/aws/sagemaker/studio', 'environment');
    claimName(b, 'log group', 'account 1 eu-west-2', '/aws/sagemaker/studio', 'environment');
    expect(() =>
      claimName(b, 'log group', 'account 1 eu-west-1', '/aws/sagemaker/studio', 'environment'),
    ).toThrow(
      /Invalid input for s\/b:\n {2}- environment: got '\/aws\/sagemaker\/studio'; allowed: a log group name not already created in account 1 eu-west-1 by s\/a \(environment\)/,
    );
  });

  test('X-10 claims are per app', () => {
    const one = new Construct(new TerraformStack(new App(), 's'), 'a');
    const two = new Construct(new TerraformStack(new App(), 's'), 'b');
    claimName(one, 'bucket', 'global', 'x', 'name');
    expect(() => claimName(two, 'bucket', 'global', 'x', 'name')).not.toThrow();
  });
});
