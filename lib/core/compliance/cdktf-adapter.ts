// The one file that uses cdktf beyond its public API: deep imports, instance patches of
// `app.synth` and `stack.toTerraform`, private fields. A build against another CDKTF
// distribution (the CDK Terrain fork `cdktn` has the same class names) changes this file only.
//
// Aspects do not cross copies of cdktf. `Aspects.of(scope)` keeps a scope's aspects under a
// module-local Symbol("cdktf-aspects"), so an aspect this library adds through its cdktf is
// invisible to a stack built with another copy of cdktf (a consumer whose cdktf is not
// deduplicated with ours): that copy's synthesizer and `Testing.synth` would skip our tags,
// residency checks and compliance run without a word. Everything else cdktf keeps per construct
// (custom synthesis, element kinds, tokens) uses registered `Symbol.for` keys or globals and
// crosses copies. So every aspect of this library is added with `addAspect`, which, on a stack of
// another cdktf copy, also runs this copy's aspects itself before the stack is serialized: first
// thing in the stack's custom synthesis (found by any copy) and, for paths that skip the
// synthesizer (`Testing.synth`), before `toTerraform` / `toHclTerraform`.
import { IConstruct } from 'constructs';
import { Aspects, IAspect, ISynthesisSession, TerraformResource, TerraformStack } from 'cdktf';
import { addCustomSynthesis, invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/** Per-stack state of the serialization hooks. */
interface StackHooks {
  /** The stack was built with another copy of cdktf: this copy runs its own aspects. */
  foreign: boolean;
  /** Runs once on the next serialization's JSON (it may throw). */
  armed?: (json: any) => void;
  /** The JSON the next serialization returns without serializing again. */
  replay?: any;
  /** An instance-level `toTerraform` that was there before ours (restored when ours goes). */
  previous?: () => any;
  /** Custom-synthesis callbacks, in the order they were added. */
  onSynthesize?: Array<(session: ISynthesisSession) => void>;
}

const HOOKS = new WeakMap<IConstruct, StackHooks>();
const INTERCEPTOR = Symbol.for('cdktf-secure-mlops/toTerraform');

function hooksOf(stack: TerraformStack): StackHooks {
  let h = HOOKS.get(stack);
  if (!h) {
    h = { foreign: !(stack instanceof TerraformStack) };
    HOOKS.set(stack, h);
  }
  return h;
}

/** True when `stack` was built with this library's copy of cdktf. */
export function isOwnCdktf(stack: TerraformStack): boolean {
  return stack instanceof TerraformStack;
}

/** The stack that holds `scope`; undefined when none does. */
function stackOf(scope: IConstruct): TerraformStack | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (TerraformStack.isStack(scopes[i])) return scopes[i] as TerraformStack;
  }
  return undefined;
}

/**
 * Runs this copy's aspects over a foreign stack (a stack of this copy runs them itself). Our
 * aspects are idempotent, so running them at custom synthesis and again before serialization
 * changes nothing.
 */
function runOwnAspects(stack: TerraformStack, h: StackHooks): void {
  if (h.foreign) invokeAspects(stack);
}

/** Serializes `stack` as its class does (or as the patch that was there before ours does). */
function serializeAsUsual(stack: TerraformStack, h: StackHooks): any {
  if (h.previous) return h.previous.call(stack);
  return Object.getPrototypeOf(stack).toTerraform.call(stack);
}

function ownToTerraform(stack: TerraformStack): any {
  const s = stack as any;
  return Object.prototype.hasOwnProperty.call(s, 'toTerraform') ? s.toTerraform : undefined;
}

/** Installs the instance-level `toTerraform` / `toHclTerraform` of `stack` (idempotent). */
function intercept(stack: TerraformStack, h: StackHooks): void {
  const s = stack as any;
  const own = ownToTerraform(stack);
  if (own?.[INTERCEPTOR]) return;
  h.previous = own;
  const toTerraform = () => {
    if (h.replay !== undefined) {
      const json = h.replay;
      h.replay = undefined;
      release(stack, h);
      return json;
    }
    runOwnAspects(stack, h);
    const armed = h.armed;
    h.armed = undefined;
    const json = serializeAsUsual(stack, h);
    release(stack, h);
    armed?.(json);
    return json;
  };
  (toTerraform as any)[INTERCEPTOR] = true;
  s.toTerraform = toTerraform;
  if (h.foreign && !Object.prototype.hasOwnProperty.call(s, 'toHclTerraform')) {
    s.toHclTerraform = () => {
      runOwnAspects(stack, h);
      h.armed = undefined; // a check of the JSON serialization
      return Object.getPrototypeOf(stack).toHclTerraform.call(stack);
    };
  }
}

/** Removes the instance-level `toTerraform` once nothing needs it (never on foreign stacks). */
function release(stack: TerraformStack, h: StackHooks): void {
  if (h.foreign || h.armed !== undefined || h.replay !== undefined) return;
  const s = stack as any;
  if (!ownToTerraform(stack)?.[INTERCEPTOR]) return;
  delete s.toTerraform;
  if (h.previous) s.toTerraform = h.previous;
  h.previous = undefined;
}

/** Makes sure a foreign stack runs this copy's aspects at synth and before serialization. */
function bridgeForeignStack(stack: TerraformStack): void {
  const h = hooksOf(stack);
  if (!h.foreign) return;
  intercept(stack, h);
  try {
    ensureCustomSynthesis(stack, h);
  } catch {
    // the stack has a custom synthesis of someone else's: the serialization hook still runs them
  }
}

/**
 * Adds an aspect to `scope` (`Aspects.of(scope).add`). When the scope's stack comes from another
 * copy of cdktf, which does not see this copy's aspects, the aspect still runs (see the top of
 * this file).
 */
export function addAspect(scope: IConstruct, aspect: IAspect): void {
  Aspects.of(scope).add(aspect);
  const stack = stackOf(scope);
  if (stack) bridgeForeignStack(stack);
}

/**
 * Invokes the aspects this library added (through this copy of cdktf) over `scope`, as
 * `Testing.synth` does first.
 */
export function runAspects(scope: IConstruct): void {
  invokeAspects(scope);
}

function ensureCustomSynthesis(stack: TerraformStack, h: StackHooks): void {
  if (h.onSynthesize) return;
  const callbacks: Array<(session: ISynthesisSession) => void> = [];
  h.onSynthesize = callbacks;
  addCustomSynthesis(stack, {
    onSynthesize: (session: ISynthesisSession) => {
      // before the synthesizer collects annotations: the aspects of a foreign stack first
      runOwnAspects(stack, h);
      for (const fn of callbacks) fn(session);
    },
  });
}

/**
 * Runs `fn` in the stack's custom synthesis: after aspects and validations, before the
 * synthesizer collects annotations and writes the stack. Several callbacks share the stack's one
 * custom synthesis, in the order they were added.
 */
export function onStackSynthesize(
  stack: TerraformStack,
  fn: (session: ISynthesisSession) => void,
): void {
  const h = hooksOf(stack);
  ensureCustomSynthesis(stack, h);
  h.onSynthesize!.push(fn);
}

/**
 * Runs `check` on the JSON of the stack's next serialization (`Testing.synth` serializes with
 * `stack.toTerraform()` right after invoking aspects). Does nothing when the stack already has an
 * instance-level `toTerraform` of someone else's.
 */
export function armNextSerialization(stack: TerraformStack, check: (json: any) => void): void {
  const h = hooksOf(stack);
  const own = ownToTerraform(stack);
  if (own !== undefined && !own[INTERCEPTOR]) return;
  if (h.armed !== undefined) return;
  h.armed = check;
  intercept(stack, h);
}

/** Cancels {@link armNextSerialization}. */
export function disarmSerialization(stack: TerraformStack): void {
  const h = HOOKS.get(stack);
  if (!h || h.armed === undefined) return;
  h.armed = undefined;
  release(stack, h);
}

/** The stack's Terraform JSON, without an armed check (call it after aspects ran). */
export function serializeStack(stack: TerraformStack): any {
  const h = HOOKS.get(stack);
  disarmSerialization(stack);
  if (h && ownToTerraform(stack)?.[INTERCEPTOR]) return serializeAsUsual(stack, h);
  return stack.toTerraform();
}

/**
 * Hands `json` to the synthesizer's own serialization of the stack, right after custom
 * synthesis, instead of resolving the whole stack a second time (JSON output only).
 */
export function replayNextSerialization(stack: TerraformStack, json: any): void {
  if ((stack.synthesizer as any).hclOutput) return;
  const h = hooksOf(stack);
  h.replay = json;
  intercept(stack, h);
}

/**
 * Wraps `app.synth` of a root construct (an App): `around` receives the original synth and
 * runs it. No effect on a root without `synth`, or on a stack.
 */
export function aroundAppSynth(root: IConstruct, around: (synth: () => void) => void): void {
  const app = root as any;
  if (typeof app.synth !== 'function' || TerraformStack.isStack(root)) return;
  const synth = app.synth.bind(app);
  app.synth = () => around(synth);
}

/** The raw overrides (`addOverride`) of a resource, as cdktf keeps them. */
export function rawOverridesOf(resource: TerraformResource): { [key: string]: any } {
  return (resource as any).rawOverrides ?? {};
}

/** A resource's attributes as cdktf synthesizes them (snake_case, tokens unresolved). */
export function synthesizedAttributesOf(resource: TerraformResource): { [key: string]: any } {
  return (resource as any).synthesizeAttributes?.() ?? {};
}
