import { spawnSync } from 'child_process';
import * as path from 'path';

/** One measured run of a child process that prints a JSON line with its own figures. */
export interface Sample {
  readonly wallMs: number;
  readonly rssMb: number;
  readonly [key: string]: number;
}

/** Where `npm run bench:build` puts the compiled library, examples and benchmarks. */
export const COMPILED_DIR = path.resolve(__dirname, '..', '.bench-build');

/**
 * Runs `script` with args in a fresh Node process `runs` times and returns the samples: from
 * TypeScript through tsx (as `cdktf synth` runs the examples), or `compiled` (plain JS, as a
 * consumer of the published package runs the library).
 */
export function sample(script: string, args: string[], runs: number, compiled = false): Sample[] {
  const out: Sample[] = [];
  const argv = compiled
    ? [path.join(COMPILED_DIR, 'bench', script.replace(/\.ts$/, '.js')), ...args]
    : ['--import', 'tsx', path.join(__dirname, script), ...args];
  for (let i = 0; i < runs; i++) {
    const res = spawnSync(process.execPath, argv, {
      encoding: 'utf8',
      cwd: path.resolve(__dirname, '..'),
      maxBuffer: 64 * 1024 * 1024,
    });
    if (res.status !== 0) {
      throw new Error(`${script} ${args.join(' ')} failed:\n${res.stderr}`);
    }
    const line = res.stdout.trim().split('\n').pop() ?? '{}';
    out.push(JSON.parse(line));
  }
  return out;
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Peak resident set size of this process, in MB. */
export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
