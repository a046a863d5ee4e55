#!/usr/bin/env node
// Writes lib/gcp/reference/data/org-constraints.json.gz: the names of Google Cloud's predefined
// organization policy constraints, which X-15.gcp-org-constraint checks org policies against,
// and records the file in scripts/reference-data/provenance.json ("otherFiles").
//
//   node scripts/reference-data/gcp-org-constraints.js \
//     --constraints <one or more lists of constraint ids, comma-separated: one id per line,
//                    optionally quoted, as build/policies.txt of Cyclenerd/google-cloud-org-policies
//                    (the Org Policy v2 API constraints.list) holds them> \
//     --source <what the lists are, e.g. "Cyclenerd/google-cloud-org-policies build/policies.txt @ b40c3e9"> \
//     [--out <repository root, default: this checkout>] [--date YYYY-MM-DD]
//
// Several lists (e.g. successive versions of the file) are merged: a constraint that one
// listing omitted is still known. Output: { meta, constraints: [sorted ids] }.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const FILE = path.join('lib', 'gcp', 'reference', 'data', 'org-constraints.json.gz');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) {
    if (fallback !== undefined) return fallback;
    console.error(`gcp-org-constraints: --${name} is required`);
    process.exit(2);
  }
  return process.argv[i + 1];
}

/** Constraint ids in a list ("constraints/" prefixes dropped); throws on a malformed line. */
function parse(text) {
  const out = new Set();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^"(.*)"$/, '$1');
    if (line === '' || line.startsWith('#')) continue;
    const id = line.replace(/^constraints\//, '');
    if (!/^[a-z][a-z0-9]*(\.[A-Za-z0-9]+)+$/.test(id))
      throw new Error(`not a constraint id: ${raw}`);
    out.add(id);
  }
  return out;
}

function main() {
  const lists = arg('constraints').split(',');
  const source = arg('source');
  const root = path.resolve(arg('out', path.join(__dirname, '..', '..')));
  const date = arg('date', new Date().toISOString().slice(0, 10));
  const all = new Set();
  for (const f of lists) for (const id of parse(fs.readFileSync(f, 'utf8'))) all.add(id);
  const out = {
    meta: {
      extracted: date,
      source,
      what: 'Predefined organization policy constraints of Google Cloud (Org Policy v2 API constraints.list), for X-15.gcp-org-constraint',
    },
    constraints: [...all].sort(),
  };
  const text = JSON.stringify(out);
  const file = path.join(root, FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9, mtime: 0 }));
  const entry = {
    file: FILE,
    what: out.meta.what,
    source,
    extracted: date,
    script: 'scripts/reference-data/gcp-org-constraints.js',
    rawBytes: Buffer.byteLength(text),
    gzipBytes: fs.statSync(file).size,
  };
  const provenanceFile = path.join(root, 'scripts', 'reference-data', 'provenance.json');
  if (fs.existsSync(provenanceFile)) {
    const provenance = JSON.parse(fs.readFileSync(provenanceFile, 'utf8'));
    provenance.otherFiles = [
      ...(provenance.otherFiles || []).filter((f) => f.file !== FILE),
      entry,
    ];
    fs.writeFileSync(provenanceFile, `${JSON.stringify(provenance, null, 2)}\n`);
  }
  console.log(`${file}: ${all.size} constraints (${entry.gzipBytes} bytes)`);
}

if (require.main === module) main();
module.exports = { parse };
