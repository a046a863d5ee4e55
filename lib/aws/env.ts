import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { defaultProviderRegion, partitionOfRegion } from './validation';

/** Where a construct is deployed: region, account and partition (literals when known, else data-source tokens). */
export interface AwsEnv {
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  /** True when `region` is a literal (from the props or the stack's default AWS provider). */
  readonly regionKnown: boolean;
}

/** The region of the stack's default (un-aliased) AWS provider, when it is a literal. */
export function providerRegion(scope: IConstruct): string | undefined {
  return defaultProviderRegion(scope);
}

/** The partition of a Region: from the bundled Region list, else by its prefix. */
function partitionOf(region: string): string {
  const known = partitionOfRegion(region);
  if (known) return known;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function singleton<T extends IConstruct>(
  scope: IConstruct,
  id: string,
  make: (stack: TerraformStack) => T,
): T {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? make(stack);
}

/**
 * Resolves region/account/partition for ARNs. Literals are preferred (readable Terraform, and
 * residency checks can see them); otherwise stack-level `aws_region` / `aws_caller_identity`
 * data sources are used, which need no credentials at synth time.
 */
export function awsEnv(scope: IConstruct, accountId?: string, region?: string): AwsEnv {
  const r = region ?? providerRegion(scope);
  const regionToken =
    r ??
    singleton(scope, 'secure-mlops-region', (s) => new DataAwsRegion(s, 'secure-mlops-region'))
      .region;
  const account =
    accountId ??
    singleton(
      scope,
      'secure-mlops-caller',
      (s) => new DataAwsCallerIdentity(s, 'secure-mlops-caller'),
    ).accountId;
  const partition =
    r !== undefined
      ? partitionOf(r)
      : singleton(
          scope,
          'secure-mlops-partition',
          (s) => new DataAwsPartition(s, 'secure-mlops-partition'),
        ).partition;
  return { region: regionToken, account, partition, regionKnown: r !== undefined };
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function arn(
  env: AwsEnv,
  service: string,
  resource: string,
  opts: { region?: boolean; account?: boolean } = {},
): string {
  const region = opts.region === false ? '' : env.region;
  const account = opts.account === false ? '' : env.account;
  return `arn:${env.partition}:${service}:${region}:${account}:${resource}`;
}

/**
 * The IAM role or user that runs Terraform: `aws_iam_session_context` turns the caller's
 * assumed-role session ARN into the role ARN (key policies must name the role, not a session).
 */
export function deployerArn(scope: IConstruct): string {
  const caller = singleton(
    scope,
    'secure-mlops-caller',
    (s) => new DataAwsCallerIdentity(s, 'secure-mlops-caller'),
  );
  return singleton(
    scope,
    'secure-mlops-deployer',
    (s) => new DataAwsIamSessionContext(s, 'secure-mlops-deployer', { arn: caller.arn }),
  ).issuerArn;
}
