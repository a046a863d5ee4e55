// The package root: every cloud, each registering its profile with core.
import './aws/profile';
import './gcp/profile';
import './azure/profile';
export * from './core';
export * from './aws';
export * from './gcp';
export * from './azure';
export { AwsValidate } from './aws/validate';
export { GcpValidate } from './gcp/validate';
export { AzureValidate } from './azure/validate';
