import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExamples } from '../../examples/main';

/** Every example stack synthesized into a temporary cdktf.out. */
export interface SynthesizedExamples {
  readonly outdir: string;
  /** stack name -> parsed cdk.tf.json */
  readonly stacks: { [name: string]: any };
  /** stack name -> raw cdk.tf.json text */
  readonly raw: { [name: string]: string };
}

/** Synthesizes all examples (as `npm run synth` does) into a fresh directory. */
export function synthAll(): SynthesizedExamples {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
  buildExamples(outdir).synth();
  const stacks: { [name: string]: any } = {};
  const raw: { [name: string]: string } = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks')).sort()) {
    raw[name] = fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
    stacks[name] = JSON.parse(raw[name]);
  }
  return { outdir, stacks, raw };
}
