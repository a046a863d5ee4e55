import {
  ComplianceStatus,
  ResourceView,
  Rule,
  RuleCategory,
  RuleEvaluation,
  RuleLevel,
  RuleProps,
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

/** Definition of a rule as a pure function: a rule's identity and metadata, and its check. */
export interface RuleDefinition extends RuleProps {
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

/** A rule definition whose id comes from the name of the file that defines it. */
export type RuleFileDefinition = Omit<RuleDefinition, 'id'>;

/** An APPLY or REFERENCE rule of a rule file: always an ERROR, and it cites its source. */
export type CitedRuleDefinition = Omit<RuleFileDefinition, 'level' | 'category' | 'source'> & {
  /** The provider source line, cloud doc or data set the rule encodes. */
  readonly source: string;
};

const RULE_FILE = /^([a-z]+-\d+)(\.[a-z0-9-]+)?$/;

/**
 * The rule id a rule file stands for: its name without the extension, the control part (up to
 * the first dot) upper-cased and the facet after it kept as written. `aws-07.encryption.ts`
 * holds `AWS-07.encryption`, `x-10.s3-bucket-name.ts` holds `X-10.s3-bucket-name`,
 * `az-01.ts` holds `AZ-01`.
 */
export function ruleIdOfFile(file: string): string {
  const base = (file.split(/[\\/]/).pop() ?? '').replace(/(\.d)?\.[cm]?[jt]s$/, '');
  const m = RULE_FILE.exec(base);
  if (!m) {
    throw new Error(
      `${file}: a rule file is named after its rule id (e.g. aws-07.encryption.ts for AWS-07.encryption)`,
    );
  }
  return m[1].toUpperCase() + (m[2] ?? '');
}

/**
 * Defines a rule from a pure function, one rule per file (cdk-nag style): called as
 * `defineRule(__filename, {...})`, the rule id is the file's name (see {@link ruleIdOfFile}), so
 * the id of a rule and the file that holds it cannot drift apart. `defineRule({ id, ... })`
 * defines a rule outside a rule file (tests, your own ad-hoc rules).
 */
export function defineRule(file: string, def: RuleFileDefinition): Rule;
export function defineRule(def: RuleDefinition): Rule;
export function defineRule(fileOrDef: string | RuleDefinition, def?: RuleFileDefinition): Rule {
  if (typeof fileOrDef === 'string') {
    return new FunctionRule({ ...def!, id: ruleIdOfFile(fileOrDef) });
  }
  return new FunctionRule(fileOrDef);
}

/**
 * Defines an APPLY rule in a rule file (see {@link defineRule}): a constraint the cloud API
 * enforces at apply time that `terraform plan` does not. An ERROR, citing its source.
 */
export function defineApplyRule(file: string, def: CitedRuleDefinition): Rule {
  return defineRule(file, { ...def, level: RuleLevel.ERROR, category: RuleCategory.APPLY });
}

/**
 * Defines a REFERENCE rule in a rule file (see {@link defineRule}): names that must exist in the
 * cloud's reference data. An ERROR, citing the data set.
 */
export function defineReferenceRule(file: string, def: CitedRuleDefinition): Rule {
  return defineRule(file, { ...def, level: RuleLevel.ERROR, category: RuleCategory.REFERENCE });
}
