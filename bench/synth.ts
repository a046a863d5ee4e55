// Benchmark: synthesize every example stack in one process, N fresh processes; prints medians.
// Figures, not pass/fail. Usage: npm run bench [-- runs]
// Runs through tsx (what `cdktf synth` runs) and, after `npm run bench:build`, as compiled JS.
import * as fs from 'fs';
import { COMPILED_DIR, median, sample, Sample } from './lib';

const runs = Number(process.argv[2] ?? 5);

function report(title: string, samples: Sample[]): void {
  const fmt = (k: string) => median(samples.map((s) => s[k]));
  console.log(`${title} (${samples[0].stacks} stacks), median of ${runs} runs:`);
  console.log(
    `  wall (incl. imports): ${fmt('wallMs')} ms   imports: ${fmt('importMs')} ms   peak RSS: ${fmt('rssMb')} MB`,
  );
  console.log(`  all runs (ms): ${samples.map((s) => s.wallMs).join(', ')}`);
}

report('examples synth in one process, TypeScript through tsx', sample('synth-once.ts', [], runs));
if (fs.existsSync(COMPILED_DIR)) {
  report('examples synth in one process, compiled JS', sample('synth-once.ts', [], runs, true));
} else {
  console.log('compiled JS: skipped (run `npm run bench:build` first)');
}
