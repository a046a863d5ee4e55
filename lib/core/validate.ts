import { Token } from 'cdktf';
import { parseCidrOrUndefined } from './cidr';
import { cloudValidator } from './cloud-profile';

/** True when `v` is a string token, known only at apply time (validators skip it). */
export function unresolvedString(v: unknown): boolean {
  return typeof v === 'string' && Token.isUnresolved(v);
}

const unresolved = unresolvedString;

/**
 * Validators of cloud-neutral formats (CIDRs, UUIDs, durations). Each cloud's names and
 * identifiers have their own validators: `AwsValidate`, `GcpValidate`, `AzureValidate`.
 *
 * Each returns `undefined` when the value is valid (or is an unresolved token, only known at
 * apply time) and otherwise a description of what is allowed.
 */
export class Validate {
  /** IPv4 CIDR blocks such as 10.0.0.0/16, with no host bits set. */
  public static cidr(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    const parsed = parseCidrOrUndefined(v);
    if (!parsed) return 'an IPv4 CIDR block such as 10.0.0.0/16';
    if (parsed.first !== v.split('/')[0]) {
      return `an IPv4 CIDR block with no host bits set (did you mean ${parsed.first}/${parsed.prefix}?)`;
    }
    return undefined;
  }

  /** Durations in seconds as GCP writes them, e.g. '7776000s'. */
  public static durationSeconds(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^\d+(\.\d{1,9})?s$/.test(v)
      ? undefined
      : "a duration in seconds with an 's' suffix, e.g. '7776000s'";
  }

  /** UUIDs (Azure object, tenant and subscription ids). */
  public static uuid(v: string): string | undefined {
    if (unresolved(v)) return undefined;
    return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
      ? undefined
      : 'a UUID such as 00000000-0000-0000-0000-000000000000';
  }

  // ---- deprecated: each cloud's validators moved to its folder. These delegate to the cloud's
  // registered profile (core imports no cloud), so they work wherever that cloud is loaded.

  /**
   * S3 bucket naming rules.
   * @deprecated use `AwsValidate.bucketName`
   */
  public static s3BucketName(v: string): string | undefined {
    return cloudValidator('aws', 'bucketName', 's3BucketName')(v);
  }

  /**
   * Cloud Storage bucket naming rules.
   * @deprecated use `GcpValidate.bucketName`
   */
  public static gcsBucketName(v: string): string | undefined {
    return cloudValidator('gcp', 'bucketName', 'gcsBucketName')(v);
  }

  /**
   * Azure storage account names.
   * @deprecated use `AzureValidate.storageAccountName`
   */
  public static azureStorageAccountName(v: string): string | undefined {
    return cloudValidator('azure', 'storageAccountName', 'azureStorageAccountName')(v);
  }

  /**
   * Azure Key Vault names.
   * @deprecated use `AzureValidate.keyVaultName`
   */
  public static azureKeyVaultName(v: string): string | undefined {
    return cloudValidator('azure', 'keyVaultName', 'azureKeyVaultName')(v);
  }

  /**
   * Generic Azure resource names, up to maxLength.
   * @deprecated use `AzureValidate.resourceName`
   */
  public static azureResourceName(v: string, maxLength: number): string | undefined {
    return cloudValidator('azure', 'resourceName', 'azureResourceName')(v, maxLength);
  }

  /**
   * AWS IAM role names.
   * @deprecated use `AwsValidate.roleName`
   */
  public static iamRoleName(v: string): string | undefined {
    return cloudValidator('aws', 'roleName', 'iamRoleName')(v);
  }

  /**
   * GCP service account ids.
   * @deprecated use `GcpValidate.serviceAccountId`
   */
  public static gcpServiceAccountId(v: string): string | undefined {
    return cloudValidator('gcp', 'serviceAccountId', 'gcpServiceAccountId')(v);
  }

  /**
   * GCP project ids.
   * @deprecated use `GcpValidate.projectId`
   */
  public static gcpProjectId(v: string): string | undefined {
    return cloudValidator('gcp', 'projectId', 'gcpProjectId')(v);
  }

  /**
   * GCP label keys.
   * @deprecated use `GcpValidate.labelKey`
   */
  public static gcpLabelKey(v: string): string | undefined {
    return cloudValidator('gcp', 'labelKey', 'gcpLabelKey')(v);
  }

  /**
   * GCP label values.
   * @deprecated use `GcpValidate.labelValue`
   */
  public static gcpLabelValue(v: string): string | undefined {
    return cloudValidator('gcp', 'labelValue', 'gcpLabelValue')(v);
  }

  /**
   * GCP IAM member strings.
   * @deprecated use `GcpValidate.member`
   */
  public static gcpMember(v: string): string | undefined {
    return cloudValidator('gcp', 'member', 'gcpMember')(v);
  }

  /**
   * AWS region names.
   * @deprecated use `AwsValidate.region`
   */
  public static awsRegion(v: string): string | undefined {
    return cloudValidator('aws', 'region', 'awsRegion')(v);
  }

  /**
   * GCP region names.
   * @deprecated use `GcpValidate.region`
   */
  public static gcpRegion(v: string): string | undefined {
    return cloudValidator('gcp', 'region', 'gcpRegion')(v);
  }

  /**
   * GCP locations (regions, multi/dual-regions).
   * @deprecated use `GcpValidate.location`
   */
  public static gcpLocation(v: string): string | undefined {
    return cloudValidator('gcp', 'location', 'gcpLocation')(v);
  }

  /**
   * Azure locations.
   * @deprecated use `AzureValidate.location`
   */
  public static azureLocation(v: string): string | undefined {
    return cloudValidator('azure', 'location', 'azureLocation')(v);
  }

  /**
   * SageMaker resource names.
   * @deprecated use `AwsValidate.sagemakerName`
   */
  public static sagemakerName(v: string): string | undefined {
    return cloudValidator('aws', 'sagemakerName', 'sagemakerName')(v);
  }

  /**
   * AWS account ids.
   * @deprecated use `AwsValidate.accountId`
   */
  public static awsAccountId(v: string): string | undefined {
    return cloudValidator('aws', 'accountId', 'awsAccountId')(v);
  }

  /**
   * ARNs, optionally of one service.
   * @deprecated use `AwsValidate.arn`
   */
  public static arn(v: string, service?: string): string | undefined {
    return cloudValidator('aws', 'arn', 'arn')(v, service);
  }
}
