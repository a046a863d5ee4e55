// IAM members and bindings of the google provider: which resource types grant roles, the
// members a grant names, and what kind of principal a member expression stands for.
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import {
  asList,
  isExpression,
  literal,
  unknown,
  UnknownVerdict,
  Verdict,
} from '../../core/rules/attributes';
import { referenceOf } from '../../core/rules/references';

/** The members of an IAM member or binding resource (`member` or `members`). */
export function iamMembers(r: ResourceView): any[] {
  if (r.attributes.member !== undefined) return [r.attributes.member];
  const ms = r.attributes.members;
  return isExpression(ms) ? [ms] : asList(ms);
}

/** Project-level IAM member and binding types. */
export const PROJECT_IAM_TYPES = ['google_project_iam_member', 'google_project_iam_binding'];

/** Every IAM member/binding type of the google provider that the rules look at. */
export const IAM_TYPES = [
  'google_project_iam_member',
  'google_project_iam_binding',
  'google_folder_iam_member',
  'google_folder_iam_binding',
  'google_organization_iam_member',
  'google_organization_iam_binding',
  'google_storage_bucket_iam_member',
  'google_storage_bucket_iam_binding',
  'google_bigquery_dataset_iam_member',
  'google_bigquery_dataset_iam_binding',
  'google_artifact_registry_repository_iam_member',
  'google_artifact_registry_repository_iam_binding',
  'google_service_account_iam_member',
  'google_service_account_iam_binding',
  'google_kms_crypto_key_iam_member',
  'google_kms_crypto_key_iam_binding',
  'google_workbench_instance_iam_member',
  'google_workbench_instance_iam_binding',
];

/** Types whose `member` / `email` is a dedicated or Google-managed service account (never a user, never the default compute SA). */
const SERVICE_ACCOUNT_SOURCES = [
  'google_service_account',
  'google_project_service_identity',
  'google_storage_project_service_account',
  'google_bigquery_default_service_account',
];

/**
 * What a member is when it is an expression: 'serviceAccount' for a reference to the member or
 * email of a service account resource or service-agent lookup; undefined when it cannot be
 * known before apply. Literal members return their prefix (user, group, serviceAccount, ...).
 */
export function memberKind(member: any): string | undefined {
  if (!isExpression(member)) {
    const m = /^([a-zA-Z]+):/.exec(String(member));
    return m ? m[1] : String(member).startsWith('principal') ? 'principal' : undefined;
  }
  if (/^serviceAccount:\$\{[^}]*\}$/.test(member)) {
    const inner = `\${${member.slice('serviceAccount:${'.length)}`;
    const ref = referenceOf(inner);
    if (ref && ref.type === 'google_logging_project_cmek_settings') return 'serviceAccount';
  }
  const ref = referenceOf(member);
  if (
    ref &&
    SERVICE_ACCOUNT_SOURCES.includes(ref.type) &&
    ['member', 'email'].includes(ref.attribute)
  )
    return 'serviceAccount';
  return undefined;
}

/** True when a role value is a reference to a custom role (resource) of the stack. */
export function isCustomRoleRef(role: any, stack: StackView): boolean {
  const ref = referenceOf(role);
  if (!ref || ref.data) return false;
  return (
    /^google_(project|organization)_iam_custom_role$/.test(ref.type) &&
    stack.resources(ref.type).some((r) => r.name === ref.name)
  );
}

/**
 * A check of the role an IAM member or binding grants: a custom role of the stack passes; a role
 * that is an expression is UNKNOWN; else `ok(role)`, or the failure `detail(role)`.
 */
export function grantedRoleVerdict(
  r: ResourceView,
  stack: StackView,
  ok: (role: any) => boolean,
  detail: (role: any) => string,
): Verdict {
  return (
    isCustomRoleRef(r.attributes.role, stack) || literal(r.attributes.role, 'role', ok, detail)
  );
}

/**
 * The custom role of the stack that a role expression names, with its permissions; UNKNOWN when
 * the expression names no custom role of the stack or its permissions are an expression.
 */
export function customRoleOf(
  stack: StackView,
  role: string,
): { role: ResourceView; permissions: string[] } | UnknownVerdict {
  const custom = stack
    .resources('google_project_iam_custom_role')
    .find((cr) => StackView.refersTo(role, cr));
  if (!custom) return unknown(`role is ${role}`);
  const perms = custom.attributes.permissions;
  if (isExpression(perms)) return unknown(`permissions of ${custom.address} are ${perms}`);
  return { role: custom, permissions: asList<any>(perms).map(String) };
}
