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

/** Terraform addresses of a stack's resources and data sources, sorted. */
export function addressesOf(json: any): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries<any>(json.data ?? {})) {
    for (const name of Object.keys(byName)) out.push(`data.${type}.${name}`);
  }
  return out.sort();
}

/**
 * The longest chain of dependencies (references and depends_on) between the stack's resources
 * and data sources: a lower bound on the number of sequential steps of an apply.
 */
export function longestDependencyChain(json: any): string[] {
  const nodes = new Map<string, any>();
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    for (const [name, attrs] of Object.entries<any>(byName)) nodes.set(`${type}.${name}`, attrs);
  }
  for (const [type, byName] of Object.entries<any>(json.data ?? {})) {
    for (const [name, attrs] of Object.entries<any>(byName))
      nodes.set(`data.${type}.${name}`, attrs);
  }
  const refRe = /(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
  const deps = new Map<string, Set<string>>();
  for (const [addr, attrs] of nodes) {
    const set = new Set<string>();
    const text = JSON.stringify({ ...attrs, '//': undefined });
    for (const expr of text.match(/\$\{[^}]*\}/g) ?? []) {
      refRe.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = refRe.exec(expr)) !== null) {
        const target = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (target !== addr && nodes.has(target)) set.add(target);
      }
    }
    for (const d of attrs.depends_on ?? []) if (nodes.has(d)) set.add(d);
    deps.set(addr, set);
  }
  const memo = new Map<string, string[]>();
  const visiting = new Set<string>();
  const chain = (addr: string): string[] => {
    const known = memo.get(addr);
    if (known) return known;
    if (visiting.has(addr)) throw new Error(`dependency cycle through ${addr}`);
    visiting.add(addr);
    let best: string[] = [];
    for (const d of [...(deps.get(addr) ?? [])].sort()) {
      const c = chain(d);
      if (c.length > best.length) best = c;
    }
    visiting.delete(addr);
    const result = [...best, addr];
    memo.set(addr, result);
    return result;
  };
  let longest: string[] = [];
  for (const addr of [...nodes.keys()].sort()) {
    const c = chain(addr);
    if (c.length > longest.length) longest = c;
  }
  return longest;
}
