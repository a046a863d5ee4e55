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
listing="$(tar -tzf "$work/$tarball")"
for data in aws/reference/data/aws.json.gz gcp/reference/data/gcp.json.gz \
  gcp/reference/data/org-constraints.json.gz azure/reference/data/azure.json.gz \
  azure/reference/data/azure-policies.tsv.gz; do
  grep -qx "package/dist/lib/$data" <<<"$listing" ||
    { echo "package check: the tarball lacks the reference data $data (X-15)"; exit 1; }
done

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
# the reference rules (X-15) load their data from the installed dist/ on first use (AWS-only
# project, through the AWS entry point)
(cd "$work/aws" && node -e "
const lib = require('cdktf-secure-mlops/aws');
const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'sagemaker:CreateDomain',
  Resource: '*', Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } } }] });
const stack = new lib.StackView('check', { resource: { aws_iam_policy: { p: { policy } } } });
const rule = new lib.AwsMlopsChecks().rules.find((r) => r.id === 'X-15.aws-condition-key');
const result = rule.evaluate(stack.resources('aws_iam_policy')[0], stack);
if (result.status !== 'NON_COMPLIANT' || !/VolumeKmsKeyArn/.test(result.detail)) {
  throw new Error('reference data not usable from the package: ' + JSON.stringify(result));
}
console.log('package check: reference rules load their data from the installed package');
")

echo "package check: the installed tarball works per cloud with that cloud's providers only, and with every provider through the package root"
