import { unresolvedString as unresolved } from '../core/validate';

const AWS_REGION =
  /^(af|ap|ca|cn|eu|il|me|mx|sa|us|us-gov|us-iso|us-isob)-(central|north|south|east|west|northeast|southeast|northwest|southwest)-\d{1,2}$/;

/**
 * Validators of AWS names and identifiers (X-10).
 *
 * Each returns `undefined` when the value is valid (or is an unresolved token, only known at
 * apply time) and otherwise a description of what is allowed.
 */
export class AwsValidate {
  /** S3 bucket naming rules (general purpose buckets). */
  public static bucketName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const allowed =
      '3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, no reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
    if (
      !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) ||
      v.includes('..') ||
      /^\d+\.\d+\.\d+\.\d+$/.test(v) ||
      /^(xn--|sthree-|amzn-s3-demo-)/.test(v) ||
      /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(v)
    ) {
      return allowed;
    }
    return undefined;
  }

  /** IAM role names: 1-64 characters of letters, digits and +=,.@_- . */
  public static roleName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[\w+=,.@-]{1,64}$/.test(v) ? undefined : "1-64 letters, digits and '+=,.@_-'";
  }

  /** Region names such as eu-west-1. */
  public static region(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return AWS_REGION.test(v) ? undefined : 'an AWS region name such as eu-west-1 or us-east-2';
  }

  /** SageMaker resource names (domains, user profiles, spaces, model package groups). */
  public static sagemakerName(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/.test(v)
      ? undefined
      : '1-63 letters, digits and hyphens, starting and ending with a letter or digit';
  }

  /** Account ids: 12 digits. */
  public static accountId(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^\d{12}$/.test(v) ? undefined : 'a 12-digit AWS account id';
  }

  /** ARNs, optionally of one service (e.g. 'kms'). */
  public static arn(v: string, service?: string): string | undefined {
    if (unresolved(v)) return undefined;
    const svc = service ?? '[a-z0-9-]+';
    const re = new RegExp(`^arn:aws[a-z-]*:${svc}:[a-z0-9-]*:(\\d{12}|aws)?:.+$`);
    return re.test(v)
      ? undefined
      : `an ARN${service ? ` of service ${service}` : ''} such as arn:aws:${service ?? 'iam'}:eu-west-1:111111111111:...`;
  }
}
