// Rule factories for the shapes many rules share. Each defines a rule in a rule file, named
// after it (see defineRule).
import { defineRule, RuleFileDefinition, ruleIdOfFile, Verdict } from '../compliance/define-rule';
import { Rule } from '../compliance/rule';
import { StackView } from '../compliance/stack-view';
import { check } from './attributes';
import { perStack } from './references';

/** A rule that tests one attribute of each resource (see {@link defineAttributeRule}). */
export type AttributeRuleDefinition = Omit<RuleFileDefinition, 'check'> & {
  /** Dot path of the attribute (`a.b`), looked up through single blocks. */
  readonly path: string;
  /** True when the literal value complies. */
  readonly ok: (value: any) => boolean;
  /** What is wrong with a value that does not comply. */
  readonly detail: (value: any) => string;
};

/**
 * Defines a rule that tests one attribute: UNKNOWN when the attribute is (or crosses) an
 * expression, else `ok(value)` or the failure `detail(value)`.
 */
export function defineAttributeRule(file: string, def: AttributeRuleDefinition): Rule {
  const { path, ok, detail, ...meta } = def;
  return defineRule(file, { ...meta, check: (r) => check(r, path, ok, detail) });
}

/** A rule whose verdict is the whole stack's (see {@link defineStackRule}). */
export type StackRuleDefinition = Omit<RuleFileDefinition, 'check'> & {
  /** The verdict of the stack, reported on each resource of `resourceTypes` it holds. */
  readonly checkStack: (stack: StackView) => Verdict;
};

/**
 * Defines a rule whose verdict belongs to the stack, not to one resource (e.g. "a stack with a
 * workspace assigns the guardrail policies"): computed once per stack and reported on every
 * resource of `resourceTypes`.
 */
export function defineStackRule(file: string, def: StackRuleDefinition): Rule {
  const { checkStack, ...meta } = def;
  const key = `stack-rule:${ruleIdOfFile(file)}`;
  return defineRule(file, {
    ...meta,
    check: (_r, stack) => perStack(stack, key, () => checkStack(stack)),
  });
}
