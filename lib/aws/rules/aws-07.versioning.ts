import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { blocks, isUnknown, readValue } from '../../core/rules/attributes';
import { companions } from './bucket-companions';

/** AWS-07: versioning on. */
export const aws07BucketVersioning = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'S3 buckets have versioning enabled',
  fixHint: 'Add an aws_s3_bucket_versioning with status Enabled',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const v = companions(stack, 'aws_s3_bucket_versioning', r)[0];
    if (!v) return 'versioning is not Enabled';
    const config = blocks(v, 'versioning_configuration');
    if (isUnknown(config)) return config;
    const status = readValue(config[0], 'status', 'versioning_configuration.status');
    if (isUnknown(status)) return status;
    return status === 'Enabled' || 'versioning is not Enabled';
  },
});
