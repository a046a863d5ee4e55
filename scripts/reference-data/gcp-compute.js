#!/usr/bin/env node
// Writes lib/gcp/reference/data/compute.json.gz: the Compute Engine machine types available in
// each region, which GcpWorkbenchInstance checks its machine type against (no network at synth).
//
//   node scripts/reference-data/gcp-compute.js \
//     --machine-types <CSV of `gcloud compute machine-types list` by region:
//                      NAME;CPUS;SHARED_CPU;MEMORY_GB;DEPRECATED;ZONE (ZONE holds the region)> \
//     --source <what the CSV is, e.g. "Cyclenerd/google-cloud-pricing-cost-calculator tools/machinetyperegion.csv @ 8bf3293"> \
//     [--out <repository root, default: this checkout>] [--date YYYY-MM-DD]
//
// Output: { meta, regions: [...], machineTypes: { name: { regions: hex bitmask over `regions`,
// status?: DEPRECATED | OBSOLETE } } }.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (fallback !== undefined) return fallback;
    console.error(`gcp-compute: --${name} is required`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

/** Parses the CSV into { regions, machineTypes }. */
function parse(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift().split(';');
  const col = (n) => {
    const i = header.indexOf(n);
    if (i < 0) throw new Error(`column ${n} missing (header: ${header.join(';')})`);
    return i;
  };
  const [name, status, region] = [col('NAME'), col('DEPRECATED'), col('ZONE')];
  const byType = new Map();
  const regions = new Set();
  for (const line of lines) {
    const cells = line.split(';');
    const r = cells[region].trim();
    if (!/^[a-z]+-[a-z]+\d{1,2}$/.test(r)) throw new Error(`not a region: ${r}`);
    regions.add(r);
    const t = cells[name].trim();
    const entry = byType.get(t) ?? { regions: new Set(), status: undefined };
    entry.regions.add(r);
    const s = cells[status].trim();
    if (s) entry.status = s;
    byType.set(t, entry);
  }
  const regionList = [...regions].sort();
  const machineTypes = {};
  for (const t of [...byType.keys()].sort()) {
    const e = byType.get(t);
    let mask = 0n;
    for (const r of e.regions) mask |= 1n << BigInt(regionList.indexOf(r));
    machineTypes[t] = e.status
      ? { regions: mask.toString(16), status: e.status }
      : { regions: mask.toString(16) };
  }
  return { regions: regionList, machineTypes };
}

function main() {
  const csv = arg('machine-types');
  const source = arg('source');
  const root = path.resolve(arg('out', path.join(__dirname, '..', '..')));
  const date = arg('date', new Date().toISOString().slice(0, 10));
  const data = parse(fs.readFileSync(csv, 'utf8'));
  const out = {
    meta: {
      extracted: date,
      source,
      what: 'Compute Engine machine types by region (gcloud compute machine-types list), for GcpWorkbenchInstance machineType',
    },
    ...data,
  };
  const file = path.join(root, 'lib', 'gcp', 'reference', 'data', 'compute.json.gz');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    zlib.gzipSync(Buffer.from(JSON.stringify(out), 'utf8'), { level: 9, mtime: 0 }),
  );
  console.log(
    `${file}: ${Object.keys(data.machineTypes).length} machine types in ${data.regions.length} regions (${fs.statSync(file).size} bytes)`,
  );
}

if (require.main === module) main();
module.exports = { parse };
