// `check --format junit` parsed as XML: well-formed, one <testsuite> per stack whose tests and
// failures counts match its <testcase> and <failure> children, each failure naming rule id and
// address, and names with XML special characters escaped. No XML parser is a dependency of the
// project, so a strict minimal one is below (and tested on malformed input).
import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface XmlElement {
  readonly name: string;
  readonly attrs: { [name: string]: string };
  readonly children: XmlElement[];
  /** The element's own character data (decoded), children's excluded. */
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: { [k: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes character data; a bare `&` or an unknown entity is an error. */
function decode(s: string, where: string): string {
  return s.replace(/&([^;&]*)(;?)/g, (m, ref: string, semi: string) => {
    if (semi === ';' && ref in ENTITIES) return ENTITIES[ref];
    if (semi === ';' && /^#x[0-9a-fA-F]+$/.test(ref)) {
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    }
    if (semi === ';' && /^#[0-9]+$/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
    throw new Error(`unescaped & in ${where}: ${m}`);
  });
}

/** A strict parser of the XML subset JUnit reports use (no DTD, CDATA or processing instructions but the declaration). */
function parseXml(src: string): XmlElement {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(src)) {
    throw new Error('character not allowed in XML');
  }
  let i = 0;
  const decl = /^<\?xml version="1\.0"( encoding="[A-Za-z0-9._-]+")?\s*\?>/.exec(src);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const name = (what: string): string => {
    const m = NAME.exec(src.slice(i));
    if (!m) throw new Error(`expected ${what} name at ${i}`);
    i += m[0].length;
    return m[0];
  };
  while (i < src.length) {
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (src.startsWith('</', i)) {
      i += 2;
      const closing = name('closing tag');
      skipSpace();
      if (src[i] !== '>') throw new Error(`expected > after </${closing} at ${i}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== closing) {
        throw new Error(`</${closing}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      }
    } else if (src[i] === '<') {
      if (root && stack.length === 0) throw new Error('more than one root element');
      i++;
      const el: XmlElement = { name: name('tag'), attrs: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipSpace();
        if (src.startsWith('/>', i) || src[i] === '>') break;
        if (i === before) throw new Error(`expected whitespace before attribute at ${i}`);
        const attr = name('attribute');
        skipSpace();
        if (src[i] !== '=') throw new Error(`expected = after ${attr}`);
        i++;
        skipSpace();
        const quote = src[i];
        if (quote !== '"' && quote !== "'") throw new Error(`unquoted value of ${attr}`);
        const end = src.indexOf(quote, i + 1);
        if (end < 0) throw new Error(`unterminated value of ${attr}`);
        const raw = src.slice(i + 1, end);
        if (raw.includes('<')) throw new Error(`< in the value of ${attr}`);
        if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} on <${el.name}>`);
        el.attrs[attr] = decode(raw, `${el.name}@${attr}`);
        i = end + 1;
      }
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else root = el;
      if (src.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(el);
      }
    } else {
      const end = src.indexOf('<', i);
      const raw = src.slice(i, end < 0 ? src.length : end);
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new Error(`text outside the root element: ${raw.trim()}`);
      } else {
        if (raw.includes(']]>')) throw new Error(']]> in character data');
        stack[stack.length - 1].text += decode(raw, `<${stack[stack.length - 1].name}>`);
      }
      i = end < 0 ? src.length : end;
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

const run = (...args: string[]) => runCliCaptured(args);

const FIXTURES = path.join(__dirname, 'fixtures');
const STRANGE = 'q&a <"x">';

/** Two more stacks: `keys` (one failing key, one compliant) and one with XML specials in its name. */
function targets(): string[] {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'junit-'));
  const keys = path.join(base, 'keys');
  const strange = path.join(base, STRANGE);
  fs.mkdirSync(keys);
  fs.mkdirSync(strange);
  const key = (rotation: boolean) => ({
    description: 'a key',
    enable_key_rotation: rotation,
    rotation_period_in_days: 90,
    deletion_window_in_days: 30,
  });
  fs.writeFileSync(
    path.join(keys, 'main.tf.json'),
    JSON.stringify({ resource: { aws_kms_key: { good: key(true), bad: key(false) } } }),
  );
  fs.writeFileSync(
    path.join(strange, 'main.tf.json'),
    JSON.stringify({ resource: { aws_kms_key: { odd: key(false) } } }),
  );
  return [path.join(FIXTURES, 'noncompliant'), keys, strange];
}

describe('minimal XML parser used below', () => {
  test('parses elements, attributes and entities', () => {
    const doc = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a x="&quot;&lt;&amp;" y=\'1\'>t &gt; &#65;&#x42;<b/><!-- c --></a>\n',
    );
    expect(doc).toEqual({
      name: 'a',
      attrs: { x: '"<&', y: '1' },
      text: 't > AB',
      children: [{ name: 'b', attrs: {}, children: [], text: '' }],
    });
  });

  test.each([
    ['<a><b></a></b>', /<\/a> closes <b>/],
    ['<a>', /<a> is not closed/],
    ['<a x="1<2"/>', /< in the value of x/],
    ['<a x="a & b"/>', /unescaped &/],
    ['<a>fish & chips</a>', /unescaped &/],
    ['<a x="1" x="2"/>', /duplicate attribute x/],
    ['<a x="1"y="2"/>', /whitespace before attribute/],
    ['<a x=1/>', /unquoted value/],
    ['<a/><b/>', /more than one root/],
    ['<a/>junk', /text outside the root/],
    ['<a>\u0001</a>', /character not allowed/],
  ])('rejects %s', (src, message) => {
    expect(() => parseXml(src)).toThrow(message);
  });
});

describe('scanner CLI: --format junit is well-formed JUnit XML', () => {
  const paths = targets();
  let junit: ReturnType<typeof run>;
  let json: ReturnType<typeof run>;
  let reports: any[];
  let doc: XmlElement;
  let suites: XmlElement[];
  beforeAll(() => {
    junit = run('check', ...paths, '--format', 'junit', '--include-compliant');
    json = run('check', ...paths, '--format', 'json', '--include-compliant');
    reports = JSON.parse(json.out);
    doc = parseXml(junit.out);
    suites = doc.children;
  });

  test('one <testsuite> per stack, exit status as for the other formats', () => {
    expect(junit.code).toBe(1);
    expect(json.code).toBe(1);
    expect(doc.name).toBe('testsuites');
    expect(suites.map((s) => s.name)).toEqual(['testsuite', 'testsuite', 'testsuite']);
    // the stack name is escaped in attributes and decodes to itself
    expect(suites.map((s) => s.attrs.name)).toEqual(['legacy', 'keys', STRANGE]);
    expect(reports.map((r) => r.stackName)).toEqual(['legacy', 'keys', STRANGE]);
  });

  test("each suite's tests, failures, errors and skipped counts match its children", () => {
    for (const suite of suites) {
      const cases = suite.children;
      expect(cases.every((c) => c.name === 'testcase')).toBe(true);
      const failing = cases.filter((c) => c.children.some((k) => k.name === 'failure'));
      const skipped = cases.filter((c) => c.children.some((k) => k.name === 'skipped'));
      expect(Number(suite.attrs.tests)).toBe(cases.length);
      expect(Number(suite.attrs.failures)).toBe(failing.length);
      expect(Number(suite.attrs.skipped)).toBe(skipped.length);
      expect(suite.attrs.errors).toBe('0');
    }
    const sum = (attr: string) => suites.reduce((n, s) => n + Number(s.attrs[attr]), 0);
    expect(Number(doc.attrs.tests)).toBe(sum('tests'));
    expect(Number(doc.attrs.failures)).toBe(sum('failures'));
    expect(doc.attrs.errors).toBe('0');
  });

  test('one testcase per finding; the ERROR findings that fail are the failures', () => {
    suites.forEach((suite, n) => {
      const report = reports[n];
      // --include-compliant: every finding (compliant ones too) is a testcase
      expect(suite.children.map((c) => c.attrs.name)).toEqual(
        report.findings.map((f: any) => `${f.ruleId} ${f.address}`),
      );
      expect(suite.children.map((c) => c.attrs.classname)).toEqual(
        report.findings.map((f: any) => `${report.stackName}.${f.ruleId}`),
      );
      const failing = report.findings
        .filter((f: any) => f.status === 'NON_COMPLIANT' && f.level === 'ERROR')
        .map((f: any) => `${f.ruleId} ${f.address}`);
      expect(failing).toHaveLength(report.summary.errors);
      expect(
        suite.children
          .filter((c) => c.children.some((k) => k.name === 'failure'))
          .map((c) => c.attrs.name),
      ).toEqual(failing);
    });
    expect(suites.map((s) => Number(s.attrs.failures))).toEqual(
      reports.map((r) => r.summary.errors),
    );
    expect(suites[1].attrs).toMatchObject({ tests: '2', failures: '1' });
    expect(suites[2].attrs).toMatchObject({ tests: '1', failures: '1' });
  });

  test('without --include-compliant, compliant findings are no testcases', () => {
    const plain = parseXml(run('check', ...paths, '--format', 'junit').out);
    expect(plain.children.map((s) => s.attrs.name)).toEqual(['legacy', 'keys', STRANGE]);
    expect(plain.children[1].children.map((c) => c.attrs.name)).toEqual([
      'AWS-05.key aws_kms_key.bad',
    ]);
    plain.children.forEach((suite, n) => {
      const listed = reports[n].findings.filter((f: any) => f.status !== 'COMPLIANT');
      expect(Number(suite.attrs.tests)).toBe(listed.length);
      expect(suite.children).toHaveLength(listed.length);
      expect(suite.attrs.failures).toBe(suites[n].attrs.failures);
    });
  });

  test('each failure names its rule id and address, with the detail unescaped', () => {
    let seen = 0;
    for (const suite of suites) {
      for (const c of suite.children) {
        const failure = c.children.find((k) => k.name === 'failure');
        if (!failure) continue;
        seen++;
        const [ruleId, address] = c.attrs.name.split(' ');
        expect(failure.attrs.type).toBe('NON_COMPLIANT');
        expect(failure.attrs.message).not.toBe('');
        expect(failure.text.startsWith(`[${ruleId}] ${address}: `)).toBe(true);
      }
    }
    expect(seen).toBe(reports.reduce((n, r) => n + r.summary.errors, 0));
    const odd = suites[2].children[0];
    expect(odd.attrs).toEqual({
      classname: `${STRANGE}.AWS-05.key`,
      name: 'AWS-05.key aws_kms_key.odd',
    });
    const failure = odd.children[0];
    expect(failure.attrs.message).toBe('enable_key_rotation is not true');
    // the fix hint's "<=" survives the round trip
    expect(failure.text).toContain('rotation_period_in_days <= 365');
  });
});
