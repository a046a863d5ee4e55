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
listing="$(tar -tzf "$work/$tarball")"
for data in aws/reference/data/aws.json.gz gcp/reference/data/gcp.json.gz \
  azure/reference/data/azure.json.gz azure/reference/data/azure-policies.tsv.gz; do
  grep -qx "package/dist/lib/$data" <<<"$listing" ||
    { echo "package check: the tarball lacks the reference data $data (X-15)"; exit 1; }
done

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

# the reference rules (X-15) load their data from the installed dist/ on first use
node -e "
const lib = require('cdktf-secure-mlops');
const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'sagemaker:CreateDomain',
  Resource: '*', Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } } }] });
const stack = new lib.StackView('check', { resource: { aws_iam_policy: { p: { policy } } } });
const rule = new lib.AwsMlopsChecks().rules.find((r) => r.id === 'X-15.aws-condition-key');
const result = rule.evaluate(stack.resources('aws_iam_policy')[0], stack);
if (result.status !== 'NON_COMPLIANT' || !/VolumeKmsKeyArn/.test(result.detail)) {
  throw new Error('reference data not usable from the package: ' + JSON.stringify(result));
}
console.log('package check: reference rules load their data from the installed package');
"

cp "$root/scripts/consumer-app.js" "$work/app.js"
node app.js "$work/out"
echo "package check: the installed tarball synthesized $(ls "$work/out/stacks" | wc -l) stack(s) through its public entry point"
