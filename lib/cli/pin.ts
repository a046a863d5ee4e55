// `cdktf-secure-mlops pin`: a plan-shape guard for any synthesized Terraform JSON (see
// pin-shape.ts). The pin file is a normalized snapshot: stacks, addresses and attribute keys
// sorted, canonical JSON values, no paths, versions or timestamps, so it is byte-identical on
// every machine that synthesizes the same code.
import * as fs from 'fs';
import * as path from 'path';
import { LoadProblem } from '../core/compliance/terraform-json';
import { loadTarget, readJsonFile } from './load';
import {
  compareShapes,
  formatChanges,
  isDestructive,
  movesOf,
  PlanShape,
  stackShapeOf,
  trackedAttributes,
  uncomparedAttributes,
} from './pin-shape';

export const PIN_USAGE = `usage: cdktf-secure-mlops pin <path>... [options]

Pins the plan shape of Terraform JSON (a cdktf.out, a stack folder, a folder of *.tf.json files
or one file): every resource address, plus the attributes that force Terraform to replace the
resource, for the resource types the library knows (names, locations, keys, networks). Compares
it with the pin file and reports what Terraform would destroy, replace, move (moved blocks) or
create. Pin the whole cdktf.out: a stack missing from it counts as destroyed.

  --file FILE   the pin file (default: plan-shape.json in the current directory)
  --update      accept the current shape: write it to the pin file and list the changes
  --print       print the normalized shape on stdout; compare nothing, write nothing

Without --update a missing pin file is written, except when CI is set (then it fails).
Exit status: 0 unchanged (or written); 1 the shape changed (or no pin file in CI);
2 bad usage or unreadable input.`;

const HEADER =
  'Plan shape pinned by `cdktf-secure-mlops pin`: resource addresses and the attributes that ' +
  'force replacement. Accept a change with `cdktf-secure-mlops pin <cdktf.out> --update`.';

interface PinArgs {
  targets: string[];
  file: string;
  update: boolean;
  print: boolean;
}

class PinUsageError extends Error {}

function formatProblem(p: LoadProblem): string {
  const where = [p.file, p.path].filter((x) => x).join(': ');
  return `${where || '<input>'}: ${p.message}`;
}

function parse(rest: string[]): PinArgs {
  const a: PinArgs = { targets: [], file: 'plan-shape.json', update: false, print: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--update') a.update = true;
    else if (arg === '--print') a.print = true;
    else if (arg === '--file' || arg.startsWith('--file=')) {
      const value = arg === '--file' ? rest[++i] : arg.slice('--file='.length);
      if (!value || value.startsWith('-')) throw new PinUsageError('--file needs a value');
      a.file = value;
    } else if (arg.startsWith('-')) throw new PinUsageError(`unknown option ${arg}`);
    else a.targets.push(arg);
  }
  if (a.targets.length === 0) throw new PinUsageError('no path to pin');
  if (a.update && a.print) throw new PinUsageError('--update and --print exclude each other');
  return a;
}

/** The normalized text of a plan shape (the pin file's contents). */
export function renderShape(shape: PlanShape): string {
  const stacks = Object.fromEntries(
    Object.keys(shape.stacks)
      .sort()
      .map((s) => [s, shape.stacks[s]]),
  );
  const tracked = trackedAttributes(stacks);
  return `${JSON.stringify({ '//': HEADER, stacks, tracked }, null, 2)}\n`;
}

function readPins(file: string): PlanShape {
  const { json, problem } = readJsonFile(file);
  if (problem) throw new PinUsageError(formatProblem(problem));
  const ok =
    json &&
    typeof json.stacks === 'object' &&
    !Array.isArray(json.stacks) &&
    Object.values<any>(json.stacks).every(
      (s) =>
        s &&
        typeof s === 'object' &&
        Object.values<any>(s).every(
          (attrs) =>
            attrs &&
            typeof attrs === 'object' &&
            Object.values(attrs).every((v) => typeof v === 'string'),
        ),
    );
  if (!ok) {
    throw new PinUsageError(
      `${file}: not a plan-shape file (expected {"stacks": {stack: {address: {attribute: value}}}})`,
    );
  }
  const tracked =
    json.tracked &&
    typeof json.tracked === 'object' &&
    Object.values<any>(json.tracked).every(
      (a) => Array.isArray(a) && a.every((x) => typeof x === 'string'),
    )
      ? json.tracked
      : undefined;
  return { stacks: json.stacks, tracked };
}

/** Runs `pin` with the arguments after the subcommand; returns the exit status. */
export function runPin(rest: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args: PinArgs;
  try {
    args = parse(rest);
  } catch (e) {
    err(`${(e as Error).message}\n(cdktf-secure-mlops pin --help for usage)`);
    return 2;
  }
  const stacks: { [name: string]: any } = {};
  const moves: { [name: string]: Map<string, string> } = {};
  const problems: string[] = [];
  for (const target of args.targets) {
    let loaded;
    try {
      loaded = loadTarget(target);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    problems.push(...loaded.problems.map(formatProblem));
    if (loaded.stacks.length === 0) {
      problems.push(`no Terraform JSON configurations (*.tf.json, cdktf.out) under ${target}`);
    }
    for (const s of loaded.stacks) {
      problems.push(...s.problems.map(formatProblem));
      if (s.name in stacks) {
        problems.push(`stack ${s.name} appears twice (${target})`);
        continue;
      }
      stacks[s.name] = stackShapeOf(s.config);
      const m = new Map<string, string>();
      for (const f of s.files) {
        for (const [from, to] of movesOf(readJsonFile(f).json)) m.set(from, to);
      }
      moves[s.name] = m;
    }
  }
  if (problems.length > 0) {
    err(problems.join('\n'));
    return 2;
  }
  const current: PlanShape = { stacks };
  const text = renderShape(current);
  if (args.print) {
    out(text.trimEnd());
    return 0;
  }
  const resources = Object.values(stacks).reduce((n, s) => n + Object.keys(s).length, 0);
  const summary = `${Object.keys(stacks).length} stack(s), ${resources} resource(s)`;
  const write = (): number => {
    try {
      fs.mkdirSync(path.dirname(path.resolve(args.file)), { recursive: true });
      fs.writeFileSync(args.file, text);
    } catch (e) {
      err(`cannot write ${args.file}: ${(e as Error).message}`);
      return 2;
    }
    return 0;
  };
  if (!fs.existsSync(args.file)) {
    if (!args.update && process.env.CI && process.env.CI !== 'false') {
      err(
        `no pin file ${args.file}: run \`cdktf-secure-mlops pin ${args.targets.join(' ')} --update\` and commit it`,
      );
      return 1;
    }
    const status = write();
    if (status === 0) out(`wrote ${args.file}: ${summary}`);
    return status;
  }
  let pinned: PlanShape;
  try {
    pinned = readPins(args.file);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  const changes = compareShapes(pinned, current, moves);
  const uncompared = uncomparedAttributes(pinned, current);
  if (uncompared.length > 0 && !args.update)
    err(
      `not compared: attributes this release pins that ${args.file} did not track (it was written by an earlier release); check that \`terraform plan\` replaces none of them, then record them with --update:\n` +
        uncompared.map((l) => `  ${l}`).join('\n'),
    );
  if (changes.length === 0) {
    // --update still records what the file lacks (`tracked`, attributes not compared)
    if (args.update && fs.readFileSync(args.file, 'utf8') !== text) {
      const status = write();
      if (status === 0)
        out(
          `plan shape unchanged: ${summary}; rewrote ${args.file}` +
            (uncompared.length > 0
              ? `, now pinning attributes it did not hold:\n${uncompared.map((l) => `  ${l}`).join('\n')}`
              : ''),
        );
      return status;
    }
    out(`plan shape unchanged: ${summary} match ${args.file}`);
    return 0;
  }
  const report = formatChanges(changes);
  if (args.update) {
    const status = write();
    if (status === 0) out(`${report}\naccepted: wrote ${args.file} (${summary})`);
    return status;
  }
  const destructive = changes.filter(isDestructive).length;
  out(report);
  err(
    `the plan shape differs from ${args.file}` +
      (destructive > 0 ? ` (${destructive} destructive change(s))` : '') +
      `; if intended, accept it: cdktf-secure-mlops pin ${args.targets.join(' ')} --file ${args.file} --update`,
  );
  return 1;
}
