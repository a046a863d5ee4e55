// One scanner run (`check --json`) in this process over a generated configuration of N S3
// buckets, each with its seven companion resources (versioning, encryption, public access
// block, policy, logging, ownership, lifecycle); prints {wallMs, rssMb, mb, resources}.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { peakRssMb } from './lib';

/** Writes N buckets with their companions as one .tf.json file; returns its path. */
export function writeBuckets(n: number, dir: string): string {
  const r: { [type: string]: { [name: string]: any } } = {};
  const add = (type: string, name: string, body: any) => ((r[type] ??= {})[name] = body);
  for (let i = 0; i < n; i++) {
    const b = `b${i}`;
    const ref = `\${aws_s3_bucket.${b}.id}`;
    add('aws_s3_bucket', b, { bucket: `bench-bucket-${i}`, tags: { platform: 'bench' } });
    add('aws_s3_bucket_versioning', b, {
      bucket: ref,
      versioning_configuration: { status: 'Enabled' },
    });
    add('aws_s3_bucket_server_side_encryption_configuration', b, {
      bucket: ref,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: '${aws_kms_key.k.arn}',
          },
          bucket_key_enabled: true,
        },
      ],
    });
    add('aws_s3_bucket_public_access_block', b, {
      bucket: ref,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    add('aws_s3_bucket_policy', b, {
      bucket: ref,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [`\${aws_s3_bucket.${b}.arn}`, `\${aws_s3_bucket.${b}.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    add('aws_s3_bucket_logging', b, { bucket: ref, target_bucket: 'bench-logs' });
    add('aws_s3_bucket_ownership_controls', b, {
      bucket: ref,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
    add('aws_s3_bucket_lifecycle_configuration', b, {
      bucket: ref,
      rule: [{ id: 'expire', status: 'Enabled', expiration: { days: 30 } }],
    });
  }
  add('aws_kms_key', 'k', { enable_key_rotation: true });
  const file = path.join(dir, 'main.tf.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ provider: { aws: { region: 'eu-west-1' } }, resource: r }),
  );
  return file;
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scan-'));
  const file = writeBuckets(n, dir);
  const mb = fs.statSync(file).size / 1e6;
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require('../lib/cli/main') as typeof import('../lib/cli/main');
  let out = '';
  const code = runCli(
    ['check', file, '--json'],
    (s) => (out = s),
    () => undefined,
  );
  const t1 = performance.now();
  const resources = JSON.parse(out).reduce((s: number, r: any) => s + r.coverage.resources, 0);
  fs.rmSync(dir, { recursive: true, force: true });
  if (code > 1) throw new Error(`check exited ${code}`);
  console.log(
    JSON.stringify({
      wallMs: Math.round(t1 - t0),
      rssMb: peakRssMb(),
      mb: Math.round(mb * 10) / 10,
      resources,
    }),
  );
}
