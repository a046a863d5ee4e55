// Renders a `data "aws_iam_policy_document"` into the JSON policy the AWS provider would compute,
// so that every rule reading a policy attribute (`${data.aws_iam_policy_document.x.json}`) sees
// the statements. Follows the data source's documented semantics
// (website/docs/d/iam_policy_document.html.markdown): statements from `source_policy_documents`
// first, this document's statements replacing those with the same `sid`, then
// `override_policy_documents` replacing by `sid`; one-element lists written as a string.
import { registerDataSourceResolver } from '../../core/compliance/resolve';
import { asList, isExpression } from '../../core/rules/attributes';

function single(values: any[]): any {
  return values.length === 1 ? values[0] : values;
}

function principals(blocks: any[]): any {
  const out: { [type: string]: any[] } = {};
  for (const p of blocks) {
    const type = p?.type;
    const ids = asList(p?.identifiers);
    if (typeof type !== 'string') return undefined;
    if (type === '*' && ids.every((i) => i === '*')) return '*';
    (out[type] ??= []).push(...ids);
  }
  return Object.fromEntries(Object.entries(out).map(([t, ids]) => [t, single(ids)]));
}

function statement(s: any): any | undefined {
  if (typeof s !== 'object' || s === null) return undefined;
  const out: { [k: string]: any } = {};
  if (s.sid !== undefined && s.sid !== '') out.Sid = s.sid;
  out.Effect = s.effect ?? 'Allow';
  for (const [key, attr] of [
    ['Action', 'actions'],
    ['NotAction', 'not_actions'],
    ['Resource', 'resources'],
    ['NotResource', 'not_resources'],
  ]) {
    const v = asList(s[attr]);
    if (v.length > 0) out[key] = single(v);
  }
  for (const [key, attr] of [
    ['Principal', 'principals'],
    ['NotPrincipal', 'not_principals'],
  ]) {
    const blocks = asList(s[attr]);
    if (blocks.length === 0) continue;
    const p = principals(blocks);
    if (p === undefined) return undefined;
    out[key] = p;
  }
  const conditions = asList(s.condition);
  if (conditions.length > 0) {
    const cond: { [test: string]: { [variable: string]: any } } = {};
    for (const c of conditions) {
      if (typeof c?.test !== 'string' || typeof c?.variable !== 'string') return undefined;
      cond[c.test] ??= {};
      const values = asList(c.values);
      const existing = cond[c.test][c.variable];
      cond[c.test][c.variable] = single(
        existing === undefined ? values : [...asList(existing), ...values],
      );
    }
    out.Condition = cond;
  }
  return out;
}

function parseStatements(json: any): any[] | undefined {
  if (typeof json !== 'string' || isExpression(json)) return undefined;
  try {
    return asList(JSON.parse(json).Statement);
  } catch {
    return undefined;
  }
}

function mergeBySid(base: any[], overrides: any[]): any[] {
  const out = [...base];
  for (const s of overrides) {
    const i = s?.Sid !== undefined ? out.findIndex((x) => x?.Sid === s.Sid) : -1;
    if (i >= 0) out[i] = s;
    else out.push(s);
  }
  return out;
}

/** The JSON policy of an `aws_iam_policy_document` body (already resolved), or undefined. */
export function renderPolicyDocument(body: { [key: string]: any }): string | undefined {
  if (body.dynamic !== undefined) return undefined; // statements generated at plan time
  const own: any[] = [];
  for (const s of asList(body.statement)) {
    const st = statement(s);
    if (st === undefined) return undefined;
    own.push(st);
  }
  let statements: any[] = [];
  for (const src of asList(body.source_policy_documents)) {
    const parsed = parseStatements(src);
    if (parsed === undefined) return undefined;
    statements = mergeBySid(statements, parsed);
  }
  statements = mergeBySid(statements, own);
  for (const src of asList(body.override_policy_documents)) {
    const parsed = parseStatements(src);
    if (parsed === undefined) return undefined;
    statements = mergeBySid(statements, parsed);
  }
  const doc: { [k: string]: any } = { Version: body.version ?? '2012-10-17' };
  if (body.policy_id !== undefined) doc.Id = body.policy_id;
  doc.Statement = statements;
  return JSON.stringify(doc);
}

registerDataSourceResolver('aws_iam_policy_document', (body) => {
  const json = renderPolicyDocument(body);
  return json === undefined ? undefined : { json, minified_json: json };
});
