import { AwsMlopsChecks } from '../../lib/aws';
import { casesOf, describeRules, Row, tf } from '../rule-harness';

// AWS-05.service-principals: a KMS key policy statement for an AWS service principal is pinned
// to this account's resources (confused deputy), by a source or an encryption-context condition.

const pack = new AwsMlopsChecks();
const ID = 'AWS-05.service-principals';
const TRAIL = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/t';

const cloudTrail = (action: string, condition?: any) => ({
  Sid: 'CloudTrail',
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: action,
  Resource: '*',
  ...(condition ? { Condition: condition } : {}),
});
const key = (type: string, ...statements: any[]) =>
  tf({
    [type]: {
      k: { policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) },
    },
  });

describeRules(
  ID,
  pack,
  casesOf(ID, [
    [
      'Decrypt for the S3 Bucket Key limited to the trail',
      key('aws_kms_key', cloudTrail('kms:Decrypt', { StringEquals: { 'aws:SourceArn': TRAIL } })),
      'aws_kms_key.k',
      'COMPLIANT',
    ],
    [
      'GenerateDataKey* under the account trails encryption context',
      key(
        'aws_kms_key',
        cloudTrail('kms:GenerateDataKey*', {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*',
          },
        }),
      ),
      'aws_kms_key.k',
      'COMPLIANT',
    ],
    [
      'SNS publishers limited to the account',
      key('aws_kms_key', {
        Effect: 'Allow',
        Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      }),
      'aws_kms_key.k',
      'COMPLIANT',
    ],
    [
      'DescribeKey alone (key metadata, no use)',
      key('aws_kms_key', cloudTrail('kms:DescribeKey')),
      'aws_kms_key.k',
      'COMPLIANT',
    ],
    [
      'named roles only (no service principal)',
      key('aws_kms_key', {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/app' },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
      'aws_kms_key.k',
      'COMPLIANT',
    ],
    [
      'Decrypt for the S3 Bucket Key with no condition: any trail of any account',
      key('aws_kms_key', cloudTrail('kms:Decrypt')),
      'aws_kms_key.k',
      'NON_COMPLIANT',
      "statement 'CloudTrail' lets cloudtrail.amazonaws.com use the key",
    ],
    [
      'a source condition that admits a missing key (IfExists)',
      key(
        'aws_kms_key_policy',
        cloudTrail('kms:Decrypt', { StringEqualsIfExists: { 'aws:SourceArn': TRAIL } }),
      ),
      'aws_kms_key_policy.k',
      'NON_COMPLIANT',
    ],
    [
      'a wildcard encryption context',
      key(
        'aws_kms_key',
        cloudTrail('kms:GenerateDataKey*', {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': '*' },
        }),
      ),
      'aws_kms_key.k',
      'NON_COMPLIANT',
    ],
    [
      'a key policy expression',
      tf({ aws_kms_key: { k: { policy: '${var.key_policy}' } } }),
      'aws_kms_key.k',
      'UNKNOWN',
    ],
    [
      'a key whose policy an aws_kms_key_policy replaces is judged by that policy',
      tf({
        aws_kms_key: {
          k: {
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [cloudTrail('kms:Decrypt')],
            }),
          },
        },
        aws_kms_key_policy: {
          p: {
            key_id: '${aws_kms_key.k.id}',
            policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [cloudTrail('kms:Decrypt', { StringEquals: { 'aws:SourceArn': TRAIL } })],
            }),
          },
        },
      }),
      'aws_kms_key.k',
      'NOT_APPLICABLE',
    ],
    [
      'the default key policy',
      tf({ aws_kms_key: { k: { description: 'k' } } }),
      'aws_kms_key.k',
      'NOT_APPLICABLE',
    ],
  ] as Row[]),
);
