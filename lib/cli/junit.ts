// JUnit XML output (for CI dashboards): one testsuite per stack, one testcase per finding.
// Non-compliant ERROR findings (and, with --strict, unknown ones) are failures; warnings and
// unknown results pass with their detail in system-out; suppressed ones are skipped.
import { ComplianceStatus, RuleLevel } from '../core/compliance/rule';
import { formatFinding, isFailure } from '../core/compliance/evaluate';
import { CheckResult, formatProblem } from './check';

function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The check result as JUnit XML. */
export function toJunit(result: CheckResult): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const { report } of result.results) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let skipped = 0;
    for (const f of report.findings) {
      const name = `${f.ruleId} ${f.address}`;
      const open = `    <testcase classname="${xml(report.stackName)}.${xml(f.ruleId)}" name="${xml(name)}">`;
      if (isFailure(f, report.strict)) {
        suiteFailures++;
        cases.push(
          `${open}\n      <failure type="${f.status}" message="${xml(f.reason ?? f.description)}">${xml(formatFinding(f))}</failure>\n    </testcase>`,
        );
      } else if (f.status === ComplianceStatus.SUPPRESSED) {
        skipped++;
        cases.push(
          `${open}\n      <skipped message="${xml(`suppressed: ${f.reason ?? ''}`)}"/>\n    </testcase>`,
        );
      } else if (
        f.status === ComplianceStatus.UNKNOWN ||
        (f.status === ComplianceStatus.NON_COMPLIANT && f.level === RuleLevel.WARNING)
      ) {
        const tag = f.status === ComplianceStatus.UNKNOWN ? 'UNKNOWN' : 'WARNING';
        cases.push(
          `${open}\n      <system-out>${xml(`${tag} ${formatFinding(f)}`)}</system-out>\n    </testcase>`,
        );
      } else {
        cases.push(`${open}</testcase>`);
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${xml(report.stackName)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`,
    );
  }
  if (result.problems.length > 0) {
    const cases = result.problems.map(
      (p) =>
        `    <testcase classname="input" name="${xml(p.file ?? 'input')}">\n      <error message="${xml(p.message)}">${xml(formatProblem(p))}</error>\n    </testcase>`,
    );
    tests += cases.length;
    suites.push(
      `  <testsuite name="input" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = result.problems.length;
  out.push(
    `<testsuites name="cdktf-secure-mlops" tests="${tests}" failures="${failures}" errors="${errors}">`,
  );
  out.push(...suites);
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
