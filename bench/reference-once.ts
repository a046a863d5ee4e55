// One measurement of the X-15 reference rules in a fresh process; prints one JSON line.
// Usage: reference-once.ts <stacks.json> <with|without|load>
//   with / without: evaluates every stack with the three packs, with or without the X-15 rules
//   (wallMs = evaluation time, reference data loads included); load: loads the three data files.
import * as fs from 'fs';
import { AwsMlopsChecks } from '../lib/aws/rules';
import { awsReference, awsReferenceLoad } from '../lib/aws/reference';
import { AzureMlopsChecks } from '../lib/azure/rules';
import { azureReference, azureReferenceLoad } from '../lib/azure/reference';
import { RulePack } from '../lib/core/compliance/rule';
import { evaluateStack } from '../lib/core/compliance/evaluate';
import { GcpMlopsChecks } from '../lib/gcp/rules';
import { gcpReference, gcpReferenceLoad } from '../lib/gcp/reference';
import { peakRssMb } from './lib';

const [file, mode] = process.argv.slice(2);
const loads = () => ({
  awsLoadMs: Math.round(awsReferenceLoad().loadMs * 10) / 10,
  gcpLoadMs: Math.round(gcpReferenceLoad().loadMs * 10) / 10,
  azureLoadMs: Math.round(azureReferenceLoad().loadMs * 10) / 10,
});

if (mode === 'load') {
  const t0 = performance.now();
  awsReference();
  gcpReference();
  azureReference().policy('40cec1dd-a100-4920-b15b-3024fe8901ab'); // and the policy table
  const wallMs = Math.round((performance.now() - t0) * 10) / 10;
  console.log(JSON.stringify({ wallMs, rssMb: peakRssMb(), ...loads() }));
} else {
  const stacks: { [name: string]: any } = JSON.parse(fs.readFileSync(file, 'utf8'));
  let packs: RulePack[] = [new AwsMlopsChecks(), new GcpMlopsChecks(), new AzureMlopsChecks()];
  if (mode === 'without') {
    packs = packs.map(
      (p) =>
        new RulePack(
          p.name,
          p.rules.filter((r) => !r.id.startsWith('X-15')),
        ),
    );
  }
  const t0 = performance.now();
  let findings = 0;
  for (const [name, json] of Object.entries(stacks)) {
    findings += evaluateStack(name, json, packs).summary.nonCompliant;
  }
  const wallMs = Math.round((performance.now() - t0) * 10) / 10;
  console.log(JSON.stringify({ wallMs, rssMb: peakRssMb(), findings, ...loads() }));
}
