import { IConstruct } from 'constructs';
import { IAspect, TerraformStack } from 'cdktf';
import {
  addAspect,
  armNextSerialization,
  disarmSerialization,
  serializeStack,
} from './cdktf-adapter';
import { formatFinding, isFailure } from './evaluate';
import { ComplianceReport } from './report';

// cdktf's `Testing.synth(stack)` (and `Testing.synthScope`, which calls it) invokes the stack's
// aspects and then serializes the stack with `stack.toTerraform()`, without the synthesizer and
// so without the custom synthesis that runs the packs at `app.synth()` / `Testing.fullSynth`
// (cdktf 0.21 lib/testing/index.ts). The one hook it leaves is the aspect pass: an aspect on the
// stack arms a check of the stack's next serialization (cdktf-adapter.ts) that runs the packs
// over the result and throws on failing findings, as `cdktf synth` fails. The synthesizer path
// disarms it before serializing (the engine's custom synthesis annotates instead).

/** The failing findings of a report, one line each (empty when the stack passes). */
export function failingFindings(report: ComplianceReport): string[] {
  return report.findings.filter((f) => isFailure(f, report.strict)).map(formatFinding);
}

/** Raised by `Testing.synth` / `Testing.synthScope` on a stack with failing findings. */
export class ComplianceFailure extends Error {
  public constructor(
    public readonly report: ComplianceReport,
    failures: string[],
  ) {
    super(
      `Compliance: stack '${report.stackName}' has ${failures.length} failing finding(s) ` +
        `(packs: ${report.packs.join(', ')}):\n  ${failures.join('\n  ')}\n` +
        'Fix them, suppress them with Compliance.suppress(scope, ruleId, reason), or assert ' +
        "them with toHaveFinding() from 'cdktf-secure-mlops/testing'.",
    );
    this.name = 'ComplianceFailure';
  }
}

class ArmOnAspects implements IAspect {
  public constructor(
    private readonly stack: TerraformStack,
    private readonly evaluate: (json: any) => ComplianceReport,
  ) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    armNextSerialization(this.stack, (json) => {
      const report = this.evaluate(json);
      const failures = failingFindings(report);
      if (failures.length > 0) throw new ComplianceFailure(report, failures);
    });
  }
}

/** Makes `Testing.synth(stack)` run the packs (see the comment at the top of this file). */
export function hookTestingSynth(
  stack: TerraformStack,
  evaluate: (json: any) => ComplianceReport,
): void {
  addAspect(stack, new ArmOnAspects(stack, evaluate));
}

/** Removes the armed `toTerraform` (the synthesizer runs the packs itself). */
export function disarmTestingSynth(stack: TerraformStack): void {
  disarmSerialization(stack);
}

/** The stack's Terraform JSON without running the packs (for matchers and reports). */
export function unhookedTerraform(stack: TerraformStack): any {
  return serializeStack(stack);
}
