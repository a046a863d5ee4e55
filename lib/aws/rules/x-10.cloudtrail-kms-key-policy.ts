import { defineApplyRule } from '../../core/compliance/define-rule';
import { blocks, isTrue, isUnknown, readValue } from '../../core/rules/attributes';
import { referenced } from '../../core/rules/references';
import { companions } from './bucket-companions';
import { allows, statementsFor } from './policy-statements';
import { keyPolicyStatements } from './x-10.backup-vault-kms-key-policy';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/**
 * A trail encrypted with a key of the stack needs the key policy sections CloudTrail documents:
 * GenerateDataKey* and DescribeKey for cloudtrail.amazonaws.com (DescribeKey carries no
 * encryption context, so an encryption-context condition on it never matches), and Decrypt
 * when the trail bucket uses an S3 Bucket Key with the same key. Otherwise CreateTrail fails
 * with InsufficientEncryptionPolicyException.
 */
export const x10CloudTrailKmsKeyPolicy = defineApplyRule(__filename, {
  source:
    'AWS CloudTrail User Guide, configure AWS KMS key policies for CloudTrail (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html): encrypt (kms:GenerateDataKey*), describe (kms:DescribeKey) and, with an S3 Bucket Key, decrypt (kms:Decrypt) permissions are required to create or update a trail; API CreateTrail, InsufficientEncryptionPolicyException',
  description:
    'Trails encrypted with a KMS key of the stack use a key policy that allows cloudtrail.amazonaws.com GenerateDataKey*, DescribeKey (without an encryption-context condition) and, with an S3 Bucket Key, Decrypt',
  fixHint:
    'Add the CloudTrail statements of the CloudTrail KMS key policy documentation; never condition kms:DescribeKey on kms:EncryptionContext',
  resourceTypes: ['aws_cloudtrail'],
  check: (r, stack) => {
    const key = referenced(stack, r.attributes.kms_key_id, 'aws_kms_key');
    if (!key) return undefined;
    const st = keyPolicyStatements(stack, key); // aws_kms_key_policy replaces `policy`
    if (st === undefined) return undefined; // the default key policy delegates to IAM
    if (isUnknown(st)) return st;
    const trail = statementsFor(st, CLOUDTRAIL);
    const problems: string[] = [];
    if (!trail.some((s) => allows(s, 'kms:GenerateDataKey')))
      problems.push('no kms:GenerateDataKey* for cloudtrail.amazonaws.com');
    const describe = trail.filter((s) => allows(s, 'kms:DescribeKey'));
    if (describe.length === 0) problems.push('no kms:DescribeKey for cloudtrail.amazonaws.com');
    else if (
      describe.every((s) => JSON.stringify(s.Condition ?? {}).includes('kms:EncryptionContext'))
    )
      problems.push(
        'kms:DescribeKey for cloudtrail.amazonaws.com is conditioned on an encryption context, which DescribeKey requests never carry',
      );
    const bucket = referenced(stack, r.attributes.s3_bucket_name, 'aws_s3_bucket');
    if (bucket) {
      const sse = companions(
        stack,
        'aws_s3_bucket_server_side_encryption_configuration',
        bucket,
      )[0];
      const rules = sse ? blocks(sse, 'rule') : [];
      if (isUnknown(rules)) return rules;
      const bucketKey = rules.some(
        (x) =>
          isTrue(readValue(x, 'bucket_key_enabled')) &&
          String(JSON.stringify(x.apply_server_side_encryption_by_default ?? '')).includes(
            `aws_kms_key.${key.name}.`,
          ),
      );
      if (bucketKey && !trail.some((s) => allows(s, 'kms:Decrypt')))
        problems.push(
          'the trail bucket uses an S3 Bucket Key with this key, but kms:Decrypt is not allowed to cloudtrail.amazonaws.com',
        );
    }
    return problems.length === 0 || `${key.address}: ${problems.join('; ')}`;
  },
});
