// `cdktf-secure-mlops/core`: the cloud-neutral API (personas, validation, tagging, residency,
// removal policy, the compliance engine). Loads no provider package.
export * from '../core';
