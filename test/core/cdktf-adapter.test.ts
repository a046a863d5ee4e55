// The cdktf adapter: aspects of this library run on stacks of another copy of cdktf (a consumer
// whose cdktf is not deduplicated with ours), and the engine's hooks leave stacks of our copy as
// they found them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, IAspect, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  Compliance,
  ComplianceStatus,
  DataResidency,
  RuleLevel,
  RulePack,
  Tagging,
} from '../../lib';
import { addAspect, isOwnCdktf } from '../../lib/core/compliance/cdktf-adapter';
import { defineRule } from '../../lib/core/compliance/define-rule';

// A second copy of cdktf, as a consumer's own node_modules would hold it: its module-local
// Symbol("cdktf-aspects") differs from ours.
let other: typeof import('cdktf');
jest.isolateModules(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  other = require('cdktf');
});

const namedBucket = defineRule({
  id: 'T-01',
  level: RuleLevel.ERROR,
  description: 'Buckets are named with the team prefix',
  fixHint: 'Prefix the bucket name with ml-',
  resourceTypes: ['aws_s3_bucket'],
  check: (r) =>
    String(r.attributes.bucket).startsWith('ml-') || `bucket is '${r.attributes.bucket}'`,
});

class Marker implements IAspect {
  public readonly visited: string[] = [];
  public visit(node: IConstruct): void {
    if (node instanceof S3Bucket) this.visited.push(node.node.id);
  }
}

/** A stack of the other copy with one AWS bucket (provider classes are built on our copy). */
function foreignStack(
  app = new other.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'secure-mlops-test-')) }),
) {
  const stack = new other.TerraformStack(app, 'foreign');
  new AwsProvider(stack as any, 'aws', { region: 'eu-west-1' });
  const bucket = new S3Bucket(stack as any, 'data', { bucket: 'ml-data' });
  return { app, stack, bucket };
}

describe('aspects across copies of cdktf', () => {
  test('premise: an aspect added through our cdktf is invisible to the other copy', () => {
    const { stack } = foreignStack();
    const marker = new Marker();
    Aspects.of(stack).add(marker);
    other.Testing.synth(stack);
    expect(marker.visited).toEqual([]);
    expect(isOwnCdktf(stack as any)).toBe(false);
  });

  test('addAspect runs on a stack of the other copy, under Testing.synth and app.synth', () => {
    const { app, stack } = foreignStack();
    const marker = new Marker();
    addAspect(stack as any, marker);
    other.Testing.synth(stack);
    expect(marker.visited).toContain('data');
    marker.visited.length = 0;
    app.synth();
    expect(marker.visited).toContain('data');
  });

  test('X-09 platform tags reach the resources of a stack of the other copy', () => {
    const { app, stack } = foreignStack();
    Tagging.apply(stack as any, 'prod', { owner: 'ml-team' });
    const json = JSON.parse(other.Testing.synth(stack));
    expect(json.resource.aws_s3_bucket.data.tags).toMatchObject({
      owner: 'ml-team',
      environment: 'prod',
      'cost-center': 'unassigned',
    });
    app.synth();
    const written = JSON.parse(
      fs.readFileSync(path.join(app.outdir, 'stacks', 'foreign', 'cdk.tf.json'), 'utf8'),
    );
    expect(written.resource.aws_s3_bucket.data.tags.owner).toBe('ml-team');
  });

  test('X-07 data residency fails synth of a stack of the other copy', () => {
    const { stack } = foreignStack();
    DataResidency.enforce(stack as any, ['eu-central-1'], ['aws']);
    expect(() => other.Testing.synth(stack)).toThrow(/allowedRegions \[eu-central-1\]/);
  });

  test('X-11 the packs run at synth of a stack of the other copy', () => {
    const { app, stack } = foreignStack();
    new S3Bucket(stack as any, 'bad', { bucket: 'other' });
    Compliance.of(app as any).addPack(new RulePack('TestPack', [namedBucket]));
    expect(() => other.Testing.synth(stack)).toThrow(/\[T-01\] aws_s3_bucket\.bad/);
    Compliance.suppress(stack as any, 'T-01', 'a fixture bucket with a legacy name');
    app.synth();
    const report = JSON.parse(
      fs.readFileSync(path.join(app.outdir, 'stacks', 'foreign', 'compliance-report.json'), 'utf8'),
    );
    expect(report.findings.find((f: any) => f.address === 'aws_s3_bucket.bad')?.status).toBe(
      ComplianceStatus.SUPPRESSED,
    );
  });
});

describe('the hooks leave a stack of our copy as it was', () => {
  function ownStack() {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'own');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new S3Bucket(stack, 'data', { bucket: 'ml-data' });
    Compliance.of(app).addPack(new RulePack('TestPack', [namedBucket]));
    return { app, stack };
  }

  test('after Testing.synth and after app.synth, no instance-level toTerraform is left', () => {
    const { app, stack } = ownStack();
    expect(isOwnCdktf(stack)).toBe(true);
    Testing.synth(stack);
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
    app.synth();
    expect(Object.prototype.hasOwnProperty.call(stack, 'toTerraform')).toBe(false);
  });

  test("a toTerraform patched on the instance by someone else is kept, and the packs don't arm over it", () => {
    const { stack } = ownStack();
    const patched = jest.fn(() => ({ patched: true }));
    (stack as any).toTerraform = patched;
    expect(JSON.parse(Testing.synth(stack))).toEqual({ patched: true });
    expect((stack as any).toTerraform).toBe(patched);
  });
});
