// Mutation suite, apply and reference rules: one escape-hatch edit at a time that `terraform plan`
// accepts but the cloud rejects at apply (category APPLY), or that names something the cloud's
// reference data does not hold (category REFERENCE). As for the security edits, the pack at
// synth and the scanner CLI must both report an ERROR of the rule, naming the edited resource.
import { awsSageMakerStudioExample } from '../../examples/aws-sagemaker-studio';
import { azureMlExample } from '../../examples/azure-ml';
import { gcpVertexExample } from '../../examples/gcp-vertex';
import { describeMutations, Mutation, policy } from './harness';

const AWS = 'aws-sagemaker-studio';
const GCP = 'gcp-vertex';
const AZURE = 'azure-ml';

const aws: Mutation[] = [
  // apply
  {
    name: "security group description with ' (EC2 rejects it at apply)",
    rule: 'X-10.ec2-sg-description',
    stack: AWS,
    path: 'ml-platform/jobs-sg',
    overrides: [['description', "SageMaker jobs' security group"]],
  },
  // reference
  {
    name: 'guardrail policy with the deprecated condition key sagemaker:VolumeKmsKey',
    rule: 'X-15.aws-condition-key',
    stack: AWS,
    path: 'ml-platform/guardrails/jobs',
    overrides: [
      [
        'policy',
        policy({
          Sid: 'EndpointConfigKms',
          Effect: 'Deny',
          Action: 'sagemaker:CreateEndpointConfig',
          Resource: '*',
          Condition: { Null: { 'sagemaker:VolumeKmsKey': 'true' } },
        }),
      ],
    ],
  },
  {
    name: 'guardrail policy denying an action that does not exist',
    rule: 'X-15.aws-action',
    stack: AWS,
    path: 'ml-platform/guardrails/domain',
    overrides: [
      [
        'policy',
        policy({
          Sid: 'NoPresignedUrls',
          Effect: 'Deny',
          Action: 'sagemaker:CreatePresignedDomainUrls',
          Resource: '*',
        }),
      ],
    ],
  },
];

const gcp: Mutation[] = [
  // apply
  {
    name: 'a label the e-mail channel descriptor does not define',
    rule: 'GCP-14.channel-labels',
    stack: GCP,
    path: 'ml-platform/monitoring/email-0',
    overrides: [['labels.team', 'ml-platform']],
  },
  // reference
  {
    name: 'grant of a predefined role that does not exist',
    rule: 'X-15.gcp-role',
    stack: GCP,
    path: 'ml-platform/project-bq-job-user-1edfd925',
    overrides: [['role', 'roles/bigquery.jobUsers']],
  },
  {
    name: 'org policy for a constraint that does not exist',
    rule: 'X-15.gcp-org-constraint',
    stack: GCP,
    path: 'ml-platform/org-policies/compute-requireOsLogin',
    overrides: [['name', 'projects/acme-ml-prod-111111/policies/compute.requireOsLogins']],
  },
];

const azure: Mutation[] = [
  // apply
  {
    name: 'serverless compute without public IPs and without a subnet on a private workspace',
    rule: 'AZ-08.serverless-public-ip',
    stack: AZURE,
    path: 'ml-platform/workspace',
    overrides: [['serverless_compute', { public_ip_enabled: false }]],
  },
  {
    name: 'the azapi update making system datastores identity-based removed (shared keys are off)',
    rule: 'AZ-04.system-datastores',
    stack: AZURE,
    path: 'ml-platform/system-datastores-identity',
    overrides: [['count', 0]],
    reported: 'ml-platform/workspace',
  },
  {
    name: "diagnostic setting on the storage account's blob service sending 'AllMetrics'",
    rule: 'AZ-11.storage-metrics',
    stack: AZURE,
    path: 'ml-platform/monitoring/diag-storage-blob/setting',
    overrides: [['enabled_metric', [{ category: 'AllMetrics' }]]],
  },
  // reference
  {
    name: "private endpoint to the storage account with the Key Vault sub-resource 'vault'",
    rule: 'X-15.azure-pe-subresource',
    stack: AZURE,
    path: 'ml-platform/pe-blob/endpoint',
    overrides: [['private_service_connection.subresource_names', ['vault']]],
  },
  {
    name: 'role assignment of a built-in role name that does not exist',
    rule: 'X-15.azure-role',
    stack: AZURE,
    path: 'ml-platform/key-vault/deployer-crypto-officer',
    overrides: [
      ['role_definition_name', 'Key Vault Crypto Officers'],
      ['role_definition_id', undefined],
    ],
  },
];

describeMutations(
  'apply and reference mutations of examples/aws-sagemaker-studio',
  awsSageMakerStudioExample,
  aws,
);
describeMutations('apply and reference mutations of examples/gcp-vertex', gcpVertexExample, gcp);
describeMutations('apply and reference mutations of examples/azure-ml', azureMlExample, azure);
