import { FrameworkMapping } from './rule';

/** One framework's part of a pack's framework table: the control ids per rule id. */
export interface FrameworkTableSection {
  /** Framework id (e.g. `cis-aws-3.0.0`, `nist-800-53-r5`). */
  readonly framework: string;
  /** Control ids in that framework per rule id, in table order. */
  readonly rules: { readonly [ruleId: string]: string[] };
}

/**
 * A pack's framework table (see {@link RulePack}) written one section per framework: one
 * mapping per rule id of each section, in the order written.
 */
export function frameworkTable(...sections: FrameworkTableSection[]): FrameworkMapping[] {
  return sections.flatMap((s) =>
    Object.entries(s.rules).map(([ruleId, controls]) => ({
      ruleId,
      framework: s.framework,
      controls,
    })),
  );
}
