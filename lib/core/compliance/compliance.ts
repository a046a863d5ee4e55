import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { ValidationError } from '../errors';
import { withLightStackTraces } from '../stack-traces';
import {
  evaluateStack,
  formatFinding,
  isFailure,
  METADATA_KEY,
  MIN_REASON_LENGTH,
  Suppression,
} from './evaluate';
import { ComplianceReport, REPORT_FILE_NAME } from './report';
import { ComplianceStatus, RuleLevel, RulePack, RuleProfile } from './rule';
import {
  addAspect,
  aroundAppSynth,
  onStackSynthesize,
  rawOverridesOf,
  replayNextSerialization,
} from './cdktf-adapter';
import { disarmTestingSynth, hookTestingSynth, unhookedTerraform } from './testing-synth';

/** Options of the compliance run at synth. */
export interface ComplianceOptions {
  /**
   * Which rules run. PLATFORM adds this library's platform conventions (prevent_destroy,
   * platform tags, locks, mandatory customer-managed keys) to the SECURITY rules.
   * @default RuleProfile.PLATFORM
   */
  readonly profile?: RuleProfile;
  /**
   * Fail synth on UNKNOWN results of ERROR rules (values known only at plan or apply time).
   * @default false
   */
  readonly strict?: boolean;
  /**
   * List compliant results in compliance-report.json (the summary always counts them).
   * @default false
   */
  readonly includeCompliant?: boolean;
}

const INSTANCES = new WeakMap<IConstruct, Compliance>();
const RECORDERS = new WeakMap<IConstruct, SuppressionRecorder>();
const SYNTH_HOOKED = new WeakSet<IConstruct>();

/** Writes the suppressions of one scope into the `//` metadata of every resource under it. */
class SuppressionRecorder implements IAspect {
  public readonly suppressions: Suppression[] = [];

  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const overrides = rawOverridesOf(node);
    const existing: Suppression[] = overrides['//']?.[METADATA_KEY]?.suppressions ?? [];
    const merged = [...existing];
    for (const s of this.suppressions) {
      if (!merged.some((m) => m.id === s.id && m.reason === s.reason)) merged.push(s);
    }
    if (merged.length !== existing.length) {
      node.addOverride(`//.${METADATA_KEY}.suppressions`, merged);
    }
  }
}

/** Turns a report's failing and non-compliant findings into annotations on their constructs. */
function annotate(stack: TerraformStack, report: ComplianceReport): void {
  const byPath = new Map<string, IConstruct>();
  for (const c of stack.node.findAll()) byPath.set(c.node.path, c);
  for (const f of report.findings) {
    const failing = isFailure(f, report.strict);
    if (!failing && f.status !== ComplianceStatus.NON_COMPLIANT) continue;
    const target = (f.constructPath && byPath.get(f.constructPath)) || stack;
    const text =
      f.status === ComplianceStatus.UNKNOWN ? `UNKNOWN ${formatFinding(f)}` : formatFinding(f);
    if (failing) Annotations.of(target).addError(text);
    else if (f.level === RuleLevel.WARNING) Annotations.of(target).addWarning(text);
  }
}

/** Hooks the compliance run into one stack's synthesis (after aspects and validations). */
function hookStack(engine: Compliance, stack: TerraformStack): void {
  if (SYNTH_HOOKED.has(stack)) return;
  SYNTH_HOOKED.add(stack);
  onStackSynthesize(stack, (session) => {
    disarmTestingSynth(stack);
    const json = unhookedTerraform(stack);
    const options = engine.options;
    const profile = options.profile ?? RuleProfile.PLATFORM;
    // the profile goes into the stack's metadata, so the scanner CLI evaluates it the same way
    json['//'] = { ...(json['//'] ?? {}), [METADATA_KEY]: { profile } };
    const report = evaluateStack(stack.node.id, json, engine.packs, {
      ...options,
      profile,
      applicablePacksOnly: true,
    });
    const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, REPORT_FILE_NAME), `${JSON.stringify(report, null, 2)}\n`);
    annotate(stack, report);
    // The synthesizer serializes the stack right after custom synthesis; hand it the JSON just
    // computed (once) instead of resolving the whole stack a second time.
    replayNextSerialization(stack, json);
  });
  // Testing.synth / Testing.synthScope do not run the synthesizer: run the packs there too
  hookTestingSynth(stack, (json) =>
    evaluateStack(stack.node.id, json, engine.packs, {
      ...engine.options,
      profile: engine.options.profile ?? RuleProfile.PLATFORM,
      applicablePacksOnly: true,
    }),
  );
}

/**
 * The compliance engine, in the style of cdk-nag: rule packs run over each stack's
 * synthesized Terraform after all aspects; ERROR findings fail synth naming rule id and resource
 * address, WARNING findings annotate; suppressions need a reason; a `compliance-report.json` is
 * written next to each stack's `cdk.tf.json`.
 */
export class Compliance {
  /** The engine of the app that `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): Compliance {
    const root = scope.node.root;
    let engine = INSTANCES.get(root);
    if (!engine) {
      engine = new Compliance(root);
      INSTANCES.set(root, engine);
    }
    return engine;
  }

  /**
   * Suppresses a rule on a construct and everything under it (one resource, a platform, a whole
   * stack). The reason (at least 10 characters) is recorded in the synthesized resource metadata
   * and in the report. A control id (e.g. `AWS-07`) also covers its facets (`AWS-07.encryption`).
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
      throw new ValidationError(scope.node.path || '<root>', [
        {
          prop: `suppressions.${ruleId}.reason`,
          value: String(reason),
          allowed: `a reason of at least ${MIN_REASON_LENGTH} characters`,
        },
      ]);
    }
    let recorder = RECORDERS.get(scope);
    if (!recorder) {
      recorder = new SuppressionRecorder();
      RECORDERS.set(scope, recorder);
      addAspect(scope, recorder);
    }
    if (!recorder.suppressions.some((s) => s.id === ruleId && s.reason === reason)) {
      recorder.suppressions.push({ id: ruleId, reason });
    }
  }

  private readonly packList: RulePack[] = [];
  private settings: ComplianceOptions = {};

  private constructor(private readonly root: IConstruct) {
    // cdktf synthesizes each stack on its own, so app-level aspects never reach the stacks:
    // hook every stack that exists when synth starts.
    aroundAppSynth(root, (synth) => {
      this.hookStacks();
      withLightStackTraces(() => synth());
    });
  }

  private hookStacks(): void {
    for (const c of this.root.node.findAll()) {
      if (TerraformStack.isStack(c)) hookStack(this, c);
    }
  }

  /** Adds a rule pack (adding the same pack class twice has no effect). */
  public addPack(pack: RulePack): Compliance {
    if (!this.packList.some((p) => p.name === pack.name)) this.packList.push(pack);
    this.hookStacks();
    return this;
  }

  /** Sets the profile, strictness and report contents of the run at synth. */
  public configure(options: ComplianceOptions): Compliance {
    this.settings = { ...this.settings, ...options };
    return this;
  }

  /** The packs that run. */
  public get packs(): RulePack[] {
    return [...this.packList];
  }

  /** The options of the run at synth. */
  public get options(): ComplianceOptions {
    return { ...this.settings };
  }

  /**
   * Evaluates the packs on one stack's synthesized Terraform. Call it after aspects ran
   * (`Testing.synth(stack)` or `app.synth()`); synth calls it for every stack.
   */
  public evaluate(stack: TerraformStack, options?: ComplianceOptions): ComplianceReport {
    return evaluateStack(stack.node.id, unhookedTerraform(stack), this.packList, {
      applicablePacksOnly: true,
      ...this.settings,
      ...options,
    });
  }
}
