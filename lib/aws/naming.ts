// Names that must be unique beyond one account and region (S3 bucket names are global).
import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { uniqueSuffix } from '../core/naming';
import { AwsEnv } from './env';

/** Longest region name AWS uses today (`ap-southeast-5`, `us-gov-west-1` are shorter). */
const MAX_REGION_LENGTH = 16;

/**
 * A name that is unique per account and region and stable across synths:
 * `<prefix>-<account>-<region>-<suffix>`, the suffix derived from the construct path. Two
 * accounts (or regions) deploying the same code get different names; the same account and
 * region always get the same name. Account and region may be Terraform expressions (data
 * sources); the prefix is then shortened for the longest account id and region name.
 */
export function accountRegionalName(
  scope: IConstruct,
  env: AwsEnv,
  prefix: string,
  maxLength: number,
): string {
  const suffix = uniqueSuffix(scope, 6);
  const accountLength = Token.isUnresolved(env.account) ? 12 : env.account.length;
  const regionLength = Token.isUnresolved(env.region) ? MAX_REGION_LENGTH : env.region.length;
  const room = maxLength - accountLength - regionLength - suffix.length - 3;
  const head = prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, Math.max(1, room))
    .replace(/-+$/, '');
  return `${head || 'b'}-${env.account}-${env.region}-${suffix}`;
}

/**
 * Text EC2 accepts in security group names and descriptions and in rule descriptions: at most
 * 255 characters of `a-zA-Z0-9`, space and `._-:/()#,@[]+=&;{}!$*`; any other character becomes
 * `-`. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 */
export function ec2Text(text: string): string {
  if (Token.isUnresolved(text)) return text;
  return text.replace(/[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, '-').slice(0, 255);
}
