import type { StackView } from './stack-view';

/** Severity of a rule: errors fail synth, warnings annotate. */
export enum RuleLevel {
  /** Fails synth. */
  ERROR = 'ERROR',
  /** Annotates the resource with a warning. */
  WARNING = 'WARNING',
}

/**
 * What kind of constraint a rule encodes.
 *
 * - `SECURITY`: a control from the controls catalogue or a benchmark item.
 * - `APPLY`: a constraint the cloud API enforces at apply time that `terraform plan` does not
 *   check; the rule's `source` cites the provider source line or cloud document it encodes.
 * - `REFERENCE`: a name that must exist in the cloud's reference data (IAM actions, condition
 *   keys, roles, permissions, policy definitions); `source` names the data set.
 */
export enum RuleCategory {
  /** A security control or benchmark item. */
  SECURITY = 'security',
  /** A constraint the cloud rejects at apply time although `terraform plan` accepts it. */
  APPLY = 'apply',
  /** A name that must exist (and not be deprecated) in the cloud's reference data. */
  REFERENCE = 'reference',
}

/**
 * Which stacks a rule is meant for.
 *
 * - `SECURITY`: any Terraform configuration (exposure, IAM, encryption in transit, logging,
 *   apply and reference rules).
 * - `PLATFORM`: this library's platform conventions on top (prevent_destroy everywhere, the
 *   platform tags, management locks, mandatory customer-managed keys).
 */
export enum RuleProfile {
  /** Applies to any stack. */
  SECURITY = 'security',
  /** Applies to platform stacks only (the `platform` profile also runs every SECURITY rule). */
  PLATFORM = 'platform',
}

/** Benchmark controls of one compliance framework that a rule supports. */
export interface FrameworkControls {
  /**
   * Framework id: `cis-aws-3.0.0`, `cis-gcp-3.0.0`, `cis-azure-3.0.0`, `nist-800-53-r5`, or your
   * own.
   */
  readonly framework: string;
  /** Control ids in that framework (e.g. `2.1.4`, `AC-3`). */
  readonly controls: string[];
}

/** The framework controls of one rule of a pack (a pack's mapping table). */
export interface FrameworkMapping extends FrameworkControls {
  /** The rule id. */
  readonly ruleId: string;
}

/** Outcome of one rule on one resource. */
export enum ComplianceStatus {
  /** The resource meets the rule. */
  COMPLIANT = 'COMPLIANT',
  /** The resource breaks the rule. */
  NON_COMPLIANT = 'NON_COMPLIANT',
  /** The rule does not apply to the resource. */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  /** The resource breaks the rule, but a suppression with a reason covers it. */
  SUPPRESSED = 'SUPPRESSED',
  /**
   * The outcome depends on a value known only at plan or apply time (a reference, a variable
   * without a literal default, a `dynamic` block, `each`/`count`).
   */
  UNKNOWN = 'UNKNOWN',
}

/** One resource of a synthesized stack, as rules see it. */
export interface ResourceView {
  /** Terraform resource type, e.g. `random_id`. */
  readonly type: string;
  /** Logical name in the stack. */
  readonly name: string;
  /** Terraform address, e.g. `random_id.data`. */
  readonly address: string;
  /**
   * Construct path, when the JSON was synthesized by cdktf.
   * @default - unknown
   */
  readonly constructPath?: string;
  /** Synthesized (snake_case) attributes; references appear as `${type.name.attr}`. */
  readonly attributes: { [key: string]: any };
}

/** The result of evaluating a rule on one resource. */
export interface RuleEvaluation {
  /** Outcome. */
  readonly status: ComplianceStatus;
  /**
   * What exactly is wrong (or why it does not apply).
   * @default - none
   */
  readonly detail?: string;
}

/** Identity and metadata of a rule. */
export interface RuleProps {
  /** Rule id, named after the control it checks (e.g. `AWS-07` or `AWS-07.encryption`). */
  readonly id: string;
  /** Severity. */
  readonly level: RuleLevel;
  /** What the rule requires, one sentence. */
  readonly description: string;
  /** How to fix a non-compliant resource. */
  readonly fixHint: string;
  /**
   * Resource types the rule looks at.
   * @default - every resource
   */
  readonly resourceTypes?: string[];
  /**
   * What kind of constraint the rule encodes.
   * @default RuleCategory.SECURITY
   */
  readonly category?: RuleCategory;
  /**
   * Which stacks the rule is meant for.
   * @default RuleProfile.SECURITY
   */
  readonly profile?: RuleProfile;
  /**
   * The document the rule encodes: a provider source file and line, a cloud API reference page,
   * a benchmark item or a reference data set. Required for APPLY and REFERENCE rules.
   * @default - none
   */
  readonly source?: string;
  /**
   * The benchmark controls the rule supports: only what it really checks.
   * @default - none
   */
  readonly frameworks?: FrameworkControls[];
}

/**
 * A compliance rule: a pure function over one resource's synthesized attributes, with the
 * whole stack available for cross-resource checks. Subclass it for your own rules.
 */
export abstract class Rule {
  /** Rule id. */
  public readonly id: string;
  /** Severity. */
  public readonly level: RuleLevel;
  /** What the rule requires. */
  public readonly description: string;
  /** How to fix a non-compliant resource. */
  public readonly fixHint: string;
  /** Resource types the rule looks at (undefined = every resource). */
  public readonly resourceTypes?: string[];
  /** What kind of constraint the rule encodes. */
  public readonly category: RuleCategory;
  /** Which stacks the rule is meant for. */
  public readonly profile: RuleProfile;
  /** The document the rule encodes (required for APPLY and REFERENCE rules). */
  public readonly source?: string;
  /** The benchmark controls the rule supports. */
  public readonly frameworks: FrameworkControls[];

  constructor(props: RuleProps) {
    this.id = props.id;
    this.level = props.level;
    this.description = props.description;
    this.fixHint = props.fixHint;
    this.resourceTypes = props.resourceTypes;
    this.category = props.category ?? RuleCategory.SECURITY;
    this.profile = props.profile ?? RuleProfile.SECURITY;
    this.source = props.source;
    this.frameworks = props.frameworks ?? [];
    if (this.category !== RuleCategory.SECURITY && !props.source?.trim()) {
      throw new Error(
        `Rule ${props.id}: a ${this.category} rule must cite its source (provider source line, cloud doc or data set)`,
      );
    }
  }

  /** Evaluates the rule on one resource. */
  public abstract evaluate(resource: ResourceView, stack: StackView): RuleEvaluation;
}

/** A named group of rules for one cloud. */
export class RulePack {
  /** Pack name. */
  public readonly name: string;
  /** The rules. */
  public readonly rules: Rule[];
  private readonly mappings: FrameworkMapping[];

  /**
   * @param name pack name
   * @param rules the rules (unique ids)
   * @param frameworks the pack's table of benchmark controls per rule id
   */
  constructor(name: string, rules: Rule[], frameworks?: FrameworkMapping[]) {
    this.name = name;
    this.rules = rules;
    this.mappings = frameworks ?? [];
    const seen = new Set<string>();
    for (const r of rules) {
      if (seen.has(r.id)) throw new Error(`RulePack ${name}: duplicate rule id '${r.id}'`);
      seen.add(r.id);
    }
    for (const m of this.mappings) {
      if (!seen.has(m.ruleId)) {
        throw new Error(`RulePack ${name}: framework mapping for unknown rule '${m.ruleId}'`);
      }
    }
  }

  /** The benchmark controls a rule of this pack supports (its own and the pack's table). */
  public frameworksOf(rule: Rule): FrameworkControls[] {
    return [...rule.frameworks, ...this.mappings.filter((m) => m.ruleId === rule.id)].map((m) => ({
      framework: m.framework,
      controls: m.controls,
    }));
  }
}
