// One in-process synthesis of every example stack; prints {wallMs, rssMb, importMs, stacks}.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { peakRssMb } from './lib';

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildExamples } = require('../examples/main') as typeof import('../examples/main');
const tImport = performance.now();
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const app = buildExamples(outdir);
app.synth();
const t1 = performance.now();
const stacks = fs.readdirSync(path.join(outdir, 'stacks')).length;
fs.rmSync(outdir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    wallMs: Math.round(t1 - t0),
    importMs: Math.round(tImport - t0),
    rssMb: peakRssMb(),
    stacks,
  }),
);
