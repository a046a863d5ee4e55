import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as path from 'path';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import {
  FrameworkMapping,
  RuleCategory,
  RulePack,
  RuleProfile,
} from '../../lib/core/compliance/rule';
import { AwsMlopsChecks } from '../../lib/aws/rules';
import { AWS_FRAMEWORKS } from '../../lib/aws/rules/frameworks';
import { GcpMlopsChecks } from '../../lib/gcp/rules';
import { GCP_FRAMEWORKS } from '../../lib/gcp/rules/frameworks';
import { AzureMlopsChecks } from '../../lib/azure/rules';
import { AZURE_FRAMEWORKS } from '../../lib/azure/rules/frameworks';

// Control ids and titles of the four frameworks, from the public sources named in the file
// (Prowler's CIS v3.0.0 requirement lists, NIST's OSCAL SP 800-53 r5 HIGH baseline catalog).
const CATALOG: { [framework: string]: { [control: string]: string } } = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'framework-catalog.json'), 'utf8'),
);
const ROOT = path.resolve(__dirname, '..', '..');
const NIST = 'nist-800-53-r5';

const CLOUDS = [
  {
    cloud: 'aws',
    cis: 'cis-aws-3.0.0',
    table: AWS_FRAMEWORKS,
    pack: () => new AwsMlopsChecks() as RulePack,
  },
  {
    cloud: 'gcp',
    cis: 'cis-gcp-3.0.0',
    table: GCP_FRAMEWORKS,
    pack: () => new GcpMlopsChecks() as RulePack,
  },
  {
    cloud: 'azure',
    cis: 'cis-azure-3.0.0',
    table: AZURE_FRAMEWORKS,
    pack: () => new AzureMlopsChecks() as RulePack,
  },
];

/** The controls a pack maps one of its rules to, in one framework. */
function controlsOf(pack: RulePack, ruleId: string, framework: string): string[] {
  const rule = pack.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in ${pack.name}`);
  return pack
    .frameworksOf(rule)
    .filter((f) => f.framework === framework)
    .flatMap((f) => f.controls);
}

/** Straight quotes, single spaces, lower case: titles as the sources spell them differ in that. */
function normalize(title: string): string {
  return title
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

describe.each(CLOUDS)('X-11 $cloud framework table', ({ cloud, cis, table, pack }) => {
  test('X-11 the pack constructs with its table, and every mapping names a rule of the pack', () => {
    const p = pack();
    const ids = new Set(p.rules.map((r) => r.id));
    for (const m of table) expect(ids).toContain(m.ruleId);
    // the table reaches the pack: frameworksOf gives back exactly the table
    const back = p.rules.flatMap((r) =>
      p.frameworksOf(r).map((f) => ({ ruleId: r.id, ...f }) as FrameworkMapping),
    );
    expect(back).toHaveLength(table.length);
    expect(new Set(back.map((m) => `${m.ruleId}|${m.framework}`))).toEqual(
      new Set(table.map((m) => `${m.ruleId}|${m.framework}`)),
    );
  });

  test("X-11 only the cloud's CIS benchmark and NIST 800-53 r5; one entry per rule and framework", () => {
    for (const m of table) expect([cis, NIST]).toContain(m.framework);
    const keys = table.map((m) => `${m.ruleId}|${m.framework}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of table) {
      expect(m.controls.length).toBeGreaterThan(0);
      expect(new Set(m.controls).size).toBe(m.controls.length);
    }
  });

  test('X-11 apply and reference rules map to no framework', () => {
    const p = pack();
    const mapped = p.rules.filter(
      (r) => r.category !== RuleCategory.SECURITY && p.frameworksOf(r).length > 0,
    );
    expect(mapped.map((r) => r.id)).toEqual([]);
  });

  test('X-11 control ids have the framework format (CIS dotted numbers, NIST XX-N or XX-N(N))', () => {
    for (const m of table) {
      for (const c of m.controls) {
        if (m.framework === NIST) expect(c).toMatch(/^[A-Z]{2}-\d+(\(\d+\))?$/);
        else expect(c).toMatch(/^\d+(\.\d+)*$/);
      }
    }
  });

  test('X-11 every control exists in that version of the benchmark (or the NIST catalog)', () => {
    const missing = table.flatMap((m) =>
      m.controls
        .filter((c) => CATALOG[m.framework]?.[c] === undefined)
        .map((c) => `${m.ruleId} ${m.framework}:${c}`),
    );
    expect(missing).toEqual([]);
  });

  test('X-11 the comment next to each control is its title in the source', () => {
    const source = fs.readFileSync(path.join(ROOT, 'lib', cloud, 'rules', 'frameworks.ts'), 'utf8');
    // '2.1.4', // Ensure that S3 Buckets ... — an optional note after the dash
    const lines = [...source.matchAll(/^\s*'([^']+)', \/\/ (.+)$/gm)];
    const controls = table.reduce((n, m) => n + m.controls.length, 0);
    expect(lines).toHaveLength(controls);
    const wrong: string[] = [];
    let framework = '';
    for (const line of source.split('\n')) {
      const f = /framework: (CIS|NIST),/.exec(line);
      if (f) framework = f[1] === 'CIS' ? cis : NIST;
      const m = /^\s*'([^']+)', \/\/ (.+)$/.exec(line);
      if (!m) continue;
      const title = m[2].split(' — ')[0];
      const expected = CATALOG[framework]?.[m[1]];
      if (expected === undefined || normalize(title) !== normalize(expected)) {
        wrong.push(`${framework}:${m[1]} '${title}' (source: '${expected}')`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('X-11 spot checks: AWS', () => {
  const p = new AwsMlopsChecks();
  const CIS = 'cis-aws-3.0.0';

  test('X-11 AWS-07.public-access is CIS AWS 2.1.4 (Block Public Access) and X-03.public-acl is not', () => {
    expect(controlsOf(p, 'AWS-07.public-access', CIS)).toEqual(['2.1.4']);
    expect(controlsOf(p, 'X-03.public-acl', CIS)).toEqual([]);
  });

  test('X-11 X-05.sg-ingress is CIS AWS 5.2 and 5.3, not 5.4 (default security group with no rules)', () => {
    expect(controlsOf(p, 'X-05.sg-ingress', CIS)).toEqual(['5.2', '5.3']);
    expect(controlsOf(p, 'X-05.sg-egress', CIS)).toEqual([]);
  });

  test('X-11 CloudTrail, KMS rotation, TLS and flow-log rules carry their CIS AWS items', () => {
    expect(controlsOf(p, 'AWS-22', CIS)).toEqual(['3.1', '3.2', '3.5']);
    expect(controlsOf(p, 'X-06.trail-logging', CIS)).toEqual(['3.1']);
    expect(controlsOf(p, 'AWS-05.key', CIS)).toEqual(['3.6']);
    expect(controlsOf(p, 'AWS-07.tls', CIS)).toEqual(['2.1.1']);
    expect(controlsOf(p, 'AWS-27', CIS)).toEqual(['3.7']);
    expect(controlsOf(p, 'X-03', CIS)).toEqual(['1.16']);
    // bucket logging checks every bucket, not the trail's bucket of 3.4
    expect(controlsOf(p, 'AWS-07.logging', CIS)).toEqual([]);
  });

  test('X-11 a world-open SSH ingress is reported under CIS AWS 5.2 and NIST SC-7', () => {
    const report = evaluateStack(
      's',
      {
        resource: {
          aws_security_group: {
            ssh: {
              name: 'ssh',
              ingress: [
                { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] },
              ],
            },
          },
        },
      },
      [p],
      { profile: RuleProfile.SECURITY },
    );
    const f = report.findings.find((x) => x.ruleId === 'X-05.sg-ingress');
    expect(f?.status).toBe('NON_COMPLIANT');
    expect(f?.frameworks).toEqual([
      'cis-aws-3.0.0:5.2',
      'cis-aws-3.0.0:5.3',
      'nist-800-53-r5:SC-7',
    ]);
    const cis = report.frameworks.find((x) => x.framework === CIS)!;
    expect(cis.controls.find((c) => c.control === '5.2')).toMatchObject({
      rules: ['X-05.sg-ingress'],
      nonCompliant: 1,
    });
  });
});

describe('X-11 spot checks: GCP', () => {
  const p = new GcpMlopsChecks();
  const CIS = 'cis-gcp-3.0.0';

  test('X-11 GCP-08.firewall is CIS GCP 3.6 (SSH) and 3.7 (RDP) from the internet', () => {
    expect(controlsOf(p, 'GCP-08.firewall', CIS)).toEqual(['3.6', '3.7']);
    expect(controlsOf(p, 'GCP-08.firewall', NIST)).toEqual(['SC-7']);
  });

  test('X-11 public members, key rotation, SA keys, bucket access and audit logs carry their CIS GCP items', () => {
    expect(controlsOf(p, 'X-03.public-member', CIS)).toEqual(['1.9', '5.1', '7.1']);
    expect(controlsOf(p, 'GCP-06.rotation', CIS)).toEqual(['1.10']);
    expect(controlsOf(p, 'GCP-17', CIS)).toEqual(['1.4']);
    expect(controlsOf(p, 'GCP-12.access', CIS)).toEqual(['5.1', '5.2']);
    expect(controlsOf(p, 'GCP-10.audit-config', CIS)).toEqual(['2.1']);
    expect(controlsOf(p, 'GCP-10.all-services', CIS)).toEqual(['2.1']);
    expect(controlsOf(p, 'GCP-08.subnet', CIS)).toEqual(['3.8']);
    expect(controlsOf(p, 'GCP-01', CIS)).toEqual(['4.1']);
    // five broad roles to anyone is not 1.5 (every admin role to service accounts)
    expect(controlsOf(p, 'GCP-02', CIS)).toEqual([]);
  });

  test('X-11 the audit sink guard is NIST AU-9(4)', () => {
    expect(controlsOf(p, 'GCP-10.sink-guard', NIST)).toEqual(['AU-9(4)']);
  });

  test('X-11 a firewall open to 0.0.0.0/0 is reported under CIS GCP 3.6 and 3.7', () => {
    const report = evaluateStack(
      's',
      {
        resource: {
          google_compute_firewall: {
            ssh: {
              name: 'ssh',
              network: 'default',
              allow: [{ protocol: 'tcp', ports: ['22'] }],
              source_ranges: ['0.0.0.0/0'],
            },
          },
        },
      },
      [p],
      { profile: RuleProfile.SECURITY, framework: CIS },
    );
    expect(report.findings.find((x) => x.ruleId === 'GCP-08.firewall')?.frameworks).toEqual([
      'cis-gcp-3.0.0:3.6',
      'cis-gcp-3.0.0:3.7',
    ]);
    // GCP-08.targets (no target service accounts) fails too, but maps to no CIS item
    expect(report.findings.map((x) => x.ruleId)).not.toContain('GCP-08.targets');
    expect(report.frameworks.map((x) => x.framework)).toEqual([CIS]);
  });
});

describe('X-11 spot checks: Azure', () => {
  const p = new AzureMlopsChecks();
  const CIS = 'cis-azure-3.0.0';

  test('X-11 X-05.nsg-inbound is CIS Azure 7.1 (RDP), 7.2 (SSH), 7.3 (UDP), 7.4 (HTTP(S)) from the internet', () => {
    expect(controlsOf(p, 'X-05.nsg-inbound', CIS)).toEqual(['7.1', '7.2', '7.3', '7.4']);
  });

  test('X-11 storage, Key Vault, firewall, logging and lock rules carry their CIS Azure v3.0.0 items', () => {
    expect(controlsOf(p, 'AZ-04', CIS)).toEqual(['4.1', '4.2', '4.7', '4.10', '4.15', '4.17']);
    expect(controlsOf(p, 'AZ-02.storage', CIS)).toEqual(['4.11']);
    expect(controlsOf(p, 'AZ-03', CIS)).toEqual(['3.3.5', '3.3.6']);
    expect(controlsOf(p, 'AZ-02.rotation', CIS)).toEqual(['3.3.8']);
    expect(controlsOf(p, 'X-03.custom-role-wildcards', CIS)).toEqual(['2.23']);
    expect(controlsOf(p, 'AZ-11.activity-log', CIS)).toEqual(['6.1.1']);
    expect(controlsOf(p, 'AZ-13', CIS)).toEqual(['10.1']);
    // the IP-rule entries are 5.1.2 / 5.2.5; the default network action of 4.7 is AZ-04's
    expect(controlsOf(p, 'X-05.ip-rules', CIS)).toEqual(['5.1.2', '5.2.5']);
  });

  test('X-11 an NSG rule admitting RDP from Internet is reported under CIS Azure 7.1-7.4', () => {
    const report = evaluateStack(
      's',
      {
        resource: {
          azurerm_network_security_rule: {
            rdp: {
              name: 'rdp',
              direction: 'Inbound',
              access: 'Allow',
              protocol: 'Tcp',
              priority: 100,
              source_address_prefix: 'Internet',
              source_port_range: '*',
              destination_port_range: '3389',
              destination_address_prefix: '*',
              resource_group_name: 'rg',
              network_security_group_name: 'nsg',
            },
          },
        },
      },
      [p],
      { profile: RuleProfile.SECURITY, framework: CIS },
    );
    const f = report.findings.find((x) => x.ruleId === 'X-05.nsg-inbound');
    expect(f?.status).toBe('NON_COMPLIANT');
    expect(f?.frameworks).toEqual([
      'cis-azure-3.0.0:7.1',
      'cis-azure-3.0.0:7.2',
      'cis-azure-3.0.0:7.3',
      'cis-azure-3.0.0:7.4',
    ]);
  });
});

describe('X-11 scanner CLI --framework', () => {
  const FIXTURE = path.join(ROOT, 'test', 'cli', 'fixtures', 'noncompliant');

  const run = (...args: string[]) => runCliCaptured(args);

  /** The rules of the three packs mapped to a framework, and its distinct controls. */
  function mapped(framework: string) {
    const packs: RulePack[] = [new AwsMlopsChecks(), new GcpMlopsChecks(), new AzureMlopsChecks()];
    const rules = new Set<string>();
    const controls = new Set<string>();
    for (const p of packs) {
      for (const r of p.rules) {
        if (r.profile === RuleProfile.PLATFORM) continue;
        for (const f of p.frameworksOf(r).filter((x) => x.framework === framework)) {
          rules.add(r.id);
          f.controls.forEach((c) => controls.add(c));
        }
      }
    }
    return { rules, controls };
  }

  test('X-11 check --framework cis-aws-3.0.0 runs only the mapped rules and prints the framework summary', () => {
    const all = JSON.parse(run('check', FIXTURE, '--json').out);
    const allIds = all.flatMap((r: any) => r.findings.map((f: any) => f.ruleId));
    // without the filter the stack also fails unmapped AWS rules and the GCP and Azure packs
    expect(allIds).toEqual(expect.arrayContaining(['AWS-01', 'GCP-12.access', 'AZ-04']));

    const json = JSON.parse(run('check', FIXTURE, '--json', '--framework', 'cis-aws-3.0.0').out);
    const { rules } = mapped('cis-aws-3.0.0');
    const findings = json.flatMap((r: any) => r.findings);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(rules).toContain(f.ruleId);
      expect(f.frameworks.every((c: string) => c.startsWith('cis-aws-3.0.0:'))).toBe(true);
    }
    expect(findings.map((f: any) => f.ruleId).sort()).toEqual([
      'AWS-07.public-access',
      'AWS-07.tls',
    ]);

    const { code, out } = run('check', FIXTURE, '--framework', 'cis-aws-3.0.0');
    expect(code).toBe(1);
    // only the controls whose rules examined a resource of the stack count as checked
    expect(out).toContain(`  cis-aws-3.0.0: 2 control(s) checked, 2 failing (2.1.1, 2.1.4)`);
    expect(out).not.toMatch(/\[(AWS-01|GCP-12\.access|AZ-04)\]/);
    expect(out).not.toMatch(/^ {2}(cis-gcp|cis-azure|nist)/m);
  });

  test('X-11 check --framework cis-azure-3.0.0 reports the storage account under its CIS items', () => {
    const { out } = run('check', FIXTURE, '--framework', 'cis-azure-3.0.0');
    expect(out).toMatch(/\[AZ-04\] azurerm_storage_account\.lake/);
    expect(out).toMatch(
      /^ {2}cis-azure-3\.0\.0: \d+ control\(s\) checked, \d+ failing \(.*4\.7.*\)/m,
    );
    expect(out).not.toMatch(/\[(AWS-|GCP-)/);
  });
});

describe('X-11 README framework tables', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('### Compliance frameworks')[1]?.split('\n### ')[0] ?? '';

  test.each(CLOUDS)(
    'X-11 the $cloud table lists every mapped rule with its controls',
    ({ pack }) => {
      const p = pack();
      const heading = section.indexOf(`(\`${p.name}\`)**`);
      expect(heading).toBeGreaterThan(-1);
      const rows = section
        .slice(heading)
        .split('\n')
        .filter((l) => /^\| .*\(`(cis|nist)-[a-z0-9.-]+`\) \|/.test(l))
        .slice(0, 2);
      const documented = new Map<string, string>();
      for (const row of rows) {
        const framework = /\(`([a-z0-9.-]+)`\)/.exec(row)![1];
        for (const m of row.split(' | ')[2].matchAll(/`([^`]+)` \(((?:[^()]|\(\d+\))*)\)/g)) {
          documented.set(`${m[1]}|${framework}`, m[2]);
        }
      }
      const actual = new Map<string, string>();
      for (const r of p.rules) {
        for (const f of p.frameworksOf(r))
          actual.set(`${r.id}|${f.framework}`, f.controls.join(', '));
      }
      expect(documented).toEqual(actual);
    },
  );
});
