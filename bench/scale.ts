// Scaling benchmark: 1, 10, 100, 1000, 5000 units per cloud, median of R fresh-process runs each.
// Prints total and marginal (per added unit) time and memory. Figures, not pass/fail.
// Usage: npm run bench:scale [-- runs [clouds]]   e.g. npm run bench:scale -- 5 aws,gcp,azure
import { median, sample } from './lib';

const runs = Number(process.argv[2] ?? 5);
const clouds = (process.argv[3] ?? 'aws,gcp,azure').split(',');
const sizes = [1, 10, 100, 1000, 5000];

for (const cloud of clouds) {
  console.log(`\n${cloud}: median of ${runs} runs (wall = construct + synth, after imports)`);
  console.log(
    '  units  resources   wall ms  ms/unit since previous  peak RSS MB  KB/unit since previous',
  );
  const rows: Array<{ n: number; wall: number; rss: number }> = [];
  for (const n of sizes) {
    const s = sample('scale-once.ts', [cloud, String(n)], runs);
    const wall = median(s.map((x) => x.wallMs));
    const rss = median(s.map((x) => x.rssMb));
    const prev = rows[rows.length - 1];
    rows.push({ n, wall, rss });
    // marginal cost per added unit over the interval from the previous size
    const perUnit = prev ? (wall - prev.wall) / (n - prev.n) : NaN;
    const perUnitKb = prev ? ((rss - prev.rss) * 1024) / (n - prev.n) : NaN;
    const fmt = (v: number, d: number) => (isNaN(v) ? '-' : v.toFixed(d));
    console.log(
      `  ${String(n).padStart(5)}  ${String(s[0].resources).padStart(9)}  ${String(wall).padStart(8)}  ${fmt(perUnit, 2).padStart(22)}  ${String(rss).padStart(11)}  ${fmt(perUnitKb, 1).padStart(22)}`,
    );
  }
  const slope = (a: number, b: number) => {
    const x = rows.find((r) => r.n === a)!;
    const y = rows.find((r) => r.n === b)!;
    return (y.wall - x.wall) / (b - a);
  };
  const ratio = slope(100, 1000) / slope(10, 100);
  console.log(`  per-unit time, 100->1000 vs 10->100: ${ratio.toFixed(2)}x (flat = 1.0)`);
  if (rows.some((r) => r.n === 5000)) {
    const ratio5k = slope(1000, 5000) / slope(10, 100);
    console.log(`  per-unit time, 1000->5000 vs 10->100: ${ratio5k.toFixed(2)}x (target <= 1.5)`);
  }
  console.log(`  ${rows[rows.length - 1].n} units: ${rows[rows.length - 1].wall} ms`);
}
