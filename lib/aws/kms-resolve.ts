// Validation and defaults of PlatformKey: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { defaultKeyAlias, defaultPlatformKeyProps, withDefaults } from './defaults';
import type { PlatformKeyProps } from './kms';
import {
  accountId,
  awsRegion,
  awsValidator,
  checkedProps,
  DEPLOYER_NOT_ROOT,
  iamPrincipalList,
  integer,
  matchingStringList,
  removalPolicy,
} from './validation';

/** The configuration of PlatformKey: its validated props with every default applied. */
export type ResolvedPlatformKeyProps = PlatformKeyProps &
  ReturnType<typeof defaultPlatformKeyProps> & {
    /** The alias name (without `alias/`). */
    readonly alias: string;
  };

/** Validates the props of PlatformKey (one error for every problem) and applies the defaults. */
export function resolvePlatformKeyProps(
  scope: Construct,
  props: PlatformKeyProps | undefined,
): ResolvedPlatformKeyProps {
  const checked = checkedProps(scope, props, false, validatePlatformKeyProps);
  return withDefaults(
    { ...defaultPlatformKeyProps(), alias: defaultKeyAlias(scope.node.path) },
    checked,
  );
}

/** Validates the props of PlatformKey: throws one ValidationError listing every problem. */
export function validatePlatformKeyProps(scope: Construct, props: PlatformKeyProps): void {
  const v = awsValidator(scope);
  integer(v, 'rotationPeriodDays', props.rotationPeriodDays, { min: 90, max: 365 });
  // KMS accepts 7-30 days; AWS-05 requires 30, and the pack fails synth on anything shorter
  if (props.deletionWindowDays !== undefined && props.deletionWindowDays !== 30)
    v.add(
      'deletionWindowDays',
      props.deletionWindowDays,
      '30 (AWS-05 keeps a 30-day deletion window; KMS itself accepts 7-30, a shorter window fails the AWS-05 rule)',
    );
  iamPrincipalList(v, 'adminPrincipalArns', props.adminPrincipalArns);
  iamPrincipalList(v, 'deployerPrincipalArns', props.deployerPrincipalArns, {
    notRoot: DEPLOYER_NOT_ROOT,
  });
  if (Array.isArray(props.deployerPrincipalArns) && props.deployerPrincipalArns.length === 0)
    v.add(
      'deployerPrincipalArns',
      props.deployerPrincipalArns,
      'at least one IAM role or user ARN (omit the prop to use the principal running Terraform)',
    );
  matchingStringList(
    v,
    'deployerServices',
    props.deployerServices,
    /^[a-z0-9-]{1,64}$/,
    "service prefixes such as 'backup' (kms:ViaService <service>.<region>.amazonaws.com)",
  );
  accountId(v, 'accountId', props.accountId);
  if (props.region !== undefined) awsRegion(v, 'region', props.region, { literal: true });
  removalPolicy(v, 'removalPolicy', props.removalPolicy);
  if (
    props.alias !== undefined &&
    v.string('alias', props.alias) &&
    v.literal('alias', props.alias)
  )
    v.require(
      /^[a-zA-Z0-9:/_-]{1,250}$/.test(props.alias) && !/^aws\//i.test(props.alias),
      'alias',
      props.alias,
      "an alias name (without 'alias/') of 1-250 letters, digits, ':', '/', '_' and '-', not starting with 'aws/'",
    );
  const derivedAlias = defaultKeyAlias(scope.node.path);
  if (props.alias === undefined && derivedAlias.length > 250)
    v.add(
      'alias',
      derivedAlias,
      `an alias of at most 250 characters (256 with 'alias/'): the one derived from the construct path is ${derivedAlias.length}; set alias or use shorter construct ids`,
    );
  v.throwIfInvalid();
}
