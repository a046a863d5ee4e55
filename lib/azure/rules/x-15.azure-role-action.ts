import { defineReferenceRule } from '../../core/compliance/define-rule';
import { RuleProfile } from '../../core/compliance/rule';
import {
  allOf,
  asList,
  detailAt,
  isExpression,
  unknown,
  Verdict,
} from '../../core/rules/attributes';
import { azureReference } from '../reference';

const KINDS = ['actions', 'not_actions', 'data_actions', 'not_data_actions'];
const VERBS = ['read', 'write', 'delete', 'action'];

/**
 * The verdict on one operation of a custom role: `*`, or `Namespace/.../verb` where the verb is
 * read, write, delete or action (or a wildcard), and the resource provider namespace exists (a
 * namespace wildcard must match one). The bundled data has every provider namespace but not
 * every operation of each provider, so operations below the namespace are not judged.
 */
export function checkOperation(op: any): Verdict {
  if (typeof op !== 'string') return undefined;
  if (isExpression(op)) return unknown(`operation ${op}`);
  if (op === '*') return true;
  const parts = op.split('/');
  const last = parts[parts.length - 1].toLowerCase();
  if (parts.length < 2 || parts.some((p) => p === '')) {
    return `"${op}" is not of the form Namespace/resourceType/verb`;
  }
  if (!last.includes('*') && !VERBS.includes(last)) {
    return `"${op}" does not end in read, write, delete or action`;
  }
  const ref = azureReference();
  const ns = parts[0];
  if (ns.includes('*')) {
    return ref.namespacesMatching(ns) > 0 || `"${op}": "${ns}" matches no resource provider`;
  }
  return ref.hasNamespace(ns) || `"${op}": "${ns}" is not a resource provider namespace`;
}

/**
 * X-15 (Azure custom-role operations): every action, not_action, data_action and
 * not_data_action of a custom role is a well-formed operation of an existing resource provider.
 */
export const x15AzureRoleAction = defineReferenceRule(__filename, {
  profile: RuleProfile.SECURITY,
  source:
    'Azure resource provider namespaces (iann0036/iam-dataset azure/built-in-roles-raw.json, azure/map.json; scripts/reference-data/provenance.json); operation format: https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions-format',
  description:
    'Every operation of a custom role definition is {Namespace}/{resourceType}/{read|write|delete|action} (or a wildcard) of an existing resource provider',
  fixHint:
    'Correct the operation (see `az provider operation show --namespace <Namespace>`); a misspelt operation grants or excludes nothing',
  resourceTypes: ['azurerm_role_definition'],
  check: (r) => {
    const verdicts: Verdict[] = [];
    asList(r.attributes.permissions).forEach((p: any, i: number) => {
      for (const kind of KINDS) {
        const ops = p?.[kind];
        if (isExpression(ops)) {
          verdicts.push(unknown(`permissions[${i}].${kind} is ${ops}`));
          continue;
        }
        for (const op of asList(ops))
          verdicts.push(detailAt(`permissions[${i}].${kind}:`, checkOperation(op)));
      }
    });
    return allOf(verdicts);
  },
});
