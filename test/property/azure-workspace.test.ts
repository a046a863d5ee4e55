// X-10 property test of AzureMLWorkspace: random bad values at random props of a valid platform
// (every prop of the baseline, nested ones included) either synthesize with no ERROR finding of
// AzureMlopsChecks, or fail with a ValidationError whose problems name props; never a TypeError,
// never silent insecurity. Seeded (harness.ts); PROPERTY_RUNS=N PROPERTY_SEED=S for longer runs.
import { assertNoSilentBadInput, baselineOutcome, pathsOf } from './harness';
import { SUBJECTS } from './azure-subjects';

/** Default runs: each is a full platform synth with the rule pack (about 0.5-1 s). */
const RUNS = 50;

describe('X-10 AzureMLWorkspace under random bad input (property)', () => {
  test('X-10 the baseline sets most props and synthesizes with no ERROR finding', () => {
    expect(pathsOf(SUBJECTS.workspace.baseline()).length).toBeGreaterThan(60);
    expect(baselineOutcome(SUBJECTS.workspace)).toEqual({ kind: 'ok' });
  });

  test('X-10 a mutated prop gives a clean synth or a ValidationError naming props', () => {
    assertNoSilentBadInput(SUBJECTS.workspace, RUNS);
  });
});
