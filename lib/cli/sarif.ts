// SARIF 2.1.0 output (for GitHub code scanning and other SARIF consumers): one run, the rules of
// every pack that ran as reportingDescriptors, one result per non-compliant, unknown or
// suppressed finding, located at the resource's line in its file.
import * as fs from 'fs';
import * as path from 'path';
import { ComplianceFinding } from '../core/compliance/report';
import { ComplianceStatus, Rule, RuleLevel, RulePack } from '../core/compliance/rule';
import { CheckResult } from './check';
import { pack, packNames } from './packs';

const SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

function uri(file: string): string {
  const rel = path.relative(process.cwd(), file);
  const p = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  return p.split(path.sep).join('/');
}

/** Finds the line of a resource block in its files (1 when it cannot be told). */
class Locator {
  private readonly texts = new Map<string, string>();

  public locate(files: string[], address: string): { file: string; line: number } {
    const [type, name] = address.split('.');
    for (const file of files) {
      let text = this.texts.get(file);
      if (text === undefined) {
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          text = '';
        }
        this.texts.set(file, text);
      }
      const t = text.indexOf(`"${type}"`);
      if (t < 0) continue;
      const n = text.indexOf(`"${name}"`, t);
      if (n < 0) continue;
      let line = 1;
      for (let i = text.indexOf('\n'); i >= 0 && i < n; i = text.indexOf('\n', i + 1)) line++;
      return { file, line };
    }
    return { file: files[0], line: 1 };
  }
}

function level(f: ComplianceFinding, strict: boolean): string {
  if (f.status === ComplianceStatus.UNKNOWN) {
    return strict && f.level === RuleLevel.ERROR ? 'error' : 'note';
  }
  return f.level === RuleLevel.ERROR ? 'error' : 'warning';
}

function descriptor(rule: Rule, pack: RulePack) {
  const packName = pack.name;
  const controls = pack
    .frameworksOf(rule)
    .flatMap((f) => f.controls.map((c) => `${f.framework}:${c}`));
  const help = [
    rule.description + '.',
    `Fix: ${rule.fixHint}.`,
    rule.source ? `Source: ${rule.source}` : undefined,
  ]
    .filter((x) => x)
    .join('\n');
  return {
    id: rule.id,
    name: rule.id.replace(/[^A-Za-z0-9]+/g, ''),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: help, markdown: help.split('\n').join('\n\n') },
    defaultConfiguration: { level: rule.level === RuleLevel.ERROR ? 'error' : 'warning' },
    properties: {
      pack: packName,
      category: rule.category,
      profile: rule.profile,
      tags: [...new Set(['security', 'terraform', rule.category, ...controls])],
    },
  };
}

/** The check result as a SARIF 2.1.0 log. */
export function toSarif(result: CheckResult, version: string): any {
  const rules: any[] = [];
  const index = new Map<string, number>();
  for (const { report } of result.results) {
    for (const name of report.packs) {
      const p = packNames()
        .map((n) => pack(n))
        .find((x) => x.name === name);
      for (const rule of p?.rules ?? []) {
        if (index.has(rule.id)) continue;
        index.set(rule.id, rules.length);
        rules.push(descriptor(rule, p!));
      }
    }
  }
  const locator = new Locator();
  const results: any[] = [];
  for (const { stack, report } of result.results) {
    for (const f of report.findings) {
      if (f.status === ComplianceStatus.COMPLIANT) continue;
      const where = locator.locate(stack.files, f.address);
      const message =
        (f.status === ComplianceStatus.UNKNOWN ? 'Known only at plan/apply: ' : '') +
        `${f.description}${f.reason && f.status !== ComplianceStatus.SUPPRESSED ? ` (${f.reason})` : ''}. Fix: ${f.fixHint}`;
      const r: any = {
        ruleId: f.ruleId,
        level: level(f, report.strict),
        message: { text: `${f.address}: ${message}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri(where.file) },
              region: { startLine: where.line },
            },
            logicalLocations: [
              { fullyQualifiedName: `${report.stackName}/${f.address}`, kind: 'resource' },
            ],
          },
        ],
        partialFingerprints: { resourceRule: `${report.stackName}/${f.address}/${f.ruleId}` },
        properties: { stack: report.stackName, status: f.status, category: f.category },
      };
      const i = index.get(f.ruleId);
      if (i !== undefined) r.ruleIndex = i;
      if (f.constructPath) r.properties.constructPath = f.constructPath;
      if (f.status === ComplianceStatus.SUPPRESSED) {
        r.suppressions = [{ kind: 'inSource', justification: f.reason ?? '' }];
      }
      results.push(r);
    }
  }
  const notifications = result.problems.map((p) => ({
    level: 'error',
    message: { text: `${p.path ? `${p.path}: ` : ''}${p.message}` },
    ...(p.file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: uri(p.file) } } }] }
      : {}),
  }));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdktf-secure-mlops',
            version,
            informationUri: 'https://www.npmjs.com/package/cdktf-secure-mlops',
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: result.problems.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
}
