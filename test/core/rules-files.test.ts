import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { AwsMlopsChecks } from '../../lib/aws/rules';
import { AzureMlopsChecks } from '../../lib/azure/rules';
import { ruleIdOfFile } from '../../lib/core/compliance/define-rule';
import { Rule, RulePack } from '../../lib/core/compliance/rule';
import { preventDestroyRule, requiredTagsRule } from '../../lib/core/rules';
import { GcpMlopsChecks } from '../../lib/gcp/rules';

// One rule per file, the file named after the rule id (cdk-nag style): `aws-07.encryption.ts`
// holds AWS-07.encryption. The core folder holds the cross-cloud rules every pack instantiates.
const RULE_FILE = /^[a-z]+-\d+(\.[a-z0-9-]+)?\.ts$/;
const LIB = join(__dirname, '..', '..', 'lib');
const PACKS: { [cloud: string]: RulePack } = {
  aws: new AwsMlopsChecks(),
  gcp: new GcpMlopsChecks(),
  azure: new AzureMlopsChecks(),
};

function ruleFiles(cloud: string): string[] {
  return readdirSync(join(LIB, cloud, 'rules'))
    .filter((f) => RULE_FILE.test(f))
    .sort();
}

/** The rules a cloud rule module exports. */
function rulesOf(cloud: string, file: string): Rule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules are found by listing the folder
  const mod = require(join(LIB, cloud, 'rules', file));
  return Object.values<any>(mod).filter((v) => v instanceof Rule);
}

/** The core rule files hold rule factories that each pack calls with its resource types. */
const CORE_RULES: { [file: string]: () => Rule } = {
  'x-08.ts': () => preventDestroyRule([]),
  'x-09.ts': () => requiredTagsRule('x_', 'tags', [], []),
};

describe.each(['aws', 'gcp', 'azure'])('%s rule files', (cloud) => {
  const pack = PACKS[cloud];
  const files = ruleFiles(cloud);

  test.each(files)('%s holds one rule, named after the file, that the pack runs', (file) => {
    const rules = rulesOf(cloud, file);
    expect(rules.map((r) => r.id)).toEqual([ruleIdOfFile(file)]);
    expect(pack.rules).toContain(rules[0]);
  });

  test('every rule of the pack has its file', () => {
    const ids = new Set([...files, ...ruleFiles('core')].map(ruleIdOfFile));
    expect(pack.rules.map((r) => r.id).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('rules are defined in rule files only', () => {
    const others = readdirSync(join(LIB, cloud, 'rules')).filter(
      (f) =>
        !RULE_FILE.test(f) &&
        /define\w*Rule\(__filename/.test(readFileSync(join(LIB, cloud, 'rules', f), 'utf8')),
    );
    expect(others).toEqual([]);
  });
});

describe('core rule files', () => {
  test.each(ruleFiles('core'))('%s builds a rule named after the file, in every pack', (file) => {
    expect(CORE_RULES[file]?.().id).toBe(ruleIdOfFile(file));
    for (const pack of Object.values(PACKS))
      expect(pack.rules.map((r) => r.id)).toContain(ruleIdOfFile(file));
  });
});

describe('ruleIdOfFile', () => {
  test.each([
    ['/x/lib/aws/rules/aws-07.encryption.ts', 'AWS-07.encryption'],
    ['dist/lib/azure/rules/az-01.js', 'AZ-01'],
    ['C:\\lib\\gcp\\rules\\x-15.gcp-vpcsc-service.js', 'X-15.gcp-vpcsc-service'],
  ])('%s holds %s', (file, id) => {
    expect(ruleIdOfFile(file)).toBe(id);
  });

  test('a file not named after a rule id is refused', () => {
    expect(() => ruleIdOfFile('lib/aws/rules/util.ts')).toThrow(/named after its rule id/);
  });
});
