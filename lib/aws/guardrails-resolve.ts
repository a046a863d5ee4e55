// Validation and defaults of GuardrailPolicies: props in, the resolved configuration out.
import { Construct } from 'constructs';
import { defaultGuardrailPoliciesProps, SYSTEM_INSTANCE_TYPE, withDefaults } from './defaults';
import type { GuardrailPoliciesProps } from './guardrails';
import {
  approvedImageArnList,
  awsValidator,
  checkedProps,
  DEPLOYER_NOT_ROOT,
  ec2Id,
  iamPrincipalList,
  kmsKeyArn,
  stringListOf,
  studioInstanceTypeList,
  bool,
  matchingStringList,
} from './validation';

/** The configuration of GuardrailPolicies: its validated props with every default applied. */
export interface ResolvedGuardrailPoliciesProps {
  /** Instance types in force, with `system`. */
  readonly allowedInstanceTypes: string[];
  /** Approved image ARNs; none means no image restriction. */
  readonly approvedImageArns: string[];
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly requireNetworkIsolation: boolean;
  readonly outputKmsKeyArn?: string;
  readonly requiredJobTagKeys: string[];
  readonly adminPrincipalArns: string[];
  readonly deployerPrincipalArns: string[];
  readonly emitScpOutputs: boolean;
}

/** Validates the props of GuardrailPolicies (one error for every problem) and applies the defaults. */
export function resolveGuardrailPoliciesProps(
  scope: Construct,
  props: GuardrailPoliciesProps,
): ResolvedGuardrailPoliciesProps {
  const checked = checkedProps(scope, props, true, validateGuardrailPoliciesProps);
  const p = withDefaults(defaultGuardrailPoliciesProps(), checked);
  const types = p.allowedInstanceTypes;
  return {
    allowedInstanceTypes: types.includes(SYSTEM_INSTANCE_TYPE)
      ? [...types]
      : [...types, SYSTEM_INSTANCE_TYPE],
    approvedImageArns: p.approvedImageArns ?? [],
    subnetIds: p.subnetIds,
    securityGroupIds: p.securityGroupIds,
    requireNetworkIsolation: p.requireNetworkIsolation,
    outputKmsKeyArn: p.outputKmsKeyArn,
    requiredJobTagKeys: p.requiredJobTagKeys,
    adminPrincipalArns: p.adminPrincipalArns ?? [],
    deployerPrincipalArns: p.deployerPrincipalArns ?? [],
    emitScpOutputs: p.emitScpOutputs,
  };
}

/** Validates the props of GuardrailPolicies: throws one ValidationError listing every problem. */
export function validateGuardrailPoliciesProps(
  scope: Construct,
  props: GuardrailPoliciesProps,
): void {
  const v = awsValidator(scope);
  if (props.allowedInstanceTypes !== undefined)
    studioInstanceTypeList(v, 'allowedInstanceTypes', props.allowedInstanceTypes);
  approvedImageArnList(v, 'approvedImageArns', props.approvedImageArns);
  for (const sn of stringListOf(v, 'subnetIds', props.subnetIds, {
    optional: false,
    minLength: 1,
  }))
    ec2Id(v, sn.at, sn.value, 'subnet');
  for (const sg of stringListOf(v, 'securityGroupIds', props.securityGroupIds, {
    optional: false,
    minLength: 1,
  }))
    ec2Id(v, sg.at, sg.value, 'sg');
  bool(v, 'requireNetworkIsolation', props.requireNetworkIsolation);
  if (props.outputKmsKeyArn !== undefined) kmsKeyArn(v, 'outputKmsKeyArn', props.outputKmsKeyArn);
  bool(v, 'emitScpOutputs', props.emitScpOutputs);
  matchingStringList(
    v,
    'requiredJobTagKeys',
    props.requiredJobTagKeys,
    (s) => /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(s) && !s.toLowerCase().startsWith('aws:'),
    "tag keys of 1-128 letters, digits, spaces and '_.:/=+-@', not starting with 'aws:'",
  );
  matchingStringList(
    v,
    'adminPrincipalArns',
    props.adminPrincipalArns,
    /^arn:aws[a-z-]*:(iam|sts)::(\d{12}|\*):.+$/,
    'IAM principal ARN patterns such as arn:aws:iam::111111111111:role/mlops-prod-ml-admin-*',
  );
  iamPrincipalList(v, 'deployerPrincipalArns', props.deployerPrincipalArns, {
    notRoot: DEPLOYER_NOT_ROOT,
  });
  v.throwIfInvalid();
}
