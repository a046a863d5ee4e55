// `cdktf-secure-mlops/azure`: the cloud-neutral API plus the Azure constructs and rule pack.
// Loads @cdktf/provider-azurerm and @cdktf/provider-time and no other provider package
// (test/packaging/entrypoints.test.ts), and registers the Azure profile with core.
import '../azure/profile';
export * from '../core';
export * from '../azure';
export { AzureValidate } from '../azure/validate';
