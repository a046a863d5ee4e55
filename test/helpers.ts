import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { Compliance, ComplianceReport, RulePack } from '../lib';

/**
 * Synthesizes a stack (aspects included) and returns its Terraform JSON with cdktf's `//`
 * metadata kept (construct paths, suppressions), as the compliance engine sees it.
 */
export function synthJson(stack: TerraformStack): any {
  invokeAspects(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** The resource of `type` whose construct path ends with `pathSuffix` (e.g. 'ml/bucket'). */
export function resourceAt(json: any, type: string, pathSuffix: string): any {
  const all = json.resource?.[type] ?? {};
  const hits = Object.values(all).filter((r: any) => {
    const p: string = r?.['//']?.metadata?.path ?? '';
    return p === pathSuffix || p.endsWith(`/${pathSuffix}`);
  });
  if (hits.length !== 1) {
    throw new Error(
      `expected one ${type} at '${pathSuffix}', found ${hits.length} among ${Object.keys(all).join(', ')}`,
    );
  }
  return hits[0];
}

/** Synthesizes a stack and runs the given packs over it (compliant results listed too). */
export function evaluate(stack: TerraformStack, ...packs: RulePack[]): ComplianceReport {
  Testing.synth(stack);
  const engine = Compliance.of(stack);
  packs.forEach((p) => engine.addPack(p));
  return engine.evaluate(stack, { includeCompliant: true });
}

/** Resources of one type in synthesized JSON, as a map name -> attributes. */
export function resourcesOf(json: any, type: string): { [name: string]: any } {
  return json.resource?.[type] ?? {};
}

/** A fresh App writing to a temporary directory, plus that directory. */
export function tempApp(): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-mlops-test-'));
  return { app: new App({ outdir, skipValidation: false }), outdir };
}

/** One example synthesized on its own: its first stack's JSON, compliance report and resource addresses. */
export function synthExample(build: (app: App) => TerraformStack[]): {
  json: any;
  report: ComplianceReport;
  addresses: string[];
} {
  const app = Testing.app();
  const [stack] = build(app);
  const json = synthJson(stack);
  const report = Compliance.of(app).evaluate(stack, { includeCompliant: true });
  const addresses = Object.entries<any>(json.resource)
    .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
    .sort();
  return { json, report, addresses };
}
