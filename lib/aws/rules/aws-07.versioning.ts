import { defineRule } from '../../core/compliance/define-rule';
import { RuleLevel, RuleProfile } from '../../core/compliance/rule';
import { isUnknown } from '../../core/rules/attributes';
import { versioningStatus } from './bucket-companions';

/** AWS-07: versioning on. */
export const aws07BucketVersioning = defineRule(__filename, {
  level: RuleLevel.ERROR,
  profile: RuleProfile.PLATFORM,
  description: 'S3 buckets have versioning enabled',
  fixHint: 'Add an aws_s3_bucket_versioning with status Enabled',
  resourceTypes: ['aws_s3_bucket'],
  check: (r, stack) => {
    const { value } = versioningStatus(stack, r);
    if (isUnknown(value)) return value;
    return value === 'Enabled' || 'versioning is not Enabled';
  },
});
