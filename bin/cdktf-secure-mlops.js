#!/usr/bin/env node
// Scanner CLI: `cdktf-secure-mlops check <dir>`; see `cdktf-secure-mlops --help`.
const { runCli } = require('../dist/lib/cli/main');

process.exitCode = runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
);
