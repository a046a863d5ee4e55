import * as fs from 'fs';
import * as path from 'path';
import { synthAll } from './synth-all';

describe('determinism', () => {
  test('two synths of the examples are byte-identical (cdk.tf.json and compliance reports)', () => {
    const a = synthAll();
    const b = synthAll();
    expect(Object.keys(a.raw).length).toBeGreaterThan(0);
    expect(Object.keys(b.raw)).toEqual(Object.keys(a.raw));
    for (const name of Object.keys(a.raw)) {
      expect(b.raw[name]).toBe(a.raw[name]);
      const report = (dir: string) =>
        fs.readFileSync(path.join(dir, 'stacks', name, 'compliance-report.json'), 'utf8');
      expect(report(b.outdir)).toBe(report(a.outdir));
    }
  });
});
