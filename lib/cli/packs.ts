import { AwsMlopsChecks } from '../aws/rules';
import { AzureMlopsChecks } from '../azure/rules';
import { RulePack } from '../core/compliance/rule';
import { StackView } from '../core/compliance/stack-view';
import { GcpMlopsChecks } from '../gcp/rules';

/** A pack the CLI knows, and how to tell that a stack uses its cloud. */
interface KnownPack {
  readonly create: () => RulePack;
  /** Resource / data source type prefixes of the cloud. */
  readonly prefixes: string[];
  /** Provider names of the cloud. */
  readonly providers: string[];
}

const KNOWN: { [name: string]: KnownPack } = {
  aws: { create: () => new AwsMlopsChecks(), prefixes: ['aws_'], providers: ['aws'] },
  gcp: {
    create: () => new GcpMlopsChecks(),
    prefixes: ['google_'],
    providers: ['google', 'google-beta'],
  },
  azure: {
    create: () => new AzureMlopsChecks(),
    prefixes: ['azurerm_', 'azapi_'],
    providers: ['azurerm', 'azapi'],
  },
};

/** The short names of the packs the CLI runs. */
export function packNames(): string[] {
  return Object.keys(KNOWN);
}

const cache = new Map<string, RulePack>();

/** The pack of a short name (created once). */
export function pack(name: string): RulePack {
  let p = cache.get(name);
  if (!p) {
    p = KNOWN[name].create();
    cache.set(name, p);
  }
  return p;
}

/** The rule packs the CLI runs, by short name. */
export function allPacks(): { [name: string]: RulePack } {
  return Object.fromEntries(packNames().map((n) => [n, pack(n)]));
}

/** The short names of the packs whose cloud a stack uses (its providers and resource types). */
export function packsFor(view: StackView): string[] {
  const types = [...Object.keys(view.json.resource ?? {}), ...Object.keys(view.json.data ?? {})];
  const providers = Object.keys(view.json.provider ?? {});
  return packNames().filter(
    (n) =>
      KNOWN[n].providers.some((p) => providers.includes(p)) ||
      types.some((t) => KNOWN[n].prefixes.some((prefix) => t.startsWith(prefix))),
  );
}
