import { ComplianceStatus, RuleCategory, RuleLevel } from './rule';
import { StackContents } from './stack-view';

/** One rule's result on one resource. */
export interface ComplianceFinding {
  /** Rule id (named after the control). */
  readonly ruleId: string;
  /** Pack the rule belongs to. */
  readonly pack: string;
  /** Severity of the rule. */
  readonly level: RuleLevel;
  /** What kind of constraint the rule encodes. */
  readonly category: RuleCategory;
  /** Terraform address of the resource. */
  readonly address: string;
  /**
   * Construct path of the resource.
   * @default - unknown
   */
  readonly constructPath?: string;
  /** Result. */
  readonly status: ComplianceStatus;
  /**
   * The rule's detail for non-compliant or unknown results, or the suppression reason.
   * @default - none
   */
  readonly reason?: string;
  /** What the rule requires. */
  readonly description: string;
  /** How to fix it. */
  readonly fixHint: string;
  /**
   * Benchmark controls the rule supports, as `framework:control` (e.g. `cis-aws-3.0.0:2.1.4`).
   * @default - none
   */
  readonly frameworks?: string[];
}

/** Results of one benchmark control in one stack. */
export interface ControlSummary {
  /** Control id, e.g. `2.1.4`. */
  readonly control: string;
  /** The rules that support it. */
  readonly rules: string[];
  /** Compliant results. */
  readonly compliant: number;
  /** Non-compliant results. */
  readonly nonCompliant: number;
  /** Unknown results. */
  readonly unknown: number;
  /** Suppressed results. */
  readonly suppressed: number;
}

/** The results of one stack grouped by the controls of one framework. */
export interface FrameworkSummary {
  /** Framework id, e.g. `cis-aws-3.0.0`. */
  readonly framework: string;
  /** Its controls that a rule of the packs supports, in order. */
  readonly controls: ControlSummary[];
}

/** Counts of a report. */
export interface ComplianceSummary {
  /** Compliant results. */
  readonly compliant: number;
  /** Non-compliant results (errors and warnings). */
  readonly nonCompliant: number;
  /** Suppressed results. */
  readonly suppressed: number;
  /** Non-compliant results of ERROR rules: these fail synth (and, with strict, unknown ones). */
  readonly errors: number;
  /** Non-compliant results of WARNING rules. */
  readonly warnings: number;
  /** Results that depend on values known only at plan or apply time. */
  readonly unknown: number;
}

/** What the rules could and could not look at in one stack. */
export interface ComplianceCoverage extends StackContents {
  /** Resources at least one rule applied to. */
  readonly examined: number;
}

/** The compliance report of one stack (written as compliance-report.json next to cdk.tf.json). */
export interface ComplianceReport {
  /** Stack name. */
  readonly stackName: string;
  /** Packs that ran. */
  readonly packs: string[];
  /** The profile the rules ran under (`security` or `platform`). */
  readonly profile: string;
  /** Whether UNKNOWN results of ERROR rules count as errors. */
  readonly strict: boolean;
  /** Counts. */
  readonly summary: ComplianceSummary;
  /** What the rules could and could not evaluate. */
  readonly coverage: ComplianceCoverage;
  /** Results grouped by benchmark framework and control. */
  readonly frameworks: FrameworkSummary[];
  /**
   * Non-compliant, unknown and suppressed results (and compliant ones when asked for), sorted
   * by address then rule id.
   */
  readonly findings: ComplianceFinding[];
}

/** The file name of the report, next to each stack's cdk.tf.json. */
export const REPORT_FILE_NAME = 'compliance-report.json';
