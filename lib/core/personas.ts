import { IConstruct } from 'constructs';
import { Validator } from './errors';

/**
 * The cloud-neutral persona model. Every platform construct maps these to its cloud:
 * IAM roles, service accounts with custom roles, or RBAC role assignments.
 */
export enum Persona {
  /** Administers the platform: creates domains/workspaces, keys, networks. No training or deployment rights. */
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
  /** Builds pipelines, manages and approves models in the registry, deploys through pipelines. */
  ML_ENGINEER = 'ML_ENGINEER',
  /** Explores data and trains models in notebooks; registers (but cannot approve) models. */
  DATA_SCIENTIST = 'DATA_SCIENTIST',
  /** Prepares data: write access on data buckets/datasets only. */
  DATA_ENGINEER = 'DATA_ENGINEER',
  /** Read-only business user of models and their metrics. */
  MODEL_VIEWER = 'MODEL_VIEWER',
  /** Read-only access plus audit logs. */
  AUDITOR = 'AUDITOR',
  /** Workload identity that runs pipelines. */
  PIPELINE = 'PIPELINE',
  /** Workload identity that runs training and processing jobs. */
  TRAINING = 'TRAINING',
  /** Workload identity that deploys models to endpoints. */
  DEPLOYMENT = 'DEPLOYMENT',
  /** Workload identity that monitors models and endpoints. */
  MONITORING = 'MONITORING',
}

/**
 * An explicit, reasoned exception to segregation of duties: lets one principal hold personas
 * that would otherwise conflict.
 */
export interface SodException {
  /** The principal (ARN, member string, object id, ...) allowed to hold the personas. */
  readonly principal: string;
  /** The conflicting personas this principal may hold together. */
  readonly personas: Persona[];
  /** Why the exception is acceptable (at least 10 characters; recorded for auditors). */
  readonly reason: string;
}

/**
 * Tells when two spellings of a principal are one identity, by the cloud's rules (an AWS account
 * id and its `:root` ARN; GCP member emails and Entra object ids compared case-insensitively).
 * Each cloud passes its own to {@link PersonaModel.validate}.
 */
export interface IPrincipalCanonicalizer {
  /** The canonical form of a principal: two principals are one identity when these are equal. */
  canonicalize(principal: string): string;
}

/** One principal bound to one persona. */
export interface PersonaBinding {
  /** The persona. */
  readonly persona: Persona;
  /** The principal holding it. */
  readonly principal: string;
}

const HUMAN: Persona[] = [
  Persona.PLATFORM_ADMIN,
  Persona.ML_ENGINEER,
  Persona.DATA_SCIENTIST,
  Persona.DATA_ENGINEER,
  Persona.MODEL_VIEWER,
  Persona.AUDITOR,
];
const WORKLOAD: Persona[] = [
  Persona.PIPELINE,
  Persona.TRAINING,
  Persona.DEPLOYMENT,
  Persona.MONITORING,
];

/** Pairs of personas that one principal may not hold together, with the reason. */
const CONFLICTS: Array<[Persona, Persona, string]> = [
  [
    Persona.TRAINING,
    Persona.DEPLOYMENT,
    'the identity that trains must not deploy to production endpoints',
  ],
  [
    Persona.PIPELINE,
    Persona.DEPLOYMENT,
    'the pipeline identity acts as the training identity, so it must not deploy',
  ],
  [
    Persona.DATA_SCIENTIST,
    Persona.ML_ENGINEER,
    'model registration and model approval are maker and checker',
  ],
  [
    Persona.PLATFORM_ADMIN,
    Persona.AUDITOR,
    'auditors must be independent of the administrators they audit',
  ],
];

/** The persona model and its segregation-of-duties matrix. */
export class PersonaModel {
  /** Personas held by people. */
  public static readonly HUMAN: Persona[] = HUMAN;
  /** Personas held by workload identities. */
  public static readonly WORKLOAD: Persona[] = WORKLOAD;

  /** True for workload identities (pipeline, training, deployment, monitoring). */
  public static isWorkload(persona: Persona): boolean {
    return WORKLOAD.includes(persona);
  }

  /** Why two personas may not be held by one principal, or undefined when they may. */
  public static conflict(a: Persona, b: Persona): string | undefined {
    if (a === b) return undefined;
    if (PersonaModel.isWorkload(a) !== PersonaModel.isWorkload(b)) {
      return "no human persona may hold a workload identity's rights";
    }
    for (const [x, y, why] of CONFLICTS) {
      if ((a === x && b === y) || (a === y && b === x)) return why;
    }
    return undefined;
  }

  /**
   * Validates a persona → principals map and its segregation of duties. Throws one
   * ValidationError listing unknown personas, empty principals, conflicts without an exception,
   * and exceptions without a sufficient reason. Returns the bindings, in persona order.
   */
  public static validate(
    scope: IConstruct,
    prop: string,
    personas: { [persona: string]: string[] } | undefined,
    exceptions?: SodException[],
    canonicalizer?: IPrincipalCanonicalizer,
  ): PersonaBinding[] {
    const v = new Validator(scope);
    const bindings: PersonaBinding[] = [];
    const all = Object.values(Persona) as string[];
    const canonical = (p: string) => (canonicalizer ? canonicalizer.canonicalize(p) : p);
    if (v.object(prop, personas)) {
      for (const [key, principals] of Object.entries(personas ?? {})) {
        if (!all.includes(key)) {
          v.add(`${prop}`, key, `persona names: ${all.join(', ')}`);
          continue;
        }
        if (!v.stringList(`${prop}.${key}`, principals)) continue;
        for (const principal of principals ?? []) {
          bindings.push({ persona: key as Persona, principal });
        }
      }
    }
    const validExceptions: SodException[] = [];
    if (exceptions !== undefined && !Array.isArray(exceptions)) {
      v.add('sodExceptions', exceptions, 'a list of { principal, personas, reason }');
    } else {
      (exceptions ?? []).forEach((ex, i) => {
        const at = `sodExceptions[${i}]`;
        if (!v.object(at, ex, { optional: false })) return;
        const principalOk = v.string(`${at}.principal`, ex.principal, { optional: false });
        const personasOk =
          v.stringList(`${at}.personas`, ex.personas, { optional: false }) &&
          ex.personas
            .map((p, j) => v.enumValue(`${at}.personas[${j}]`, p, all, false))
            .every((x) => x);
        const reasonOk = typeof ex.reason === 'string' && ex.reason.trim().length >= 10;
        if (!reasonOk) v.add(`${at}.reason`, ex.reason, 'a reason of at least 10 characters');
        if (principalOk && personasOk && reasonOk) validExceptions.push(ex);
      });
    }
    const byPrincipal = new Map<string, { spellings: string[]; held: Persona[] }>();
    for (const b of bindings) {
      const key = canonical(b.principal);
      const entry = byPrincipal.get(key) ?? { spellings: [], held: [] };
      if (!entry.held.includes(b.persona)) entry.held.push(b.persona);
      if (!entry.spellings.includes(b.principal)) entry.spellings.push(b.principal);
      byPrincipal.set(key, entry);
    }
    for (const [key, { spellings, held }] of byPrincipal) {
      for (let i = 0; i < held.length; i++) {
        for (let j = i + 1; j < held.length; j++) {
          const why = PersonaModel.conflict(held[i], held[j]);
          if (!why) continue;
          const excepted = validExceptions.some(
            (ex) =>
              canonical(ex.principal) === key &&
              ex.personas.includes(held[i]) &&
              ex.personas.includes(held[j]),
          );
          if (!excepted) {
            v.add(
              prop,
              `${spellings.join(' = ')} as ${held[i]} and ${held[j]}`,
              `one principal per conflicting persona (${why}); or an sodExceptions entry with a reason`,
            );
          }
        }
      }
    }
    v.throwIfInvalid();
    const order = all;
    return bindings.sort((a, b) => order.indexOf(a.persona) - order.indexOf(b.persona));
  }
}
