#!/usr/bin/env node
// Copies the reference data files (lib/**/reference/data/*.gz) next to the compiled code:
// the compilers emit only .js/.d.ts, and the reference readers load their data relative to
// their own module. Usage: node scripts/reference-data/copy-to-dist.js [outDir, default dist]
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.resolve(root, process.argv[2] || 'dist');
let copied = 0;
for (const cloud of fs.readdirSync(path.join(root, 'lib'))) {
  const dataDir = path.join(root, 'lib', cloud, 'reference', 'data');
  if (!fs.existsSync(dataDir)) continue;
  for (const f of fs.readdirSync(dataDir).filter((x) => x.endsWith('.gz'))) {
    const target = path.join(outDir, 'lib', cloud, 'reference', 'data', f);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(dataDir, f), target);
    copied++;
  }
}
if (copied === 0) {
  console.error('copy-to-dist: no reference data files found under lib/*/reference/data');
  process.exit(1);
}
