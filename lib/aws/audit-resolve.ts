// Validation and defaults of AuditTrail: props in, the resolved configuration out.
import { Construct } from 'constructs';
import type { AuditTrailProps } from './audit';
import { defaultAuditTrailProps, withDefaults } from './defaults';
import { PlatformKey } from './kms';
import { SecureBucket } from './secure-bucket';
import {
  bool,
  accountId,
  awsValidator,
  checkedProps,
  awsRegion,
  cidr,
  iamPrincipalList,
  integer,
  kmsKeyArnOrToken,
  logRetentionDays,
  removalPolicy,
  organizationTrailArn,
  stringListOf,
  matchingStringList,
} from './validation';
import { isUnresolved } from '../core/errors';

/** The configuration of AuditTrail: its validated props with every default applied. */
export type ResolvedAuditTrailProps = AuditTrailProps & ReturnType<typeof defaultAuditTrailProps>;

/** Validates the props of AuditTrail (one error for every problem) and applies the defaults. */
export function resolveAuditTrailProps(
  scope: Construct,
  props: AuditTrailProps,
): ResolvedAuditTrailProps {
  const checked = checkedProps(scope, props, true, validateAuditTrailProps);
  return withDefaults(defaultAuditTrailProps(), checked);
}

/** Validates the props of AuditTrail: throws one ValidationError listing every problem. */
export function validateAuditTrailProps(scope: Construct, props: AuditTrailProps): void {
  const v = awsValidator(scope);
  kmsKeyArnOrToken(v, 'kmsKeyArn', props.kmsKeyArn);
  v.require(
    props.platformKey === undefined || props.platformKey instanceof PlatformKey,
    'platformKey',
    props.platformKey,
    'a PlatformKey construct',
  );
  v.require(
    props.accessLogBucket instanceof SecureBucket,
    'accessLogBucket',
    props.accessLogBucket,
    'a SecureBucket receiving server access logs (required)',
  );
  logRetentionDays(v, 'logRetentionDays', props.logRetentionDays);
  for (const c of stringListOf(v, 'presignedUrlAllowedCidrs', props.presignedUrlAllowedCidrs, {
    unique: true,
  }))
    cidr(v, c.at, c.value, { allowList: true });
  organizationTrailArn(v, 'organizationTrailArn', props.organizationTrailArn);
  matchingStringList(
    v,
    'dataEventBucketArns',
    props.dataEventBucketArns,
    (s) => isUnresolved(s) || /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/.test(s),
    'an S3 bucket ARN such as arn:aws:s3:::my-bucket',
  );
  integer(v, 'trailBucketLockDays', props.trailBucketLockDays, { min: 1, max: 36500 });
  integer(v, 'errorAlarmThreshold', props.errorAlarmThreshold, { min: 1 });
  bool(v, 'createLogGroups', props.createLogGroups);
  bool(v, 'alarms', props.alarms);
  matchingStringList(
    v,
    'platformRoleNamePatterns',
    props.platformRoleNamePatterns,
    /^[\w+=,.@*?-]{1,64}$/,
    "IAM role names or patterns of letters, digits, '+=,.@_-' and wildcards",
  );
  iamPrincipalList(v, 'logReaderArns', props.logReaderArns);
  accountId(v, 'accountId', props.accountId);
  if (props.region !== undefined) awsRegion(v, 'region', props.region, { literal: true });
  removalPolicy(v, 'removalPolicy', props.removalPolicy);
  v.throwIfInvalid();
}
