import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isUnresolved, requireProps, Validator } from '../core/errors';
import { uniqueSuffix } from '../core/naming';
import { Persona, PersonaBinding, PersonaModel } from '../core/personas';
import { excludeContainersCondition, ROLE_IDS, ROLES } from './defaults';
import {
  AzureCustomRoleDefinition,
  AzureEndpointAuthMode,
  AzurePersonaRbacProps,
} from './persona-rbac-props';
import {
  BUILT_IN,
  builtInCustomRoles,
  SYSTEM_STORAGE_PERSONAS,
  SYSTEM_STORAGE_ROLE,
  SYSTEM_STORAGE_ROLE_KEY,
} from './persona-roles';
import {
  AzurePrincipalCanonicalizer,
  checkArray,
  checkUnique,
  checkUuid,
  str,
  strList,
} from './validation';

/** The validated configuration of an {@link AzurePersonaRbac}. */
export interface ResolvedPersonaRbac {
  /** The props as given (validated). */
  readonly props: AzurePersonaRbacProps;
  /** The validated bindings. */
  readonly bindings: PersonaBinding[];
  /** Compares principals as Azure does. */
  readonly canonical: AzurePrincipalCanonicalizer;
  /** The custom roles to define, by key: the built-in templates in use, then the given ones. */
  readonly roles: { [key: string]: AzureCustomRoleDefinition };
  /** Prefix of the custom role names. */
  readonly prefix: string;
  /** Stable unique suffix of the custom role names. */
  readonly suffix: string;
}

/** The key (and construct id part) of a custom role from props. */
export function customRoleKey(name: string): string {
  return `custom-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

const ACTION = /^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+)(\/[A-Za-z0-9*_.-]+)*$/;

/**
 * What is wrong with a custom role action (X-03), or undefined: an operation name
 * (`Provider.Namespace/resourceType/.../verb`, wildcards inside a provider); never a bare `*`,
 * a provider wildcard other than the read-everything one (a leading `*` with action, write,
 * delete or `*` verbs grants
 * every provider's operations of that kind, e.g. listKeys), nor Microsoft.Authorization writes.
 */
function actionProblem(action: string, granted: boolean): string | undefined {
  if (!ACTION.test(action)) {
    return "an operation such as 'Microsoft.MachineLearningServices/workspaces/jobs/read' (provider namespace, resource types, verb)";
  }
  if (!granted) return undefined;
  if (action === '*' || (action.startsWith('*') && action.toLowerCase() !== '*/read')) {
    return "provider-scoped actions, never '*' nor a provider wildcard such as '*/action', '*/write' or '*/delete' (X-03); only '*/read' spans providers";
  }
  if (/^Microsoft\.Authorization\/(\*|.*\/(write|delete|\*))/i.test(action)) {
    return 'no Microsoft.Authorization writes (role or policy changes) (X-03)';
  }
  return undefined;
}

/**
 * Validates the props of an {@link AzurePersonaRbac} (one error for the construct) and returns
 * its configuration: the bindings, and the custom roles to define. Creates no resource.
 */
export function resolvePersonaRbacProps(
  scope: Construct,
  id: string,
  given: AzurePersonaRbacProps,
): ResolvedPersonaRbac {
  const props = requireProps(scope, given, true);
  const canonical = new AzurePrincipalCanonicalizer();
  // A string where a persona's list belongs (a string token too) is one problem, before the
  // persona model would read it character by character.
  const shapes = new Validator(scope);
  if (props.personas !== null && typeof props.personas === 'object') {
    for (const [persona, principals] of Object.entries(props.personas)) {
      if (typeof principals === 'string') strList(shapes, `personas.${persona}`, principals);
    }
  }
  if (Array.isArray(props.sodExceptions)) {
    props.sodExceptions.forEach((ex, i) => {
      if (ex !== null && typeof ex === 'object' && typeof ex.personas === 'string')
        strList(shapes, `sodExceptions[${i}].personas`, ex.personas);
    });
  }
  shapes.throwIfInvalid();
  const bindings = PersonaModel.validate(
    scope,
    'personas',
    props.personas,
    props.sodExceptions,
    canonical,
  );
  const v = new Validator(scope);
  if (props.personas === undefined)
    v.add('personas', undefined, 'an object (persona -> Entra object ids)');
  str(v, 'workspaceId', props.workspaceId);
  str(v, 'resourceGroupId', props.resourceGroupId);
  str(v, 'logAnalyticsWorkspaceId', props.logAnalyticsWorkspaceId, true);
  str(v, 'containerRegistryId', props.containerRegistryId, true);
  strList(v, 'dataContainerIds', props.dataContainerIds);
  str(v, 'workspaceStorageAccountId', props.workspaceStorageAccountId, true);
  if (
    strList(v, 'dataContainerNames', props.dataContainerNames, {
      literal: 'it is part of an ABAC condition',
    })
  )
    (props.dataContainerNames ?? []).forEach((n, i) =>
      v.literal(`dataContainerNames[${i}]`, n, 'it is part of an ABAC condition'),
    );
  strList(v, 'managedIdentityPrincipalIds', props.managedIdentityPrincipalIds);
  v.enumValue('endpointAuthMode', props.endpointAuthMode, Object.values(AzureEndpointAuthMode));
  if (str(v, 'roleNamePrefix', props.roleNamePrefix, true)) {
    v.literal('roleNamePrefix', props.roleNamePrefix, 'it is part of the custom role names');
  }
  // Principals: Entra object ids, each listed once per persona (compared as Azure does).
  for (const [persona, principals] of Object.entries(props.personas ?? {})) {
    if (!Array.isArray(principals)) continue;
    principals.forEach((p, i) => checkUuid(v, `personas.${persona}[${i}]`, p));
    checkUnique(
      v,
      `personas.${persona}`,
      principals,
      (p) => canonical.canonicalize(p),
      'a principal',
    );
  }
  const roleKeys = new Map<string, string>();
  const customRoles = checkArray(v, 'customRoles', props.customRoles)
    ? Array.from(props.customRoles)
    : [];
  customRoles.forEach((r, i) => {
    const at = `customRoles[${i}]`;
    if (!v.object(at, r, { optional: false })) return;
    if (
      v.literalName(
        `${at}.name`,
        r.name,
        'it is part of the role name and its construct id',
        /^[A-Za-z0-9 -]{1,64}$/,
        '1-64 letters, digits, spaces and hyphens',
      )
    ) {
      const key = customRoleKey(r.name);
      if (roleKeys.has(key)) {
        v.add(`${at}.name`, r.name, `a role name not already used (same as ${roleKeys.get(key)})`);
      } else roleKeys.set(key, `${at}.name`);
    }
    str(v, `${at}.description`, r.description, true);
    const lists = (['actions', 'notActions', 'dataActions', 'notDataActions'] as const).filter(
      (k) =>
        strList(v, `${at}.${k}`, r[k], {
          optional: k !== 'actions',
          literal: 'each action is checked for wildcards (X-03)',
        }),
    );
    if (lists.includes('actions') || lists.includes('dataActions')) {
      v.require(
        (lists.includes('actions') ? r.actions.length : 0) +
          (lists.includes('dataActions') ? (r.dataActions ?? []).length : 0) >
          0,
        `${at}.actions`,
        r.actions,
        'at least one action or data action',
      );
    }
    for (const k of lists) {
      (r[k] ?? []).forEach((a: string, j: number) => {
        if (isUnresolved(a)) return;
        const problem = actionProblem(a, k === 'actions' || k === 'dataActions');
        if (problem) v.add(`${at}.${k}[${j}]`, a, problem);
      });
    }
    if (
      r.personas !== undefined &&
      strList(v, `${at}.personas`, r.personas, { literal: 'it decides who gets the role' })
    ) {
      r.personas.forEach((p, j) =>
        v.enumValue(`${at}.personas[${j}]`, p, Object.values(Persona), false),
      );
    }
  });
  v.throwIfInvalid();

  const tokenOnly =
    (props.endpointAuthMode ?? AzureEndpointAuthMode.AML_TOKEN) !== AzureEndpointAuthMode.KEY;
  const roles: { [key: string]: AzureCustomRoleDefinition } = {};
  const used = new Set(bindings.map((b) => b.persona as string));
  // A platform admin may assign any persona role (to the principals of the other personas only,
  // see delegablePrincipals), so every persona role exists then.
  const adminBound = used.has(Persona.PLATFORM_ADMIN);
  for (const [key, def] of Object.entries(builtInCustomRoles(tokenOnly))) {
    if (adminBound || (def.personas ?? []).some((p) => used.has(p))) roles[key] = def;
  }
  if (
    props.workspaceStorageAccountId !== undefined &&
    (adminBound || SYSTEM_STORAGE_PERSONAS.some((p) => used.has(p)))
  )
    roles[SYSTEM_STORAGE_ROLE_KEY] = SYSTEM_STORAGE_ROLE;
  customRoles.forEach((r) => (roles[customRoleKey(r.name)] = r));
  return {
    props,
    bindings,
    canonical,
    roles,
    prefix: props.roleNamePrefix ?? id,
    suffix: uniqueSuffix(scope),
  };
}

/** The built-in roles the platform admin may assign besides the custom persona roles (role definition GUIDs, sorted). */
export function delegableBuiltInRoleIds(): string[] {
  const delegable = new Set<string>();
  for (const [persona, roles] of Object.entries(BUILT_IN)) {
    if (persona === Persona.PLATFORM_ADMIN) continue;
    for (const [roleName] of roles) delegable.add(ROLE_IDS[roleName]);
  }
  return [...delegable].sort();
}

/**
 * The principals the platform admin may assign the persona roles to (and remove them from): every
 * principal bound to a persona other than PLATFORM_ADMIN, in binding order, each once (as Azure
 * compares object ids), and never one that is also bound to PLATFORM_ADMIN, so that the admin
 * cannot grant itself the workload or data roles.
 */
export function delegablePrincipals(c: ResolvedPersonaRbac): string[] {
  const admins = new Set(
    c.bindings
      .filter((b) => b.persona === Persona.PLATFORM_ADMIN)
      .map((b) => c.canonical.canonicalize(b.principal)),
  );
  const seen = new Set<string>();
  const principals: string[] = [];
  for (const b of c.bindings) {
    const key = c.canonical.canonicalize(b.principal);
    if (admins.has(key) || seen.has(key)) continue;
    seen.add(key);
    principals.push(b.principal);
  }
  return principals;
}

/** One persona role assignment, computed before it is created. */
export interface PersonaGrant {
  /** Construct id of the assignment. */
  readonly id: string;
  readonly persona: string;
  readonly principal: string;
  readonly scope: string;
  /** Built-in role name. */
  readonly roleName?: string;
  /** Custom role definition key (in the resolved roles). */
  readonly customRole?: string;
  /** ABAC condition of the assignment. */
  readonly condition?: string;
}

/**
 * The persona role assignments (AZ-09): built-in roles at their scope kinds, custom roles at the
 * workspace; each (principal, scope, role) once, since Azure rejects duplicates at apply.
 * Construct ids come from the principal's object id itself, so adding or removing a principal
 * never renames (destroys and recreates) another principal's assignments (X-12).
 */
export function personaGrants(c: ResolvedPersonaRbac): PersonaGrant[] {
  const props = c.props;
  const scopeOf = (kind: string): string[] => {
    switch (kind) {
      case 'workspace':
        return [props.workspaceId];
      case 'rg':
        return [props.resourceGroupId];
      case 'data':
      case 'dataRead':
        return props.dataContainerIds ?? [];
      case 'systemFiles':
      case 'account':
        return props.workspaceStorageAccountId ? [props.workspaceStorageAccountId] : [];
      case 'logs':
        return props.logAnalyticsWorkspaceId ? [props.logAnalyticsWorkspaceId] : [];
      case 'registry':
        return props.containerRegistryId ? [props.containerRegistryId] : [];
      default:
        return [];
    }
  };
  const tokenIndex = new Map<string, number>();
  const keyOf = (p: string) => {
    if (!Token.isUnresolved(p)) return p.toLowerCase();
    if (!tokenIndex.has(p)) tokenIndex.set(p, tokenIndex.size);
    return `identity${tokenIndex.get(p)}`;
  };
  const seen = new Set<string>();
  const grants: PersonaGrant[] = [];
  const add = (
    b: PersonaBinding,
    key: string,
    scope: string,
    i: number,
    role: string,
    custom?: string,
    condition?: string,
  ) => {
    // Built-in roles are compared by name; custom roles by their key in the resolved roles (one
    // role definition construct each), never by the definition's id, a fresh token on every read.
    // Azure rejects a second identical assignment at apply (RoleAssignmentExists), not at plan.
    const dedupe = `${c.canonical.canonicalize(b.principal)}|${scope}|${custom === undefined ? role : `custom:${custom}`}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    grants.push({
      id: `${b.persona.toLowerCase()}-${keyOf(b.principal)}-${key}-${i}`,
      persona: b.persona,
      principal: b.principal,
      scope,
      roleName: custom ? undefined : role,
      customRole: custom,
      condition,
    });
  };
  for (const b of c.bindings) {
    for (const [roleName, kind] of BUILT_IN[b.persona] ?? []) {
      const role = roleName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const key = kind === 'systemFiles' ? `${role}-system` : role;
      scopeOf(kind).forEach((s, i) => add(b, key, s, i, roleName));
    }
    // the system containers, never the data containers (ABAC condition on the blob actions)
    if (
      c.roles[SYSTEM_STORAGE_ROLE_KEY] !== undefined &&
      SYSTEM_STORAGE_PERSONAS.includes(b.persona as Persona)
    ) {
      const names = props.dataContainerNames ?? [];
      add(
        b,
        SYSTEM_STORAGE_ROLE_KEY,
        props.workspaceStorageAccountId!,
        0,
        SYSTEM_STORAGE_ROLE_KEY,
        SYSTEM_STORAGE_ROLE_KEY,
        names.length > 0 ? excludeContainersCondition(names) : undefined,
      );
    }
    for (const [key, def] of Object.entries(c.roles)) {
      if ((def.personas ?? []).includes(b.persona)) add(b, key, props.workspaceId, 0, key, key);
    }
  }
  return grants;
}

/** The condition of a Role Based Access Control Administrator assignment, or undefined. */
export function conditionOf(roleName: string | undefined, delegation: string): string | undefined {
  return roleName === ROLES.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR ? delegation : undefined;
}
