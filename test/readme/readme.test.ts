import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { snippetsOf, typescriptSnippets } from './snippets';

// The README is executable: every ```ts block type-checks against the library sources, imported
// the way a user imports the package (`cdktf-secure-mlops`, `cdktf-secure-mlops/aws`, ...,
// `cdktf-secure-mlops/dist/lib/...`). A block that is deliberately partial starts with
// `// partial: <reason>` and is not compiled; the reason is printed.

const ROOT = path.resolve(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
// inside the repository so that cdktf, constructs and the providers resolve from node_modules
const WORK = path.join(ROOT, '.tmp-readme');

/** Package specifiers -> library sources (the package.json `exports` map, on sources). */
const PACKAGE_PATHS: { [specifier: string]: string[] } = {
  'cdktf-secure-mlops': [path.join(LIB, 'index.ts')],
  'cdktf-secure-mlops/core': [path.join(LIB, 'entrypoints', 'core.ts')],
  'cdktf-secure-mlops/aws': [path.join(LIB, 'entrypoints', 'aws.ts')],
  'cdktf-secure-mlops/gcp': [path.join(LIB, 'entrypoints', 'gcp.ts')],
  'cdktf-secure-mlops/azure': [path.join(LIB, 'entrypoints', 'azure.ts')],
  'cdktf-secure-mlops/testing': [path.join(LIB, 'testing', 'index.ts')],
  'cdktf-secure-mlops/dist/lib/*': [path.join(LIB, '*')],
};

describe('README.md code blocks', () => {
  const blocks = typescriptSnippets();
  const full = blocks.filter((b) => b.partial === undefined);
  const diagnostics = new Map<number, string[]>();

  beforeAll(() => {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(WORK, { recursive: true });
    const files = full.map((b) => {
      const file = path.join(WORK, `readme-line-${b.line}.ts`);
      // each block is its own module, as in its own file
      fs.writeFileSync(file, `${b.code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts'],
      types: ['node', 'jest'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      experimentalDecorators: true,
      paths: PACKAGE_PATHS,
    });
    full.forEach((b, i) => {
      const sf = program.getSourceFile(files[i])!;
      const found = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
      diagnostics.set(
        b.line,
        found.map((d) => {
          const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
          return `README.md:${b.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        }),
      );
    });
  }, 120000);

  afterAll(() => fs.rmSync(WORK, { recursive: true, force: true }));

  test('the README has TypeScript blocks, most of them complete', () => {
    expect(full.length).toBeGreaterThanOrEqual(4);
    expect(full.length).toBeGreaterThan(blocks.length / 2);
  });

  for (const b of typescriptSnippets().filter((x) => x.partial === undefined)) {
    test(`the block at README.md:${b.line} (${b.section}) type-checks`, () => {
      expect(diagnostics.get(b.line)).toEqual([]);
    });
  }

  test('partial blocks say why they are partial (not compiled)', () => {
    const partial = blocks.filter((b) => b.partial !== undefined);
    for (const b of partial) {
      console.log(`not compiled: README.md:${b.line} (${b.section}) is partial: ${b.partial}`);
    }
    expect(partial.filter((b) => (b.partial ?? '').length < 10).map((b) => b.line)).toEqual([]);
  });

  test('a block that does not compile is reported with its README line', () => {
    const [b] = snippetsOf(
      '# S\n\n```ts\n// partial: a fragment shown for its shape only\nx;\n```\n',
    );
    expect(b).toMatchObject({ line: 3, info: 'ts', section: 'S' });
    expect(b.partial).toBe('a fragment shown for its shape only');
  });
});
