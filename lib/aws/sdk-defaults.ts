// The SageMaker Python SDK's configuration file (intelligent defaults, config.yaml) that matches
// the platform's guardrails, so that estimators, processors, models and monitors created in
// Studio carry what the guardrails require without every notebook naming it.
import { TENANT_TAG } from './defaults';

/** What the platform's guardrails require of the jobs, models and monitors users create. */
export interface SdkDefaultsInput {
  /** The data bucket (the SDK's default bucket). */
  readonly bucketName: string;
  /** The platform key ARN (AWS-07, AWS-16). */
  readonly keyArn: string;
  /** The job subnets (AWS-17). */
  readonly subnetIds: string[];
  /** The jobs security group (AWS-17). */
  readonly securityGroupIds: string[];
  /** Whether the guardrails require network isolation (AWS-17). */
  readonly networkIsolation: boolean;
  /** The tenant of a tenant's platform (AWS-30): its resources are created with the `tenant` tag. */
  readonly tenantId?: string;
}

/**
 * The prefix of the data bucket the SDK writes job code and outputs under: `jobs/`, which the
 * data scientists' and the training role's policies write (ML engineers stage pipeline code
 * under `pipelines/`, their sessions' `default_bucket_prefix`).
 */
export const SDK_DEFAULT_PREFIX = 'jobs';

/**
 * The configuration document, in the schema of the SageMaker Python SDK
 * (`sagemaker/config/config_schema.py`, SchemaVersion 1.0). JSON is YAML: written to
 * `config.yaml` as it is. A training or processing job's volume key is left out: on instance
 * types with local storage (ml.g5, ml.p4d, …) SageMaker rejects it, and the guardrails do not
 * require it there; endpoint configurations take it (AWS-16).
 */
export function sagemakerSdkDefaults(i: SdkDefaultsInput): { [key: string]: unknown } {
  const vpc = { SecurityGroupIds: i.securityGroupIds, Subnets: i.subnetIds };
  // network isolation only where the guardrails require it (AWS-17 requireNetworkIsolation)
  const network = {
    EnableInterContainerTrafficEncryption: true,
    ...(i.networkIsolation ? { EnableNetworkIsolation: true } : {}),
    VpcConfig: vpc,
  };
  // AWS-30: a tenant role creates jobs, models, endpoints, monitors and pipelines only with its
  // tenant tag (the SDK adds the configured tags to the caller's)
  const tags = i.tenantId === undefined ? {} : { Tags: [{ Key: TENANT_TAG, Value: i.tenantId }] };
  return {
    SchemaVersion: '1.0',
    SageMaker: {
      PythonSDK: {
        Modules: {
          Session: { DefaultS3Bucket: i.bucketName, DefaultS3ObjectKeyPrefix: SDK_DEFAULT_PREFIX },
          // @remote functions run as training jobs: S3KmsKeyId is their output key
          RemoteFunction: {
            EnableInterContainerTrafficEncryption: true,
            S3KmsKeyId: i.keyArn,
            VpcConfig: vpc,
          },
        },
      },
      TrainingJob: {
        ...network,
        // AWS-16: the model artifacts, else under the AWS managed aws/s3 key
        OutputDataConfig: { KmsKeyId: i.keyArn },
        ...tags,
      },
      ProcessingJob: {
        NetworkConfig: network,
        ProcessingOutputConfig: { KmsKeyId: i.keyArn },
        ...tags,
      },
      TransformJob: { TransformOutput: { KmsKeyId: i.keyArn }, ...tags },
      Model: { VpcConfig: vpc, ...tags },
      EndpointConfig: {
        KmsKeyId: i.keyArn,
        DataCaptureConfig: { KmsKeyId: i.keyArn },
        AsyncInferenceConfig: { OutputConfig: { KmsKeyId: i.keyArn } },
        ...tags,
      },
      ...(i.tenantId === undefined ? {} : { Endpoint: tags, Pipeline: tags }),
      MonitoringSchedule: {
        MonitoringScheduleConfig: {
          MonitoringJobDefinition: {
            MonitoringOutputConfig: { KmsKeyId: i.keyArn },
            MonitoringResources: { ClusterConfig: { VolumeKmsKeyId: i.keyArn } },
            NetworkConfig: network,
          },
        },
        ...tags,
      },
    },
  };
}
