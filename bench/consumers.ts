// Consumer benchmark, per cloud: figures, not pass/fail. Needs `npm run build` (the compiled
// library in dist/, as a consumer of the package runs it).
//   npm run bench:consumers [-- runs]
// 1. Install size: the packages a project installs, before (every provider was a required peer)
//    and after (the README's install line for the cloud), summed from node_modules.
// 2. Import time and peak RSS of the package root (before) and of the cloud's entry point (after),
//    each in a fresh process.
// 3. Synth: the README's snippet for the cloud as the user's app.ts (through tsx; the library
//    compiled) against the floor, a process that loads cdktf plus exactly the provider modules
//    the app loaded and writes the same bytes the app wrote. Runs alternate, so that both see
//    the same machine; the ratio of the medians is printed (target <= 1.5x).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { snippetUnder } from '../test/readme/snippets';
import { median } from './lib';

const ROOT = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
// inside the repository, so that cdktf and the providers resolve from its node_modules
const WORK = path.join(ROOT, '.bench-build', 'consumers');

const CLOUDS: { [cloud: string]: { heading: string; providers: string[] } } = {
  aws: { heading: 'AWS:', providers: ['@cdktf/provider-aws'] },
  gcp: {
    heading: 'GCP:',
    providers: ['@cdktf/provider-google', '@cdktf/provider-google-beta', '@cdktf/provider-time'],
  },
  azure: { heading: 'Azure:', providers: ['@cdktf/provider-azurerm', '@cdktf/provider-time'] },
};

function run(args: string[], cwd: string): { ms: number; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** Bytes of a directory tree (apparent size). */
function treeBytes(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) n += treeBytes(p);
    else if (e.isFile()) n += fs.statSync(p).size;
  }
  return n;
}

/** Installed bytes of packages and their dependencies (resolved from node_modules). */
function installBytes(names: string[]): number {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const dir = path.join(ROOT, 'node_modules', name);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(meta.dependencies ?? {})) {
      if (!(meta.bundleDependencies ?? meta.bundledDependencies ?? []).includes(dep)) {
        if (fs.existsSync(path.join(ROOT, 'node_modules', dep))) visit(dep);
      }
    }
  };
  names.forEach(visit);
  return [...seen].reduce((n, name) => n + treeBytes(path.join(ROOT, 'node_modules', name)), 0);
}

/** Packs the library and unpacks it into WORK/node_modules, as npm installs it; its bytes. */
function installLibrary(): number {
  const r = spawnSync('npm', ['pack', '--json', '--silent', '--pack-destination', WORK], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  const { filename, unpackedSize } = JSON.parse(r.stdout)[0];
  const target = path.join(WORK, 'node_modules', 'cdktf-secure-mlops');
  fs.mkdirSync(target, { recursive: true });
  const x = spawnSync('tar', [
    '-xzf',
    path.join(WORK, filename),
    '-C',
    target,
    '--strip-components=1',
  ]);
  if (x.status !== 0) throw new Error(`tar failed: ${x.stderr}`);
  return unpackedSize;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'index.js'))) {
  console.error('bench:consumers needs the compiled library: run `npm run build` first');
  process.exit(1);
}
fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });
// a consumer project: its own package.json (no self-reference to the library's package), the
// packed library in its node_modules; cdktf and the providers resolve from the repository's
const lib = installLibrary();
fs.writeFileSync(path.join(WORK, 'package.json'), '{"name": "bench-consumer", "private": true}\n');

// 1. install size
const common = installBytes(['cdktf', 'constructs']) + lib;
const allProviders = Object.keys(pkg.peerDependencies).filter((n) =>
  n.startsWith('@cdktf/provider-'),
);
const before = common + installBytes(allProviders);
console.log(`install size (library ${mb(lib)} + cdktf, constructs + providers), runs: ${runs}`);
console.log(`  before (every provider a required peer): ${mb(before)}`);
for (const [cloud, c] of Object.entries(CLOUDS)) {
  console.log(`  after, ${cloud.padEnd(5)}: ${mb(common + installBytes(c.providers))}`);
}

// 2. import time and RSS, fresh process each
const importScript = path.join(WORK, 'import.js');
fs.writeFileSync(
  importScript,
  `const t0 = process.hrtime.bigint();
require(process.argv[2]);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS / 1024 }));\n`,
);
const importOf = (specifier: string) => {
  const samples = Array.from({ length: runs }, () =>
    JSON.parse(run([importScript, specifier], WORK).stdout),
  );
  return {
    ms: median(samples.map((s) => s.ms)),
    rss: median(samples.map((s) => s.rss)),
  };
};
console.log('import time and peak RSS (median, fresh process)');
const rootImport = importOf('cdktf-secure-mlops');
console.log(
  `  before: cdktf-secure-mlops        ${rootImport.ms.toFixed(0).padStart(5)} ms  ${rootImport.rss.toFixed(0).padStart(4)} MB`,
);
for (const entry of ['core', 'aws', 'gcp', 'azure']) {
  const r = importOf(`cdktf-secure-mlops/${entry}`);
  console.log(
    `  after:  cdktf-secure-mlops/${entry.padEnd(6)}${r.ms.toFixed(0).padStart(5)} ms  ${r.rss.toFixed(0).padStart(4)} MB`,
  );
}

// 3. synth against the floor
// each run reports its own CPU time (user + system, all threads) through a preload
const cpuProbe = path.join(WORK, 'cpu.js');
fs.writeFileSync(
  cpuProbe,
  `process.on('exit', () => {
  const u = process.cpuUsage();
  require('fs').writeFileSync(process.env.CPU_OUT, String((u.user + u.system) / 1000));
});\n`,
);
const probe = path.join(WORK, 'probe.js');
fs.writeFileSync(
  probe,
  `process.on('exit', () => {
  const mods = Object.keys(require.cache).filter((f) => /node_modules[\\\\/]@cdktf[\\\\/]provider-/.test(f));
  require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify(mods));
});\n`,
);
const floor = path.join(WORK, 'floor.js');
fs.writeFileSync(
  floor,
  `// loads cdktf and the given provider modules, writes the given files' bytes under an outdir
const fs = require('fs');
const path = require('path');
const [spec, outdir] = process.argv.slice(2);
const { modules, files } = JSON.parse(fs.readFileSync(spec, 'utf8'));
require('cdktf');
for (const m of modules) require(m);
for (const f of files) {
  const target = path.join(outdir, f.name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, fs.readFileSync(f.source));
}\n`,
);

interface Timing {
  wall: number;
  cpu: number;
}
function timed(args: string[], cwd: string): Timing {
  const cpuOut = path.join(cwd, 'cpu.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', cpuProbe, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CPU_OUT: cpuOut },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${r.stderr}`);
  return { wall, cpu: Number(fs.readFileSync(cpuOut, 'utf8')) };
}

console.log(
  'synth of the README snippet per cloud against the floor (cdktf + the same provider modules, ' +
    'writing the same bytes); medians, wall / CPU ms, ratio to the floor',
);
const fmt = (t: Timing, f?: Timing) =>
  `${t.wall.toFixed(0).padStart(5)} / ${t.cpu.toFixed(0).padStart(5)} ms` +
  (f ? `  ${(t.wall / f.wall).toFixed(2)}x / ${(t.cpu / f.cpu).toFixed(2)}x` : '');
for (const [cloud, c] of Object.entries(CLOUDS)) {
  const dir = path.join(WORK, cloud);
  fs.mkdirSync(dir, { recursive: true });
  const code = snippetUnder(c.heading).code;
  const entry = `cdktf-secure-mlops/${cloud}`;
  if (!code.includes(`'${entry}'`))
    throw new Error(`the ${cloud} snippet does not import ${entry}`);
  fs.writeFileSync(path.join(dir, 'app.ts'), code);
  // before the entry points: the same app through the package root
  fs.writeFileSync(
    path.join(dir, 'root.ts'),
    code.split(`'${entry}'`).join("'cdktf-secure-mlops'"),
  );
  // the same app compiled (no tsx): what the library itself costs
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText,
  );
  // one run to learn the modules and the output
  const probeOut = path.join(dir, 'modules.json');
  const first = spawnSync(process.execPath, ['-r', probe, '--import', 'tsx', 'app.ts'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', PROBE_OUT: probeOut },
  });
  if (first.status !== 0) throw new Error(`${cloud} app failed:\n${first.stderr}`);
  const modules: string[] = JSON.parse(fs.readFileSync(probeOut, 'utf8'));
  const outdir = path.join(dir, 'cdktf.out');
  const expected = path.join(dir, 'expected');
  fs.rmSync(expected, { recursive: true, force: true });
  fs.cpSync(outdir, expected, { recursive: true });
  const files: { name: string; source: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.push({ name: path.relative(expected, p), source: p });
    }
  };
  walk(expected);
  const bytes = files.reduce((n, f) => n + fs.statSync(f.source).size, 0);
  const spec = path.join(dir, 'floor.json');
  fs.writeFileSync(spec, JSON.stringify({ modules, files }));
  const variants: { [name: string]: string[] } = {
    floor: [floor, spec, path.join(dir, 'floor-out')],
    app: ['--import', 'tsx', 'app.ts'],
    root: ['--import', 'tsx', 'root.ts'],
    compiled: ['app.js'],
    'tsx floor': ['--import', 'tsx', floor, spec, path.join(dir, 'floor-out')],
  };
  const samples: { [name: string]: Timing[] } = {};
  for (let i = 0; i < runs; i++) {
    // interleaved, so that every variant sees the same machine
    for (const [name, args] of Object.entries(variants)) {
      fs.rmSync(outdir, { recursive: true, force: true });
      (samples[name] ??= []).push(timed(args, dir));
    }
  }
  const same = files.every((f) =>
    fs.readFileSync(path.join(dir, 'floor-out', f.name)).equals(fs.readFileSync(f.source)),
  );
  const med = (name: string): Timing => ({
    wall: median(samples[name].map((t) => t.wall)),
    cpu: median(samples[name].map((t) => t.cpu)),
  });
  const f = med('floor');
  console.log(
    `  ${cloud}: ${modules.length} provider modules, ${files.length} files, ${(bytes / 1024).toFixed(0)} KB${same ? '' : ' (FLOOR BYTES DIFFER)'}`,
  );
  console.log(`    floor                                   ${fmt(f)}`);
  console.log(`    app.ts through tsx, ${entry.padEnd(24)}${fmt(med('app'), f)}`);
  console.log(`    app.ts through tsx, cdktf-secure-mlops (before)${fmt(med('root'), f).slice(1)}`);
  console.log(`    app compiled (no tsx), ${entry.padEnd(21)}${fmt(med('compiled'), f)}`);
  console.log(`    floor through tsx (tsx's own cost)      ${fmt(med('tsx floor'), f)}`);
}
console.log(`node ${process.version}, ${os.cpus().length} cores`);
