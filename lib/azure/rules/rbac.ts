import { ResourceView } from '../../core/compliance/rule';
import { ROLE_IDS } from '../defaults';
import { isExpression } from '../../core/rules/attributes';

/** Built-in role ids by lower-case role name (Azure compares role names case-insensitively). */
const ROLE_IDS_LOWER = new Map(Object.entries(ROLE_IDS).map(([n, id]) => [n.toLowerCase(), id]));

/** A role assignment's role, normalized: a built-in GUID, or the raw expression/id text. */
export function roleKey(a: ResourceView): string | undefined {
  const name = a.attributes.role_definition_name;
  const id = a.attributes.role_definition_id;
  if (typeof name === 'string' && !isExpression(name)) {
    return ROLE_IDS_LOWER.get(name.toLowerCase()) ?? `name:${name.toLowerCase()}`;
  }
  if (typeof id === 'string') {
    if (isExpression(id)) return `expr:${id}`;
    return id.split('/').pop()!.toLowerCase();
  }
  if (typeof name === 'string') return `expr:${name}`;
  return undefined;
}

/** True when the assignment grants one of the named built-in roles. */
export function grantsRole(a: ResourceView, roleNames: string[]): boolean {
  const key = roleKey(a);
  return roleNames.some((n) => ROLE_IDS[n] !== undefined && key === ROLE_IDS[n]);
}
