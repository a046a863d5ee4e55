// Mutation harness: builds an example app, applies one escape-hatch edit (`addOverride` on the
// underlying provider resource or provider construct), and checks that both the rule packs at
// synth and the scanner CLI (on the synthesized JSON of the edited stack) report an ERROR of
// the expected rule naming the edited resource.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { runCli } from '../../lib/cli/main';

/** One insecure or invalid edit and the finding it must produce. */
export interface Mutation {
  /** What the edit does (test name). */
  readonly name: string;
  /** Rule that must report an ERROR. */
  readonly rule: string;
  /** Stack holding the edited element. */
  readonly stack: string;
  /** Construct path of the edited resource or provider, below the stack. */
  readonly path: string;
  /** `addOverride(path, value)` edits, in order (`undefined` deletes an attribute). */
  readonly overrides: Array<[string, any]>;
  /**
   * Construct path (below the stack) of the resource the finding names, when the edited element
   * is a companion (a public access block, a provider's features block).
   * @default - the edited resource
   */
  readonly reported?: string;
}

/** A synthesized example: its stacks' JSON by name. */
export interface Baseline {
  readonly outdir: string;
  readonly stacks: { [name: string]: any };
}

/** Synthesizes the app `build` makes into a fresh directory (synth runs the rule packs). */
export function synthesize(build: (app: App) => unknown): Baseline {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-base-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  const stacks: { [name: string]: any } = {};
  for (const name of fs.readdirSync(path.join(outdir, 'stacks'))) {
    stacks[name] = JSON.parse(
      fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'),
    );
  }
  return { outdir, stacks };
}

/** The Terraform address of the resource at `constructPath` in a synthesized stack. */
export function addressOf(json: any, constructPath: string): string {
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    for (const [name, attrs] of Object.entries<any>(byName)) {
      if (attrs?.['//']?.metadata?.path === constructPath) return `${type}.${name}`;
    }
  }
  throw new Error(`no resource at ${constructPath}`);
}

/** Runs the scanner CLI; returns its exit status and output. */
export function cli(...args: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = runCli(
    args,
    (s) => out.push(s),
    (s) => out.push(s),
  );
  return { code, out: out.join('\n') };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a mutation produced: the synth error and the CLI run on the edited stack. */
export interface MutationResult {
  /** Message of the error synthesis threw ('' when it did not throw). */
  readonly synthError: string;
  /** CLI exit status. */
  readonly cliCode: number;
  /** CLI text output. */
  readonly cliOut: string;
  /** Address the finding must name. */
  readonly address: string;
  /** The line a report must contain: `[rule] address:`. */
  readonly pattern: RegExp;
}

/**
 * Builds a fresh app, applies the mutation with addOverride, synthesizes (expected to fail), then
 * writes the edited stack's synthesized JSON to a temporary directory and runs the CLI on it.
 */
export function applyMutation(
  build: (app: App) => unknown,
  baseline: Baseline,
  m: Mutation,
): MutationResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-'));
  const app = new App({ outdir });
  build(app);
  const stack = app.node.findChild(m.stack) as TerraformStack;
  const target = stack.node
    .findAll()
    .find((c: IConstruct) => c.node.path === `${m.stack}/${m.path}`);
  if (!target || !TerraformElement.isTerraformElement(target)) {
    throw new Error(`no Terraform element at ${m.stack}/${m.path}`);
  }
  for (const [p, v] of m.overrides) target.addOverride(p, v);

  let synthError = '';
  try {
    app.synth();
  } catch (e) {
    synthError = (e as Error).message;
  }
  // the JSON synthesis computed for this stack (the stack is not written when synth fails)
  const json = JSON.parse(JSON.stringify(stack.toTerraform()));
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-cli-')),
    `${m.stack}.tf.json`,
  );
  fs.writeFileSync(file, JSON.stringify(json));
  const { code, out } = cli('check', file);

  const address = addressOf(baseline.stacks[m.stack], `${m.stack}/${m.reported ?? m.path}`);
  return {
    synthError,
    cliCode: code,
    cliOut: out,
    address,
    pattern: new RegExp(`\\[${escape(m.rule)}\\] ${escape(address)}:`),
  };
}

/** Lines of a CLI text report that are ERROR findings. */
export function errorLines(out: string): string[] {
  return out.split('\n').filter((l) => l.trimStart().startsWith('ERROR'));
}

/** A policy document string. */
export function policy(...statements: any[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * One describe per example: the baseline is synthesized once (synth with the packs must pass,
 * and the CLI must find no error in it), then each mutation is applied to a fresh build of the
 * example and must fail synthesis and the CLI with the expected rule and address.
 */
export function describeMutations(
  title: string,
  build: (app: App) => unknown,
  mutations: Mutation[],
): void {
  describe(title, () => {
    let baseline: Baseline;
    beforeAll(() => {
      baseline = synthesize(build);
    });

    test('baseline: synthesis passes and the CLI reports no error', () => {
      const { code, out } = cli('check', baseline.outdir);
      expect(errorLines(out)).toEqual([]);
      expect(code).toBe(0);
    });

    test.each(mutations.map((m) => [`${m.rule}: ${m.name}`, m] as [string, Mutation]))(
      '%s',
      (_name, m) => {
        const r = applyMutation(build, baseline, m);
        expect(r.synthError).toMatch(r.pattern);
        expect(errorLines(r.cliOut).filter((l) => r.pattern.test(l))).toHaveLength(1);
        expect(r.cliCode).toBe(1);
      },
    );
  });
}
