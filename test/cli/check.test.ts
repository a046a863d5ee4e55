import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const FIXTURES = path.join(__dirname, 'fixtures');

const run = (...args: string[]) => runCliCaptured(args);

function tempJson(json: any): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'stack.tf.json');
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

const legacyStack = () =>
  JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'noncompliant', 'stacks', 'legacy', 'cdk.tf.json'), 'utf8'),
  );

describe('scanner CLI: check <dir>', () => {
  test('a non-compliant cdktf.out written without this library: readable report, exit 1', () => {
    const { code, out } = run(
      'check',
      path.join(FIXTURES, 'noncompliant'),
      '--profile',
      'platform',
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^stack legacy: \d+ error\(s\), \d+ warning\(s\), 0 suppressed/);
    // rule id, resource address, message, fix hint, on the three clouds
    expect(out).toContain(
      'ERROR   [AWS-07.encryption] aws_s3_bucket.raw_data: S3 buckets use SSE-KMS',
    );
    expect(out).toMatch(
      /\[AWS-01\] aws_sagemaker_domain.studio: .*app_network_access_type is PublicInternetOnly.*Fix: /,
    );
    expect(out).toMatch(
      /ERROR {3}\[GCP-12.access\] google_storage_bucket.exports: .*Fix: Set uniform_bucket_level_access = true/,
    );
    expect(out).toMatch(
      /ERROR {3}\[AZ-04\] azurerm_storage_account.lake: .*allow_nested_items_to_be_public is not false/,
    );
    expect(out).toMatch(/WARNING \[X-09\] google_storage_bucket.exports: .*no labels/);
  });

  test('a compliant single .tf.json file: exit 0', () => {
    const file = path.join(FIXTURES, 'compliant', 'main.tf.json');
    const { code, out } = run('check', file, '--profile', 'platform');
    expect(code).toBe(0);
    // the key is judged by AWS-05.key, X-08, X-09 and the apply rule X-10.tags
    expect(out).toContain('stack main: 0 error(s), 0 warning(s), 0 suppressed, 4 compliant');
    // without platform resources, auto picks the security profile: no tag or destroy conventions
    expect(run('check', file).out).toContain(
      'stack main: 0 error(s), 0 warning(s), 0 suppressed, 2 compliant',
    );
  });

  test('--json prints machine-readable reports and --out writes them', () => {
    const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-out-')), 'report.json');
    const { code, out } = run(
      'check',
      path.join(FIXTURES, 'noncompliant'),
      '--json',
      '--profile',
      'platform',
      '--out',
      outFile,
    );
    expect(code).toBe(1);
    const reports = JSON.parse(out);
    expect(reports).toHaveLength(1);
    expect(reports[0].stackName).toBe('legacy');
    expect(reports[0].findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'X-08',
        address: 'aws_s3_bucket.raw_data',
        status: 'NON_COMPLIANT',
        level: 'ERROR',
      }),
    );
    expect(JSON.parse(fs.readFileSync(outFile, 'utf8'))).toEqual(reports);
  });

  test('suppressions recorded in the synthesized metadata are honoured (with a reason)', () => {
    const json = legacyStack();
    const suppress = (ids: string[], reason: string) => ({
      secure_mlops: { suppressions: ids.map((id) => ({ id, reason })) },
    });
    json.resource.aws_s3_bucket.raw_data['//'] = suppress(
      ['AWS-07', 'X-08', 'X-09'],
      'legacy bucket, migrated in Q3',
    );
    const file = tempJson(json);
    const { out } = run('check', file, '--verbose', '--pack', 'aws', '--profile', 'platform');
    expect(out).not.toMatch(/(ERROR|WARNING) +\[[^\]]+\] aws_s3_bucket.raw_data/);
    expect(out).toContain(
      'SUPPRESSED [AWS-07.encryption] aws_s3_bucket.raw_data: legacy bucket, migrated in Q3',
    );
    expect(out).toMatch(/\[AWS-01\] aws_sagemaker_domain.studio/);
  });

  test('suppressions without a sufficient reason are not honoured', () => {
    const json = legacyStack();
    json.resource.aws_s3_bucket.raw_data['//'] = {
      secure_mlops: { suppressions: [{ id: 'X-08', reason: 'x' }] },
    };
    const { out } = run('check', tempJson(json), '--pack', 'aws', '--profile', 'platform');
    expect(out).toMatch(/ERROR {3}\[X-08\] aws_s3_bucket.raw_data/);
  });

  test('--pack limits the packs that run', () => {
    const { out } = run('check', path.join(FIXTURES, 'noncompliant'), '--pack', 'gcp');
    expect(out).toContain('[GCP-12.access]');
    expect(out).not.toContain('[AWS-');
    expect(out).not.toContain('[AZ-');
  });

  test('bad usage and unreadable input exit 2 with a message', () => {
    expect(run().code).toBe(2);
    expect(run('check').code).toBe(2);
    expect(run('check', FIXTURES, '--bogus').err).toContain('unknown option --bogus');
    expect(run('check', FIXTURES, '--out').err).toContain('--out needs a value');
    expect(run('check', FIXTURES, '--pack', 'oracle').err).toContain(
      'unknown pack oracle; known: aws, gcp, azure',
    );
    const missing = run('check', path.join(FIXTURES, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file or directory');
    expect(run('--help').out).toContain('usage: cdktf-secure-mlops check <path>...');
  });
});
