import { AwsMlopsChecks } from '../aws/rules';
import { AzureMlopsChecks } from '../azure/rules';
import { RulePack } from '../core/compliance/rule';
import { GcpMlopsChecks } from '../gcp/rules';

/** The rule packs the CLI runs, by short name. */
export function allPacks(): { [name: string]: RulePack } {
  return { aws: new AwsMlopsChecks(), gcp: new GcpMlopsChecks(), azure: new AzureMlopsChecks() };
}
