import { ComplianceStatus, Rule, RulePack, StackView } from '../lib/core';

// One table-driven harness for the rule tests of the three clouds. A case names a rule of a pack
// (by id, never by file), a Terraform JSON fixture (hand-written, or a mutation of a synthesized
// stack), the resource it judges, the expected status and, optionally, a fragment of the detail.
// The rule is evaluated directly on the stack, so a case proves that the rule looked at the
// resource: a missing resource, a resource of a type the rule does not look at, or a status the
// rule never gives there fails the case.

export const { COMPLIANT, NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE } = ComplianceStatus;

/** Terraform JSON (`resource`, plus `data`, `provider`... where a case needs them). */
export type TerraformJson = { [block: string]: any };

/** A status, as the enum or its string (`'COMPLIANT'`, `'NOT_APPLICABLE'`...). */
export type Status = `${ComplianceStatus}`;

/** A fixture, or a function building it (called when the case runs, e.g. after `beforeAll`). */
export type Fixture = TerraformJson | (() => TerraformJson);

/** One row of a rule table. */
export interface RuleCase {
  /** Rule id in the pack (e.g. `AWS-07.tls`). */
  readonly rule: string;
  /** What the fixture shows; the test title (the rule id, resource and status are added). */
  readonly title?: string;
  /** The fixture. */
  readonly json: Fixture;
  /**
   * Address of the resource the verdict is about.
   * @default - any resource the rule judges: one of them must have the expected status (for
   * NOT_APPLICABLE: every resource of the rule's types is not applicable)
   */
  readonly at?: string;
  /** The expected status (NOT_APPLICABLE: the rule looked at the resource and left it out). */
  readonly expect: Status;
  /** A fragment (or pattern) the verdict's detail must contain. */
  readonly detail?: string | RegExp;
}

/** The verdict of one rule on one resource. */
export interface Verdict {
  readonly address: string;
  readonly status: ComplianceStatus;
  readonly detail?: string;
}

/** The rule of a pack with this id (fails when the pack has none). */
export function ruleOf(pack: RulePack, id: string): Rule {
  const rule = pack.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`pack ${pack.name} has no rule '${id}'`);
  return rule;
}

/**
 * A row of a one-rule table: title, fixture (a map of resources, or Terraform JSON with a
 * `resource` block), address (undefined: any resource), status and, optionally, a detail fragment.
 */
export type Row = [string, Fixture, string | undefined, Status, (string | RegExp)?];

/** A row of a table of several rules: the rule id, then a {@link Row}. */
export type RuleRow = [string, ...Row];

/** The rows of a table of several rules as cases. */
export function cases(rows: RuleRow[]): RuleCase[] {
  return rows.flatMap(([rule, ...row]) => casesOf(rule, [row]));
}

/** The rows of one rule's table as cases. */
export function casesOf(rule: string, rows: Row[]): RuleCase[] {
  return rows.map(([title, json, at, expected, detail]) => ({
    rule,
    title,
    json: typeof json === 'function' || json.resource ? json : tf(json),
    at,
    expect: expected,
    detail,
  }));
}

/** Wraps a map of resources into Terraform JSON, with other top-level blocks if given. */
export function tf(resource: TerraformJson, extra: TerraformJson = {}): TerraformJson {
  return { resource, ...extra };
}

/**
 * The verdicts of one rule on every resource of the types it looks at, NOT_APPLICABLE included,
 * in address order. A rule that throws fails the case (the engine would report the error as a
 * non-compliance; a test wants to see it).
 */
export function verdictsOf(pack: RulePack, id: string, json: TerraformJson): Verdict[] {
  const rule = ruleOf(pack, id);
  const stack = new StackView('t', json);
  const types = rule.resourceTypes ? new Set(rule.resourceTypes) : undefined;
  return stack
    .resources()
    .filter((r) => !types || types.has(r.type))
    .map((r) => {
      const { status, detail } = rule.evaluate(r, stack);
      return { address: r.address, status, detail };
    })
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** The verdict of one rule on one resource (fails when the rule does not look at it). */
export function verdictAt(pack: RulePack, id: string, json: TerraformJson, at: string): Verdict {
  const all = verdictsOf(pack, id, json);
  const hit = all.find((v) => v.address === at);
  if (!hit) {
    const stack = new StackView('t', json);
    throw new Error(
      stack.resource(at)
        ? `rule ${id} does not look at ${at} (its types: ${ruleOf(pack, id).resourceTypes?.join(', ')})`
        : `no resource ${at} in the fixture of ${id} (resources: ${stack
            .resources()
            .map((r) => r.address)
            .join(', ')})`,
    );
  }
  return hit;
}

const fixtureOf = (c: RuleCase): TerraformJson =>
  typeof c.json === 'function' ? (c.json as () => TerraformJson)() : c.json;

/** Asserts one case: the rule's verdict on the resource has the expected status (and detail). */
export function expectCase(pack: RulePack, c: RuleCase): void {
  const json = fixtureOf(c);
  const matches = (v: Verdict) =>
    v.status === c.expect &&
    (c.detail === undefined ||
      (typeof c.detail === 'string'
        ? (v.detail ?? '').includes(c.detail)
        : c.detail.test(v.detail ?? '')));
  if (c.at !== undefined) {
    const v = verdictAt(pack, c.rule, json, c.at);
    expect({ status: v.status, detail: v.detail }).toEqual({
      status: c.expect,
      detail: matches(v) ? v.detail : c.detail,
    });
    return;
  }
  const all = verdictsOf(pack, c.rule, json);
  if (all.length === 0) throw new Error(`rule ${c.rule} looks at no resource of the fixture`);
  if (c.expect === NOT_APPLICABLE) {
    expect(all.filter((v) => v.status !== NOT_APPLICABLE)).toEqual([]);
    return;
  }
  if (!all.some(matches)) {
    throw new Error(
      `rule ${c.rule}: no verdict ${c.expect}${c.detail ? ` with detail ${c.detail}` : ''} among\n` +
        all.map((v) => `  ${v.address} ${v.status}${v.detail ? ` (${v.detail})` : ''}`).join('\n'),
    );
  }
}

/** The test title of a case. */
export function titleOf(c: RuleCase): string {
  const what = c.title ? `${c.title}: ` : '';
  return `${c.rule} ${what}${c.at ?? 'some resource'} is ${c.expect}`;
}

/**
 * One `describe` per table, one `test` per case. Titles are numbered, so that two cases with
 * the same words stay two tests.
 */
export function describeRules(
  title: string,
  pack: RulePack,
  cases: RuleCase[] | (() => RuleCase[]),
): void {
  const list = typeof cases === 'function' ? cases() : cases;
  describe(title, () => {
    if (list.length === 0) throw new Error(`rule table '${title}' is empty`);
    test.each(list.map((c, i) => [`${titleOf(c)} (#${i})`, c] as [string, RuleCase]))(
      '%s',
      (_name, c) => expectCase(pack, c),
    );
  });
}

/** Several tables, `describe.each` over them. */
export function describeRuleTables(pack: RulePack, tables: { [title: string]: RuleCase[] }): void {
  describe.each(Object.entries(tables))('%s', (_title, cases) => {
    test.each(cases.map((c, i) => [`${titleOf(c)} (#${i})`, c] as [string, RuleCase]))(
      '%s',
      (_name, c) => expectCase(pack, c),
    );
  });
}

/**
 * Rewrites nested blocks into the other Terraform JSON form: `wrap` turns a block written as an
 * object into a one-element list; otherwise a one-element list becomes an object. `isBlock`
 * tells blocks from maps (tags, labels...), by attribute name.
 */
export function reshapeBlocks(
  value: any,
  wrap: boolean,
  isBlock: (key: string) => boolean,
  key?: string,
): any {
  if (Array.isArray(value)) {
    const items = value.map((v) => reshapeBlocks(v, wrap, isBlock));
    return !wrap && key && isBlock(key) && items.length === 1 && typeof items[0] === 'object'
      ? items[0]
      : items;
  }
  if (value && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) {
      const r = reshapeBlocks(v, wrap, isBlock, k);
      out[k] = wrap && isBlock(k) && r && typeof r === 'object' && !Array.isArray(r) ? [r] : r;
    }
    return out;
  }
  return value;
}

/** The same case with every nested block of each resource written as a one-element list. */
export function withBlocksAsLists(c: RuleCase, isBlock: (key: string) => boolean): RuleCase {
  const original = c.json;
  return {
    ...c,
    title: `${c.title ?? ''}${c.title ? ' ' : ''}(blocks as lists)`,
    json: () => {
      const json = typeof original === 'function' ? (original as () => TerraformJson)() : original;
      const resource: TerraformJson = {};
      for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
        resource[type] = {};
        for (const [name, attrs] of Object.entries<any>(byName))
          resource[type][name] = reshapeBlocks(attrs, true, isBlock);
      }
      return { ...json, resource };
    },
  };
}
