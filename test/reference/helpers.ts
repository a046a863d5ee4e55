import { RuleCase, Status, TerraformJson } from '../rule-harness';

/** Resources of other types (or of the subject's type) beside the subject. */
export type Others = { [type: string]: { [name: string]: any } };

/** Terraform JSON with one hand-written resource, `<type>.subject`, and the other resources. */
export function subject(type: string, attributes: any, others: Others = {}): TerraformJson {
  return { resource: { ...others, [type]: { ...(others[type] ?? {}), subject: attributes } } };
}

/**
 * Cases of a reference rule's verdict on one hand-written resource, `<type>.subject`: one case
 * with the status, or one case per detail fragment the verdict must contain.
 */
export function onSubject(
  rule: string,
  title: string,
  type: string,
  attributes: any,
  expected: Status,
  details: (string | RegExp)[] = [],
  others: Others = {},
): RuleCase[] {
  const json = subject(type, attributes, others);
  const at = `${type}.subject`;
  const base = { rule, title, json, at, expect: expected };
  return details.length === 0 ? [base] : details.map((detail) => ({ ...base, detail }));
}

/** A policy document string with the given statements. */
export function policy(...statements: any[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
