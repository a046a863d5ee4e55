// Size estimates of policy documents that contain Terraform expressions.

/** Characters assumed for one `${...}` expression in an estimate (ARNs, ids and names we reference fit). */
export const EXPRESSION_ESTIMATE = 128;

/** The expressions of a string. */
function expressions(s: string): string[] {
  return s.match(/(?<!\$)\$\{[^}]*\}/g) ?? [];
}

/**
 * Bounds of a document's size once Terraform resolves its expressions: `min` counts each
 * expression as empty, `estimate` as {@link EXPRESSION_ESTIMATE} characters; `ignoreWhitespace`
 * leaves out whitespace, as IAM counts policy size.
 */
export function sizeBounds(
  doc: string,
  ignoreWhitespace: boolean,
): { min: number; estimate: number; expressions: number } {
  const text = ignoreWhitespace ? doc.replace(/\s/g, '') : doc;
  const exprs = expressions(text);
  const literal = exprs.reduce((n, e) => n - e.length, Buffer.byteLength(text, 'utf8'));
  return {
    min: literal,
    estimate: literal + exprs.length * EXPRESSION_ESTIMATE,
    expressions: exprs.length,
  };
}
