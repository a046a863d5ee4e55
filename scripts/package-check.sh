#!/usr/bin/env bash
# Packaging check: pack the library, install the tarball into a throwaway consumer project
# together with its peer dependencies, and synthesize a stack there that uses the constructs
# through the package's public entry point only. Run after `npm run build`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball ($(du -h "$work/$tarball" | cut -f1))"

peer() { node -p "require('$root/package.json').devDependencies['$1']"; }
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --prefer-offline --silent \
  "./$tarball" \
  "cdktf@$(peer cdktf)" "constructs@$(peer constructs)" \
  "@cdktf/provider-aws@$(peer @cdktf/provider-aws)" \
  "@cdktf/provider-google@$(peer @cdktf/provider-google)" \
  "@cdktf/provider-google-beta@$(peer @cdktf/provider-google-beta)" \
  "@cdktf/provider-azurerm@$(peer @cdktf/provider-azurerm)" \
  "@cdktf/provider-time@$(peer @cdktf/provider-time)"

cp "$root/scripts/consumer-app.js" "$work/app.js"
node app.js "$work/out"
echo "package check: the installed tarball synthesized $(ls "$work/out/stacks" | wc -l) stack(s) through its public entry point"
