import { ComplianceStatus, ResourceView, Rule, RuleEvaluation, RuleLevel } from './rule';
import { StackView } from './stack-view';

/** The check of a rule defined with {@link defineRule}. */
export type RuleCheck = (resource: ResourceView, stack: StackView) => boolean | string | undefined;

/** Definition of a rule as a pure function. */
export interface RuleDefinition {
  readonly id: string;
  readonly level: RuleLevel;
  readonly description: string;
  readonly fixHint: string;
  readonly resourceTypes?: string[];
  /** true = compliant; false or a string (the detail) = non-compliant; undefined = not applicable. */
  readonly check: RuleCheck;
}

class FunctionRule extends Rule {
  constructor(private readonly def: RuleDefinition) {
    super(def);
  }

  public evaluate(resource: ResourceView, stack: StackView): RuleEvaluation {
    const out = this.def.check(resource, stack);
    if (out === undefined) return { status: ComplianceStatus.NOT_APPLICABLE };
    if (out === true) return { status: ComplianceStatus.COMPLIANT };
    if (out === false) return { status: ComplianceStatus.NON_COMPLIANT };
    return { status: ComplianceStatus.NON_COMPLIANT, detail: out };
  }
}

/** Defines a rule from a pure function (one rule per file; the file is named after the id). */
export function defineRule(def: RuleDefinition): Rule {
  return new FunctionRule(def);
}
