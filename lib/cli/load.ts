// Finds and reads the Terraform JSON configurations under a path: a cdktf.out (manifest.json),
// a folder of `*.tf.json` files (one module; override files applied), a tree of such folders, or
// a single file. Every I/O or parse problem names the file; one bad file does not stop the rest.
import * as fs from 'fs';
import * as path from 'path';
import {
  brandConfig,
  LoadProblem,
  mergeModule,
  NormalizedConfig,
} from '../core/compliance/terraform-json';

/** One configuration to check: a cdktf stack or a Terraform module directory. */
export interface LoadedStack {
  /** Stack name (cdktf) or the module directory relative to the target. */
  readonly name: string;
  /** The files merged into it. */
  readonly files: string[];
  /** The merged configuration (branded for StackView). */
  readonly config: NormalizedConfig;
  /** Problems reading its files. */
  readonly problems: LoadProblem[];
}

/** What a target held. */
export interface LoadResult {
  readonly stacks: LoadedStack[];
  /** Problems that belong to no stack (unreadable folders, symlink loops, missing files). */
  readonly problems: LoadProblem[];
  /** Notes on what was not read (HCL files). */
  readonly notes: string[];
}

const SKIP_DIRS = new Set(['.terraform', 'node_modules', '.git']);

/** Reads one JSON file: BOM stripped, UTF-8 checked, empty and invalid JSON reported. */
export function readJsonFile(file: string): { json?: any; problem?: LoadProblem } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { problem: { file, path: '', message: ioMessage(e) } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: { file, path: '', message: 'not valid UTF-8' } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { problem: { file, path: '', message: 'empty file' } };
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { problem: { file, path: '', message: `invalid JSON: ${(e as Error).message}` } };
  }
}

function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'ELOOP') return 'symlink loop';
  return err.message ?? String(e);
}

function loadModule(name: string, files: string[]): LoadedStack {
  const problems: LoadProblem[] = [];
  const parts: { file: string; json: any }[] = [];
  for (const f of files) {
    const { json, problem } = readJsonFile(f);
    if (problem) problems.push(problem);
    else parts.push({ file: f, json });
  }
  const merged = mergeModule(parts);
  problems.push(...merged.problems);
  return { name, files, config: brandConfig(merged.config, problems), problems };
}

function fromManifest(dir: string, manifestFile: string): LoadResult {
  const problems: LoadProblem[] = [];
  const { json, problem } = readJsonFile(manifestFile);
  if (problem) return { stacks: [], problems: [problem], notes: [] };
  const stacks: LoadedStack[] = [];
  const entries = Object.values<any>(json?.stacks ?? {}).filter(
    (s) => s && typeof s.synthesizedStackPath === 'string',
  );
  for (const s of entries.sort((a, b) => String(a.name).localeCompare(String(b.name)))) {
    const file = path.join(dir, s.synthesizedStackPath);
    if (!fs.existsSync(file)) {
      problems.push({
        file,
        path: '',
        message: `stack ${s.name} listed in manifest.json is missing`,
      });
      continue;
    }
    stacks.push(loadModule(String(s.name), [file]));
  }
  return { stacks, problems, notes: [] };
}

/** Loads every configuration under `target`. Throws only when the target itself is missing. */
export function loadTarget(target: string): LoadResult {
  const abs = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    throw new Error(`${target}: ${ioMessage(e)}`);
  }
  if (stat.isFile()) {
    const name = path.basename(abs).replace(/\.tf\.json$|\.json$/, '');
    return { stacks: [loadModule(name, [abs])], problems: [], notes: [] };
  }
  const manifest = path.join(abs, 'manifest.json');
  if (fs.existsSync(manifest)) return fromManifest(abs, manifest);

  const stacks: LoadedStack[] = [];
  const problems: LoadProblem[] = [];
  let hclFiles = 0;
  const walk = (dir: string, rel: string, ancestors: Set<string>) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problems.push({ file: dir, path: '', message: ioMessage(e) });
      return;
    }
    if (ancestors.has(real)) {
      problems.push({ file: dir, path: '', message: `symlink loop (back to ${real})` });
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, path: '', message: ioMessage(e) });
      return;
    }
    const tfJson: string[] = [];
    const subdirs: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const s = fs.statSync(full);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (err) {
          problems.push({ file: full, path: '', message: ioMessage(err) });
          continue;
        }
      }
      if (isFile && e.name.endsWith('.tf.json')) tfJson.push(full);
      else if (isFile && e.name.endsWith('.tf')) hclFiles++;
      else if (isDir && !SKIP_DIRS.has(e.name)) subdirs.push(e.name);
    }
    if (tfJson.length > 0) stacks.push(loadModule(rel || path.basename(abs), tfJson));
    const next = new Set(ancestors).add(real);
    for (const d of subdirs) walk(path.join(dir, d), rel ? `${rel}/${d}` : d, next);
  };
  walk(abs, '', new Set());
  const notes =
    hclFiles > 0
      ? [`${hclFiles} HCL file(s) (*.tf) not read: convert them to JSON (e.g. with hcl2json)`]
      : [];
  // a cdktf.out without manifest: stacks/<name>/cdk.tf.json is named after its folder
  const renamed = stacks.map((s) =>
    s.name.startsWith('stacks/') && !s.name.slice(7).includes('/')
      ? { ...s, name: s.name.slice(7) }
      : s,
  );
  return { stacks: renamed, problems, notes };
}
