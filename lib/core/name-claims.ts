import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

const CLAIMS = new WeakMap<IConstruct, Map<string, { path: string; prop: string }>>();

/**
 * The map a per-app registry (a WeakMap keyed by the app's root construct) keeps for the app
 * `scope` belongs to, created on first use.
 */
export function appRegistry<V>(
  registry: WeakMap<IConstruct, Map<string, V>>,
  scope: IConstruct,
): Map<string, V> {
  const root = scope.node.root;
  let map = registry.get(root);
  if (!map) registry.set(root, (map = new Map()));
  return map;
}

/**
 * Records that a construct creates a name that must be unique within a scope (a bucket name in
 * an account, a role name in a project, a Defender pricing tier in a subscription) and fails
 * synth when another construct of the same app already claimed it, naming both construct paths.
 *
 * `kind` says what the name is (e.g. `S3 bucket`), `scopeKey` where it must be unique (e.g. the
 * account and region, the project id, the subscription id), `prop` which prop it derives from.
 */
export function claimName(
  claimant: IConstruct,
  kind: string,
  scopeKey: string,
  name: string,
  prop: string,
  hint = 'give one of the two platforms another environment, id or name',
): void {
  const claims = appRegistry(CLAIMS, claimant);
  const key = `${kind}\u0000${scopeKey}\u0000${name}`;
  const previous = claims.get(key);
  const path = claimant.node.path;
  if (previous && previous.path !== path) {
    throw new ValidationError(path, [
      {
        prop,
        value: name,
        allowed: `a ${kind} name not already created in ${scopeKey} by ${previous.path} (${previous.prop}); ${hint}`,
      },
    ]);
  }
  claims.set(key, { path, prop });
}
