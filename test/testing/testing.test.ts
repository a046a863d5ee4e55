import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsMlopsChecks, Compliance, ComplianceStatus, RuleLevel, RulePack } from '../../lib';
import { defineRule } from '../../lib/core/compliance/define-rule';
import { complianceReports, setupJest, stackShapeOf } from '../../lib/testing';
import { tempApp } from '../helpers';

setupJest();

// X-11 at test time: the packs run under cdktf's own testing calls, as they do at `cdktf synth`.
const prefixed = defineRule({
  id: 'T-01.prefix',
  level: RuleLevel.ERROR,
  description: 'Buckets are named with the team prefix',
  fixHint: 'Prefix the bucket name with ml-',
  resourceTypes: ['aws_s3_bucket'],
  check: (r) =>
    String(r.attributes.bucket).startsWith('ml-') || `bucket is '${r.attributes.bucket}'`,
});
const pack = () => new RulePack('TestPack', [prefixed]);

function bucketStack(app: App, name: string, withPack = true): TerraformStack {
  const stack = new TerraformStack(app, 'cmp');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new S3Bucket(stack, 'bucket', { bucket: name });
  if (withPack) Compliance.of(app).addPack(pack());
  return stack;
}

describe('X-11 packs under Testing.synth, Testing.synthScope and Testing.fullSynth', () => {
  test('Testing.synth fails on a failing finding, naming rule, address and detail', () => {
    const stack = bucketStack(Testing.app(), 'other');
    expect(() => Testing.synth(stack)).toThrow(
      /stack 'cmp' has 1 failing finding\(s\) \(packs: TestPack\):\n {2}\[T-01\.prefix\] aws_s3_bucket\.bucket: Buckets are named with the team prefix \(bucket is 'other'\)/,
    );
  });

  test('Testing.synth with runValidations fails the same way', () => {
    const stack = bucketStack(Testing.app(), 'other');
    expect(() => Testing.synth(stack, true)).toThrow(/\[T-01\.prefix\] aws_s3_bucket\.bucket/);
  });

  test('Testing.synth returns the usual JSON when the stack passes, and again on a second call', () => {
    const withPacks = Testing.synth(bucketStack(Testing.app(), 'ml-data'));
    const without = Testing.synth(bucketStack(Testing.app(), 'ml-data', false));
    expect(withPacks).toEqual(without);
    const stack = bucketStack(Testing.app(), 'ml-data');
    expect(Testing.synth(stack)).toEqual(Testing.synth(stack));
  });

  test('a non-compliant stack without packs still synthesizes (packs are opt-in)', () => {
    expect(() => Testing.synth(bucketStack(Testing.app(), 'other', false))).not.toThrow();
  });

  test('a suppression with its reason lets Testing.synth pass', () => {
    const stack = bucketStack(Testing.app(), 'other');
    Compliance.suppress(stack, 'T-01', 'legacy bucket name kept until the migration');
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test('Testing.synthScope runs the packs added inside the scope', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
        new S3Bucket(scope, 'bucket', { bucket: 'other' });
        Compliance.of(scope).addPack(pack());
      }),
    ).toThrow(/\[T-01\.prefix\] aws_s3_bucket\.bucket/);
  });

  test('Testing.fullSynth fails on error annotations and writes the report', () => {
    expect(() => Testing.fullSynth(bucketStack(Testing.app(), 'other'))).toThrow(
      /\[T-01\.prefix\] aws_s3_bucket\.bucket/,
    );
    const outdir = Testing.fullSynth(bucketStack(Testing.app(), 'ml-data'));
    const report = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', 'cmp', 'compliance-report.json'), 'utf8'),
    );
    expect(report).toMatchObject({ packs: ['TestPack'], summary: { compliant: 1, errors: 0 } });
    expect(outdir).toBeCompliant();
  });

  test('app.synth still reports through annotations (the synthesizer disarms the test hook)', () => {
    const { app } = tempApp();
    bucketStack(app, 'other');
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[cmp\/bucket\] \[T-01\.prefix\] aws_s3_bucket\.bucket/);
    expect(message).not.toMatch(/failing finding\(s\)/);
  });
});

describe('X-11 jest matchers of cdktf-secure-mlops/testing', () => {
  test('toHaveFinding and toBeCompliant on a stack, without throwing', () => {
    const stack = bucketStack(Testing.app(), 'other');
    expect(stack).toHaveFinding('T-01.prefix');
    expect(stack).toHaveFinding('T-01', { address: 'aws_s3_bucket.bucket' });
    expect(stack).toHaveFinding('T-01', { address: 'aws_s3_bucket', constructPath: 'bucket' });
    expect(stack).not.toHaveFinding('T-01', { address: 'aws_s3_bucket.other' });
    expect(stack).not.toHaveFinding('T-01', { status: ComplianceStatus.SUPPRESSED });
    expect(stack).not.toBeCompliant();
    expect(() => expect(stack).toBeCompliant()).toThrow(
      /expected no failing findings, got 1:\n {2}cmp: \[T-01\.prefix\] aws_s3_bucket\.bucket/,
    );
    expect(() => expect(stack).toHaveFinding('T-09')).toThrow(
      /expected NON_COMPLIANT T-09; the findings of T-09 are: none/,
    );
  });

  test('a suppressed finding is matched by status, and the stack is compliant', () => {
    const stack = bucketStack(Testing.app(), 'other');
    Compliance.suppress(stack, 'T-01', 'legacy bucket name kept until the migration');
    expect(stack).toBeCompliant();
    expect(stack).not.toHaveFinding('T-01');
    expect(stack).toHaveFinding('T-01', { status: ComplianceStatus.SUPPRESSED });
  });

  test('a real pack: an unencrypted, untagged bucket has AWS-07 and X-09 findings', () => {
    const app = Testing.app();
    const stack = bucketStack(app, 'ml-data', false);
    Compliance.of(app).addPack(new AwsMlopsChecks());
    expect(stack).toHaveFinding('AWS-07', { address: 'aws_s3_bucket.bucket' });
    expect(stack).toHaveFinding('X-09');
    expect(() => Testing.synth(stack)).toThrow(/\[AWS-07\.[a-z-]+\] aws_s3_bucket\.bucket/);
  });

  test('subjects the matchers cannot judge give a clear message', () => {
    const stack = bucketStack(Testing.app(), 'other', false);
    expect(() => expect(stack).toBeCompliant()).toThrow(/no rule packs run on stack 'cmp'/);
    expect(() => expect('{"resource": {}}').toBeCompliant()).toThrow(
      /not Testing.synth's JSON: it has no suppressions/,
    );
    expect(() => complianceReports(42)).toThrow(/expected a TerraformStack/);
    expect(() => complianceReports('/nonexistent/cdktf.out')).toThrow(/no such file/);
  });
});

describe('X-12 plan shape in a snapshot test', () => {
  test('stackShapeOf on Testing.synth output pins addresses and replacement-forcing attributes', () => {
    const shape = stackShapeOf(JSON.parse(Testing.synth(bucketStack(Testing.app(), 'ml-data'))));
    expect(shape).toEqual({ 'aws_s3_bucket.bucket': { bucket: 'ml-data' } });
  });
});
