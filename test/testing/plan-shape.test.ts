import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  compareShapes,
  formatChanges,
  REPLACEMENT_ATTRIBUTES,
  stackShapeOf,
} from '../../lib/cli/pin-shape';

// X-12 for users' own stacks: `cdktf-secure-mlops pin` pins resource addresses and the
// attributes that force replacement, and fails when Terraform would destroy, replace or create.

const pin = (...args: string[]) => runCliCaptured(['pin', ...args]);

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a cdktf.out-like folder with one stack per entry. */
function out(stacks: { [name: string]: any }, dir = tmp('pin-out-')): string {
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
  return dir;
}

const domain = (overrides: any = {}) => ({
  domain_name: 'studio-prod',
  auth_mode: 'IAM',
  vpc_id: '${aws_vpc.net.id}',
  subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'],
  default_user_settings: { execution_role: 'arn:aws:iam::111111111111:role/x' },
  ...overrides,
});
const base = () => ({
  resource: {
    aws_s3_bucket: { data: { bucket: 'ml-data', tags: { a: 'b' } } },
    aws_sagemaker_domain: { studio: domain() },
    aws_iam_role: { exec: { name: 'exec', assume_role_policy: '{}' } },
  },
  data: { aws_caller_identity: { me: {} } },
});

describe('X-12 cdktf-secure-mlops pin', () => {
  const savedCi = process.env.CI;
  beforeEach(() => {
    delete process.env.CI;
  });
  afterAll(() => {
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
  });

  test('writes a missing pin file, then reports the shape unchanged', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    const target = out({ 'ml-prod': base() });
    const first = pin(target, '--file', file);
    expect(first).toMatchObject({ code: 0, out: `wrote ${file}: 1 stack(s), 3 resource(s)` });
    const pinned = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(pinned.stacks['ml-prod']).toEqual({
      'aws_iam_role.exec': {},
      'aws_s3_bucket.data': { bucket: 'ml-data' },
      'aws_sagemaker_domain.studio': {
        auth_mode: 'IAM',
        domain_name: 'studio-prod',
        subnet_ids: '["${aws_subnet.a.id}","${aws_subnet.b.id}"]',
        vpc_id: '${aws_vpc.net.id}',
      },
    });
    expect(pin(target, '--file', file)).toMatchObject({
      code: 0,
      out: `plan shape unchanged: 1 stack(s), 3 resource(s) match ${file}`,
    });
  });

  test('a renamed resource is a destroy and a create; the run fails until accepted', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    pin(out({ 'ml-prod': base() }), '--file', file);
    const renamed = base();
    (renamed.resource.aws_s3_bucket as any) = { data_v2: { bucket: 'ml-data' } };
    const target = out({ 'ml-prod': renamed });
    const r = pin(target, '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        'stack ml-prod: Terraform would destroy 1, replace 0, move 0 and create 1 resource(s)',
        '  -   aws_s3_bucket.data: destroy (no longer at this address: a renamed construct id, a removed construct or a changed stack)',
        '  +   aws_s3_bucket.data_v2: create',
      ].join('\n'),
    );
    expect(r.err).toMatch(
      /differs from .* \(1 destructive change\(s\)\); if intended, accept it: .* --update/,
    );
    expect(pin(target, '--file', file, '--update')).toMatchObject({ code: 0 });
    expect(pin(target, '--file', file).code).toBe(0);
  });

  test('a changed replacement-forcing attribute is a replace, naming old and new values', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    pin(out({ 'ml-prod': base() }), '--file', file);
    const changed = base();
    (changed.resource.aws_sagemaker_domain as any).studio = domain({
      auth_mode: 'SSO',
      kms_key_id: '${aws_kms_key.k.arn}',
    });
    (changed.resource.aws_s3_bucket.data.tags as any) = { a: 'c' }; // not replacement-forcing
    const r = pin(out({ 'ml-prod': changed }), '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '  -/+ aws_sagemaker_domain.studio: replace (auth_mode: "IAM" -> "SSO"; kms_key_id: (unset) -> "${aws_kms_key.k.arn}" (an expression: replaced if its value changes))',
    );
    expect(r.out).not.toContain('aws_s3_bucket');
  });

  test('a moved block turns a rename into a move (not destructive), and a removed stack destroys all', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    pin(out({ 'ml-prod': base(), 'ml-dev': base() }), '--file', file);
    const moved: any = base();
    moved.resource.aws_s3_bucket = { data_v2: { bucket: 'ml-data' } };
    moved.moved = [{ from: 'aws_s3_bucket.data', to: 'aws_s3_bucket.data_v2' }];
    const r = pin(out({ 'ml-prod': moved }), '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '  ~   aws_s3_bucket.data: moved to aws_s3_bucket.data_v2 (a moved block keeps the resource)',
    );
    expect(r.out).not.toContain('aws_s3_bucket.data_v2: create');
    expect(r.out).toContain(
      'stack ml-dev: Terraform would destroy 3, replace 0, move 0 and create 0',
    );
    expect(r.err).toContain('(3 destructive change(s))');
  });

  test('the snapshot is normalized: input order and location do not change a byte', () => {
    const a = base();
    const b = {
      data: a.data,
      resource: {
        aws_iam_role: a.resource.aws_iam_role,
        aws_sagemaker_domain: {
          studio: Object.fromEntries(Object.entries(domain()).reverse()),
        },
        aws_s3_bucket: a.resource.aws_s3_bucket,
      },
    };
    const first = pin(out({ 'ml-prod': a }), '--print');
    const second = pin(out({ 'ml-prod': b }, tmp('elsewhere-')), '--print');
    expect(first.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(first.out).not.toContain(os.tmpdir());
    expect(Object.keys(JSON.parse(first.out))).toEqual(['//', 'stacks', 'tracked']);
    // what was pinned per type, so that a later release pinning more reports no false replace
    expect(Object.keys(JSON.parse(first.out).tracked).length).toBeGreaterThan(0);
  });

  test('a pin written by an earlier release: newly pinned attributes are named as not compared, and the run does not fail on them', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    const withSubnet = (cidr: string) => ({
      resource: { ...base().resource, aws_subnet: { a: { vpc_id: 'vpc-1', cidr_block: cidr } } },
    });
    // what an earlier release wrote: no `tracked`, and the subnet's attributes not pinned
    const old = JSON.parse(pin(out({ 'ml-prod': withSubnet('10.0.0.0/24') }), '--print').out);
    old.stacks['ml-prod']['aws_subnet.a'] = {};
    delete old.tracked;
    fs.writeFileSync(file, JSON.stringify(old));
    const run = pin(out({ 'ml-prod': withSubnet('10.0.0.0/25') }), '--file', file);
    expect(run.code).toBe(0);
    expect(run.err).toContain('not compared');
    expect(run.err).toContain('ml-prod: aws_subnet.a: cidr_block, vpc_id');
    // once recorded, a change is a replacement
    expect(
      pin(out({ 'ml-prod': withSubnet('10.0.0.0/25') }), '--file', file, '--update').code,
    ).toBe(0);
    const changed = pin(out({ 'ml-prod': withSubnet('10.0.1.0/25') }), '--file', file);
    expect(changed.code).toBe(1);
    expect(changed.out).toContain('aws_subnet.a: replace (cidr_block');
    expect(changed.err).not.toContain('not compared');
  });

  test('an attribute the resource ignores (lifecycle.ignore_changes) is not pinned: Terraform replaces nothing for it', () => {
    const subnet = (lifecycle: any) =>
      stackShapeOf({
        resource: {
          aws_subnet: {
            a: { vpc_id: 'vpc-1', cidr_block: '10.0.0.0/24', availability_zone: '${x}', lifecycle },
          },
        },
      })['aws_subnet.a'];
    expect(subnet({ ignore_changes: ['availability_zone'] })).toEqual({
      cidr_block: '10.0.0.0/24',
      vpc_id: 'vpc-1',
      '//ignore_changes': '["availability_zone"]',
    });
    expect(Object.keys(subnet({ ignore_changes: 'all' }))).toEqual(['//ignore_changes']);
    expect(Object.keys(subnet(undefined))).toContain('availability_zone');
    // a pin taken before the attribute was ignored: no replacement
    const before = { stacks: { s: { 'aws_subnet.a': subnet(undefined) } } };
    const after = {
      stacks: { s: { 'aws_subnet.a': subnet({ ignore_changes: ['availability_zone'] }) } },
    };
    expect(compareShapes(before, after)).toEqual([]);
    // when the ignore goes, a pin that tracked the attribute reports it as set from unset (the
    // value was not pinned meanwhile): conservative, Terraform may replace
    expect(
      compareShapes(
        { ...after, tracked: { aws_subnet: ['availability_zone', 'cidr_block', 'vpc_id'] } },
        before,
      ),
    ).toEqual([expect.objectContaining({ kind: 'replace', address: 'aws_subnet.a' })]);
    // an element of a block ignored (`block[0]`, `block[0]["attr"]`) is the block's attributes
    const settings = (ignore: string[], sg: string) =>
      stackShapeOf({
        resource: {
          aws_sagemaker_domain: {
            d: domain({
              domain_settings: { security_group_ids: [sg] },
              lifecycle: { ignore_changes: ignore },
            }),
          },
        },
      });
    for (const ignore of [['domain_settings[0]'], ['domain_settings[0]["security_group_ids"]']])
      expect(
        compareShapes(
          { stacks: { s: settings(ignore, 'sg-1') } },
          { stacks: { s: settings(ignore, 'sg-2') } },
        ),
      ).toEqual([]);
    // one element of a list ignored leaves the list pinned
    const domainShape = (ids: string[]) =>
      stackShapeOf({
        resource: {
          aws_sagemaker_domain: {
            d: domain({ subnet_ids: ids, lifecycle: { ignore_changes: ['subnet_ids[0]'] } }),
          },
        },
      });
    expect(
      compareShapes(
        { stacks: { s: domainShape(['a', 'b']) } },
        { stacks: { s: domainShape(['a', 'c']) } },
      ),
    ).toEqual([expect.objectContaining({ kind: 'replace', address: 'aws_sagemaker_domain.d' })]);
  });

  test('in CI a missing pin file fails; bad input exits 2', () => {
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    process.env.CI = 'true';
    const ci = pin(out({ 'ml-prod': base() }), '--file', file);
    expect(ci.code).toBe(1);
    expect(ci.err).toMatch(
      /no pin file .*: run `cdktf-secure-mlops pin .* --update` and commit it/,
    );
    expect(fs.existsSync(file)).toBe(false);
    delete process.env.CI;

    fs.writeFileSync(file, '{"stacks": {"s": {"a.b": {"x": 1}}}}');
    expect(pin(out({ 'ml-prod': base() }), '--file', file)).toMatchObject({
      code: 2,
      err: expect.stringContaining('not a plan-shape file'),
    });
    expect(pin(tmp('empty-'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('no Terraform JSON configurations'),
    });
    expect(pin()).toMatchObject({ code: 2, err: expect.stringContaining('no path to pin') });
    expect(pin('x', '--update', '--print').code).toBe(2);
    expect(pin('--help')).toMatchObject({ code: 0, out: expect.stringContaining('--update') });
  });

  test('on a synthesized cdktf app: renaming a bucket replaces it', () => {
    const synth = (bucket: string) => {
      const outdir = tmp('pin-app-');
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'ml-prod');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new S3Bucket(stack, 'data', { bucket });
      new KmsKey(stack, 'key', { enableKeyRotation: true });
      app.synth();
      return outdir;
    };
    const file = path.join(tmp('pin-file-'), 'plan-shape.json');
    expect(pin(synth('ml-data'), '--file', file).code).toBe(0);
    expect(pin(synth('ml-data'), '--file', file).code).toBe(0);
    const r = pin(synth('ml-data-eu'), '--file', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('-/+ aws_s3_bucket.data: replace (bucket: "ml-data" -> "ml-data-eu")');
  });

  test('the replacement table covers the stateful types the constructs emit, each with a source', () => {
    for (const t of [
      'aws_s3_bucket',
      'aws_kms_key',
      'aws_sagemaker_domain',
      'aws_sagemaker_user_profile',
      'google_storage_bucket',
      'google_kms_crypto_key',
      'google_bigquery_dataset',
      'google_vertex_ai_metadata_store',
      'google_workbench_instance',
      'azurerm_storage_account',
      'azurerm_key_vault',
      'azurerm_machine_learning_workspace',
    ]) {
      expect(REPLACEMENT_ATTRIBUTES[t]?.source).toMatch(/^hashicorp\/terraform-provider-/);
    }
    // nested blocks (retention_policy) are compared as canonical JSON, keys sorted
    const shape = stackShapeOf({
      resource: {
        aws_sagemaker_domain: {
          d: domain({ retention_policy: { home_efs_file_system: 'Retain', '//': 'x' } }),
        },
      },
    });
    expect(shape['aws_sagemaker_domain.d'].retention_policy).toBe(
      '{"home_efs_file_system":"Retain"}',
    );
  });

  /** The pin report between two versions of one resource in stack `s`. */
  const report = (type: string, before: any, after: any): string =>
    formatChanges(
      compareShapes(
        { stacks: { s: stackShapeOf({ resource: { [type]: { r: before } } }) } },
        { stacks: { s: stackShapeOf({ resource: { [type]: { r: after } } }) } },
      ),
    );

  test('an attribute a pin did not track is no change: a release that pins more reports no false replace', () => {
    const before = { stacks: { s: stackShapeOf({ resource: { aws_subnet: { r: {} } } }) } };
    const after = {
      stacks: {
        s: stackShapeOf({ resource: { aws_subnet: { r: { cidr_block: '10.0.0.0/24' } } } }),
      },
    };
    // a pin written before `tracked` existed, or one whose release did not track cidr_block
    expect(compareShapes(before, after)).toEqual([]);
    expect(compareShapes({ ...before, tracked: { aws_subnet: ['vpc_id'] } }, after)).toEqual([]);
    // a pin that tracked it, unset then: a change
    expect(
      compareShapes({ ...before, tracked: { aws_subnet: ['cidr_block', 'vpc_id'] } }, after),
    ).toEqual([expect.objectContaining({ kind: 'replace', address: 'aws_subnet.r' })]);
  });

  test('a changed nested replacement-forcing attribute is a replace, its block an object or a list of one', () => {
    const sg = (id: string, more: any = {}) =>
      domain({
        domain_settings: { security_group_ids: [`\${aws_security_group.${id}.id}`], ...more },
      });
    const asList = (d: any) => ({ ...d, domain_settings: [d.domain_settings] });
    expect(report('aws_sagemaker_domain', sg('a'), asList(sg('b')))).toContain(
      '  -/+ aws_sagemaker_domain.r: replace (domain_settings.security_group_ids: ' +
        '"[\\"${aws_security_group.a.id}\\"]" -> "[\\"${aws_security_group.b.id}\\"]" ' +
        '(an expression: replaced if its value changes))',
    );
    // a block written as an expression stands for all its attributes
    expect(
      stackShapeOf({
        resource: { aws_sagemaker_domain: { d: domain({ domain_settings: '${var.settings}' }) } },
      })['aws_sagemaker_domain.d']['domain_settings.security_group_ids'],
    ).toBe('${var.settings}');
    // the same value written either way, or a change of an attribute updated in place: no change
    expect(report('aws_sagemaker_domain', sg('a'), asList(sg('a')))).toBe('');
    expect(
      report(
        'aws_sagemaker_domain',
        sg('a'),
        sg('a', { execution_role_identity_config: 'USER_PROFILE_NAME' }),
      ),
    ).toBe('');

    const workbench = (diskType: string, machineType: string) => ({
      name: 'alice',
      location: 'europe-west4-a',
      gce_setup: {
        machine_type: machineType,
        boot_disk: { disk_type: diskType, disk_size_gb: '150' },
      },
    });
    expect(
      report(
        'google_workbench_instance',
        workbench('PD_BALANCED', 'e2-standard-4'),
        workbench('PD_SSD', 'e2-standard-4'),
      ),
    ).toContain(
      '-/+ google_workbench_instance.r: replace (gce_setup.boot_disk.disk_type: "PD_BALANCED" -> "PD_SSD")',
    );
    expect(
      report(
        'google_workbench_instance',
        workbench('PD_BALANCED', 'e2-standard-4'),
        workbench('PD_BALANCED', 'e2-standard-8'),
      ),
    ).toBe('');
  });

  test('a conditionally replacement-forcing attribute is reported with its condition', () => {
    const account = (replication: string) => ({
      name: 'stml',
      resource_group_name: 'rg',
      location: 'westeurope',
      account_tier: 'Standard',
      account_replication_type: replication,
    });
    expect(report('azurerm_storage_account', account('ZRS'), account('LRS'))).toContain(
      '-/+ azurerm_storage_account.r: replace (account_replication_type: "ZRS" -> "LRS" ' +
        '(replaced only when it moves between zone-redundant (ZRS, GZRS, RAGZRS) and ' +
        'non-zone-redundant (LRS, GRS, RAGRS) replication; within a group it is updated in place))',
    );
    expect(REPLACEMENT_ATTRIBUTES.azurerm_storage_account.source).toContain('conditional');
  });
});
