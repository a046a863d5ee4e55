// Benchmark: synthesize every example stack in one process, N fresh processes; prints medians.
// Figures, not pass/fail. Usage: npm run bench [-- runs]
import { median, sample } from './lib';

const runs = Number(process.argv[2] ?? 5);
const samples = sample('synth-once.ts', [], runs);
const fmt = (k: string) => median(samples.map((s) => s[k]));
console.log(`examples synth in one process (${samples[0].stacks} stacks), median of ${runs} runs:`);
console.log(
  `  wall (incl. imports): ${fmt('wallMs')} ms   imports: ${fmt('importMs')} ms   peak RSS: ${fmt('rssMb')} MB`,
);
console.log(`  all runs (ms): ${samples.map((s) => s.wallMs).join(', ')}`);
