// `cdktf-secure-mlops/aws`: the cloud-neutral API plus the AWS constructs and rule pack. Loads
// @cdktf/provider-aws and no other provider package (test/packaging/entrypoints.test.ts).
export * from '../core';
export * from '../aws';
