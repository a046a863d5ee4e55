// `cdktf-secure-mlops/aws`: the cloud-neutral API plus the AWS constructs and rule pack. Loads
// @cdktf/provider-aws and no other provider package (test/packaging/entrypoints.test.ts), and
// registers the AWS profile with core.
import '../aws/profile';
export * from '../core';
export * from '../aws';
export { AwsValidate } from '../aws/validate';
