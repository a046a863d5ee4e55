import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthAll } from './synth-all';

// `terraform validate` needs the terraform binary and the providers (terraform init downloads
// them, or takes them from a plugin cache / filesystem mirror). Where either is missing the test
// is skipped and the reason printed; where both are there, every example stack is validated.
function probe(): string | undefined {
  const which = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return 'no terraform binary on PATH';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-probe-'));
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '~> 6.0' } } },
    }),
  );
  const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (init.status !== 0) {
    const lines = `${init.stderr}\n${init.stdout}\n${init.error ?? ''}`
      .split('\n')
      .map((l) => l.replace(/[│╷╵]/g, '').trim());
    const why =
      lines.find((l) => /^Error:/.test(l)) ?? lines.find((l) => l.length > 0) ?? 'unknown';
    return `terraform is on PATH but 'terraform init' cannot install providers here (${why.trim()})`;
  }
  return undefined;
}

const skipReason = probe();
if (skipReason) {
  console.log(`SKIPPED terraform validate of the examples: ${skipReason}`);
}
const maybe = skipReason ? test.skip : test;

describe('terraform validate', () => {
  maybe(
    'every example stack passes terraform validate',
    () => {
      const { outdir, stacks } = synthAll();
      for (const name of Object.keys(stacks)) {
        const dir = path.join(outdir, 'stacks', name);
        const init = spawnSync(
          'terraform',
          ['init', '-backend=false', '-input=false', '-no-color'],
          { cwd: dir, encoding: 'utf8' },
        );
        expect(init.stderr).toBe('');
        const validate = spawnSync('terraform', ['validate', '-no-color'], {
          cwd: dir,
          encoding: 'utf8',
        });
        expect(`${name}: ${validate.stdout}${validate.stderr}`).toContain('Success!');
      }
    },
    600_000,
  );
});
