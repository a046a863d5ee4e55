import { ComplianceFinding, ComplianceReport } from './report';
import { ComplianceStatus, ResourceView, RuleLevel, RulePack, RuleProfile } from './rule';
import { StackView } from './stack-view';

/** A suppression of one rule on a resource (or everything under a construct). */
export interface Suppression {
  /** Rule id; a control id (e.g. `AWS-07`) also covers its facets (`AWS-07.encryption`). */
  readonly id: string;
  /** Why the finding is acceptable (at least 10 characters). */
  readonly reason: string;
}

/** The key under a resource's `//` metadata where suppressions are recorded. */
export const METADATA_KEY = 'secure_mlops';

/** Minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** Suppressions recorded in a resource's synthesized metadata. */
export function suppressionsOf(resource: ResourceView): Suppression[] {
  const list = resource.attributes?.['//']?.[METADATA_KEY]?.suppressions;
  return Array.isArray(list) ? list.filter((s) => typeof s?.id === 'string') : [];
}

function covers(suppression: Suppression, ruleId: string): boolean {
  return suppression.id === ruleId || ruleId.startsWith(`${suppression.id}.`);
}

/**
 * Runs rule packs over one synthesized stack (Terraform JSON). Pure: the same JSON gives the
 * same report. Suppressions are read from each resource's `//.secure_mlops.suppressions` and
 * count only with a reason of at least 10 characters.
 */
/** Options of a compliance run. */
export interface EvaluateOptions {
  /**
   * Which rules run: PLATFORM runs every rule; SECURITY leaves out the platform conventions.
   * @default RuleProfile.PLATFORM
   */
  readonly profile?: RuleProfile;
}

export function evaluateStack(
  stackName: string,
  json: any,
  packs: RulePack[],
  options: EvaluateOptions = {},
): ComplianceReport {
  const profile = options.profile ?? RuleProfile.PLATFORM;
  const view = new StackView(stackName, json);
  const findings: ComplianceFinding[] = [];
  for (const resource of view.resources()) {
    const suppressions = suppressionsOf(resource);
    for (const pack of packs) {
      for (const rule of pack.rules) {
        if (rule.resourceTypes && !rule.resourceTypes.includes(resource.type)) continue;
        if (profile === RuleProfile.SECURITY && rule.profile === RuleProfile.PLATFORM) continue;
        let status: ComplianceStatus;
        let detail: string | undefined;
        try {
          const result = rule.evaluate(resource, view);
          status = result.status;
          detail = result.detail;
        } catch (e) {
          status = ComplianceStatus.NON_COMPLIANT;
          detail = `rule raised an error: ${(e as Error).message}`;
        }
        if (status === ComplianceStatus.NOT_APPLICABLE) continue;
        if (status === ComplianceStatus.NON_COMPLIANT) {
          const s = suppressions.find(
            (x) =>
              covers(x, rule.id) &&
              typeof x.reason === 'string' &&
              x.reason.trim().length >= MIN_REASON_LENGTH,
          );
          if (s) {
            status = ComplianceStatus.SUPPRESSED;
            detail = s.reason;
          }
        }
        findings.push({
          ruleId: rule.id,
          pack: pack.name,
          level: rule.level,
          address: resource.address,
          constructPath: resource.constructPath,
          status,
          reason: detail,
          description: rule.description,
          fixHint: rule.fixHint,
        });
      }
    }
  }
  findings.sort((a, b) =>
    a.address === b.address
      ? a.ruleId < b.ruleId
        ? -1
        : a.ruleId > b.ruleId
          ? 1
          : 0
      : a.address < b.address
        ? -1
        : 1,
  );
  const count = (f: (x: ComplianceFinding) => boolean) => findings.filter(f).length;
  const nonCompliant = (x: ComplianceFinding) => x.status === ComplianceStatus.NON_COMPLIANT;
  return {
    stackName,
    packs: packs.map((p) => p.name),
    summary: {
      compliant: count((x) => x.status === ComplianceStatus.COMPLIANT),
      nonCompliant: count(nonCompliant),
      suppressed: count((x) => x.status === ComplianceStatus.SUPPRESSED),
      errors: count((x) => nonCompliant(x) && x.level === RuleLevel.ERROR),
      warnings: count((x) => nonCompliant(x) && x.level === RuleLevel.WARNING),
      unknown: count((x) => x.status === ComplianceStatus.UNKNOWN),
    },
    findings,
  };
}

/** One line per finding, for error messages and the CLI. */
export function formatFinding(f: ComplianceFinding): string {
  const reason = f.reason ? ` (${f.reason})` : '';
  return `[${f.ruleId}] ${f.address}: ${f.description}${reason}. Fix: ${f.fixHint}`;
}
