// The scanner runs on a one-cloud install: loading the CLI and the three rule packs loads no
// provider module (a provider package that is not installed would crash it).
import { spawnSync } from 'child_process';
import * as path from 'path';

test('the scanner and the rule packs load no @cdktf/provider-* module', () => {
  const root = path.resolve(__dirname, '..', '..');
  const script = [
    "require('./lib/cli/main');",
    "require('./lib/cli/packs').allPacks();",
    'const loaded = Object.keys(require.cache).filter((k) => k.includes("@cdktf/provider-"));',
    'console.log(JSON.stringify(loaded));',
  ].join('\n');
  const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(res.stderr).toBe('');
  expect(JSON.parse(res.stdout.trim())).toEqual([]);
});
