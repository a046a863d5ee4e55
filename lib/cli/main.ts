import * as fs from 'fs';
import * as path from 'path';
import { CheckResult, checkTargets, formatText } from './check';
import { toJunit } from './junit';
import { packNames } from './packs';
import { PIN_USAGE, runPin } from './pin';
import { toSarif } from './sarif';

const FORMATS = ['text', 'json', 'sarif', 'junit'];
const PROFILES = ['auto', 'security', 'platform'];

const USAGE = `usage: cdktf-secure-mlops check <path>... [options]
       cdktf-secure-mlops pin <path>... [--file FILE] [--update] [--print]   (pin --help)

Runs the AWS, GCP and Azure rule packs over Terraform JSON: a cdktf.out folder, a stack folder,
a folder of *.tf.json files (one module; override files applied; sub-folders are modules of
their own) or one .tf.json file, written with or without this library. Each stack gets the packs
of the clouds it uses. Suppressions recorded in the resources' "//" metadata are honoured when
they carry a reason.

  --format F            text (default), json, sarif (SARIF 2.1.0) or junit (JUnit XML)
  --json                the same as --format json
  --out FILE            also write the report to FILE in --format (json when the format is text)
  --profile P           security (any stack), platform (adds this library's conventions:
                        prevent_destroy, platform tags, locks, mandatory CMK) or auto (default:
                        the profile the stack was synthesized with, else security)
  --strict              UNKNOWN results (values known only at plan/apply) of ERROR rules fail
  --include-compliant   list compliant results too (the summary always counts them)
  --framework NAME      run only the rules that support a control of this framework
                        (cis-aws-3.0.0, cis-gcp-3.0.0, cis-azure-3.0.0, nist-800-53-r5)
  --pack NAME           run only this pack on every stack (repeatable): ${packNames().join(', ')}
  --verbose             list suppressed (and with --include-compliant, compliant) results

Exit status: 0 no errors; 1 at least one ERROR finding; 2 bad usage, unreadable or invalid
input (each problem names its file and JSON path), or no Terraform resources found.`;

/** A usage or input error: one line, exit status 2. */
class CliError extends Error {}

interface Args {
  targets: string[];
  format: string;
  outFile?: string;
  profile: string;
  strict: boolean;
  includeCompliant: boolean;
  verbose: boolean;
  packs: string[];
  framework?: string;
}

function parse(rest: string[]): Args {
  const a: Args = {
    targets: [],
    format: 'text',
    profile: 'auto',
    strict: false,
    includeCompliant: false,
    verbose: false,
    packs: [],
  };
  const valued = new Set(['--format', '--out', '--profile', '--pack', '--framework']);
  for (let i = 0; i < rest.length; i++) {
    let arg = rest[i];
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (valued.has(arg)) {
      if (value === undefined) {
        value = rest[++i];
        if (value === undefined || value.startsWith('-'))
          throw new CliError(`${arg} needs a value`);
      }
      if (value === '') throw new CliError(`${arg} needs a value`);
      if (arg === '--format') {
        if (!FORMATS.includes(value)) {
          throw new CliError(`unknown format ${value}; known: ${FORMATS.join(', ')}`);
        }
        a.format = value;
      } else if (arg === '--out') a.outFile = value;
      else if (arg === '--framework') a.framework = value.toLowerCase();
      else if (arg === '--profile') {
        if (!PROFILES.includes(value)) {
          throw new CliError(`unknown profile ${value}; known: ${PROFILES.join(', ')}`);
        }
        a.profile = value;
      } else {
        const name = value.toLowerCase();
        if (!packNames().includes(name)) {
          throw new CliError(`unknown pack ${value}; known: ${packNames().join(', ')}`);
        }
        if (!a.packs.includes(name)) a.packs.push(name);
      }
    } else if (value !== undefined) {
      throw new CliError(`${arg} takes no value`);
    } else if (arg === '--json') a.format = 'json';
    else if (arg === '--strict') a.strict = true;
    else if (arg === '--include-compliant') a.includeCompliant = true;
    else if (arg === '--verbose') a.verbose = true;
    else if (arg.startsWith('-') && arg !== '-') throw new CliError(`unknown option ${arg}`);
    else a.targets.push(arg);
  }
  if (a.targets.length === 0) throw new CliError('no path to check');
  return a;
}

function version(): string {
  // lib/cli (sources) or dist/lib/cli (package)
  for (const up of [
    ['..', '..'],
    ['..', '..', '..'],
  ]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, ...up, 'package.json'), 'utf8'));
      if (pkg.name === 'cdktf-secure-mlops') return String(pkg.version);
    } catch {
      // try the next level
    }
  }
  return '0.0.0';
}

function render(result: CheckResult, format: string, verbose: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        result.results.map((r) => r.report),
        null,
        2,
      );
    case 'sarif':
      return JSON.stringify(toSarif(result, version()), null, 2);
    case 'junit':
      return toJunit(result).trimEnd();
    default:
      return formatText(result, verbose);
  }
}

/** Runs the CLI; returns the exit status. Never throws. */
export function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return 0;
  }
  if (command === 'pin') {
    if (rest.includes('--help') || rest.includes('-h')) {
      out(PIN_USAGE);
      return 0;
    }
    return runPin(rest, out, err);
  }
  if (command !== 'check') {
    err(command === undefined ? USAGE : `unknown command ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    const args = parse(rest);
    const result = checkTargets(args.targets, {
      packs: args.packs.length > 0 ? args.packs : undefined,
      profile: args.profile,
      strict: args.strict,
      includeCompliant: args.includeCompliant,
      framework: args.framework,
    });
    if (args.outFile) {
      const fileFormat = args.format === 'text' ? 'json' : args.format;
      try {
        fs.mkdirSync(path.dirname(path.resolve(args.outFile)), { recursive: true });
        fs.writeFileSync(args.outFile, `${render(result, fileFormat, args.verbose)}\n`);
      } catch (e) {
        throw new CliError(`cannot write ${args.outFile}: ${(e as Error).message}`);
      }
    }
    out(render(result, args.format, args.verbose));
    if (result.problems.length > 0) {
      err(`${result.problems.length} input problem(s); see the report`);
      return 2;
    }
    const barren = result.targets.filter((t) => t.stacks === 0 || t.resources === 0);
    if (barren.length > 0) {
      err(
        barren
          .map((t) =>
            t.stacks === 0
              ? `no Terraform JSON configurations (*.tf.json, cdktf.out) under ${t.target}`
              : `no resources in ${t.target}`,
          )
          .join('\n'),
      );
      return 2;
    }
    return result.errors > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof CliError) {
      err(`${e.message}\n(cdktf-secure-mlops --help for usage)`);
      return 2;
    }
    err(`cdktf-secure-mlops: ${(e as Error).message ?? String(e)}`);
    return 2;
  }
}
