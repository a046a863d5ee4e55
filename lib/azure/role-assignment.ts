import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { RBAC_PROPAGATION_WAIT } from './defaults';

/** Internal: options of one role assignment. */
export interface RoleGrant {
  readonly scope: string;
  readonly principalId: string;
  /** Built-in role name. */
  readonly roleName?: string;
  /** Custom role definition resource id. */
  readonly roleDefinitionId?: string;
  /** 'ServicePrincipal' for managed identities created here (skips the Entra lookup that fails right after creation). */
  readonly principalType?: string;
  readonly description?: string;
  /** ABAC condition (condition version 2.0). */
  readonly condition?: string;
}

/**
 * Internal: one `azurerm_role_assignment`. For identities created in the same apply, the
 * principal type is set to ServicePrincipal and the Entra check is skipped, which avoids the
 * `PrincipalNotFound` failure while the new identity replicates.
 */
export function grantRole(scope: Construct, id: string, grant: RoleGrant): RoleAssignment {
  const managed = grant.principalType === 'ServicePrincipal';
  return new RoleAssignment(scope, id, {
    scope: grant.scope,
    principalId: grant.principalId,
    roleDefinitionName: grant.roleName,
    roleDefinitionId: grant.roleDefinitionId,
    principalType: grant.principalType,
    skipServicePrincipalAadCheck: managed ? true : undefined,
    description: grant.description,
    condition: grant.condition,
    conditionVersion: grant.condition !== undefined ? '2.0' : undefined,
  });
}

/**
 * Internal: a `time_sleep` after role assignments, so that the resources that need the roles
 * (key create, CMK storage and registry, the workspace) start after RBAC has propagated.
 */
export function rbacPropagationWait(
  scope: Construct,
  id: string,
  grants: ITerraformDependable[],
): Sleep {
  return new Sleep(scope, id, { createDuration: RBAC_PROPAGATION_WAIT, dependsOn: grants });
}

/**
 * The nil GUID: a principal id no Entra object has, so a principal list that must not be empty
 * (`ForAnyOfAnyValues:GuidEquals {...}`) admits nobody.
 */
const NO_PRINCIPAL = '00000000-0000-0000-0000-000000000000';

/**
 * Internal: an Azure ABAC condition (version 2.0) that lets a Role Based Access Control
 * Administrator create and delete role assignments of the given role definitions only, and only
 * for the given principals (Microsoft's "Constrain roles and specific groups" delegation example,
 * delegate-role-assignments-examples: ActionMatches on Microsoft.Authorization/roleAssignments/write
 * and /delete, with `@Request`/`@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId]`
 * and `...:PrincipalId] ForAnyOfAnyValues:GuidEquals`; the delete branch checks the existing
 * assignment's attributes, so the delegate cannot remove other assignments either). With no
 * principal, nobody can be given a role.
 */
export function delegatedRoleAssignmentCondition(
  roleDefinitionIds: string[],
  principalIds: string[],
): string {
  const ids = roleDefinitionIds.join(', ');
  const principals = (principalIds.length > 0 ? principalIds : [NO_PRINCIPAL]).join(', ');
  const branch = (action: string, source: string) => [
    '(',
    ' (',
    `  !(ActionMatches{'Microsoft.Authorization/roleAssignments/${action}'})`,
    ' )',
    ' OR',
    ' (',
    `  @${source}[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}`,
    '  AND',
    `  @${source}[Microsoft.Authorization/roleAssignments:PrincipalId] ForAnyOfAnyValues:GuidEquals {${principals}}`,
    ' )',
    ')',
  ];
  return [...branch('write', 'Request'), 'AND', ...branch('delete', 'Resource')].join('\n');
}
