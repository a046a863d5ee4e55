import {
  ComplianceStatus,
  FrameworkControls,
  ResourceView,
  Rule,
  RuleCategory,
  RuleEvaluation,
  RuleLevel,
  RuleProfile,
} from './rule';
import { StackView } from './stack-view';

/** A verdict that depends on a value known only at plan or apply time. */
export class UnknownVerdict {
  constructor(public readonly detail: string) {}
}

/** The verdict "unknown until plan/apply", with what made it unknown. */
export function unknown(detail: string): UnknownVerdict {
  return new UnknownVerdict(detail);
}

/**
 * What a check returns: true = compliant; false or a string (the detail) = non-compliant;
 * undefined = not applicable; `unknown(detail)` = depends on a value not known before apply.
 */
export type Verdict = boolean | string | undefined | UnknownVerdict;

/** The check of a rule defined with {@link defineRule}. */
export type RuleCheck = (resource: ResourceView, stack: StackView) => Verdict;

/** Definition of a rule as a pure function. */
export interface RuleDefinition {
  readonly id: string;
  readonly level: RuleLevel;
  readonly description: string;
  readonly fixHint: string;
  readonly resourceTypes?: string[];
  /** @default RuleCategory.SECURITY */
  readonly category?: RuleCategory;
  /** @default RuleProfile.SECURITY */
  readonly profile?: RuleProfile;
  /** The provider source line, cloud doc, benchmark item or data set the rule encodes. */
  readonly source?: string;
  /** The benchmark controls the rule supports. */
  readonly frameworks?: FrameworkControls[];
  /** See {@link Verdict}. */
  readonly check: RuleCheck;
}

class FunctionRule extends Rule {
  constructor(private readonly def: RuleDefinition) {
    super(def);
  }

  public evaluate(resource: ResourceView, stack: StackView): RuleEvaluation {
    const out = this.def.check(resource, stack);
    if (out === undefined) return { status: ComplianceStatus.NOT_APPLICABLE };
    if (out instanceof UnknownVerdict)
      return { status: ComplianceStatus.UNKNOWN, detail: out.detail };
    if (out === true) return { status: ComplianceStatus.COMPLIANT };
    if (out === false) return { status: ComplianceStatus.NON_COMPLIANT };
    return { status: ComplianceStatus.NON_COMPLIANT, detail: out };
  }
}

/** Defines a rule from a pure function (one rule per file; the file is named after the id). */
export function defineRule(def: RuleDefinition): Rule {
  return new FunctionRule(def);
}
