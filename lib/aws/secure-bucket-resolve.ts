// Validation and defaults of SecureBucket: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { isUnresolved } from '../core/errors';
import { AwsValidate } from './validate';
import { defaultSecureBucketProps, withDefaults } from './defaults';
import { SecureBucket, SecureBucketProps } from './secure-bucket';
import {
  accountId,
  awsValidator,
  awsRegion,
  bool,
  checkedProps,
  integer,
  kmsKeyArn,
  removalPolicy,
  serviceArn,
} from './validation';

/** The configuration of SecureBucket: its validated props with every default applied. */
export type ResolvedSecureBucketProps = SecureBucketProps &
  ReturnType<typeof defaultSecureBucketProps>;

/** Validates the props of SecureBucket (one error for every problem) and applies the defaults. */
export function resolveSecureBucketProps(
  scope: Construct,
  props: SecureBucketProps | undefined,
): ResolvedSecureBucketProps {
  const checked = checkedProps(scope, props, false, validateSecureBucketProps);
  return withDefaults(defaultSecureBucketProps(), checked);
}

/** Validates the props of SecureBucket: throws one ValidationError listing every problem. */
export function validateSecureBucketProps(scope: Construct, props: SecureBucketProps): void {
  const v = awsValidator(scope);
  if (props.bucketName !== undefined && v.string('bucketName', props.bucketName))
    v.check('bucketName', props.bucketName, AwsValidate.bucketName(props.bucketName));
  if (props.kmsKeyArn !== undefined) kmsKeyArn(v, 'kmsKeyArn', props.kmsKeyArn);
  if (props.kmsKeyId !== undefined && v.string('kmsKeyId', props.kmsKeyId)) {
    v.require(
      props.kmsKeyArn !== undefined,
      'kmsKeyId',
      props.kmsKeyId,
      'only with kmsKeyArn (the id of that key)',
    );
    v.require(
      isUnresolved(props.kmsKeyId) ||
        /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(
          props.kmsKeyId,
        ),
      'kmsKeyId',
      props.kmsKeyId,
      "a KMS key id (a UUID, or 'mrk-' and 32 hex digits for a multi-Region key), not an alias or an ARN",
    );
  }
  bool(v, 'serverAccessLogTarget', props.serverAccessLogTarget);
  bool(v, 'bucketKeyWritesOnly', props.bucketKeyWritesOnly);
  v.require(
    props.kmsKeyArn !== undefined || props.serverAccessLogTarget === true,
    'kmsKeyArn',
    props.kmsKeyArn,
    'a KMS key ARN (SSE-S3 is only used for server access log target buckets)',
  );
  if (props.accessLogBucket !== undefined)
    v.require(
      props.accessLogBucket instanceof SecureBucket,
      'accessLogBucket',
      typeof props.accessLogBucket === 'object'
        ? 'an object that is not a SecureBucket'
        : props.accessLogBucket,
      'a SecureBucket receiving server access logs',
    );
  else
    v.require(
      props.serverAccessLogTarget === true,
      'accessLogBucket',
      undefined,
      'a SecureBucket receiving server access logs (only log target buckets may omit it)',
    );
  integer(v, 'objectLockDays', props.objectLockDays, { min: 1, max: 36500 });
  integer(v, 'noncurrentVersionExpirationDays', props.noncurrentVersionExpirationDays, {
    min: 1,
  });
  integer(v, 'expirationDays', props.expirationDays, { min: 1 });
  accountId(v, 'accountId', props.accountId);
  accountId(v, 'sourceAccountId', props.sourceAccountId, true, false);
  if (props.sourceAccountId !== undefined && props.serverAccessLogTarget !== true)
    v.add(
      'sourceAccountId',
      props.sourceAccountId,
      'only for server access log targets (serverAccessLogTarget: true)',
    );
  if (props.region !== undefined) awsRegion(v, 'region', props.region, { literal: true });
  removalPolicy(v, 'removalPolicy', props.removalPolicy);
  serviceArn(
    v,
    'cloudTrailArn',
    props.cloudTrailArn,
    'cloudtrail',
    'arn:aws:cloudtrail:eu-west-1:111111111111:trail/platform-trail',
    /^trail\/.+$/,
  );
  v.throwIfInvalid();
}
