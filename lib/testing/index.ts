// `cdktf-secure-mlops/testing`: jest matchers over the rule packs, for positive and negative
// tests of your own stacks. TypeScript/JavaScript only (not part of the jsii API).
//
//   import { setupJest } from 'cdktf-secure-mlops/testing';
//   setupJest(); // once, e.g. in a jest setupFilesAfterEnv file
//   expect(stack).toBeCompliant();
//   expect(stack).toHaveFinding('AWS-07.encryption', { address: 'aws_s3_bucket.data' });
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { runAspects } from '../core/compliance/cdktf-adapter';
import { Compliance } from '../core/compliance/compliance';
import { formatFinding, isFailure } from '../core/compliance/evaluate';
import { ComplianceFinding, ComplianceReport, REPORT_FILE_NAME } from '../core/compliance/report';
import { ComplianceStatus } from '../core/compliance/rule';

// The plan-shape helpers of `cdktf-secure-mlops pin`, for snapshot tests of a stack's plan shape:
//   expect(stackShapeOf(JSON.parse(Testing.synth(stack)))).toMatchSnapshot();
export {
  compareShapes,
  formatChanges,
  REPLACEMENT_ATTRIBUTES,
  stackShapeOf,
} from '../cli/pin-shape';
export type { PlanShape, ShapeChange, StackShape } from '../cli/pin-shape';

/** Narrows `toHaveFinding` to one resource or status. */
export interface FindingQuery {
  /** Terraform address (`aws_s3_bucket.data`) or resource type (`aws_s3_bucket`). */
  readonly address?: string;
  /** Construct path, or its ending below the stack (`platform/data/bucket`). */
  readonly constructPath?: string;
  /** Result to look for. Default: NON_COMPLIANT. */
  readonly status?: ComplianceStatus;
}

/** A matcher's verdict in jest's shape. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The rule packs report no failing finding (a stack, a synth outdir, or reports). */
      toBeCompliant(): R;
      /** The rule packs report `ruleId` (or one of its facets) as non-compliant. */
      toHaveFinding(ruleId: string, where?: FindingQuery): R;
    }
  }
}

function findReportFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === REPORT_FILE_NAME) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The compliance reports of a subject: a stack (its app's packs run now, without throwing), a
 * directory written by `Testing.fullSynth` / `app.synth()` / `cdktf synth` (its
 * compliance-report.json files), one report file, or reports.
 */
export function complianceReports(subject: unknown): ComplianceReport[] {
  if (TerraformStack.isStack(subject)) {
    const engine = Compliance.of(subject);
    if (engine.packs.length === 0) {
      throw new Error(
        `no rule packs run on stack '${subject.node.id}': add one with ` +
          'Compliance.of(app).addPack(new AwsMlopsChecks()) (or GcpMlopsChecks, AzureMlopsChecks)',
      );
    }
    runAspects(subject);
    return [engine.evaluate(subject)];
  }
  if (typeof subject === 'string') {
    if (subject.trimStart().startsWith('{')) {
      throw new Error(
        "pass the stack or Testing.fullSynth's directory, not Testing.synth's JSON: it has no " +
          'suppressions (cdktf strips the "//" metadata), and Testing.synth already runs the packs',
      );
    }
    if (!fs.existsSync(subject)) throw new Error(`no such file or directory: ${subject}`);
    const files = fs.statSync(subject).isDirectory() ? findReportFiles(subject) : [subject];
    if (files.length === 0) {
      throw new Error(`no ${REPORT_FILE_NAME} under ${subject}: were rule packs added?`);
    }
    return files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  }
  const reports = Array.isArray(subject) ? subject : [subject];
  if (reports.length > 0 && reports.every((r) => r && Array.isArray(r.findings) && r.summary)) {
    return reports as ComplianceReport[];
  }
  throw new Error(
    'expected a TerraformStack, a synth output directory, a compliance-report.json path or ' +
      `compliance reports; got ${typeof subject}`,
  );
}

function facetOf(ruleId: string, wanted: string): boolean {
  return ruleId === wanted || ruleId.startsWith(`${wanted}.`);
}

function matches(f: ComplianceFinding, ruleId: string, where: FindingQuery): boolean {
  if (!facetOf(f.ruleId, ruleId)) return false;
  if (f.status !== (where.status ?? ComplianceStatus.NON_COMPLIANT)) return false;
  if (where.address && f.address !== where.address && !f.address.startsWith(`${where.address}.`))
    return false;
  if (where.constructPath) {
    const p = f.constructPath ?? '';
    if (p !== where.constructPath && !p.endsWith(`/${where.constructPath}`)) return false;
  }
  return true;
}

function listed(findings: string[]): string {
  return findings.length > 0 ? `\n  ${findings.join('\n  ')}` : ' none';
}

function attempt(fn: () => MatcherResult): MatcherResult {
  try {
    return fn();
  } catch (e) {
    return { pass: false, message: () => (e as Error).message };
  }
}

/** Matcher: no failing finding (non-compliant ERROR rules; with strict, unknown ones too). */
export function toBeCompliant(received: unknown): MatcherResult {
  return attempt(() => {
    const reports = complianceReports(received);
    const failures = reports.flatMap((r) =>
      r.findings
        .filter((f) => isFailure(f, r.strict))
        .map((f) => `${r.stackName}: ${formatFinding(f)}`),
    );
    return {
      pass: failures.length === 0,
      message: () =>
        failures.length === 0
          ? `expected failing findings, got none (packs: ${reports.map((r) => r.packs.join(', ')).join('; ')})`
          : `expected no failing findings, got ${failures.length}:${listed(failures)}`,
    };
  });
}

/** Matcher: the packs report `ruleId` (or a facet of it: `AWS-07` covers `AWS-07.encryption`). */
export function toHaveFinding(
  received: unknown,
  ruleId: string,
  where: FindingQuery = {},
): MatcherResult {
  return attempt(() => {
    const reports = complianceReports(received);
    const all = reports.flatMap((r) => r.findings.map((f) => ({ stack: r.stackName, f })));
    const hits = all.filter(({ f }) => matches(f, ruleId, where));
    const status = where.status ?? ComplianceStatus.NON_COMPLIANT;
    const what = `${status} ${ruleId}${where.address ? ` on ${where.address}` : ''}${where.constructPath ? ` at ${where.constructPath}` : ''}`;
    const shown = (list: typeof all) =>
      list.map(({ stack, f }) => `${stack}: ${f.status} ${formatFinding(f)}`);
    return {
      pass: hits.length > 0,
      message: () =>
        hits.length > 0
          ? `expected no ${what}, got:${listed(shown(hits))}`
          : `expected ${what}; the findings of ${ruleId} are:${listed(shown(all.filter(({ f }) => facetOf(f.ruleId, ruleId))))}`,
    };
  });
}

/** Registers `toBeCompliant` and `toHaveFinding` with jest's global `expect`. */
export function setupJest(): void {
  const expect = (globalThis as any).expect;
  if (!expect || typeof expect.extend !== 'function') {
    throw new Error('setupJest() needs the global `expect` of jest: call it in a jest setup file');
  }
  expect.extend({
    toBeCompliant: (received: unknown) => toBeCompliant(received),
    toHaveFinding: (received: unknown, ruleId: string, where?: FindingQuery) =>
      toHaveFinding(received, ruleId, where),
  });
}
