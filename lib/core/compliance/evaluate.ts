import { ComplianceFinding, ComplianceReport } from './report';
import { ComplianceStatus, ResourceView, RuleLevel, RulePack, RuleProfile } from './rule';
import { StackView } from './stack-view';

/** A suppression of one rule on a resource (or everything under a construct). */
export interface Suppression {
  /** Rule id; a control id (e.g. `AWS-07`) also covers its facets (`AWS-07.encryption`). */
  readonly id: string;
  /** Why the finding is acceptable (at least 10 characters). */
  readonly reason: string;
}

/** The key under a resource's `//` metadata where suppressions are recorded. */
export const METADATA_KEY = 'secure_mlops';

/** Minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** Suppressions recorded in a resource's synthesized metadata. */
export function suppressionsOf(resource: ResourceView): Suppression[] {
  const list = resource.attributes?.['//']?.[METADATA_KEY]?.suppressions;
  return Array.isArray(list) ? list.filter((s) => typeof s?.id === 'string') : [];
}

function covers(suppression: Suppression, ruleId: string): boolean {
  return suppression.id === ruleId || ruleId.startsWith(`${suppression.id}.`);
}

/** The profile a stack declares in its `//.secure_mlops.profile` metadata, if any. */
export function declaredProfile(json: any): RuleProfile | undefined {
  const p = json?.['//']?.[METADATA_KEY]?.profile;
  return p === RuleProfile.PLATFORM || p === RuleProfile.SECURITY ? p : undefined;
}

/** Options of a compliance run. */
export interface EvaluateOptions {
  /**
   * Which rules run: PLATFORM runs every rule; SECURITY leaves out the platform conventions.
   * @default - the profile the stack declares in its metadata, else PLATFORM
   */
  readonly profile?: RuleProfile;
  /**
   * Count UNKNOWN results of ERROR rules as errors.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * List compliant results in the findings (the summary always counts them).
   * @default false
   */
  readonly includeCompliant?: boolean;
  /**
   * Run only the rules that support a control of this framework (e.g. `cis-aws-3.0.0`).
   * @default - every rule
   */
  readonly framework?: string;
  /**
   * Run and list only the packs that apply to the stack (a rule of the pack is about one of its
   * resource types); synth sets it.
   * @default false
   */
  readonly applicablePacksOnly?: boolean;
}

/** Orders control ids numerically where they are dotted numbers (2.1.10 after 2.1.4). */
function byControl(a: string, b: string): number {
  const pa = a.split(/[.\-()]/).filter((x) => x !== '');
  const pb = b.split(/[.\-()]/).filter((x) => x !== '');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = !isNaN(nx) && !isNaN(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

function byAddressThenRule(a: ComplianceFinding, b: ComplianceFinding): number {
  if (a.address !== b.address) return a.address < b.address ? -1 : 1;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

/**
 * The packs that apply to a stack: those with a rule about one of the stack's resource types. A
 * pack whose rules name no resource types is kept (it cannot be told apart). At synth, reports
 * list and run only these, as the scanner CLI does from a stack's providers.
 */
export function applicablePacks(view: StackView, packs: RulePack[]): RulePack[] {
  const types = new Set(view.resources().map((r) => r.type));
  return packs.filter((pack) => {
    const typed = pack.rules.filter((r) => r.resourceTypes !== undefined);
    return typed.length === 0 || typed.some((r) => r.resourceTypes!.some((t) => types.has(t)));
  });
}

/**
 * Runs rule packs over one stack (Terraform JSON in object or array form, or a configuration
 * merged by the loader). Pure: the same input gives the same report. Suppressions are read from
 * each resource's `//.secure_mlops.suppressions` and count only with a reason of at least 10
 * characters.
 */
export function evaluateStack(
  stackName: string,
  json: any,
  packs: RulePack[],
  options: EvaluateOptions = {},
): ComplianceReport {
  const view = json instanceof StackView ? json : new StackView(stackName, json);
  if (options.applicablePacksOnly) packs = applicablePacks(view, packs);
  const profile = options.profile ?? declaredProfile(view.json) ?? RuleProfile.PLATFORM;
  const strict = options.strict ?? false;
  const findings: ComplianceFinding[] = [];
  const counts = {
    compliant: 0,
    nonCompliant: 0,
    suppressed: 0,
    errors: 0,
    warnings: 0,
    unknown: 0,
  };
  const wanted = options.framework?.toLowerCase();
  const rules = packs.flatMap((pack) =>
    pack.rules
      .filter((rule) => profile === RuleProfile.PLATFORM || rule.profile !== RuleProfile.PLATFORM)
      .map((rule) => ({
        pack,
        rule,
        types: rule.resourceTypes ? new Set(rule.resourceTypes) : undefined,
        controls: pack
          .frameworksOf(rule)
          .flatMap((f) => f.controls.map((c) => ({ framework: f.framework, control: c })))
          .filter((c) => wanted === undefined || c.framework.toLowerCase() === wanted),
      }))
      .filter((x) => wanted === undefined || x.controls.length > 0),
  );
  type Tally = {
    rules: Set<string>;
    compliant: number;
    nonCompliant: number;
    unknown: number;
    suppressed: number;
  };
  const tallies = new Map<string, Map<string, Tally>>();
  for (const { rule, controls } of rules) {
    for (const { framework, control } of controls) {
      let byId = tallies.get(framework);
      if (!byId) tallies.set(framework, (byId = new Map()));
      let t = byId.get(control);
      if (!t) {
        t = { rules: new Set(), compliant: 0, nonCompliant: 0, unknown: 0, suppressed: 0 };
        byId.set(control, t);
      }
      t.rules.add(rule.id);
    }
  }
  let examined = 0;
  for (const resource of view.resources()) {
    const suppressions = suppressionsOf(resource);
    let applied = false;
    for (const { pack, rule, types, controls } of rules) {
      if (types && !types.has(resource.type)) continue;
      let status: ComplianceStatus;
      let detail: string | undefined;
      try {
        const result = rule.evaluate(resource, view);
        status = result.status;
        detail = result.detail;
      } catch (e) {
        status = ComplianceStatus.NON_COMPLIANT;
        detail = `rule raised an error: ${(e as Error).message}`;
      }
      if (status === ComplianceStatus.NOT_APPLICABLE) continue;
      applied = true;
      if (status === ComplianceStatus.NON_COMPLIANT || status === ComplianceStatus.UNKNOWN) {
        const s = suppressions.find(
          (x) =>
            covers(x, rule.id) &&
            typeof x.reason === 'string' &&
            x.reason.trim().length >= MIN_REASON_LENGTH,
        );
        if (s) {
          status = ComplianceStatus.SUPPRESSED;
          detail = s.reason;
        }
      }
      switch (status) {
        case ComplianceStatus.COMPLIANT:
          counts.compliant++;
          break;
        case ComplianceStatus.SUPPRESSED:
          counts.suppressed++;
          break;
        case ComplianceStatus.UNKNOWN:
          counts.unknown++;
          if (strict && rule.level === RuleLevel.ERROR) counts.errors++;
          break;
        default:
          counts.nonCompliant++;
          if (rule.level === RuleLevel.ERROR) counts.errors++;
          else counts.warnings++;
      }
      for (const { framework, control } of controls) {
        const t = tallies.get(framework)?.get(control);
        if (!t) continue;
        if (status === ComplianceStatus.COMPLIANT) t.compliant++;
        else if (status === ComplianceStatus.SUPPRESSED) t.suppressed++;
        else if (status === ComplianceStatus.UNKNOWN) t.unknown++;
        else t.nonCompliant++;
      }
      if (status === ComplianceStatus.COMPLIANT && !options.includeCompliant) continue;
      findings.push({
        ruleId: rule.id,
        pack: pack.name,
        level: rule.level,
        category: rule.category,
        address: resource.address,
        constructPath: resource.constructPath,
        status,
        reason: detail,
        description: rule.description,
        fixHint: rule.fixHint,
        ...(controls.length > 0
          ? { frameworks: controls.map((c) => `${c.framework}:${c.control}`) }
          : {}),
      });
    }
    if (applied) examined++;
  }
  findings.sort(byAddressThenRule);
  return {
    stackName,
    packs: packs.map((p) => p.name),
    profile,
    strict,
    summary: counts,
    coverage: { ...view.contents, examined },
    frameworks: [...tallies.keys()].sort().map((framework) => ({
      framework,
      controls: [...tallies.get(framework)!.entries()]
        .sort(([a], [b]) => byControl(a, b))
        .map(([control, t]) => ({
          control,
          rules: [...t.rules].sort(),
          compliant: t.compliant,
          nonCompliant: t.nonCompliant,
          unknown: t.unknown,
          suppressed: t.suppressed,
        })),
    })),
    findings,
  };
}

/** True when a finding fails the run: a non-compliant ERROR, or (strict) an unknown ERROR. */
export function isFailure(f: ComplianceFinding, strict: boolean): boolean {
  if (f.level !== RuleLevel.ERROR) return false;
  return (
    f.status === ComplianceStatus.NON_COMPLIANT || (strict && f.status === ComplianceStatus.UNKNOWN)
  );
}

/** One line per finding, for error messages and the CLI. */
export function formatFinding(f: ComplianceFinding): string {
  const reason = f.reason ? ` (${f.reason})` : '';
  return `[${f.ruleId}] ${f.address}: ${f.description}${reason}. Fix: ${f.fixHint}`;
}
