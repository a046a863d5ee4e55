// Issue 14 at synth: compliance-report.json lists only the packs that apply to the stack, and
// lists compliant findings only with `configure({ includeCompliant: true })`; the summary counts
// them either way.
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsMlopsChecks, AzureMlopsChecks, Compliance, GcpMlopsChecks } from '../../lib';
import { tempApp } from '../helpers';

/**
 * Synthesizes an app with one AWS-only stack (a platform key whose missing prevent_destroy is
 * suppressed) and all three packs, and returns the stack's report.
 */
function synthReport(includeCompliant?: boolean): any {
  const { app, outdir } = tempApp();
  const stack = new TerraformStack(app, 'keys');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const key = new KmsKey(stack, 'platform', {
    description: 'platform key',
    enableKeyRotation: true,
    rotationPeriodInDays: 90,
    deletionWindowInDays: 30,
    tags: {
      platform: 'ml',
      environment: 'prod',
      owner: 'ml-team',
      'data-classification': 'confidential',
      'cost-center': 'cc-1',
    },
  });
  Compliance.suppress(key, 'X-08', 'key kept for the audit archive, removed by hand');
  const engine = Compliance.of(app)
    .addPack(new AwsMlopsChecks())
    .addPack(new GcpMlopsChecks())
    .addPack(new AzureMlopsChecks());
  if (includeCompliant !== undefined) engine.configure({ includeCompliant });
  app.synth();
  const dir = path.join(outdir, 'stacks', 'keys');
  // the report is written next to cdk.tf.json
  expect(fs.existsSync(path.join(dir, 'cdk.tf.json'))).toBe(true);
  return JSON.parse(fs.readFileSync(path.join(dir, 'compliance-report.json'), 'utf8'));
}

const SUMMARY = {
  compliant: 3,
  nonCompliant: 0,
  suppressed: 1,
  errors: 0,
  warnings: 0,
  unknown: 0,
};

const lines = (report: any) =>
  report.findings.map((f: any) => `${f.ruleId} ${f.address} ${f.status}`);

describe('X-11 compliance-report.json contents (issue 14)', () => {
  test('only the pack that applies: an AWS-only stack with all three packs lists AwsMlopsChecks', () => {
    const report = synthReport();
    expect(report.stackName).toBe('keys');
    expect(report.packs).toEqual(['AwsMlopsChecks']);
    expect(new Set(report.findings.map((f: any) => f.pack))).toEqual(new Set(['AwsMlopsChecks']));
  });

  test('by default no COMPLIANT finding is listed; the summary counts them', () => {
    const report = synthReport();
    expect(report.profile).toBe('platform');
    expect(report.summary).toEqual(SUMMARY);
    expect(lines(report)).toEqual(['X-08 aws_kms_key.platform SUPPRESSED']);
  });

  test('configure({ includeCompliant: false }) lists none either', () => {
    expect(lines(synthReport(false))).toEqual(['X-08 aws_kms_key.platform SUPPRESSED']);
  });

  test('configure({ includeCompliant: true }) lists the COMPLIANT findings too', () => {
    const report = synthReport(true);
    expect(report.packs).toEqual(['AwsMlopsChecks']);
    expect(report.summary).toEqual(SUMMARY);
    expect(lines(report)).toEqual([
      'AWS-05.key aws_kms_key.platform COMPLIANT',
      'X-08 aws_kms_key.platform SUPPRESSED',
      'X-09 aws_kms_key.platform COMPLIANT',
      'X-10.tags aws_kms_key.platform COMPLIANT',
    ]);
    expect(report.findings.filter((f: any) => f.status === 'COMPLIANT')).toHaveLength(
      report.summary.compliant,
    );
    expect(report.findings.find((f: any) => f.ruleId === 'AWS-05.key')).toMatchObject({
      pack: 'AwsMlopsChecks',
      level: 'ERROR',
      constructPath: 'keys/platform',
    });
  });
});
