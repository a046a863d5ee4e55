// `cdktf-secure-mlops/gcp`: the cloud-neutral API plus the GCP constructs and rule pack. Loads
// @cdktf/provider-google, @cdktf/provider-google-beta and @cdktf/provider-time and no other
// provider package (test/packaging/entrypoints.test.ts), and registers the GCP profile with core.
import '../gcp/profile';
export * from '../core';
export * from '../gcp';
export { GcpValidate } from '../gcp/validate';
