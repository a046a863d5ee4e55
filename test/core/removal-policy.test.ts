import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { RemovalPolicy, RulePack } from '../../lib';
import { applyRemovalPolicy } from '../../lib/core/removal-policy';
import { preventDestroyRule } from '../../lib/core/rules';
import { evaluate, resourceAt, synthJson } from '../helpers';

describe('X-08 removal policy', () => {
  let json: any;
  let stack: TerraformStack;
  beforeAll(() => {
    stack = new TerraformStack(Testing.app(), 'rp');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const kept = new S3Bucket(stack, 'kept', { bucket: 'kept' });
    applyRemovalPolicy(kept, undefined, {
      retain: { force_destroy: false },
      destroy: { force_destroy: true },
    });
    const gone = new S3Bucket(stack, 'gone', { bucket: 'gone' });
    applyRemovalPolicy(gone, RemovalPolicy.DESTROY, {
      retain: { force_destroy: false },
      destroy: { force_destroy: true },
    });
    const ds = new BigqueryDataset(stack, 'ds', {
      datasetId: 'd',
      lifecycle: { ignoreChanges: ['labels'] },
    });
    applyRemovalPolicy(ds, RemovalPolicy.RETAIN, { retain: { delete_contents_on_destroy: false } });
    json = synthJson(stack);
  });

  test('X-08 RETAIN is the default: prevent_destroy plus provider deletion protection', () => {
    const kept = resourceAt(json, 'aws_s3_bucket', 'kept');
    expect(kept.lifecycle.prevent_destroy).toBe(true);
    expect(kept.force_destroy).toBe(false);
  });

  test('X-08 existing lifecycle settings are kept', () => {
    const ds = resourceAt(json, 'google_bigquery_dataset', 'ds');
    expect(ds.lifecycle).toEqual({ ignore_changes: ['labels'], prevent_destroy: true });
    expect(ds.delete_contents_on_destroy).toBe(false);
  });

  test('X-08 DESTROY is explicit: no prevent_destroy, destroy attributes, recorded suppression', () => {
    const gone = resourceAt(json, 'aws_s3_bucket', 'gone');
    expect(gone.lifecycle.prevent_destroy).toBe(false);
    expect(gone.force_destroy).toBe(true);
    expect(gone['//'].secure_mlops.suppressions).toEqual([
      { id: 'X-08', reason: 'removalPolicy DESTROY set explicitly on rp/gone' },
    ]);
  });

  test('X-08 the opt-out shows in the compliance report', () => {
    const report = evaluate(
      stack,
      new RulePack('core', [preventDestroyRule(['aws_s3_bucket', 'google_bigquery_dataset'])]),
    );
    const byAddr = Object.fromEntries(report.findings.map((f) => [f.address, f]));
    expect(byAddr['aws_s3_bucket.gone']).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'removalPolicy DESTROY set explicitly on rp/gone',
    });
    expect(byAddr['aws_s3_bucket.kept'].status).toBe('COMPLIANT');
    expect(report.summary).toMatchObject({ compliant: 2, suppressed: 1, errors: 0 });
  });
});

describe('X-08 removal policy from untyped callers', () => {
  test("X-10 an unknown removal policy ('retain') is an error, never DESTROY", () => {
    const stack = new TerraformStack(Testing.app(), 'rp-bad');
    const bucket = new S3Bucket(stack, 'b', { bucket: 'ml-b' });
    expect(() => applyRemovalPolicy(bucket, 'retain' as any)).toThrow(
      /removalPolicy: got 'retain'; allowed: one of RETAIN, DESTROY \(values are case-sensitive\)/,
    );
    expect(bucket.lifecycle?.preventDestroy).not.toBe(false);
  });
});
