import * as fs from 'fs';
import { RulePack } from '../core/compliance/rule';
import { checkDirectory, formatText } from './check';
import { allPacks } from './packs';

const USAGE = `usage: cdktf-secure-mlops check <dir> [--json] [--out FILE] [--verbose] [--pack aws|gcp|azure]...

Runs the AWS, GCP and Azure MLOps rule packs over synthesized Terraform JSON: a cdktf.out
folder, one stack folder, or one .tf.json file (also one synthesized without this library).
Suppressions recorded in the resources' "//" metadata are honoured when they carry a reason.

  --json       print the reports as JSON instead of text
  --out FILE   also write the JSON reports to FILE
  --verbose    list suppressed findings with their reasons
  --pack NAME  run only this pack (repeatable)

Exit status: 0 no errors, 1 at least one ERROR finding, 2 bad usage or unreadable input.`;

/** Runs the CLI; returns the exit status. */
export function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return 0;
  }
  if (command !== 'check') {
    err(USAGE);
    return 2;
  }
  let dir: string | undefined;
  let json = false;
  let verbose = false;
  let outFile: string | undefined;
  const selected: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--out' || a === '--pack') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('-')) {
        err(`${a} needs a value\n${USAGE}`);
        return 2;
      }
      if (a === '--out') outFile = value;
      else selected.push(value.toLowerCase());
    } else if (a.startsWith('-')) {
      err(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else if (dir === undefined) dir = a;
    else {
      err(`unexpected argument ${a}\n${USAGE}`);
      return 2;
    }
  }
  if (dir === undefined) {
    err(USAGE);
    return 2;
  }
  const packs = allPacks();
  const unknown = selected.filter((s) => !(s in packs));
  if (unknown.length > 0) {
    err(`unknown pack ${unknown.join(', ')}; known: ${Object.keys(packs).join(', ')}`);
    return 2;
  }
  const chosen: RulePack[] = (selected.length > 0 ? selected : Object.keys(packs)).map(
    (k) => packs[k],
  );
  let result;
  try {
    result = checkDirectory(dir, chosen);
  } catch (e) {
    err(`cannot check ${dir}: ${(e as Error).message}`);
    return 2;
  }
  const jsonText = JSON.stringify(result.reports, null, 2);
  if (outFile) fs.writeFileSync(outFile, `${jsonText}\n`);
  out(json ? jsonText : formatText(result, verbose));
  return result.errors > 0 ? 1 : 0;
}
