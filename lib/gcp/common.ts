import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { TerraformResource, TerraformStack, Token } from 'cdktf';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Validator } from '../core/errors';
import { DeletionProtection, RemovalPolicy, applyRemovalPolicy } from '../core/removal-policy';
import { kmsLocationServes } from './locations';
import { KMS_KEY_ID, checkInstance, checkPattern } from './validation';

/** Internal helpers shared by the GCP constructs (not exported from the package). */

const KEY_LOCATION = /\/locations\/([A-Za-z0-9-]+)\/keyRings\//;
const KEY_ID = /^projects\/[^/]+\/locations\/[A-Za-z0-9-]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** The location of a Cloud KMS key or key ring id, or undefined when unknown (token). */
export function keyLocation(keyId: string | undefined): string | undefined {
  if (typeof keyId !== 'string' || Token.isUnresolved(keyId)) return undefined;
  const m = KEY_LOCATION.exec(keyId);
  return m ? m[1] : undefined;
}

/** Checks a bring-your-own key id's form. */
export function checkKeyId(v: Validator, prop: string, keyId: string | undefined): void {
  if (keyId === undefined || Token.isUnresolved(keyId)) return;
  v.require(
    typeof keyId === 'string' && KEY_ID.test(keyId),
    prop,
    keyId,
    'a Cloud KMS key id projects/P/locations/L/keyRings/R/cryptoKeys/K',
  );
}

/**
 * GCP-06: a CMEK key must be in the same location as the resource it encrypts. Records a
 * problem when both are known and differ (case-insensitive).
 */
export function checkKeyMatchesLocation(
  v: Validator,
  prop: string,
  keyId: string | undefined,
  location: string | undefined,
): void {
  const kl = keyLocation(keyId);
  if (kl === undefined || typeof location !== 'string' || Token.isUnresolved(location)) return;
  if (!kmsLocationServes(kl, location)) {
    v.add(
      prop,
      keyId,
      `a key in location '${location}' (the resource's location; key and resource regions must match, GCP-06)`,
    );
  }
}

/**
 * A CMEK key prop: a Cloud KMS key id (`allowed` says which, as the problem reads), and, when it
 * is one, a key in the resource's location ({@link checkKeyMatchesLocation}, GCP-06).
 */
export function checkCmekKey(
  v: Validator,
  prop: string,
  keyId: string | undefined,
  location: string | undefined,
  allowed: string,
): void {
  if (checkPattern(v, prop, keyId, KMS_KEY_ID, allowed))
    checkKeyMatchesLocation(v, prop, keyId, location);
}

/** A short, stable hash of a string, for construct ids derived from member strings. */
export function shortHash(value: string, length = 8): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

/** A role granted to a member on one resource (a resource-level binding, GCP-03). */
export interface GcpIamGrant {
  /** Role, e.g. roles/storage.objectViewer. */
  readonly role: string;
  /** Member (user:, group:, serviceAccount:...). */
  readonly member: string;
  /**
   * Stable key of the member for the construct id (required when member is a token).
   * @default - the member
   */
  readonly key?: string;
}

/**
 * A stable construct id for a binding of a (predefined) role to a member. Token members (whose
 * string form changes with token numbering) need a stable key, or Terraform addresses would move.
 */
export function bindingId(role: string, member: string, key?: string): string {
  const k = key ?? member;
  if (Token.isUnresolved(k) || Token.isUnresolved(role)) {
    throw new Error(
      `bindingId: role '${role}' / member '${member}' is a token; pass a stable key (and a literal role) for the construct id`,
    );
  }
  return memberId(role.replace(/^roles\//, '').replace(/\./g, '-'), k);
}

/**
 * An idempotent binding: the child `id` of `scope` when there is one, else the binding `make`
 * creates with that id, appended to `bindings`.
 */
export function bindOnce<T extends IConstruct>(
  scope: IConstruct,
  id: string,
  bindings: T[],
  make: (id: string) => T,
): T {
  const existing = scope.node.tryFindChild(id);
  if (existing) return existing as T;
  const b = make(id);
  bindings.push(b);
  return b;
}

/**
 * Ends the constructor of a data part that takes `grants` (registry, dataset, bucket): the
 * removal policy on its resources (with the resource type's `protection`), then the part's
 * grant() for each of the props' grants, in order.
 */
export function finishGrantingPart(
  part: { grant(role: string, member: string, key?: string): unknown },
  resources: TerraformResource[],
  props: { readonly removalPolicy?: RemovalPolicy; readonly grants?: GcpIamGrant[] },
  protection?: DeletionProtection,
): void {
  for (const r of resources) applyRemovalPolicy(r, props.removalPolicy, protection);
  for (const g of props.grants ?? []) part.grant(g.role, g.member, g.key);
}

/** Sanitizes a string into a construct-id friendly token. */
export function idPart(value: string): string {
  return value
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 40);
}

/** A construct id for a binding of `member` (readable prefix + hash, stable under reordering). */
export function memberId(prefix: string, member: string): string {
  return `${prefix}-${shortHash(member)}`;
}

/**
 * The google-beta provider used for resources the GA provider lacks (service identities, the
 * Vertex AI metadata store). Uses `given`, else the first GoogleBetaProvider declared in the
 * stack, else declares one (id `google-beta`) in the stack with the platform region.
 */
export function betaProvider(
  scope: IConstruct,
  region: string,
  given?: GoogleBetaProvider,
): GoogleBetaProvider {
  if (given) return given;
  const stack = TerraformStack.of(scope);
  const existing = stack.node.findAll().find((c) => c instanceof GoogleBetaProvider) as
    GoogleBetaProvider | undefined;
  if (existing) return existing;
  const child = stack.node.tryFindChild('google-beta');
  if (child instanceof GoogleBetaProvider) return child;
  return new GoogleBetaProvider(stack, 'google-beta', { region });
}

/** The `betaProvider` prop: undefined, or a GoogleBetaProvider. */
export function checkBetaProvider(v: Validator, value: unknown): void {
  checkInstance(v, 'betaProvider', value, GoogleBetaProvider, 'a GoogleBetaProvider');
}

/**
 * The hashicorp/time provider of the stack (for `time_sleep` propagation waits): the first one
 * declared, else one declared with id `time`.
 */
export function timeProvider(scope: IConstruct): TimeProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.findAll().find((c) => c instanceof TimeProvider) as
    TimeProvider | undefined;
  if (existing) return existing;
  return new TimeProvider(stack, 'time');
}

/** A numeric (no leading zero, at most 10 digits) name derived from the construct path (Vertex endpoints). */
export function numericName(scope: IConstruct): string {
  const hex = createHash('sha256').update(scope.node.path).digest('hex').slice(0, 12);
  const n = (parseInt(hex, 16) % 9_000_000_000) + 1_000_000_000;
  return String(n);
}

/** Validates a list of IAM member strings. */
export function checkMembers(
  v: Validator,
  prop: string,
  members: string[] | undefined,
  validate: (m: string) => string | undefined,
): void {
  (members ?? []).forEach((m, i) => v.check(`${prop}[${i}]`, m, validate(m)));
}
