// The statements of an IAM policy attribute, read three-valued: a policy that is an expression
// not resolvable in the stack reads as UNKNOWN; with the stack, an `aws_iam_policy_document`
// data source, a variable default or a local is read.
import { ResourceView } from '../../core/compliance/rule';
import { StackView } from '../../core/compliance/stack-view';
import {
  asList,
  isExpression,
  isUnknown,
  readValue,
  unknown,
  UnknownVerdict,
} from '../../core/rules/attributes';
import { readPolicy } from './public-principal';

/**
 * Parsed statements of a policy attribute: undefined when there is no policy, an UnknownVerdict
 * when the policy is an expression that cannot be read (with the stack, an
 * `aws_iam_policy_document` data source, a variable default or a local is read) or not JSON.
 */
export function statements(policy: any, stack?: StackView): any[] | UnknownVerdict | undefined {
  if (policy === undefined || policy === null) return undefined;
  if (
    stack &&
    typeof policy === 'string' &&
    isExpression(policy) &&
    !policy.trim().startsWith('{')
  ) {
    const read = readPolicy(policy, stack);
    if (read === undefined) return undefined;
    if ('verdict' in read)
      return isUnknown(read.verdict) ? read.verdict : unknown(`policy is ${policy}`);
    return read.statements;
  }
  if (typeof policy === 'object') return asList(policy.Statement);
  if (typeof policy !== 'string') return unknown(`policy is ${String(policy)}`);
  const trimmed = policy.trim();
  if (!trimmed.startsWith('{')) return unknown(`policy is ${trimmed.slice(0, 80)}`);
  try {
    return asList(JSON.parse(trimmed).Statement);
  } catch {
    return unknown(`policy is not literal JSON: ${trimmed.slice(0, 80)}`);
  }
}

/** Principals of a statement as a flat list (`"*"`, AWS, Service, Federated). */
export function principals(s: any): string[] {
  const p = s?.Principal;
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  return Object.values(p).flatMap((v) => asList(v as any)) as string[];
}

/** True when an IAM action pattern (with `*`/`?`) covers `action` (case-insensitive). */
export function actionCovers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

/** True when a statement allows `action` (Action list, wildcards included). */
export function allows(s: any, action: string): boolean {
  return s?.Effect === 'Allow' && asList<string>(s.Action).some((a) => actionCovers(a, action));
}

/** The statements that name a principal (a principal name, or a test on each principal). */
export function statementsFor(st: any[], principal: string | ((p: string) => boolean)): any[] {
  const named = typeof principal === 'string' ? (p: string) => p === principal : principal;
  return st.filter((s) => principals(s).some(named));
}

/** The actions of `actions` that no statement naming `principal` allows (see {@link statementsFor}). */
export function actionsNotAllowed(
  st: any[],
  principal: string | ((p: string) => boolean),
  actions: string[],
): string[] {
  const own = statementsFor(st, principal);
  return actions.filter((a) => !own.some((s) => allows(s, a)));
}

/**
 * An S3 gateway endpoint's policy statements (undefined: no policy), read three-valued; undefined
 * when `r` is not an S3 gateway endpoint, an unknown verdict when its type or service is an
 * expression.
 */
export function s3GatewayPolicy(
  r: ResourceView,
  stack: StackView,
): { statements: any[] | UnknownVerdict | undefined } | UnknownVerdict | undefined {
  const type = readValue(r, 'vpc_endpoint_type');
  if (isUnknown(type)) return type;
  if ((type ?? 'Gateway') !== 'Gateway') return undefined;
  const service = readValue(r, 'service_name');
  if (isUnknown(service)) return service;
  if (!String(service ?? '').endsWith('.s3')) return undefined;
  return { statements: statements(r.attributes.policy, stack) };
}
