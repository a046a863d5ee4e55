// Shared helpers of the GCP rules. Every rule reads attributes three-valued: a value that is an
// unresolved expression gives unknown(...), never a pass or a failure; nested blocks are read
// with asList, so object and array forms give the same verdict.
import { StackView } from '../../core/compliance/stack-view';
import { ResourceView } from '../../core/compliance/rule';
import {
  Verdict,
  allOf,
  asList,
  attr,
  block,
  isExpression,
  isFalse,
  isTrue,
  unknown,
} from '../../core/compliance/tf';

export type { Verdict };
export { allOf, asList, attr, block, isExpression, isFalse, isTrue, unknown };

/** Seconds of a 'NNNs' duration, or undefined. */
export function durationSeconds(value: any): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+)(\.\d+)?s$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** The first block of a nested block attribute at `path` (object or one-element array). */
export function firstBlock(r: ResourceView, path: string): any {
  return block(attr(r, path));
}

/** Every block of a nested block attribute at a dot path inside `value`. */
export function blocksAt(value: any, key: string): any[] {
  return asList(block(value)?.[key]);
}

/**
 * A literal check of one value: unknown when it is an expression (or a list holding one), else
 * `ok` or the failure detail.
 */
export function literal(
  value: any,
  what: string,
  ok: (v: any) => boolean,
  detail: (v: any) => string,
): Verdict {
  if (isExpression(value)) return unknown(`${what} is ${value}`);
  if (
    Array.isArray(value) &&
    value.some(isExpression) &&
    !ok(value.filter((x) => !isExpression(x)))
  )
    return unknown(`${what} holds an expression`);
  return ok(value) || detail(value);
}

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

const GRAPHS = new WeakMap<StackView, Map<string, Set<string>>>();
const ANCESTORS = new WeakMap<StackView, Map<string, Set<string>>>();

/** Address of a data source as references spell it. */
export function dataAddress(type: string, name: string): string {
  return `data.${type}.${name}`;
}

/**
 * The direct dependencies (references and depends_on) of every resource and data source of the
 * stack, by address (`type.name`, `data.type.name`); built once per stack.
 */
export function dependencyGraph(stack: StackView): Map<string, Set<string>> {
  let g = GRAPHS.get(stack);
  if (g) return g;
  g = new Map();
  const nodes = new Map<string, any>();
  for (const [type, byName] of Object.entries<any>(stack.json.resource ?? {}))
    for (const [name, a] of Object.entries<any>(byName ?? {})) nodes.set(`${type}.${name}`, a);
  for (const [type, byName] of Object.entries<any>(stack.json.data ?? {}))
    for (const [name, a] of Object.entries<any>(byName ?? {}))
      nodes.set(dataAddress(type, name), a);
  const refRe = /(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
  for (const [addr, a] of nodes) {
    const deps = new Set<string>();
    const text = JSON.stringify({ ...a, '//': undefined });
    for (const expr of text.match(/\$\{[^}]*\}/g) ?? []) {
      refRe.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = refRe.exec(expr)) !== null) {
        const target = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (target !== addr && nodes.has(target)) deps.add(target);
      }
    }
    for (const d of asList<string>(a?.depends_on)) if (nodes.has(d) && d !== addr) deps.add(d);
    g.set(addr, deps);
  }
  GRAPHS.set(stack, g);
  return g;
}

/** Every address `address` depends on, directly or transitively. */
export function ancestors(stack: StackView, address: string): Set<string> {
  let memo = ANCESTORS.get(stack);
  if (!memo) {
    memo = new Map();
    ANCESTORS.set(stack, memo);
  }
  const known = memo.get(address);
  if (known) return known;
  const g = dependencyGraph(stack);
  const seen = new Set<string>();
  const todo = [...(g.get(address) ?? [])];
  while (todo.length > 0) {
    const a = todo.pop()!;
    if (seen.has(a)) continue;
    seen.add(a);
    const cached = memo.get(a);
    if (cached) {
      for (const c of cached) seen.add(c);
      continue;
    }
    for (const d of g.get(a) ?? []) if (!seen.has(d)) todo.push(d);
  }
  memo.set(address, seen);
  return seen;
}

/** True when `from` depends (transitively) on `to`. */
export function dependsOn(stack: StackView, from: string, to: string): boolean {
  return ancestors(stack, from).has(to);
}

/** The data sources of a type, as views with `data.` addresses. */
export function dataSources(stack: StackView, type: string): ResourceView[] {
  return Object.entries<any>(stack.json.data?.[type] ?? {}).map(([name, a]) => ({
    type,
    name,
    address: dataAddress(type, name),
    attributes: a ?? {},
  }));
}

/** The literal project of a resource (its `project`, or the provider's), or undefined. */
export function projectOf(r: ResourceView, stack: StackView): string | undefined {
  const p = r.attributes.project;
  if (typeof p === 'string') return p;
  const provider = stack.providers('google')[0];
  return typeof provider?.project === 'string' ? provider.project : undefined;
}

/** The target of a value that is exactly one reference `${[data.]type.name.attr}`, or undefined. */
export function referenceOf(
  value: any,
): { data: boolean; type: string; name: string; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/.exec(value);
  return m ? { data: !!m[1], type: m[2], name: m[3], attribute: m[4] } : undefined;
}

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
