import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';

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
  });
}
