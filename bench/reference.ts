// Benchmark of the X-15 reference rules: the size of the bundled reference data, the time to
// load it, and the time the reference rules add to evaluating every example stack (medians of N
// fresh processes; the examples are synthesized once, up front). Figures, not pass/fail.
// Usage: npm run bench:reference [-- runs]
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { median, sample } from './lib';

const runs = Number(process.argv[2] ?? 5);
const root = path.resolve(__dirname, '..');

console.log('reference data (lib/<cloud>/reference/data), uncompressed and as shipped:');
let raw = 0;
let gz = 0;
for (const cloud of ['aws', 'gcp', 'azure']) {
  const dir = path.join(root, 'lib', cloud, 'reference', 'data');
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.gz'))) {
    const bytes = fs.readFileSync(path.join(dir, name));
    const json = zlib.gunzipSync(bytes).length;
    raw += json;
    gz += bytes.length;
    console.log(
      `  ${cloud}/${name}: ${(json / 1024).toFixed(0)} KiB, ${(bytes.length / 1024).toFixed(0)} KiB gzipped`,
    );
  }
}
console.log(
  `  total: ${(raw / 1024).toFixed(0)} KiB uncompressed, ${(gz / 1024).toFixed(0)} KiB gzipped (shipped as is)`,
);

// synthesize the examples once; findings (the reference rules find real defects) must not stop it
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reference-'));
const stacksFile = path.join(dir, 'stacks.json');
const synth = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    `const fs = require('fs'); const path = require('path');
     const { buildExamples } = require('./examples/main');
     const out = ${JSON.stringify(path.join(dir, 'out'))};
     buildExamples(out).synth();
     const stacks = {};
     for (const n of fs.readdirSync(path.join(out, 'stacks')).sort())
       stacks[n] = JSON.parse(fs.readFileSync(path.join(out, 'stacks', n, 'cdk.tf.json'), 'utf8'));
     fs.writeFileSync(${JSON.stringify(stacksFile)}, JSON.stringify(stacks));`,
  ],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: '1' },
  },
);
if (synth.status !== 0) throw new Error(`synthesizing the examples failed:\n${synth.stderr}`);
const stackCount = Object.keys(JSON.parse(fs.readFileSync(stacksFile, 'utf8'))).length;

const load = sample('reference-once.ts', [stacksFile, 'load'], runs);
const m = (s: typeof load, k: string) => median(s.map((x) => x[k]));
console.log(`load (read + gunzip + parse + index), median of ${runs} runs:`);
console.log(
  `  aws ${m(load, 'awsLoadMs')} ms, gcp ${m(load, 'gcpLoadMs')} ms, azure ${m(load, 'azureLoadMs')} ms, all three ${m(load, 'wallMs')} ms`,
);

const without = sample('reference-once.ts', [stacksFile, 'without'], runs);
const withRef = sample('reference-once.ts', [stacksFile, 'with'], runs);
console.log(
  `evaluating the ${stackCount} example stacks with the three packs, median of ${runs} runs:`,
);
console.log(
  `  without the X-15 rules: ${m(without, 'wallMs')} ms (${m(without, 'findings')} non-compliant findings)`,
);
console.log(
  `  with the X-15 rules:    ${m(withRef, 'wallMs')} ms (${m(withRef, 'findings')} non-compliant findings; data loads included: aws ${m(withRef, 'awsLoadMs')} ms, gcp ${m(withRef, 'gcpLoadMs')} ms, azure ${m(withRef, 'azureLoadMs')} ms)`,
);
console.log(
  `  added by the X-15 rules: ${Math.round((m(withRef, 'wallMs') - m(without, 'wallMs')) * 10) / 10} ms`,
);
fs.rmSync(dir, { recursive: true, force: true });
