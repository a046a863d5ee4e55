// CI-native output of the scanner: SARIF 2.1.0 (validated against the OASIS schema) and JUnit XML.
import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const FIXTURES = path.join(__dirname, 'fixtures');

const run = (...args: string[]) => runCliCaptured(args);

const schema = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

describe('scanner output formats', () => {
  const target = path.join(FIXTURES, 'noncompliant');

  test('--format sarif is valid SARIF 2.1.0 with rule metadata, locations and the exit code', () => {
    const { code, out } = run('check', target, '--format', 'sarif', '--profile', 'platform');
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(validateSarif(log) || validateSarif.errors).toBe(true);
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe('cdktf-secure-mlops');
    const rule = run0.tool.driver.rules.find((r: any) => r.id === 'AWS-07.encryption');
    expect(rule).toMatchObject({
      shortDescription: { text: expect.stringContaining('SSE-KMS') },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'security', pack: 'AwsMlopsChecks' },
    });
    expect(rule.help.text).toContain('Fix: ');
    const result = run0.results.find(
      (r: any) =>
        r.ruleId === 'AWS-07.encryption' && r.message.text.startsWith('aws_s3_bucket.raw_data'),
    );
    expect(result.level).toBe('error');
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('AWS-07.encryption');
    const loc = result.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toMatch(/stacks\/legacy\/cdk.tf.json$/);
    const lines = fs
      .readFileSync(path.join(target, 'stacks', 'legacy', 'cdk.tf.json'), 'utf8')
      .split('\n');
    expect(lines[loc.region.startLine - 1]).toContain('"raw_data"');
  });

  test('SARIF records suppressed findings as suppressions and input problems as notifications', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
    fs.writeFileSync(
      path.join(d, 'a.tf.json'),
      JSON.stringify({
        resource: {
          aws_s3_bucket: {
            b: {
              bucket: 'b',
              force_destroy: true,
              '//': {
                secure_mlops: {
                  suppressions: [{ id: 'X-08', reason: 'scratch bucket, rebuilt nightly' }],
                },
              },
            },
          },
        },
      }),
    );
    fs.mkdirSync(path.join(d, 'bad'));
    fs.writeFileSync(path.join(d, 'bad', 'x.tf.json'), '{');
    const { code, out } = run('check', d, '--format', 'sarif');
    expect(code).toBe(2);
    const log = JSON.parse(out);
    expect(validateSarif(log) || validateSarif.errors).toBe(true);
    const suppressed = log.runs[0].results.find((r: any) => r.ruleId === 'X-08.force-destroy');
    expect(suppressed.suppressions).toEqual([
      { kind: 'inSource', justification: 'scratch bucket, rebuilt nightly' },
    ]);
    const inv = log.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications[0].message.text).toMatch(/invalid JSON/);
  });

  test('--format junit: one suite per stack, ERROR findings as failures', () => {
    const { code, out } = run(
      'check',
      target,
      '--format',
      'junit',
      '--pack',
      'aws',
      '--profile',
      'platform',
    );
    expect(code).toBe(1);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const suite = /<testsuite name="legacy" tests="(\d+)" failures="(\d+)"/.exec(out);
    expect(suite).not.toBeNull();
    expect(Number(suite![2])).toBeGreaterThan(0);
    expect(out).toMatch(
      /<testcase classname="legacy.AWS-07.encryption" name="AWS-07.encryption aws_s3_bucket.raw_data">\n {6}<failure type="NON_COMPLIANT"/,
    );
    // well-formed: every testcase closes
    expect((out.match(/<testcase /g) ?? []).length).toBe((out.match(/<\/testcase>/g) ?? []).length);
  });

  test('--out writes the chosen format to a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fmt-')), 'scan.sarif');
    const { code } = run('check', target, '--format', 'sarif', '--out', file);
    expect(code).toBe(1);
    expect(validateSarif(JSON.parse(fs.readFileSync(file, 'utf8')))).toBe(true);
  });
});
