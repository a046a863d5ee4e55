// Where IAM policy documents live in AWS Terraform resources, and reading them three-valued:
// a document that is an unresolved expression is UNKNOWN, a literal JSON document is parsed.
// Attribute names follow terraform-provider-aws (website/docs/r/<type>.html.markdown).
import { isExpression, unknown, UnknownVerdict } from '../../core/rules/attributes';
import { ResourceView } from '../../core/compliance/rule';

/** Resource type -> attributes holding a policy document (`inline_policy.policy` is a block list). */
export const POLICY_DOCUMENT_ATTRIBUTES: { [type: string]: string[] } = {
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy', 'inline_policy.policy'],
  aws_organizations_policy: ['content'],
  aws_kms_key: ['policy'],
  aws_kms_key_policy: ['policy'],
  aws_s3_bucket: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_s3_access_point: ['policy'],
  aws_s3control_access_point_policy: ['policy'],
  aws_s3control_bucket_policy: ['policy'],
  aws_sns_topic: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sqs_queue: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_ecr_repository_policy: ['policy'],
  aws_ecr_registry_policy: ['policy'],
  aws_ecrpublic_repository_policy: ['policy'],
  aws_sagemaker_model_package_group_policy: ['resource_policy'],
  aws_vpc_endpoint: ['policy'],
  aws_vpc_endpoint_policy: ['policy'],
  aws_backup_vault_policy: ['policy'],
  aws_cloudwatch_log_resource_policy: ['policy_document'],
  aws_cloudwatch_log_destination_policy: ['access_policy'],
  aws_cloudwatch_event_bus_policy: ['policy'],
  aws_secretsmanager_secret: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_efs_file_system_policy: ['policy'],
  aws_glacier_vault: ['access_policy'],
  aws_glue_resource_policy: ['policy'],
  aws_api_gateway_rest_api: ['policy'],
  aws_api_gateway_rest_api_policy: ['policy'],
  aws_codeartifact_domain_permissions_policy: ['policy_document'],
  aws_codeartifact_repository_permissions_policy: ['policy_document'],
  aws_ssoadmin_permission_set_inline_policy: ['inline_policy'],
  aws_dynamodb_resource_policy: ['policy'],
  aws_kinesis_resource_policy: ['policy'],
  aws_opensearch_domain: ['access_policies'],
  aws_opensearch_domain_policy: ['access_policies'],
  aws_elasticsearch_domain: ['access_policies'],
  aws_elasticsearch_domain_policy: ['access_policies'],
};

/** Resource types that can hold a policy document. */
export const POLICY_DOCUMENT_TYPES = Object.keys(POLICY_DOCUMENT_ATTRIBUTES);

/** aws_organizations_policy types whose content is an IAM policy language document. */
const IAM_ORGANIZATIONS_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

/** One parsed statement, with where it came from. */
export interface PolicyStatement {
  /** `attribute` or `attribute[Sid]` / `attribute[#index]`, for details. */
  readonly where: string;
  readonly statement: any;
}

/** A value as a list (IAM allows a string or a list). */
export function list(v: any): any[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function values(r: ResourceView, attribute: string): { where: string; value: any }[] {
  const [head, tail] = attribute.split('.');
  const v = r.attributes[head];
  if (tail === undefined) return v === undefined ? [] : [{ where: head, value: v }];
  return list(v)
    .map((b, i) => ({ where: `${head}[${i}].${tail}`, value: b?.[tail] }))
    .filter((x) => x.value !== undefined);
}

/**
 * The statements of every policy document of a resource. Returns an UNKNOWN verdict (with the
 * attribute) for each document that is an unresolved expression; documents that are not JSON
 * (or not IAM policy language) are left out.
 */
export function policyStatements(r: ResourceView): {
  statements: PolicyStatement[];
  unknowns: UnknownVerdict[];
} {
  // the reference rules each read the same documents of the same resource: parse them once
  let parsed = PARSED.get(r);
  if (!parsed) {
    parsed = parseStatements(r);
    PARSED.set(r, parsed);
  }
  return parsed;
}

const PARSED = new WeakMap<
  ResourceView,
  { statements: PolicyStatement[]; unknowns: UnknownVerdict[] }
>();

function parseStatements(r: ResourceView): {
  statements: PolicyStatement[];
  unknowns: UnknownVerdict[];
} {
  const statements: PolicyStatement[] = [];
  const unknowns: UnknownVerdict[] = [];
  const attributes = POLICY_DOCUMENT_ATTRIBUTES[r.type] ?? [];
  if (r.type === 'aws_organizations_policy') {
    const type = r.attributes.type ?? 'SERVICE_CONTROL_POLICY';
    if (isExpression(type)) return { statements, unknowns: [unknown(`type is ${type}`)] };
    if (!IAM_ORGANIZATIONS_POLICY_TYPES.includes(type)) return { statements, unknowns };
  }
  for (const attribute of attributes) {
    for (const { where, value } of values(r, attribute)) {
      let doc: any = value;
      if (typeof value === 'string') {
        const trimmed = value.trim();
        if (!trimmed.startsWith('{')) {
          if (isExpression(trimmed)) unknowns.push(unknown(`${where} is ${trimmed}`));
          continue;
        }
        try {
          doc = JSON.parse(trimmed);
        } catch {
          if (isExpression(trimmed)) unknowns.push(unknown(`${where} is not literal JSON`));
          continue;
        }
      }
      if (doc === null || typeof doc !== 'object') continue;
      list(doc.Statement).forEach((s, i) => {
        if (s && typeof s === 'object') {
          statements.push({ where: `${where}[${s.Sid ?? `#${i}`}]`, statement: s });
        }
      });
    }
  }
  return { statements, unknowns };
}

/** A literal string inside a policy: `$${` (the Terraform escape) stands for a literal `${`. */
export function unescapeLiteral(s: string): string {
  return s.replace(/\$\$\{/g, '${');
}
