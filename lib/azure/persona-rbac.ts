import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { requireProps, Validator } from '../core/errors';
import { Persona, PersonaBinding, PersonaModel, SodException } from '../core/personas';
import { uniqueSuffix } from '../core/naming';
import { ROLE_IDS, ROLES } from './defaults';
import { delegatedRoleAssignmentCondition, grantRole } from './role-assignment';
import {
  AzurePrincipalCanonicalizer,
  checkArray,
  checkUnique,
  checkUuid,
  claimInSubscription,
  isToken,
  str,
  strList,
} from './validation';

/** How online endpoints authenticate callers (AZ-10, s003 key vs token). */
export enum AzureEndpointAuthMode {
  /** Azure ML tokens that expire (preferred; the default). */
  AML_TOKEN = 'AML_TOKEN',
  /** Microsoft Entra ID tokens. */
  AAD_TOKEN = 'AAD_TOKEN',
  /** Static keys (never expire; regenerate manually). Not recommended. */
  KEY = 'KEY',
}

/** A custom Azure RBAC role definition created at the resource-group scope. */
export interface AzureCustomRoleDefinition {
  /** Short name (letters, digits, spaces, hyphens), made unique per platform. */
  readonly name: string;
  /**
   * Description of the role.
   * @default - the name
   */
  readonly description?: string;
  /** Control-plane actions (no bare '*', no Microsoft.Authorization writes). */
  readonly actions: string[];
  /**
   * Control-plane actions excluded.
   * @default - none
   */
  readonly notActions?: string[];
  /**
   * Data-plane actions.
   * @default - none
   */
  readonly dataActions?: string[];
  /**
   * Data-plane actions excluded.
   * @default - none
   */
  readonly notDataActions?: string[];
  /**
   * Personas that receive this role at workspace scope.
   * @default - none (assign it yourself through roleDefinitions)
   */
  readonly personas?: Persona[];
}

/** Props of {@link AzurePersonaRbac}. */
export interface AzurePersonaRbacProps {
  /** Persona -> Entra object ids (users, groups, service principals, managed identities). */
  readonly personas: { [persona: string]: string[] };
  /**
   * Reasoned exceptions to segregation of duties.
   * @default - none
   */
  readonly sodExceptions?: SodException[];
  /** Resource id of the ML workspace (scope of workspace roles). */
  readonly workspaceId: string;
  /** Resource id of the resource group (scope of custom role definitions and of the admin role). */
  readonly resourceGroupId: string;
  /**
   * ARM ids of the data containers (scope of data-plane roles).
   * @default - no data-plane roles
   */
  readonly dataContainerIds?: string[];
  /**
   * Log Analytics workspace (auditors and monitoring read logs there).
   * @default - no log roles
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Container registry (training identities pull images).
   * @default - no registry roles
   */
  readonly containerRegistryId?: string;
  /**
   * Online endpoint authentication: with token modes, no persona can list or regenerate endpoint keys.
   * @default AzureEndpointAuthMode.AML_TOKEN
   */
  readonly endpointAuthMode?: AzureEndpointAuthMode;
  /**
   * Additional custom roles.
   * @default - none
   */
  readonly customRoles?: AzureCustomRoleDefinition[];
  /**
   * Object ids of managed identities created in the same apply (principal type ServicePrincipal, Entra check skipped).
   * @default - none
   */
  readonly managedIdentityPrincipalIds?: string[];
  /**
   * Prefix of the custom role names (role names are unique per tenant).
   * @default - the construct id
   */
  readonly roleNamePrefix?: string;
}

const WS = 'Microsoft.MachineLearningServices/workspaces';

/** The key (and construct id part) of a custom role from props. */
function customRoleKey(name: string): string {
  return `custom-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

const ACTION = /^(\*|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+)(\/[A-Za-z0-9*_.-]+)*$/;

/**
 * What is wrong with a custom role action, or undefined: an operation name
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
const ENDPOINT_KEY_ACTIONS = [
  `${WS}/onlineEndpoints/listKeys/action`,
  `${WS}/onlineEndpoints/regenerateKeys/action`,
];

/**
 * Built-in custom role templates of the persona model (AZ-09, X-01, X-03). Operation names are
 * those of the Microsoft.MachineLearningServices resource provider (Azure permissions for AI +
 * machine learning); wildcards stay inside one workspace resource type.
 */
function builtInCustomRoles(tokenOnly: boolean): { [key: string]: AzureCustomRoleDefinition } {
  const noKeys = tokenOnly ? ENDPOINT_KEY_ACTIONS : [];
  return {
    // Instead of the built-in "AzureML Data Scientist": its workspaces/*/write and */action
    // include the managed network's outbound rules (exfiltration past AZ-07), online endpoint
    // keys and connection secrets. This role lists what a data scientist develops instead.
    dataScientist: {
      name: 'ML Data Scientist',
      description:
        'Develops and trains models (jobs, data, environments, components, models, notebooks); cannot change the workspace, its network or compute, deploy endpoints or read secrets',
      actions: [
        `${WS}/read`,
        `${WS}/*/read`,
        `${WS}/jobs/*`,
        `${WS}/experiments/*`,
        `${WS}/schedules/*`,
        `${WS}/components/*`,
        `${WS}/environments/*`,
        `${WS}/codes/*`,
        `${WS}/data/*`,
        `${WS}/datasets/*`,
        `${WS}/models/*`,
        `${WS}/metadata/artifacts/*`,
        `${WS}/metadata/snapshots/*`,
        `${WS}/notebooks/storage/*`,
        `${WS}/labeling/*`,
        `${WS}/pipelinedrafts/*`,
        `${WS}/modules/*`,
        `${WS}/featuresets/*`,
        `${WS}/featurestoreentities/*`,
        `${WS}/reports/*`,
        `${WS}/metrics/resource/write`,
        `${WS}/computes/start/action`,
        `${WS}/computes/stop/action`,
        `${WS}/computes/restart/action`,
        `${WS}/computes/applicationaccess/action`,
      ],
      notActions: [
        `${WS}/environments/readSecrets/action`,
        `${WS}/metadata/secrets/read`,
        `${WS}/listNotebookKeys/read`,
      ],
      personas: [Persona.DATA_SCIENTIST],
    },
    mlEngineer: {
      name: 'ML Engineer',
      description:
        'Registers and approves models, runs pipelines, deploys endpoints; cannot change the workspace or compute',
      actions: [
        `${WS}/read`,
        `${WS}/models/*`,
        `${WS}/onlineEndpoints/*`,
        `${WS}/batchEndpoints/*`,
        `${WS}/jobs/read`,
        `${WS}/experiments/read`,
        `${WS}/components/*`,
        `${WS}/environments/*`,
        `${WS}/datastores/read`,
        `${WS}/computes/read`,
      ],
      notActions: [
        `${WS}/write`,
        `${WS}/delete`,
        `${WS}/computes/write`,
        `${WS}/computes/delete`,
        ...noKeys,
      ],
      personas: [Persona.ML_ENGINEER],
    },
    training: {
      name: 'ML Training',
      description: 'Runs training jobs and registers models; cannot deploy',
      actions: [
        `${WS}/read`,
        `${WS}/jobs/*`,
        `${WS}/experiments/*`,
        `${WS}/models/read`,
        `${WS}/models/write`,
        `${WS}/data/*`,
        `${WS}/datastores/read`,
        `${WS}/environments/read`,
        `${WS}/environments/write`,
        `${WS}/components/read`,
        `${WS}/computes/read`,
      ],
      notActions: [`${WS}/onlineEndpoints/*`, `${WS}/batchEndpoints/*`],
      personas: [Persona.TRAINING],
    },
    pipeline: {
      name: 'ML Pipeline Operator',
      description: 'Submits and schedules pipeline jobs; cannot deploy',
      actions: [
        `${WS}/read`,
        `${WS}/jobs/*`,
        `${WS}/schedules/*`,
        `${WS}/experiments/*`,
        `${WS}/components/*`,
        `${WS}/datastores/read`,
        `${WS}/environments/read`,
        `${WS}/computes/read`,
        `${WS}/models/read`,
      ],
      notActions: [`${WS}/onlineEndpoints/*`, `${WS}/batchEndpoints/*`],
      personas: [Persona.PIPELINE],
    },
    deployment: {
      name: 'ML Model Deployer',
      description: 'Deploys registered models to online and batch endpoints; cannot train',
      actions: [
        `${WS}/read`,
        `${WS}/onlineEndpoints/*`,
        `${WS}/batchEndpoints/*`,
        `${WS}/models/read`,
        `${WS}/environments/read`,
        `${WS}/computes/read`,
      ],
      notActions: [`${WS}/jobs/*`, ...noKeys],
      personas: [Persona.DEPLOYMENT],
    },
  };
}

/** Built-in roles per persona: [role name, scope kind]. */
const BUILT_IN: {
  [persona: string]: Array<
    [string, 'workspace' | 'rg' | 'data' | 'dataRead' | 'logs' | 'registry']
  >;
} = {
  // Management of the platform's resource group; role assignments only through the delegated,
  // conditioned RBAC Administrator assignment below (never Owner).
  [Persona.PLATFORM_ADMIN]: [
    [ROLES.CONTRIBUTOR, 'rg'],
    [ROLES.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR, 'rg'],
  ],
  [Persona.DATA_SCIENTIST]: [[ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data']],
  // The custom ML Engineer role only: a built-in compute role on top would re-grant computes/*
  // (RBAC is additive, the custom role's notActions cannot take it away).
  [Persona.ML_ENGINEER]: [[ROLES.STORAGE_BLOB_DATA_READER, 'data']],
  [Persona.DATA_ENGINEER]: [
    [ROLES.READER, 'workspace'],
    [ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data'],
  ],
  [Persona.MODEL_VIEWER]: [[ROLES.READER, 'workspace']],
  [Persona.AUDITOR]: [
    [ROLES.READER, 'workspace'],
    [ROLES.LOG_ANALYTICS_READER, 'logs'],
  ],
  [Persona.TRAINING]: [
    [ROLES.STORAGE_BLOB_DATA_CONTRIBUTOR, 'data'],
    [ROLES.ACR_PULL, 'registry'],
  ],
  [Persona.PIPELINE]: [[ROLES.STORAGE_BLOB_DATA_READER, 'data']],
  [Persona.DEPLOYMENT]: [[ROLES.ACR_PULL, 'registry']],
  [Persona.MONITORING]: [
    [ROLES.READER, 'workspace'],
    [ROLES.MONITORING_READER, 'workspace'],
    [ROLES.LOG_ANALYTICS_READER, 'logs'],
  ],
};

/**
 * Persona RBAC of the ML workspace (AZ-09, X-01, X-02, X-03): custom roles (data scientist, ML
 * engineer, training, pipeline, deployer) defined at the resource-group scope and assigned at
 * workspace scope, read-only built-in roles, data-plane roles on the data containers only,
 * PLATFORM_ADMIN as Contributor plus a conditioned Role Based Access Control Administrator of
 * the resource group (it may assign only the persona roles). Nothing is granted at subscription
 * scope, and nothing to the workspace's own identity.
 */
export class AzurePersonaRbac extends Construct {
  /** Custom role definitions by key (mlEngineer, training, pipeline, deployment, then custom names). */
  public readonly roleDefinitions: { [key: string]: RoleDefinition } = {};
  /** Every role assignment created. */
  public readonly assignments: RoleAssignment[] = [];
  /** The validated bindings. */
  public readonly bindings: PersonaBinding[];
  /** The condition on PLATFORM_ADMIN's RBAC Administrator assignment: only the persona roles can be assigned or removed. */
  public readonly delegationCondition: string;
  private readonly byPrincipal = new Map<string, RoleAssignment[]>();

  constructor(scope: Construct, id: string, props: AzurePersonaRbacProps) {
    super(scope, id);
    props = requireProps(this, props, true);
    const canonical = new AzurePrincipalCanonicalizer();
    // A string where a persona's list belongs (a string token too) is one problem, before the
    // persona model would read it character by character.
    const shapes = new Validator(this);
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
    this.bindings = PersonaModel.validate(
      this,
      'personas',
      props.personas,
      props.sodExceptions,
      canonical,
    );
    const v = new Validator(this);
    if (props.personas === undefined)
      v.add('personas', undefined, 'an object (persona -> Entra object ids)');
    str(v, 'workspaceId', props.workspaceId);
    str(v, 'resourceGroupId', props.resourceGroupId);
    str(v, 'logAnalyticsWorkspaceId', props.logAnalyticsWorkspaceId, true);
    str(v, 'containerRegistryId', props.containerRegistryId, true);
    strList(v, 'dataContainerIds', props.dataContainerIds);
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
        v.string(`${at}.name`, r.name, { optional: false }) &&
        v.literal(`${at}.name`, r.name, 'it is part of the role name and its construct id')
      ) {
        v.require(
          /^[A-Za-z0-9 -]{1,64}$/.test(r.name),
          `${at}.name`,
          r.name,
          '1-64 letters, digits, spaces and hyphens',
        );
        const key = customRoleKey(r.name);
        if (roleKeys.has(key)) {
          v.add(
            `${at}.name`,
            r.name,
            `a role name not already used (same as ${roleKeys.get(key)})`,
          );
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
          if (isToken(a)) return;
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
    const prefix = props.roleNamePrefix ?? id;
    const suffix = uniqueSuffix(this);
    const defs = builtInCustomRoles(tokenOnly);
    const custom: { [key: string]: AzureCustomRoleDefinition } = {};
    const used = new Set(this.bindings.map((b) => b.persona as string));
    // A platform admin assigns the persona roles to new members, so every persona role exists then.
    const adminBound = used.has(Persona.PLATFORM_ADMIN);
    for (const [key, def] of Object.entries(defs)) {
      if (adminBound || (def.personas ?? []).some((p) => used.has(p))) custom[key] = def;
    }
    customRoles.forEach((r) => (custom[customRoleKey(r.name)] = r));

    for (const [key, def] of Object.entries(custom)) {
      const roleName = `${prefix} ${def.name} (${suffix})`;
      claimInSubscription(
        this,
        'custom role definition (role names are unique in the Entra tenant)',
        roleName,
        key.startsWith('custom-') ? 'customRoles.name' : 'roleNamePrefix',
      );
      this.roleDefinitions[key] = new RoleDefinition(this, `role-${key}`, {
        name: roleName,
        description: def.description ?? def.name,
        scope: props.resourceGroupId,
        assignableScopes: [props.resourceGroupId],
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

    const managed = new Set(props.managedIdentityPrincipalIds ?? []);
    const scopeOf = (kind: string): string[] => {
      switch (kind) {
        case 'workspace':
          return [props.workspaceId];
        case 'rg':
          return [props.resourceGroupId];
        case 'data':
        case 'dataRead':
          return props.dataContainerIds ?? [];
        case 'logs':
          return props.logAnalyticsWorkspaceId ? [props.logAnalyticsWorkspaceId] : [];
        case 'registry':
          return props.containerRegistryId ? [props.containerRegistryId] : [];
        default:
          return [];
      }
    };
    // Construct ids from the principal's object id itself, so adding or removing a principal
    // never renames (destroys and recreates) another principal's assignments.
    const tokenIndex = new Map<string, number>();
    const keyOf = (p: string) => {
      if (!Token.isUnresolved(p)) return p.toLowerCase();
      if (!tokenIndex.has(p)) tokenIndex.set(p, tokenIndex.size);
      return `identity${tokenIndex.get(p)}`;
    };
    // The platform admin may assign (and remove) only the platform's persona roles: a delegated
    // role-assignment condition on its Role Based Access Control Administrator assignment.
    const delegable = new Set<string>();
    for (const [persona, roles] of Object.entries(BUILT_IN)) {
      if (persona === Persona.PLATFORM_ADMIN) continue;
      for (const [roleName] of roles) delegable.add(ROLE_IDS[roleName]);
    }
    const delegableIds = [
      ...[...delegable].sort(),
      ...Object.keys(custom).map((k) => this.roleDefinitions[k].roleDefinitionId),
    ];
    this.delegationCondition = delegatedRoleAssignmentCondition(delegableIds);
    const conditionOf = (roleName?: string) =>
      roleName === ROLES.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR
        ? this.delegationCondition
        : undefined;
    const seen = new Set<string>();
    const assign = (
      persona: string,
      principal: string,
      key: string,
      scopeValue: string,
      scopeIdx: number,
      role: { name?: string; id?: string },
    ) => {
      const dedupe = `${canonical.canonicalize(principal)}|${scopeValue}|${role.name ?? role.id}`;
      if (seen.has(dedupe)) return; // Azure rejects duplicate assignments at apply
      seen.add(dedupe);
      const list = this.byPrincipal.get(principal) ?? [];
      this.byPrincipal.set(principal, list);
      list.push(
        grantRole(this, `${persona.toLowerCase()}-${keyOf(principal)}-${key}-${scopeIdx}`, {
          scope: scopeValue,
          principalId: principal,
          roleName: role.name,
          roleDefinitionId: role.id,
          principalType: managed.has(principal) ? 'ServicePrincipal' : undefined,
          description: `secure-mlops persona ${persona}`,
          condition: conditionOf(role.name),
        }),
      );
      this.assignments.push(list[list.length - 1]);
    };
    for (const b of this.bindings) {
      for (const [roleName, kind] of BUILT_IN[b.persona] ?? []) {
        const key = roleName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        scopeOf(kind).forEach((s, i) =>
          assign(b.persona, b.principal, key, s, i, { name: roleName }),
        );
      }
      for (const [key, def] of Object.entries(custom)) {
        if ((def.personas ?? []).includes(b.persona)) {
          assign(b.persona, b.principal, key, props.workspaceId, 0, {
            id: this.roleDefinitions[key].roleDefinitionResourceId,
          });
        }
      }
    }
  }

  /** The role assignments of one principal (e.g. to make compute wait for its identity's roles). */
  public assignmentsOf(principal: string): RoleAssignment[] {
    return [...(this.byPrincipal.get(principal) ?? [])];
  }
}
