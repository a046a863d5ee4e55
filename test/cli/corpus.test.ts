// The scanner on Terraform JSON written by others: shapes from the Terraform JSON syntax
// documentation (arrays at every block level, references, count/for_each, dynamic blocks,
// modules, data-source policies, override files) and edge inputs. Each case asserts its
// findings.
import { runCliCaptured } from '../cli-run';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { allPacks } from '../../lib/cli/packs';
import { evaluateStack } from '../../lib/core/compliance/evaluate';
import { ComplianceReport, RuleProfile } from '../../lib';
import { synthAll } from '../examples/synth-all';
import { arrayForm } from './corpus/forms';

const packs = Object.values(allPacks());

const run = (...args: string[]) => runCliCaptured(args);

function dir(files: { [name: string]: string | Buffer | object }): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(d, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content),
    );
  }
  return d;
}

function check(json: any, profile = RuleProfile.SECURITY): ComplianceReport {
  return evaluateStack('corpus', json, packs, { profile, includeCompliant: true });
}

/** `rule address status` lines of the non-compliant and unknown findings. */
function failing(r: ComplianceReport): string[] {
  return r.findings
    .filter((f) => f.status === 'NON_COMPLIANT' || f.status === 'UNKNOWN')
    .map((f) => `${f.ruleId} ${f.address} ${f.status}`);
}

function all(r: ComplianceReport): string[] {
  return r.findings.map((f) => `${f.ruleId} ${f.address} ${f.status} ${f.reason ?? ''}`);
}

const KEY = '${aws_kms_key.k.arn}';
const BUCKET = '${aws_s3_bucket.data.id}';

/** A third-party AWS configuration with one defect of each kind the security profile checks. */
const vendor = {
  variable: {
    open_cidr: { type: 'string', default: '0.0.0.0/0' },
    trusted_account: { type: 'string' },
  },
  locals: { versioning: 'Enabled' },
  provider: { aws: { region: 'eu-west-1' } },
  data: {
    aws_iam_policy_document: {
      trust: {
        statement: {
          actions: ['sts:AssumeRole'],
          principals: { type: 'AWS', identifiers: ['*'] },
        },
      },
    },
  },
  resource: {
    aws_kms_key: { k: { enable_key_rotation: true } },
    aws_s3_bucket: { data: { bucket: 'vendor-data', force_destroy: true } },
    aws_s3_bucket_versioning: {
      data: { bucket: BUCKET, versioning_configuration: { status: '${local.versioning}' } },
    },
    aws_s3_bucket_server_side_encryption_configuration: {
      data: {
        bucket: BUCKET,
        rule: {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: KEY,
          },
          bucket_key_enabled: true,
        },
      },
    },
    aws_security_group: {
      web: {
        name: 'web',
        description: 'web tier',
        ingress: { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.open_cidr}'] },
      },
    },
    aws_iam_role: {
      vendor: { name: 'vendor', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' },
      encoded: {
        name: 'encoded',
        assume_role_policy:
          '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Principal" = {"AWS" = "*"}, "Action" = "sts:AssumeRole"}]})}',
      },
      // hcl2json keeps a multi-line jsonencode(...) whole, newlines separating the attributes
      multiline: {
        name: 'multiline',
        assume_role_policy:
          '${jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Effect    = "Allow"\n        Principal = { AWS = "*" } # anyone\n        Action    = "sts:AssumeRole"\n      },\n    ]\n  })}',
      },
      partner: {
        name: 'partner',
        assume_role_policy:
          '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {AWS = "arn:aws:iam::${var.trusted_account}:root"}, Action = "sts:AssumeRole"}]})}',
      },
    },
    aws_iam_policy_attachment: {
      admin: {
        name: 'admin',
        roles: ['${aws_iam_role.partner.name}'],
        policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      },
    },
    aws_cloudtrail: {
      trail: {
        name: 'trail',
        s3_bucket_name: 'logs',
        enable_logging: false,
        kms_key_id: KEY,
        enable_log_file_validation: true,
        is_multi_region_trail: true,
      },
    },
  },
};

describe('scanner corpus: object and array forms', () => {
  test('a third-party configuration gives the same findings in object and array form', () => {
    const object = check(vendor);
    const array = check(arrayForm(vendor));
    expect(all(array)).toEqual(all(object));
    expect(failing(object)).toEqual(
      expect.arrayContaining([
        'X-05.sg-ingress aws_security_group.web NON_COMPLIANT', // 0.0.0.0/0 from a variable default
        'X-03.public-principal aws_iam_role.vendor NON_COMPLIANT', // from the policy document
        'X-03.public-principal aws_iam_role.encoded NON_COMPLIANT', // from jsonencode(...)
        'X-03.public-principal aws_iam_role.multiline NON_COMPLIANT', // multi-line jsonencode
        'X-03 aws_iam_policy_attachment.admin NON_COMPLIANT', // AdministratorAccess
        'X-06.trail-logging aws_cloudtrail.trail NON_COMPLIANT',
        'X-08.force-destroy aws_s3_bucket.data NON_COMPLIANT',
      ]),
    );
    // a principal built from a variable with no default is known only at apply
    expect(failing(object)).not.toContain(
      'X-03.public-principal aws_iam_role.partner NON_COMPLIANT',
    );
    // versioning from a literal local is resolved
    expect(failing(object)).not.toContain('AWS-07.versioning aws_s3_bucket.data NON_COMPLIANT');
  });

  test('the example stacks give the same findings in object and array form', () => {
    const { stacks } = synthAll();
    const names = Object.keys(stacks);
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) {
      const json = stacks[name];
      const object = check(json, RuleProfile.PLATFORM);
      const array = check(arrayForm(json), RuleProfile.PLATFORM);
      expect({ name, findings: all(array) }).toEqual({ name, findings: all(object) });
      expect({ name, failing: failing(object) }).toEqual({ name, failing: [] });
    }
  });

  test('every top-level block level may be an array, and arrays of several objects merge', () => {
    const json = {
      resource: [
        { aws_s3_bucket: [{ a: [{ bucket: 'a', force_destroy: true }] }] },
        { aws_s3_bucket: { b: { bucket: 'b', force_destroy: true } } },
      ],
    };
    expect(failing(check(json)).filter((l) => l.startsWith('X-08.force-destroy'))).toEqual([
      'X-08.force-destroy aws_s3_bucket.a NON_COMPLIANT',
      'X-08.force-destroy aws_s3_bucket.b NON_COMPLIANT',
    ]);
  });

  test('lifecycle in array form is read as one block', () => {
    const json = {
      resource: {
        aws_kms_key: {
          k: { enable_key_rotation: true, lifecycle: [{ prevent_destroy: true }] },
        },
      },
    };
    const r = check(json, RuleProfile.PLATFORM);
    expect(r.findings.find((f) => f.ruleId === 'X-08')?.status).toBe('COMPLIANT');
  });
});

describe('scanner corpus: values known only at plan or apply', () => {
  const endpoint = (privateDns: any, extra: any = {}) => ({
    variable: { private_dns_enabled: { type: 'bool', default: true }, other: { type: 'bool' } },
    resource: {
      aws_vpc_endpoint: {
        e: {
          vpc_id: 'vpc-1',
          service_name: 'com.amazonaws.eu-west-1.sts',
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: privateDns,
          ...extra,
        },
      },
    },
  });
  const status = (json: any) =>
    check(json).findings.find((f) => f.ruleId === 'AWS-02.private-dns')?.status;

  test('a variable with a literal default is read as the default', () => {
    expect(status(endpoint('${var.private_dns_enabled}'))).toBe('COMPLIANT');
  });

  test('a variable without a default is UNKNOWN, reported apart; --strict fails it', () => {
    const json = endpoint('${var.other}');
    expect(status(json)).toBe('UNKNOWN');
    const file = path.join(dir({ 'main.tf.json': json }), 'main.tf.json');
    const lax = run('check', file, '--pack', 'aws');
    expect(lax.code).toBe(0);
    expect(lax.out).toMatch(
      /known only at plan\/apply \(UNKNOWN\):\n {4}UNKNOWN \[AWS-02.private-dns\]/,
    );
    const strict = run('check', file, '--pack', 'aws', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/ERROR {3}\[AWS-02.private-dns\] aws_vpc_endpoint.e/);
  });

  test('a resource whose count or for_each gives no instances is not evaluated', () => {
    const json = endpoint(false, { count: '${var.enabled ? 1 : 0}' });
    expect(status(json)).toBe('NON_COMPLIANT'); // count unknown: the resource may exist
    const zero = {
      ...endpoint(false, { count: '${var.n}' }),
      variable: { n: { default: 0 } },
    };
    const r = check(zero);
    expect(r.findings).toEqual([]);
    expect(r.coverage.skipped).toEqual([
      { address: 'aws_vpc_endpoint.e', reason: 'count or for_each gives no instances' },
    ]);
  });

  test('a dynamic block makes the blocks it generates UNKNOWN', () => {
    const json = {
      resource: {
        aws_security_group: {
          sg: {
            name: 'sg',
            description: 'sg',
            dynamic: {
              ingress: {
                for_each: '${var.rules}',
                content: { from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] },
              },
            },
          },
        },
      },
    };
    const f = check(json).findings.find((x) => x.ruleId === 'X-05.sg-ingress');
    expect(f?.status).toBe('UNKNOWN');
    expect(
      check(arrayForm(json)).findings.find((x) => x.ruleId === 'X-05.sg-ingress')?.status,
    ).toBe('UNKNOWN');
  });

  test('each.value companions: a for_each over the buckets, or over a literal set of names', () => {
    const companions = (versioning: any) => ({
      resource: {
        aws_s3_bucket: { a: { bucket: 'a' }, b: { bucket: 'b' } },
        aws_s3_bucket_versioning: { v: versioning },
      },
    });
    const versioned = (json: any) =>
      check(json, RuleProfile.PLATFORM)
        .findings.filter((f) => f.ruleId === 'AWS-07.versioning')
        .map((f) => `${f.address} ${f.status}`);
    expect(
      versioned(
        companions({
          for_each: ['a', 'b'],
          bucket: '${each.value}',
          versioning_configuration: { status: 'Enabled' },
        }),
      ),
    ).toEqual(['aws_s3_bucket.a COMPLIANT', 'aws_s3_bucket.b COMPLIANT']);
    expect(
      versioned(
        companions({
          for_each: '${toset(["a"])}',
          bucket: '${each.key}',
          versioning_configuration: { status: 'Enabled' },
        }),
      ),
    ).toEqual(['aws_s3_bucket.a COMPLIANT', 'aws_s3_bucket.b NON_COMPLIANT']);
    expect(
      versioned(
        companions({
          bucket: 'b', // by literal name
          versioning_configuration: { status: 'Enabled' },
        }),
      ),
    ).toEqual(['aws_s3_bucket.a NON_COMPLIANT', 'aws_s3_bucket.b COMPLIANT']);
  });
});

describe('scanner corpus: coverage', () => {
  test('module calls and data sources are listed as not evaluated', () => {
    const file = path.join(
      dir({
        'main.tf.json': {
          module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0' } },
          data: { aws_caller_identity: { me: {} } },
          resource: { aws_kms_key: { k: { enable_key_rotation: true } } },
        },
      }),
      'main.tf.json',
    );
    const { code, out } = run('check', file);
    expect(code).toBe(0);
    expect(out).toContain('1 resource(s), 1 examined by a rule, 1 data source(s)');
    expect(out).toContain(
      'not evaluated: module.vpc: module call (terraform-aws-modules/vpc/aws): its resources are not evaluated',
    );
  });

  test('a target without Terraform JSON, or without resources, exits 2', () => {
    const empty = dir({ 'README.md': 'nothing here', 'main.tf': 'resource "x" "y" {}' });
    const none = run('check', empty);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no Terraform JSON configurations');
    expect(none.out).toContain('1 HCL file(s) (*.tf) not read');
    const noResources = run('check', dir({ 'main.tf.json': { variable: { x: {} } } }));
    expect(noResources.code).toBe(2);
    expect(noResources.err).toMatch(/no resources in/);
  });

  test('the packs run per stack by its clouds, and reports list only those packs', () => {
    const d = dir({
      'aws/main.tf.json': { resource: { aws_kms_key: { k: { enable_key_rotation: true } } } },
      'gcp/main.tf.json': {
        resource: { google_storage_bucket: { b: { name: 'b', location: 'EU' } } },
      },
    });
    const reports = JSON.parse(run('check', d, '--json').out);
    expect(reports.map((r: any) => [r.stackName, r.packs])).toEqual([
      ['aws', ['AwsMlopsChecks']],
      ['gcp', ['GcpMlopsChecks']],
    ]);
  });
});

describe('scanner corpus: override files', () => {
  test('*_override.tf.json is merged into its module, not scanned as a second stack', () => {
    const d = dir({
      'main.tf.json': {
        resource: { aws_s3_bucket: { data: { bucket: 'data', force_destroy: false } } },
      },
      'main_override.tf.json': {
        resource: { aws_s3_bucket: { data: { force_destroy: true } } },
      },
      'override.tf.json': {
        resource: { aws_s3_bucket: { data: { lifecycle: { prevent_destroy: true } } } },
      },
    });
    const reports = JSON.parse(run('check', d, '--json').out);
    expect(reports).toHaveLength(1);
    const ids = reports[0].findings.map((f: any) => `${f.ruleId} ${f.status}`);
    expect(ids).toContain('X-08.force-destroy NON_COMPLIANT');
  });

  test('an override for a block no other file declares is an input problem', () => {
    const d = dir({
      'main.tf.json': { resource: { aws_kms_key: { k: { enable_key_rotation: true } } } },
      'x_override.tf.json': { resource: { aws_s3_bucket: { ghost: { force_destroy: true } } } },
    });
    const r = run('check', d);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /x_override.tf.json: resource.aws_s3_bucket.ghost: override for a block that no other file declares/,
    );
  });
});

describe('scanner corpus: edge inputs', () => {
  const good = { resource: { aws_s3_bucket: { ok: { bucket: 'ok', force_destroy: true } } } };

  test('a null resource type is an input problem naming file and JSON path; other files still run', () => {
    const d = dir({
      'a/main.tf.json': { resource: { aws_s3_bucket: null } },
      'b/main.tf.json': good,
    });
    const r = run('check', d);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /a\/main.tf.json: resource.aws_s3_bucket: expected an object of named blocks, found null/,
    );
    expect(r.out).toContain('[X-08.force-destroy] aws_s3_bucket.ok');
  });

  test('a string where a block body belongs creates no phantom resources', () => {
    const r = run('check', dir({ 'main.tf.json': { resource: { aws_s3_bucket: 'oops' } } }));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(
      /resource.aws_s3_bucket: expected an object or an array of objects, found the string "oops"/,
    );
    expect(r.out).not.toMatch(/ERROR/);
  });

  test('empty files, invalid JSON and invalid UTF-8 are named; a BOM is accepted', () => {
    const d = dir({
      'empty/main.tf.json': '',
      'broken/main.tf.json': '{"resource": ',
      'latin1/main.tf.json': Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
      'bom/main.tf.json': '\ufeff' + JSON.stringify(good),
    });
    const r = run('check', d);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/empty\/main.tf.json: empty file/);
    expect(r.out).toMatch(/broken\/main.tf.json: invalid JSON/);
    expect(r.out).toMatch(/latin1\/main.tf.json: not valid UTF-8/);
    expect(r.out).toContain('[X-08.force-destroy] aws_s3_bucket.ok');
  });

  test('a symlink loop is reported as a loop', () => {
    const d = dir({ 'main.tf.json': good });
    fs.symlinkSync(d, path.join(d, 'again'));
    const r = run('check', d);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/again: symlink loop/);
    expect(r.out).toContain('[X-08.force-destroy] aws_s3_bucket.ok');
  });

  test('--out into a folder that does not exist creates it; usage errors are one line, exit 2', () => {
    const file = path.join(dir({ 'main.tf.json': good }), 'main.tf.json');
    const outFile = path.join(os.tmpdir(), `corpus-${process.pid}`, 'deep', 'report.json');
    const r = run('check', file, '--out', outFile);
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(outFile, 'utf8'))[0].stackName).toBe('main');
    const bad = run('check', file, '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('unknown format pdf; known: text, json, sarif, junit');
    expect(run('check', file, '--profile', 'lax').err).toContain('unknown profile lax');
  });
});

describe('scanner corpus: profiles', () => {
  const website = {
    provider: {
      aws: {
        region: 'eu-west-1',
        default_tags: {
          tags: {
            platform: 'web',
            environment: 'prod',
            owner: 'web-team',
            'data-classification': 'public',
            'cost-center': 'cc-9',
          },
        },
      },
    },
    resource: {
      aws_s3_bucket: { site: { bucket: 'acme-website' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        site: {
          bucket: '${aws_s3_bucket.site.id}',
          rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
        },
      },
    },
  };
  const ids = (r: ComplianceReport) => [...new Set(failing(r).map((l) => l.split(' ')[0]))].sort();

  test('the security profile leaves out platform conventions (mandatory CMK, prevent_destroy, tags)', () => {
    const security = ids(check(website, RuleProfile.SECURITY));
    expect(security).not.toContain('AWS-07.encryption'); // SSE-KMS would break a CloudFront origin
    expect(security).not.toContain('X-08');
    const platform = ids(check(website, RuleProfile.PLATFORM));
    expect(platform).toEqual(expect.arrayContaining(['AWS-07.encryption', 'X-08']));
  });

  test('provider default_tags count as the platform tags', () => {
    expect(ids(check(website, RuleProfile.PLATFORM))).not.toContain('X-09');
    const untagged = { ...website, provider: { aws: { region: 'eu-west-1' } } };
    expect(ids(check(untagged, RuleProfile.PLATFORM))).toContain('X-09');
  });
});

describe('scanner corpus: deprecated but valid provider forms', () => {
  test('AWS provider 3.x inline bucket arguments count as their companion resources', () => {
    const legacy = {
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '~> 3.75' } } },
      resource: {
        aws_kms_key: { k: { enable_key_rotation: true } },
        aws_s3_bucket: {
          logs: { bucket: 'acme-logs' },
          data: {
            bucket: 'acme-data',
            versioning: { enabled: true },
            logging: { target_bucket: '${aws_s3_bucket.logs.id}' },
            lifecycle_rule: [{ id: 'expire', enabled: true, expiration: { days: 30 } }],
            server_side_encryption_configuration: {
              rule: {
                apply_server_side_encryption_by_default: {
                  sse_algorithm: 'aws:kms',
                  kms_master_key_id: KEY,
                },
                bucket_key_enabled: true,
              },
            },
          },
          off: { bucket: 'acme-off', versioning: { enabled: false } },
        },
      },
    };
    for (const json of [legacy, arrayForm(legacy)]) {
      const r = check(json, RuleProfile.PLATFORM);
      const at = (address: string, rule: string) =>
        r.findings.find((f) => f.address === address && f.ruleId === rule)?.status;
      expect(at('aws_s3_bucket.data', 'AWS-07.versioning')).toBe('COMPLIANT');
      expect(at('aws_s3_bucket.data', 'AWS-07.logging')).toBe('COMPLIANT');
      expect(at('aws_s3_bucket.data', 'AWS-07.lifecycle')).toBe('COMPLIANT');
      expect(at('aws_s3_bucket.data', 'AWS-07.encryption')).toBe('COMPLIANT');
      expect(at('aws_s3_bucket.off', 'AWS-07.versioning')).toBe('NON_COMPLIANT');
    }
  });
});
