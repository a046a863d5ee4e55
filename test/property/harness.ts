// Property-based bad-input testing (fast-check): mutate a valid props baseline at random, build
// the construct, synthesize with the rule packs, and require one of two outcomes:
//   - synth succeeds and the packs report no ERROR finding, or
//   - a ValidationError is thrown whose every problem names a prop.
// Never a TypeError (or any other error), never silent insecurity.
//
// Seeds are fixed so CI is deterministic; PROPERTY_RUNS=N (and PROPERTY_SEED=S) allow longer runs.
import * as fc from 'fast-check';
import { App, TerraformStack, Testing, Token } from 'cdktf';
import { Compliance, RulePack } from '../../lib';
import { evaluateStack } from '../../lib/core/compliance/evaluate';

/** One construct under test. */
export interface PropertySubject<P> {
  /** A valid props object; called afresh for every run. */
  readonly baseline: () => P;
  /** Builds the construct (and its provider) in a new stack of `app`; returns the stacks to synth. */
  readonly build: (app: App, props: P) => TerraformStack[];
  /** The packs that must report no ERROR finding on a successful synth. */
  readonly packs: () => RulePack[];
  /** Prop paths not to mutate (e.g. ones the harness itself needs). */
  readonly frozen?: string[];
}

/** What a run ended with. */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'validation'; props: string[] }
  | { kind: 'non-compliant'; findings: string[] }
  | { kind: 'crash'; error: string };

/** The kinds of bad value a mutation puts at a path. */
const badValue = fc.oneof(
  fc.constant({ label: 'undefined', value: undefined }),
  fc.constant({ label: 'null', value: null }),
  fc.integer({ min: -5, max: 100000 }).map((n) => ({ label: `number ${n}`, value: n })),
  fc.constant({ label: 'NaN', value: Number.NaN }),
  fc.boolean().map((b) => ({ label: `boolean ${b}`, value: b })),
  fc.constant({ label: 'empty string', value: '' }),
  fc.constant({ label: "the string 'undefined'", value: 'undefined' }),
  fc.string({ maxLength: 12 }).map((s) => ({ label: `string ${JSON.stringify(s)}`, value: s })),
  fc.constant({ label: 'a 300-character string', value: 'x'.repeat(300) }),
  fc.constant({ label: 'empty list', value: [] }),
  fc.constant({ label: 'empty object', value: {} }),
  fc.constant({ label: 'object for a list', value: { a: 1 } }),
  fc.constant({ label: '0.0.0.0/0', value: '0.0.0.0/0' }),
  fc.constant({ label: 'a token', value: 'TOKEN' }),
);

/** Every path of a props object (objects and arrays descended; leaves and subtrees). */
export function pathsOf(value: any, prefix = ''): string[] {
  const out: string[] = [];
  if (value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p);
    if (v !== null && typeof v === 'object') out.push(...pathsOf(v, p));
  }
  return out;
}

function setPath(root: any, path: string, value: any): void {
  const parts = path.split('.');
  let cur = root;
  for (const p of parts.slice(0, -1)) cur = cur[p];
  const last = parts[parts.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

function getAt(root: any, path: string): any {
  return path.split('.').reduce((c, p) => (c === null || c === undefined ? c : c[p]), root);
}

/** Variants derived from the value at a path: case changes, a string for a list and back. */
function derived(current: any): { label: string; value: any }[] {
  const out: { label: string; value: any }[] = [];
  if (typeof current === 'string') {
    out.push({ label: 'lower case', value: current.toLowerCase() });
    out.push({ label: 'upper case', value: current.toUpperCase() });
    out.push({ label: 'wrapped in a list', value: [current] });
    out.push({ label: 'with a space', value: ` ${current}` });
  }
  if (Array.isArray(current) && current.length > 0 && typeof current[0] === 'string') {
    out.push({ label: 'a string for the list', value: current[0] });
    out.push({ label: 'duplicated entry', value: [...current, current[0]] });
  }
  return out;
}

/** Runs one mutated build and classifies its outcome. */
export function attempt<P>(subject: PropertySubject<P>, props: P): Outcome {
  const app = Testing.app();
  let stacks: TerraformStack[];
  try {
    stacks = subject.build(app, props);
    const findings: string[] = [];
    for (const stack of stacks) {
      Testing.synth(stack); // aspects and validations run here
      const report = evaluateStack(stack.node.id, stack.toTerraform(), subject.packs());
      for (const f of report.findings) {
        if (f.status === 'NON_COMPLIANT' && f.level === 'ERROR') {
          findings.push(`[${f.ruleId}] ${f.address}: ${f.reason ?? f.description}`);
        }
      }
    }
    return findings.length === 0 ? { kind: 'ok' } : { kind: 'non-compliant', findings };
  } catch (e: any) {
    if (e?.name === 'ValidationError' && Array.isArray(e.problems)) {
      return { kind: 'validation', props: e.problems.map((p: any) => p.prop) };
    }
    return { kind: 'crash', error: `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}` };
  }
}

/** Settings for a property run: fixed seed, few runs in CI, more through the environment. */
export function runSettings(defaultRuns: number): { seed: number; numRuns: number } {
  return {
    seed: Number(process.env.PROPERTY_SEED ?? 20261201),
    numRuns: Number(process.env.PROPERTY_RUNS ?? defaultRuns),
  };
}

/**
 * Asserts the property on `runs` random mutations of the baseline: a path and a bad value (or a
 * variant derived from the value there).
 */
export function assertNoSilentBadInput<P>(subject: PropertySubject<P>, defaultRuns: number): void {
  const paths = pathsOf(subject.baseline()).filter(
    (p) => !(subject.frozen ?? []).some((f) => p === f || p.startsWith(`${f}.`)),
  );
  if (paths.length === 0) throw new Error('the baseline has no props to mutate');
  const mutation = fc
    .record({ path: fc.constantFrom(...paths), pick: fc.nat(), bad: badValue })
    .map(({ path, pick, bad }) => {
      const choices = [bad, ...derived(getAt(subject.baseline(), path))];
      return { path, ...choices[pick % choices.length] };
    });
  fc.assert(
    fc.property(mutation, ({ path, label, value }) => {
      const props = subject.baseline();
      setPath(props, path, value === 'TOKEN' ? Token.asString({ Ref: 'unknown' }) : value);
      const outcome = attempt(subject, props);
      if (outcome.kind === 'ok') return true;
      if (outcome.kind === 'validation' && outcome.props.every((p) => p.length > 0)) return true;
      throw new Error(`${path} = ${label}: ${JSON.stringify(outcome)}`);
    }),
    runSettings(defaultRuns),
  );
}

/** Makes sure a subject's baseline itself synthesizes cleanly (a precondition of the property). */
export function baselineOutcome<P>(subject: PropertySubject<P>): Outcome {
  return attempt(subject, subject.baseline());
}

export { Compliance };
