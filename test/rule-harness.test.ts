import { ComplianceStatus, ResourceView, Rule, RuleLevel, RulePack } from '../lib/core';
import {
  COMPLIANT,
  expectCase,
  NON_COMPLIANT,
  NOT_APPLICABLE,
  reshapeBlocks,
  RuleCase,
  tf,
  UNKNOWN,
  verdictsOf,
  withBlocksAsLists,
} from './rule-harness';

// The harness must be able to fail: a case whose status, resource or detail is not what the rule
// gives fails, and so does a case on a resource the rule does not look at.

/** A rule on `bucket`: encrypted is compliant, an expression unknown, `skip` not applicable. */
class EncryptedBucket extends Rule {
  constructor() {
    super({
      id: 'T-01',
      level: RuleLevel.ERROR,
      description: 'buckets are encrypted',
      fixHint: 'encrypt',
      resourceTypes: ['bucket'],
    });
  }
  public evaluate(r: ResourceView) {
    const enc = r.attributes.encryption;
    if (r.attributes.skip) return { status: ComplianceStatus.NOT_APPLICABLE };
    if (typeof enc?.on === 'string' && enc.on.startsWith('${'))
      return { status: ComplianceStatus.UNKNOWN, detail: `encryption is ${enc.on}` };
    return enc?.on === true
      ? { status: ComplianceStatus.COMPLIANT }
      : { status: ComplianceStatus.NON_COMPLIANT, detail: 'encryption is off' };
  }
}
const pack = new RulePack('test', [new EncryptedBucket()]);
const json = tf({
  bucket: {
    a: { encryption: { on: true } },
    b: { encryption: { on: false } },
    c: { encryption: { on: '${var.on}' } },
    d: { skip: true },
  },
  other: { x: {} },
});
const fails = (c: RuleCase) => expect(() => expectCase(pack, c)).toThrow();
const passes = (c: RuleCase) => expect(() => expectCase(pack, c)).not.toThrow();

describe('rule harness', () => {
  test('the verdicts of a rule cover every resource of its types, not applicable included', () => {
    expect(verdictsOf(pack, 'T-01', json).map((v) => `${v.address} ${v.status}`)).toEqual([
      'bucket.a COMPLIANT',
      'bucket.b NON_COMPLIANT',
      'bucket.c UNKNOWN',
      'bucket.d NOT_APPLICABLE',
    ]);
  });

  test('a case passes only with the status the rule gives the resource', () => {
    passes({ rule: 'T-01', json, at: 'bucket.a', expect: COMPLIANT });
    passes({ rule: 'T-01', json, at: 'bucket.d', expect: NOT_APPLICABLE });
    for (const status of [NON_COMPLIANT, UNKNOWN, NOT_APPLICABLE])
      fails({ rule: 'T-01', json, at: 'bucket.a', expect: status });
    fails({ rule: 'T-01', json, at: 'bucket.d', expect: COMPLIANT });
  });

  test('a missing resource, a resource the rule does not look at, or an unknown rule fails', () => {
    fails({ rule: 'T-01', json, at: 'bucket.z', expect: COMPLIANT });
    fails({ rule: 'T-01', json, at: 'other.x', expect: NOT_APPLICABLE });
    fails({ rule: 'T-02', json, at: 'bucket.a', expect: COMPLIANT });
    fails({ rule: 'T-01', json: tf({ other: { x: {} } }), expect: NOT_APPLICABLE });
  });

  test('the detail must contain the fragment or match the pattern', () => {
    passes({ rule: 'T-01', json, at: 'bucket.b', expect: NON_COMPLIANT, detail: 'is off' });
    passes({ rule: 'T-01', json, at: 'bucket.c', expect: UNKNOWN, detail: /var\.on/ });
    fails({ rule: 'T-01', json, at: 'bucket.b', expect: NON_COMPLIANT, detail: 'is on' });
    fails({ rule: 'T-01', json, at: 'bucket.a', expect: COMPLIANT, detail: /./ });
  });

  test('without an address, some resource must have the status (not applicable: all of them)', () => {
    passes({ rule: 'T-01', json, expect: UNKNOWN });
    fails({
      rule: 'T-01',
      json: tf({ bucket: { a: { encryption: { on: true } } } }),
      expect: NON_COMPLIANT,
    });
    fails({ rule: 'T-01', json, expect: NOT_APPLICABLE });
    passes({ rule: 'T-01', json: tf({ bucket: { d: { skip: true } } }), expect: NOT_APPLICABLE });
  });

  test('a fixture may be built when the case runs', () => {
    let built = 0;
    const lazy = () => {
      built++;
      return json;
    };
    passes({ rule: 'T-01', json: lazy, at: 'bucket.a', expect: COMPLIANT });
    expect(built).toBe(1);
  });

  test('blocks as lists and back', () => {
    const attrs = { encryption: { on: true }, tags: { a: 'b' } };
    const isBlock = (k: string) => k !== 'tags';
    const lists = reshapeBlocks(attrs, true, isBlock);
    expect(lists).toEqual({ encryption: [{ on: true }], tags: { a: 'b' } });
    expect(reshapeBlocks(lists, false, isBlock)).toEqual(attrs);
    const c = withBlocksAsLists({ rule: 'T-01', json, at: 'bucket.a', expect: COMPLIANT }, isBlock);
    expect((c.json as () => any)().resource.bucket.a.encryption).toEqual([{ on: true }]);
  });
});
