// `cdktf-secure-mlops/azure`: the cloud-neutral API plus the Azure constructs and rule pack.
// Loads @cdktf/provider-azurerm and @cdktf/provider-time and no other provider package
// (test/packaging/entrypoints.test.ts).
export * from '../core';
export * from '../azure';
