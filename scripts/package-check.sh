#!/usr/bin/env bash
# Packaging check: pack the library and install the tarball into throwaway consumer projects, as
# users do (scripts/consumer-check.js):
#   aws, gcp, azure  the README's install line for that cloud only (optional peers), the README's
#                    snippet for that cloud type-checked (node16 and node10 resolution), compiled,
#                    synthesized and checked: its rule pack passes, no other cloud's provider loads
#   all              every provider and the package root (existing users; scripts/consumer-app.js)
# Versions are the exact ones of package-lock.json. Run after `npm run build`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CHECKPOINT_DISABLE=1

cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball ($(du -h "$work/$tarball" | cut -f1))"

# the four installs run side by side (mostly download and unpacking); each logs to its own file
pids=()
for consumer in aws gcp azure all; do
  node "$root/scripts/consumer-check.js" "$work/$tarball" "$consumer" "$work/$consumer" \
    >"$work/$consumer.log" 2>&1 &
  pids+=("$!")
done
status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then status=1; fi
done
for consumer in aws gcp azure all; do cat "$work/$consumer.log"; done
if [ "$status" -ne 0 ]; then
  echo "package check: FAILED" >&2
  exit 1
fi
echo "package check: the installed tarball works per cloud with that cloud's providers only, and with every provider through the package root"
