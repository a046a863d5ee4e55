import { defineApplyRule } from '../../core/compliance/define-rule';
import { isExpression, unknown } from '../../core/rules/attributes';
import { dataSources, dependenciesOf } from '../../core/rules/references';

/**
 * The API each resource type calls in its own project (the consumer project Service Usage
 * checks). IAM policy resources and Access Context Manager resources are left out: their
 * consumer project is the caller's quota project, not the resource's.
 */
export const API_OF_TYPE: Array<[RegExp, string]> = [
  [/^google_compute_/, 'compute.googleapis.com'],
  [/^google_dns_/, 'dns.googleapis.com'],
  [/^google_service_networking_connection$/, 'servicenetworking.googleapis.com'],
  [/^google_storage_bucket$/, 'storage.googleapis.com'],
  [/^google_bigquery_dataset$/, 'bigquery.googleapis.com'],
  [/^google_kms_(key_ring|crypto_key)$/, 'cloudkms.googleapis.com'],
  [/^google_artifact_registry_repository$/, 'artifactregistry.googleapis.com'],
  [/^google_vertex_ai_/, 'aiplatform.googleapis.com'],
  [/^google_workbench_instance$/, 'notebooks.googleapis.com'],
  [/^google_logging_project_(bucket_config|sink|exclusion)$/, 'logging.googleapis.com'],
  [/^google_monitoring_(alert_policy|notification_channel)$/, 'monitoring.googleapis.com'],
  [/^google_service_account$/, 'iam.googleapis.com'],
  [/^google_project_iam_custom_role$/, 'iam.googleapis.com'],
  [/^google_data_loss_prevention_/, 'dlp.googleapis.com'],
];

/** The API a type needs enabled in its project, or undefined. */
export function apiOf(type: string): string | undefined {
  return API_OF_TYPE.find(([re]) => re.test(type))?.[1];
}

/**
 * GCP-05 (apply): a resource is created after the API it calls is enabled. On a fresh project
 * `terraform plan` succeeds and the apply fails with "API ... has not been used in project ...
 * or it is disabled" (SERVICE_DISABLED) when a stack creates resources before, or without,
 * enabling their API.
 */
export const gcp05ApiEnabled = defineApplyRule(__filename, {
  source:
    'https://cloud.google.com/service-usage/docs/enable-disable (a disabled API answers 403 SERVICE_DISABLED); provider docs website/docs/r/google_project_service.html.markdown',
  description:
    'Each resource depends, directly or through other resources, on the google_project_service that enables its API, or the stack reads the stack that enables it',
  fixHint:
    'Enable the API in this stack (google_project_service, e.g. GcpProject) and make the resource depend on it, or read the stack that enables it (cross-stack reference)',
  check: (r, stack) => {
    const api = apiOf(r.type);
    if (!api) return undefined;
    const services = stack
      .resources('google_project_service')
      .filter((s) => s.attributes.service === api || isExpression(s.attributes.service));
    const enabling = services.filter((s) => s.attributes.service === api);
    const deps = dependenciesOf(stack, r.address);
    if (enabling.some((s) => deps.has(s.address))) return true;
    if (services.some((s) => deps.has(s.address)))
      return unknown(`depends on a google_project_service whose service is an expression`);
    if (enabling.length > 0)
      return `does not depend on ${enabling.map((s) => s.address).join(', ')} (${api})`;
    // the API may be enabled by a stack this one reads (applied before it)
    const upstream = dataSources(stack, 'terraform_remote_state');
    if (upstream.some((u) => deps.has(u.address))) return true;
    return `${api} is not enabled by this stack, and the resource reads no stack that enables it`;
  },
});
