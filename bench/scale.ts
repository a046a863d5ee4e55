// Scaling benchmark: 1, 10, 100, 1000 units per cloud, median of R fresh-process runs each.
// Prints total and marginal (per added unit) time and memory. Figures, not pass/fail.
// Usage: npm run bench:scale [-- runs [clouds]]   e.g. npm run bench:scale -- 5 aws,gcp,azure
import { median, sample } from './lib';

const runs = Number(process.argv[2] ?? 5);
const clouds = (process.argv[3] ?? 'aws,gcp,azure').split(',');
const sizes = [1, 10, 100, 1000];

for (const cloud of clouds) {
  console.log(`\n${cloud}: median of ${runs} runs (wall = construct + synth, after imports)`);
  console.log(
    '  units  resources   wall ms  per-unit ms(marginal)  peak RSS MB  per-unit RSS KB(marginal)',
  );
  let base: { wall: number; rss: number } | undefined;
  const marginal: { [n: number]: number } = {};
  for (const n of sizes) {
    const s = sample('scale-once.ts', [cloud, String(n)], runs);
    const wall = median(s.map((x) => x.wallMs));
    const rss = median(s.map((x) => x.rssMb));
    const perUnit = base ? (wall - base.wall) / (n - 1) : NaN;
    const perUnitRss = base ? ((rss - base.rss) * 1024) / (n - 1) : NaN;
    if (base) marginal[n] = perUnit;
    else base = { wall, rss };
    console.log(
      `  ${String(n).padStart(5)}  ${String(s[0].resources).padStart(9)}  ${String(wall).padStart(8)}  ${(isNaN(perUnit) ? '-' : perUnit.toFixed(2)).padStart(21)}  ${String(rss).padStart(11)}  ${(isNaN(perUnitRss) ? '-' : perUnitRss.toFixed(1)).padStart(25)}`,
    );
  }
  if (marginal[10] && marginal[1000]) {
    console.log(
      `  marginal time per unit at 1000 / at 10: ${(marginal[1000] / marginal[10]).toFixed(2)}x`,
    );
  }
}
