// A factory for the reference rules that judge every statement of every IAM policy document.
import { CitedRuleDefinition, defineReferenceRule } from '../../core/compliance/define-rule';
import { Rule } from '../../core/compliance/rule';
import { allOf, Verdict } from '../../core/rules/attributes';
import { POLICY_DOCUMENT_TYPES, policyStatements } from '../reference/policy-documents';

/**
 * `judge` computed once per distinct Action and Resource of a statement: the same statements
 * recur across stacks.
 */
export function byActionAndResource(
  judge: (statement: any) => Verdict,
): (statement: any) => Verdict {
  const cache = new Map<string, Verdict>();
  return (statement) => {
    const key = JSON.stringify([statement.Action, statement.Resource]);
    if (cache.has(key)) return cache.get(key);
    const verdict = judge(statement);
    cache.set(key, verdict);
    return verdict;
  };
}

/** A reference rule over IAM policy statements (see {@link definePolicyStatementRule}). */
export type PolicyStatementRuleDefinition = Omit<CitedRuleDefinition, 'check' | 'resourceTypes'> & {
  /** The verdicts on one statement; `where` names the statement in failure details. */
  readonly checkStatement: (statement: any, where: string) => Verdict[];
};

/**
 * Defines, in a rule file, a REFERENCE rule over the statements of every policy document of the
 * stack (POLICY_DOCUMENT_TYPES): the verdicts of all statements combined, UNKNOWN for documents
 * that cannot be read before apply.
 */
export function definePolicyStatementRule(file: string, def: PolicyStatementRuleDefinition): Rule {
  const { checkStatement, ...meta } = def;
  return defineReferenceRule(file, {
    ...meta,
    resourceTypes: POLICY_DOCUMENT_TYPES,
    check: (r) => {
      const { statements, unknowns } = policyStatements(r);
      const verdicts: Verdict[] = [...unknowns];
      for (const { where, statement } of statements)
        verdicts.push(...checkStatement(statement, where));
      return allOf(verdicts);
    },
  });
}
