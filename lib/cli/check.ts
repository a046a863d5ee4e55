import { declaredProfile, evaluateStack, formatFinding } from '../core/compliance/evaluate';
import { ComplianceReport } from '../core/compliance/report';
import { ComplianceStatus, RuleLevel, RuleProfile } from '../core/compliance/rule';
import { StackView } from '../core/compliance/stack-view';
import { LoadProblem } from '../core/compliance/terraform-json';
import { LoadedStack, loadTarget } from './load';
import { pack, packsFor } from './packs';

/** Options of a check run. */
export interface CheckOptions {
  /** Short names of the packs to run on every stack (default: chosen per stack by its clouds). */
  readonly packs?: string[];
  /** `security`, `platform` or `auto` (the stack's declared profile, else security). */
  readonly profile?: string;
  /** UNKNOWN results of ERROR rules count as errors. */
  readonly strict?: boolean;
  /** List compliant results in the reports. */
  readonly includeCompliant?: boolean;
  /** Run only the rules that support a control of this framework. */
  readonly framework?: string;
}

/** One stack's report and where it came from. */
export interface StackResult {
  readonly stack: LoadedStack;
  readonly report: ComplianceReport;
}

/** Result of a check run. */
export interface CheckResult {
  readonly results: StackResult[];
  /** Every problem reading the input (files, shapes, folders). */
  readonly problems: LoadProblem[];
  readonly notes: string[];
  /** Per target: how many stacks and resources it held. */
  readonly targets: { target: string; stacks: number; resources: number }[];
  readonly errors: number;
  readonly warnings: number;
  readonly unknown: number;
}

/** Loads every stack under each target and runs the packs over it. */
export function checkTargets(targets: string[], options: CheckOptions = {}): CheckResult {
  const results: StackResult[] = [];
  const problems: LoadProblem[] = [];
  const notes: string[] = [];
  const perTarget: { target: string; stacks: number; resources: number }[] = [];
  for (const target of targets) {
    const loaded = loadTarget(target);
    problems.push(...loaded.problems);
    notes.push(...loaded.notes);
    const counts = { target, stacks: loaded.stacks.length, resources: 0 };
    perTarget.push(counts);
    for (const stack of loaded.stacks) {
      problems.push(...stack.problems);
      const view = new StackView(stack.name, stack.config);
      const names = options.packs ?? packsFor(view);
      const profile =
        options.profile === RuleProfile.PLATFORM || options.profile === RuleProfile.SECURITY
          ? options.profile
          : (declaredProfile(view.json) ?? RuleProfile.SECURITY);
      const report = evaluateStack(stack.name, view, names.map(pack), {
        profile,
        strict: options.strict,
        includeCompliant: options.includeCompliant,
        framework: options.framework,
      });
      counts.resources += report.coverage.resources;
      results.push({ stack, report });
    }
  }
  const sum = (f: (r: ComplianceReport) => number) => results.reduce((n, r) => n + f(r.report), 0);
  return {
    results,
    problems,
    notes,
    targets: perTarget,
    errors: sum((r) => r.summary.errors),
    warnings: sum((r) => r.summary.warnings),
    unknown: sum((r) => r.summary.unknown),
  };
}

/** A problem as one line. */
export function formatProblem(p: LoadProblem): string {
  const where = [p.file, p.path].filter((x) => x).join(': ');
  return `${where || '<input>'}: ${p.message}`;
}

/** A readable text report. */
export function formatText(result: CheckResult, verbose: boolean): string {
  const lines: string[] = [];
  for (const { report: r } of result.results) {
    const s = r.summary;
    lines.push(
      `stack ${r.stackName}: ${s.errors} error(s), ${s.warnings} warning(s), ${s.suppressed} suppressed, ${s.compliant} compliant, ${s.unknown} unknown`,
    );
    const c = r.coverage;
    const packs = r.packs.length > 0 ? r.packs.join(', ') : 'none (no known cloud)';
    lines.push(
      `  profile ${r.profile}; packs ${packs}; ${c.resources} resource(s), ${c.examined} examined by a rule, ${c.dataSources} data source(s)`,
    );
    for (const sk of c.skipped) lines.push(`  not evaluated: ${sk.address}: ${sk.reason}`);
    const unknowns: string[] = [];
    for (const f of r.findings) {
      if (f.status === ComplianceStatus.NON_COMPLIANT) {
        lines.push(`  ${f.level === RuleLevel.ERROR ? 'ERROR  ' : 'WARNING'} ${formatFinding(f)}`);
      } else if (f.status === ComplianceStatus.UNKNOWN) {
        unknowns.push(
          `    ${r.strict && f.level === RuleLevel.ERROR ? 'ERROR  ' : 'UNKNOWN'} ${formatFinding(f)}`,
        );
      } else if (verbose && f.status === ComplianceStatus.SUPPRESSED) {
        lines.push(`  SUPPRESSED [${f.ruleId}] ${f.address}: ${f.reason}`);
      } else if (verbose && f.status === ComplianceStatus.COMPLIANT) {
        lines.push(`  COMPLIANT [${f.ruleId}] ${f.address}`);
      }
    }
    if (unknowns.length > 0) {
      lines.push('  known only at plan/apply (UNKNOWN):');
      lines.push(...unknowns);
    }
    for (const framework of r.frameworks) {
      // controls whose rules examined at least one resource
      const fw = {
        ...framework,
        controls: framework.controls.filter(
          (c) => c.compliant + c.nonCompliant + c.unknown + c.suppressed > 0,
        ),
      };
      const failing = fw.controls.filter((c) => c.nonCompliant > 0).map((c) => c.control);
      const unknown = fw.controls.filter((c) => c.nonCompliant === 0 && c.unknown > 0);
      lines.push(
        `  ${fw.framework}: ${fw.controls.length} control(s) checked, ${failing.length} failing${failing.length ? ` (${failing.join(', ')})` : ''}${unknown.length ? `, ${unknown.length} unknown` : ''}`,
      );
    }
  }
  if (result.problems.length > 0) {
    lines.push('input problems:');
    for (const p of result.problems) lines.push(`  ${formatProblem(p)}`);
  }
  for (const n of result.notes) lines.push(`note: ${n}`);
  if (result.results.length === 0) lines.push('no Terraform JSON configurations found');
  lines.push(
    `${result.errors} error(s), ${result.warnings} warning(s), ${result.unknown} unknown in ${result.results.length} stack(s)`,
  );
  return lines.join('\n');
}
