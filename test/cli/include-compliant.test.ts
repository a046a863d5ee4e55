// Issue 14: the scanner's reports list compliant findings only with --include-compliant; the
// summary counts them either way, on stdout and in the --out file.
import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const run = (...args: string[]) => runCliCaptured(args);

/**
 * A folder `keys` with one AWS module: a compliant key (AWS-05.key and X-10.tags compliant under
 * the security profile) and a key without rotation (AWS-05.key non-compliant, an ERROR).
 */
function keysModule(): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'incl-')), 'keys');
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({
      provider: { aws: [{ region: 'eu-west-1' }] },
      resource: {
        aws_kms_key: {
          platform: {
            description: 'platform key',
            enable_key_rotation: true,
            rotation_period_in_days: 90,
            deletion_window_in_days: 30,
            tags: { platform: 'ml', environment: 'prod', owner: 'ml-team' },
          },
          unrotated: { description: 'old key', enable_key_rotation: false },
        },
      },
    }),
  );
  return dir;
}

const lines = (report: any) =>
  report.findings.map((f: any) => `${f.ruleId} ${f.address} ${f.status}`);
const compliant = (report: any) => report.findings.filter((f: any) => f.status === 'COMPLIANT');
const withoutFindings = ({ findings: _findings, ...rest }: any) => rest;

describe('scanner CLI: --include-compliant', () => {
  const dir = keysModule();

  test('without the flag no COMPLIANT finding is listed, but the summary counts them', () => {
    const { code, out } = run('check', dir, '--format', 'json');
    expect(code).toBe(1);
    const reports = JSON.parse(out);
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report.stackName).toBe('keys');
    // only the pack of the cloud the module uses
    expect(report.packs).toEqual(['AwsMlopsChecks']);
    expect(report.summary).toEqual({
      compliant: 2,
      nonCompliant: 1,
      suppressed: 0,
      errors: 1,
      warnings: 0,
      unknown: 0,
    });
    expect(compliant(report)).toEqual([]);
    expect(lines(report)).toEqual(['AWS-05.key aws_kms_key.unrotated NON_COMPLIANT']);
  });

  test('with the flag the COMPLIANT findings are listed, as many as the summary counts', () => {
    const without = JSON.parse(run('check', dir, '--format', 'json').out)[0];
    const { code, out } = run('check', dir, '--format', 'json', '--include-compliant');
    expect(code).toBe(1);
    const [report] = JSON.parse(out);
    expect(lines(report)).toEqual([
      'AWS-05.key aws_kms_key.platform COMPLIANT',
      'X-10.tags aws_kms_key.platform COMPLIANT',
      'AWS-05.key aws_kms_key.unrotated NON_COMPLIANT',
    ]);
    expect(compliant(report)).toHaveLength(report.summary.compliant);
    expect(report.summary.compliant).toBe(2);
    // the rest of the report (packs, summary, coverage, frameworks) does not change
    expect(withoutFindings(report)).toEqual(withoutFindings(without));
    expect(report.findings.filter((f: any) => f.status !== 'COMPLIANT')).toEqual(without.findings);
  });

  test('the --out file lists the same: compliant findings only with the flag', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'incl-out-'));
    const plain = path.join(outDir, 'plain.json');
    const listed = path.join(outDir, 'listed.json');
    const fromText = path.join(outDir, 'from-text.json');
    const a = run('check', dir, '--format', 'json', '--out', plain);
    const b = run('check', dir, '--format', 'json', '--include-compliant', '--out', listed);
    // with the text format, --out writes JSON
    const c = run('check', dir, '--include-compliant', '--out', fromText);
    expect([a.code, b.code, c.code]).toEqual([1, 1, 1]);

    const plainReport = JSON.parse(fs.readFileSync(plain, 'utf8'));
    expect(plainReport).toEqual(JSON.parse(a.out));
    expect(compliant(plainReport[0])).toEqual([]);
    expect(plainReport[0].summary.compliant).toBe(2);

    const listedReport = JSON.parse(fs.readFileSync(listed, 'utf8'));
    expect(listedReport).toEqual(JSON.parse(b.out));
    expect(compliant(listedReport[0]).map((f: any) => `${f.ruleId} ${f.address}`)).toEqual([
      'AWS-05.key aws_kms_key.platform',
      'X-10.tags aws_kms_key.platform',
    ]);
    expect(compliant(listedReport[0])).toHaveLength(listedReport[0].summary.compliant);

    expect(JSON.parse(fs.readFileSync(fromText, 'utf8'))).toEqual(listedReport);
    // the text on stdout counts them but lists them only with --verbose
    expect(c.out).toContain('stack keys: 1 error(s), 0 warning(s), 0 suppressed, 2 compliant');
    expect(c.out).not.toContain('COMPLIANT [');
    expect(run('check', dir, '--include-compliant', '--verbose').out).toContain(
      '  COMPLIANT [AWS-05.key] aws_kms_key.platform',
    );
  });
});
