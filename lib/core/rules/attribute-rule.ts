import { defineRule, RuleFileDefinition } from '../compliance/define-rule';
import { Rule } from '../compliance/rule';
import { check } from './attributes';

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
 * Defines, in a rule file (see {@link defineRule}), a rule that tests one attribute: UNKNOWN when
 * the attribute is (or crosses) an expression, else `ok(value)` or the failure `detail(value)`.
 */
export function defineAttributeRule(file: string, def: AttributeRuleDefinition): Rule {
  const { path, ok, detail, ...meta } = def;
  return defineRule(file, { ...meta, check: (r) => check(r, path, ok, detail) });
}
