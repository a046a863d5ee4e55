import { Rule, RuleEvaluation } from '../../lib/core/compliance/rule';
import { StackView } from '../../lib/core/compliance/stack-view';

/** Evaluates one rule on one hand-written resource (plus optional other resources). */
export function run(
  rule: Rule,
  type: string,
  attributes: any,
  others: { [type: string]: { [name: string]: any } } = {},
): RuleEvaluation {
  const json = {
    resource: { ...others, [type]: { ...(others[type] ?? {}), subject: attributes } },
  };
  const stack = new StackView('test', json);
  const resource = stack.resources(type).find((r) => r.name === 'subject')!;
  return rule.evaluate(resource, stack);
}

/** A policy document string with the given statements. */
export function policy(...statements: any[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
