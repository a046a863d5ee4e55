import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Construct } from 'constructs';
import { PersonaBinding } from '../core/personas';
import { AzurePersonaRbacProps } from './persona-rbac-props';
import {
  conditionOf,
  delegableBuiltInRoleIds,
  delegablePrincipals,
  PersonaGrant,
  personaGrants,
  ResolvedPersonaRbac,
  resolvePersonaRbacProps,
} from './persona-rbac-resolve';
import { delegatedRoleAssignmentCondition, grantRole } from './role-assignment';
import { claimInSubscription } from './validation';

export * from './persona-rbac-props';

/**
 * Persona RBAC of the ML workspace (AZ-09, X-01, X-02, X-03): custom roles (data scientist, ML
 * engineer, training, pipeline, deployer) defined at the resource-group scope and assigned at
 * workspace scope, read-only built-in roles, data-plane roles on the data containers only,
 * PLATFORM_ADMIN as Contributor plus a conditioned Role Based Access Control Administrator of
 * the resource group (it may assign only the persona roles, and only to the principals bound to
 * the other personas, never to itself; a new member joins a persona's Entra group, or is added
 * to `personas`). Nothing is granted at subscription
 * scope, and nothing to the workspace's own identity.
 */
export class AzurePersonaRbac extends Construct {
  /** Custom role definitions by key (mlEngineer, training, pipeline, deployment, then custom names). */
  public readonly roleDefinitions: { [key: string]: RoleDefinition } = {};
  /** Every role assignment created. */
  public readonly assignments: RoleAssignment[] = [];
  /** The validated bindings. */
  public readonly bindings: PersonaBinding[];
  /** The condition on PLATFORM_ADMIN's RBAC Administrator assignment: only the persona roles can be assigned or removed, and only for the principals bound to the other personas. */
  public readonly delegationCondition: string;
  private readonly byPrincipal = new Map<string, RoleAssignment[]>();

  constructor(scope: Construct, id: string, props: AzurePersonaRbacProps) {
    super(scope, id);
    const c = resolvePersonaRbacProps(this, id, props);
    this.bindings = c.bindings;
    this.defineRoles(c);
    // The platform admin may assign (and remove) only the platform's persona roles, and only for
    // the other personas' principals: a delegated role-assignment condition on its Role Based
    // Access Control Administrator assignment.
    this.delegationCondition = delegatedRoleAssignmentCondition(
      [
        ...delegableBuiltInRoleIds(),
        ...Object.keys(c.roles).map((k) => this.roleDefinitions[k].roleDefinitionId),
      ],
      delegablePrincipals(c),
    );
    const managed = new Set(c.props.managedIdentityPrincipalIds ?? []);
    for (const g of personaGrants(c)) this.assign(g, managed.has(g.principal));
  }

  /** The custom role definitions, at the resource group and assignable there only. */
  private defineRoles(c: ResolvedPersonaRbac): void {
    for (const [key, def] of Object.entries(c.roles)) {
      const roleName = `${c.prefix} ${def.name} (${c.suffix})`;
      claimInSubscription(
        this,
        'custom role definition (role names are unique in the Entra tenant)',
        roleName,
        key.startsWith('custom-') ? 'customRoles.name' : 'roleNamePrefix',
      );
      this.roleDefinitions[key] = new RoleDefinition(this, `role-${key}`, {
        name: roleName,
        description: def.description ?? def.name,
        scope: c.props.resourceGroupId,
        assignableScopes: [c.props.resourceGroupId],
        permissions: [
          {
            actions: def.actions,
            notActions: def.notActions ?? [],
            dataActions: def.dataActions ?? [],
            notDataActions: def.notDataActions ?? [],
          },
        ],
      });
    }
  }

  /** One persona role assignment, recorded by principal. */
  private assign(g: PersonaGrant, managedIdentity: boolean): void {
    const assignment = grantRole(this, g.id, {
      scope: g.scope,
      principalId: g.principal,
      roleName: g.roleName,
      roleDefinitionId:
        g.customRole !== undefined
          ? this.roleDefinitions[g.customRole].roleDefinitionResourceId
          : undefined,
      principalType: managedIdentity ? 'ServicePrincipal' : undefined,
      description: `secure-mlops persona ${g.persona}`,
      condition: g.condition ?? conditionOf(g.roleName, this.delegationCondition),
    });
    const list = this.byPrincipal.get(g.principal) ?? [];
    this.byPrincipal.set(g.principal, list);
    list.push(assignment);
    this.assignments.push(assignment);
  }

  /** The role assignments of one principal (e.g. to make compute wait for its identity's roles). */
  public assignmentsOf(principal: string): RoleAssignment[] {
    return [...(this.byPrincipal.get(principal) ?? [])];
  }
}
