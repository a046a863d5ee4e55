// One consumer of the packed library, as a new user builds it from the README: an empty project,
// the README's install line for one cloud (versions pinned to package-lock.json, which must
// satisfy the README's ranges), the README's snippet for that cloud as app.ts, type-checked
// against the installed package (moduleResolution node16 through `exports`, and node10 through
// `typesVersions`), compiled and run. The synthesized stack must pass its rule pack, and the run
// must load no other cloud's provider package.
//   node scripts/consumer-check.js <tarball> <aws|gcp|azure|all> <work dir>
// `all` is an existing user: every provider, the package root, scripts/consumer-app.js.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const [tarball, cloud, work] = process.argv.slice(2);
if (!tarball || !cloud || !work) {
  console.error('usage: node scripts/consumer-check.js <tarball> <aws|gcp|azure|all> <work dir>');
  process.exit(2);
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The provider packages of each cloud: what its install line must hold, and all it may load. */
const PROVIDERS = {
  aws: ['@cdktf/provider-aws'],
  gcp: ['@cdktf/provider-google', '@cdktf/provider-google-beta', '@cdktf/provider-time'],
  azure: ['@cdktf/provider-azurerm', '@cdktf/provider-time'],
};
/** The provider package the cloud's snippet must load. */
const MAIN = {
  aws: '@cdktf/provider-aws',
  gcp: '@cdktf/provider-google',
  azure: '@cdktf/provider-azurerm',
};
const HEADINGS = { aws: '## AWS:', gcp: '## GCP:', azure: '## Azure:' };
const LABELS = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

function fail(message) {
  console.error(`consumer ${cloud}: ${message}`);
  process.exit(1);
}

function lockVersion(name) {
  const v = lock.packages[`node_modules/${name}`]?.version;
  if (!v) fail(`${name} is not in package-lock.json`);
  return v;
}

/** True when `version` satisfies a caret range `^x.y.z` (the form the README and peers use). */
function satisfiesCaret(version, range) {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [a, b, c] = m.slice(1).map(Number);
  const [x, y, z] = v.slice(1).map(Number);
  if (x !== a) return false;
  if (a === 0 && y !== b) return false;
  return y > b || (y === b && z >= c);
}

/** The README's install line for the cloud, as { name: range }. */
function installLine() {
  const line = readme
    .split('\n')
    .find((l) =>
      new RegExp(`^npm install cdktf-secure-mlops .*#\\s*${LABELS[cloud]}\\s*$`).test(l),
    );
  if (!line) fail(`README.md has no line 'npm install cdktf-secure-mlops ... # ${LABELS[cloud]}'`);
  const specs = line.replace(/#.*$/, '').trim().split(/\s+/).slice(3);
  const out = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf('@');
    if (at <= 0) fail(`README install line: '${spec}' has no version range`);
    out[spec.slice(0, at)] = spec.slice(at + 1);
  }
  const expected = ['cdktf', 'constructs', ...PROVIDERS[cloud]].sort();
  if (JSON.stringify(Object.keys(out).sort()) !== JSON.stringify(expected)) {
    fail(
      `README install line lists ${Object.keys(out).sort().join(' ')}; expected ${expected.join(' ')}`,
    );
  }
  for (const [name, range] of Object.entries(out)) {
    if (pkg.peerDependencies[name] !== range) {
      fail(
        `README install line has ${name}@${range}; package.json peerDependencies say ${pkg.peerDependencies[name]}`,
      );
    }
    if (!satisfiesCaret(lockVersion(name), range)) {
      fail(`package-lock.json has ${name} ${lockVersion(name)}, outside the README's ${range}`);
    }
  }
  return out;
}

/** The first ```ts block under the cloud's heading. */
function snippet() {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith(HEADINGS[cloud]));
  if (start < 0) fail(`README.md has no heading '${HEADINGS[cloud]}'`);
  const open = lines.findIndex((l, i) => i > start && l.trim() === '```ts');
  const close = lines.findIndex((l, i) => i > open && l.startsWith('```'));
  if (open < 0 || close < 0) fail(`no \`\`\`ts block under '${HEADINGS[cloud]}'`);
  return `${lines.slice(open + 1, close).join('\n')}\n`;
}

function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { cwd: work, encoding: 'utf8', stdio: 'pipe', ...options });
  } catch (e) {
    fail(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

function tsconfig(name, moduleResolution, files, emit) {
  fs.writeFileSync(
    path.join(work, name),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: moduleResolution === 'node10' ? 'commonjs' : 'node16',
        moduleResolution,
        strict: true,
        skipLibCheck: true,
        // TypeScript 6 deprecates node10 resolution; projects on it still exist
        ...(moduleResolution === 'node10' ? { ignoreDeprecations: '6.0' } : {}),
        types: [],
        ...(emit ? { outDir: 'dist' } : { noEmit: true }),
      },
      files,
    }),
  );
}

fs.mkdirSync(work, { recursive: true });
const t0 = Date.now();
const deps =
  cloud === 'all'
    ? Object.keys(pkg.peerDependencies).map((n) => `${n}@${lockVersion(n)}`)
    : Object.keys(installLine()).map((n) => `${n}@${lockVersion(n)}`);
fs.writeFileSync(
  path.join(work, 'package.json'),
  JSON.stringify({ name: `consumer-${cloud}`, version: '1.0.0', private: true }),
);
run('npm', [
  'install',
  '--no-audit',
  '--no-fund',
  '--prefer-offline',
  '--loglevel=error',
  tarball,
  ...deps,
]);
const installSeconds = ((Date.now() - t0) / 1000).toFixed(0);
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const outdir = path.join(work, 'cdktf.out');

if (cloud === 'all') {
  fs.copyFileSync(path.join(root, 'scripts', 'consumer-app.js'), path.join(work, 'app.js'));
  process.stdout.write(
    run(process.execPath, ['app.js', outdir], { env: { ...process.env, CHECKPOINT_DISABLE: '1' } }),
  );
} else {
  fs.writeFileSync(path.join(work, 'app.ts'), snippet());
  // the documented deep import and the other entry points resolve with their types
  fs.writeFileSync(
    path.join(work, 'imports.ts'),
    [
      "import { ValidationError } from 'cdktf-secure-mlops/dist/lib/core/errors';",
      "import { Compliance } from 'cdktf-secure-mlops/core';",
      "import { toBeCompliant } from 'cdktf-secure-mlops/testing';",
      'export const checks = [ValidationError, Compliance, toBeCompliant];',
      '',
    ].join('\n'),
  );
  tsconfig('tsconfig.node10.json', 'node10', ['app.ts', 'imports.ts'], false);
  tsconfig('tsconfig.json', 'node16', ['app.ts', 'imports.ts'], true);
  run(process.execPath, [tsc, '-p', 'tsconfig.node10.json']);
  run(process.execPath, [tsc, '-p', 'tsconfig.json']);
  // record the provider packages the app loads
  fs.writeFileSync(
    path.join(work, 'probe.js'),
    `process.on('exit', () => {
  const loaded = new Set();
  for (const f of Object.keys(require.cache)) {
    const m = /node_modules[\\\\/](@cdktf[\\\\/]provider-[a-z-]+)[\\\\/]/.exec(f);
    if (m) loaded.add(m[1].replace('\\\\', '/'));
  }
  require('fs').writeFileSync(${JSON.stringify(path.join(work, 'loaded.json'))}, JSON.stringify([...loaded].sort()));
});\n`,
  );
  run(process.execPath, ['-r', './probe.js', 'dist/app.js'], {
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  const loaded = JSON.parse(fs.readFileSync(path.join(work, 'loaded.json'), 'utf8'));
  const foreign = loaded.filter((p) => !PROVIDERS[cloud].includes(p));
  if (foreign.length > 0) fail(`loaded other clouds' providers: ${foreign.join(', ')}`);
  if (!loaded.includes(MAIN[cloud])) fail(`did not load ${MAIN[cloud]}`);
  const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
  for (const stack of stacks) {
    const dir = path.join(outdir, 'stacks', stack);
    const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'compliance-report.json'), 'utf8'));
    const resources = Object.values(tf.resource).reduce(
      (n, byName) => n + Object.keys(byName).length,
      0,
    );
    if (resources < 10 || report.summary.errors !== 0) {
      fail(`${stack}: ${resources} resources, ${report.summary.errors} compliance errors`);
    }
    console.log(
      `consumer ${cloud}: ${stack} synthesized ${resources} resources, packs ${report.packs.join(', ')}: ${JSON.stringify(report.summary)}`,
    );
  }
  console.log(
    `consumer ${cloud}: loaded ${loaded.join(', ')}; types resolve with moduleResolution node16 and node10`,
  );
  // the plan-shape guard runs on a one-cloud install
  const bin = path.join(work, 'node_modules', '.bin', 'cdktf-secure-mlops');
  run(bin, ['pin', 'cdktf.out', '--file', 'plan-shape.json', '--update']);
  const pinned = run(bin, ['pin', 'cdktf.out', '--file', 'plan-shape.json']);
  if (!/^plan shape unchanged/.test(pinned)) fail(`pin: ${pinned}`);
  console.log(`consumer ${cloud}: ${pinned.trim()}`);
}
const kb = Number(run('du', ['-sk', 'node_modules']).split(/\s+/)[0]);
console.log(
  `consumer ${cloud}: installed ${deps.map((d) => d.replace(/@(\d)/, ' $1')).join(', ')} in ${installSeconds} s: node_modules ${(kb / 1024).toFixed(0)} MB`,
);
