import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// Per-cloud entry points: importing one cloud's entry point loads that cloud's provider packages
// and no other (each import runs in a fresh Node.js process; require.cache is inspected after
// it). The package's `exports` and `typesVersions` name the same files.

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

interface Loaded {
  providers: string[];
  exports: string[];
}

/** Requires a library source file in a fresh process; its provider packages and export names. */
function load(source: string): Promise<Loaded> {
  const script = `
    const mod = require(${JSON.stringify(path.join(ROOT, source))});
    const providers = new Set();
    for (const f of Object.keys(require.cache)) {
      const m = /node_modules[\\\\/](@cdktf[\\\\/]provider-[a-z-]+)[\\\\/]/.exec(f);
      if (m) providers.add(m[1].replace('\\\\', '/'));
    }
    process.stdout.write(JSON.stringify({ providers: [...providers].sort(), exports: Object.keys(mod).sort() }));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '-e', script],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${source}: ${stderr}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

const SOURCES = {
  root: 'lib/index.ts',
  core: 'lib/entrypoints/core.ts',
  aws: 'lib/entrypoints/aws.ts',
  gcp: 'lib/entrypoints/gcp.ts',
  azure: 'lib/entrypoints/azure.ts',
  testing: 'lib/testing/index.ts',
  pin: 'lib/cli/pin.ts',
};

describe('per-cloud entry points', () => {
  const loaded: { [k: string]: Loaded } = {};
  beforeAll(async () => {
    // two at a time: each process transpiles and loads a provider
    const names = Object.keys(SOURCES) as (keyof typeof SOURCES)[];
    for (let i = 0; i < names.length; i += 2) {
      const batch = names.slice(i, i + 2);
      const results = await Promise.all(batch.map((n) => load(SOURCES[n])));
      batch.forEach((n, j) => (loaded[n] = results[j]));
    }
  }, 180000);

  test('cdktf-secure-mlops/aws loads @cdktf/provider-aws only', () => {
    expect(loaded.aws.providers).toEqual(['@cdktf/provider-aws']);
  });

  test('cdktf-secure-mlops/gcp loads the google, google-beta and time providers only', () => {
    expect(loaded.gcp.providers).toEqual([
      '@cdktf/provider-google',
      '@cdktf/provider-google-beta',
      '@cdktf/provider-time',
    ]);
  });

  test('cdktf-secure-mlops/azure loads the azurerm and time providers only', () => {
    expect(loaded.azure.providers).toEqual(['@cdktf/provider-azurerm', '@cdktf/provider-time']);
  });

  test('cdktf-secure-mlops/core, cdktf-secure-mlops/testing and the pin subcommand load no provider', () => {
    expect(loaded.core.providers).toEqual([]);
    expect(loaded.testing.providers).toEqual([]);
    expect(loaded.pin.providers).toEqual([]);
  });

  test('the package root still loads every cloud (existing users, jsii languages)', () => {
    expect(loaded.root.providers).toEqual([
      '@cdktf/provider-aws',
      '@cdktf/provider-azurerm',
      '@cdktf/provider-google',
      '@cdktf/provider-google-beta',
      '@cdktf/provider-time',
    ]);
  });

  test('the entry points together export exactly what the package root exports', () => {
    const union = new Set([...loaded.aws.exports, ...loaded.gcp.exports, ...loaded.azure.exports]);
    expect([...union].sort()).toEqual(loaded.root.exports);
    for (const cloud of ['aws', 'gcp', 'azure']) {
      expect(loaded[cloud].exports).toEqual(expect.arrayContaining(loaded.core.exports));
    }
    expect(loaded.aws.exports).toEqual(
      expect.arrayContaining(['SageMakerStudioDomain', 'AwsMlopsChecks', 'Compliance', 'Persona']),
    );
    expect(loaded.gcp.exports).toEqual(
      expect.arrayContaining(['SecureVertexPipeline', 'GcpMlopsChecks']),
    );
    expect(loaded.azure.exports).toEqual(
      expect.arrayContaining(['AzureMLWorkspace', 'AzureMlopsChecks']),
    );
    expect(loaded.aws.exports).not.toContain('SecureVertexPipeline');
    expect(loaded.testing.exports).toEqual(
      expect.arrayContaining(['setupJest', 'toBeCompliant', 'toHaveFinding', 'complianceReports']),
    );
  });
});

describe('package.json entry points', () => {
  const named = Object.entries<any>(pkg.exports).filter(
    ([k]) => !k.includes('*') && typeof pkg.exports[k] === 'object',
  );

  test('every named export points at a compiled library source, with typesVersions for node10', () => {
    for (const [key, target] of named) {
      const source = target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');
      expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
      if (key !== '.')
        expect(pkg.typesVersions['*'][key.slice(2)]).toEqual([target.types.slice(2)]);
    }
    expect(named.map(([k]) => k).sort()).toEqual([
      '.',
      './aws',
      './azure',
      './core',
      './gcp',
      './testing',
    ]);
    expect(pkg.main).toBe(pkg.exports['.'].default.slice(2));
    expect(pkg.types).toBe(pkg.exports['.'].types.slice(2));
  });

  test('deep imports into dist keep resolving (documented: cdktf-secure-mlops/dist/lib/core/errors)', () => {
    expect(pkg.exports['./dist/*']).toEqual({ types: './dist/*.d.ts', default: './dist/*.js' });
    expect(pkg.exports['./dist/*.js']).toBe('./dist/*.js');
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect(pkg.exports['./.jsii']).toBe('./.jsii');
  });

  test('provider packages are optional peers; cdktf and constructs are required', () => {
    const providers = Object.keys(pkg.peerDependencies).filter((n) =>
      n.startsWith('@cdktf/provider-'),
    );
    expect(providers.sort()).toEqual([
      '@cdktf/provider-aws',
      '@cdktf/provider-azurerm',
      '@cdktf/provider-google',
      '@cdktf/provider-google-beta',
      '@cdktf/provider-time',
    ]);
    for (const p of providers) expect(pkg.peerDependenciesMeta[p]).toEqual({ optional: true });
    expect(pkg.peerDependenciesMeta.cdktf).toBeUndefined();
    expect(pkg.peerDependenciesMeta.constructs).toBeUndefined();
  });
});
