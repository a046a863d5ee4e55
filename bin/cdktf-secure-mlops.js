#!/usr/bin/env node
// Scanner CLI: `cdktf-secure-mlops check <dir>`, `cdktf-secure-mlops pin <dir>`; see --help.
// `pin` reads no rule pack, so it is dispatched without loading them (and the provider modules
// some rules import): it runs on a project that installed one cloud's providers only.
const argv = process.argv.slice(2);
const out = (s) => process.stdout.write(`${s}\n`);
const err = (s) => process.stderr.write(`${s}\n`);

if (argv[0] === 'pin') {
  const { PIN_USAGE, runPin } = require('../dist/lib/cli/pin');
  const rest = argv.slice(1);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(PIN_USAGE);
    process.exitCode = 0;
  } else {
    process.exitCode = runPin(rest, out, err);
  }
} else {
  const { runCli } = require('../dist/lib/cli/main');
  process.exitCode = runCli(argv, out, err);
}
