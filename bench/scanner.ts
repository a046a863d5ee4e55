// Scanner benchmark: `check` over N buckets with their companion resources (8 resources per
// bucket), median of R fresh-process runs each; time includes loading the packs.
// Usage: node --import tsx bench/scanner.ts [runs] [sizes]   e.g. ... 3 1000,10000,25000
import { median, sample } from './lib';

const runs = Number(process.argv[2] ?? 3);
const sizes = (process.argv[3] ?? '1000,10000,25000').split(',').map(Number);

console.log(`scanner: median of ${runs} runs (load packs + read + evaluate + JSON report)`);
console.log('  buckets  resources     MB   wall ms  us/resource  peak RSS MB');
for (const n of sizes) {
  const s = sample('scanner-once.ts', [String(n)], runs);
  const wall = median(s.map((x) => x.wallMs));
  const rss = median(s.map((x) => x.rssMb));
  const res = s[0].resources;
  console.log(
    `  ${String(n).padStart(7)}  ${String(res).padStart(9)}  ${String(s[0].mb).padStart(5)}  ${String(wall).padStart(8)}  ${((wall * 1000) / res).toFixed(1).padStart(11)}  ${String(rss).padStart(11)}`,
  );
}
