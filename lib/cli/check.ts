import * as fs from 'fs';
import * as path from 'path';
import { evaluateStack, formatFinding } from '../core/compliance/evaluate';
import { ComplianceReport } from '../core/compliance/report';
import { ComplianceStatus, RuleLevel, RulePack } from '../core/compliance/rule';

/** A synthesized stack found on disk. */
export interface StackFile {
  readonly name: string;
  readonly file: string;
}

/**
 * Finds the synthesized stacks under `dir`: a cdktf.out (manifest.json with stacks), a
 * `stacks/` folder, one stack folder holding cdk.tf.json, or a single .tf.json file.
 */
export function findStacks(dir: string): StackFile[] {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new Error(`no such file or directory: ${dir}`);
  if (fs.statSync(abs).isFile())
    return [{ name: path.basename(abs).replace(/\.tf\.json$|\.json$/, ''), file: abs }];
  const manifest = path.join(abs, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    return Object.values<any>(m.stacks ?? {})
      .map((s) => ({ name: s.name, file: path.join(abs, s.synthesizedStackPath) }))
      .filter((s) => fs.existsSync(s.file))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  if (fs.existsSync(path.join(abs, 'cdk.tf.json'))) {
    return [{ name: path.basename(abs), file: path.join(abs, 'cdk.tf.json') }];
  }
  const stacksDir = fs.existsSync(path.join(abs, 'stacks')) ? path.join(abs, 'stacks') : abs;
  const found: StackFile[] = [];
  for (const entry of fs.readdirSync(stacksDir).sort()) {
    const f = path.join(stacksDir, entry, 'cdk.tf.json');
    if (fs.existsSync(f)) found.push({ name: entry, file: f });
    else if (entry.endsWith('.tf.json'))
      found.push({ name: entry.replace(/\.tf\.json$/, ''), file: path.join(stacksDir, entry) });
  }
  return found;
}

/** Result of a check run. */
export interface CheckResult {
  readonly reports: ComplianceReport[];
  readonly errors: number;
  readonly warnings: number;
}

/** Runs the packs over every stack under `dir`. */
export function checkDirectory(dir: string, packs: RulePack[]): CheckResult {
  const reports = findStacks(dir).map((s) =>
    evaluateStack(s.name, JSON.parse(fs.readFileSync(s.file, 'utf8')), packs),
  );
  return {
    reports,
    errors: reports.reduce((n, r) => n + r.summary.errors, 0),
    warnings: reports.reduce((n, r) => n + r.summary.warnings, 0),
  };
}

/** A readable text report. */
export function formatText(result: CheckResult, verbose: boolean): string {
  const lines: string[] = [];
  for (const r of result.reports) {
    lines.push(
      `stack ${r.stackName}: ${r.summary.errors} error(s), ${r.summary.warnings} warning(s), ${r.summary.suppressed} suppressed, ${r.summary.compliant} compliant`,
    );
    for (const f of r.findings) {
      if (f.status === ComplianceStatus.NON_COMPLIANT) {
        lines.push(`  ${f.level === RuleLevel.ERROR ? 'ERROR  ' : 'WARNING'} ${formatFinding(f)}`);
      } else if (verbose && f.status === ComplianceStatus.SUPPRESSED) {
        lines.push(`  SUPPRESSED [${f.ruleId}] ${f.address}: ${f.reason}`);
      }
    }
  }
  if (result.reports.length === 0) lines.push('no synthesized stacks found');
  lines.push(
    `${result.errors} error(s), ${result.warnings} warning(s) in ${result.reports.length} stack(s)`,
  );
  return lines.join('\n');
}
