import * as fs from 'fs';
import * as path from 'path';
import { synthAll } from './synth-all';

// Every example stack, synthesized as `npm run synth` does (packs included), checked by one table:
// the compliance report of each stack, and one snapshot per resource type. Resource addresses are
// pinned in pinned-apply-shape.json (apply-shape.test.ts); the snapshots pin the configuration.
// Example-specific assertions live in the test file of each example.

const synth = synthAll();
const names = Object.keys(synth.stacks);

/**
 * The stack's JSON with what depends on the machine or the toolchain replaced: the checkout's
 * absolute path (the local backend's state file) and the cdktf version in the metadata.
 */
function portable(name: string): any {
  const root = path.resolve(__dirname, '..', '..');
  const json = JSON.parse(synth.raw[name].split(root).join('<repo>'));
  if (json['//']?.metadata?.version) json['//'].metadata.version = '<cdktf version>';
  return json;
}

function report(name: string): any {
  const file = path.join(synth.outdir, 'stacks', name, 'compliance-report.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Suppressions an example records on purpose (each with its reason, asserted in its own test). */
const EXPECTED_SUPPRESSIONS: { [stack: string]: number } = { 'ms-aws-platform': 1 };

/** The one pack that applies to an example stack (X-11: reports list only the packs that apply). */
const packOf = (stack: string): string =>
  /(^|-)aws-/.test(stack)
    ? 'AwsMlopsChecks'
    : /(^|-)gcp-/.test(stack)
      ? 'GcpMlopsChecks'
      : 'AzureMlopsChecks';

describe.each(names)('example stack %s', (name) => {
  const json = portable(name);

  test('X-11 passes every pack: no finding, no unknown, only the recorded suppressions', () => {
    const r = report(name);
    // the app adds all three packs; a stack's report runs and lists only its cloud's
    expect(r.packs).toEqual([packOf(name)]);
    expect(r.findings.filter((f: any) => f.status !== 'SUPPRESSED')).toEqual([]);
    expect(r.summary).toMatchObject({ nonCompliant: 0, errors: 0, warnings: 0, unknown: 0 });
    expect(r.summary.suppressed).toBe(EXPECTED_SUPPRESSIONS[name] ?? 0);
    expect(r.summary.compliant).toBeGreaterThan(0);
  });

  test('has resources', () => {
    expect(Object.keys(json.resource ?? {}).length).toBeGreaterThan(0);
  });

  test('snapshot: terraform settings, providers, data sources, outputs', () => {
    expect(
      Object.fromEntries(Object.entries(json).filter(([k]) => k !== 'resource')),
    ).toMatchSnapshot();
  });

  test.each(Object.keys(json.resource ?? {}).sort())('snapshot: %s', (type) => {
    expect(json.resource[type]).toMatchSnapshot();
  });
});

test('the table covers every example stack', () => {
  expect(names).toEqual([
    'aws-multi-tenant',
    'aws-sagemaker-studio',
    'azure-ml',
    'gcp-vertex',
    'ms-aws-network',
    'ms-aws-platform',
    'ms-aws-tenant-fraud',
    'ms-aws-tenant-pricing',
    'ms-azure-network',
    'ms-azure-platform',
    'ms-gcp-network',
    'ms-gcp-platform',
  ]);
});
